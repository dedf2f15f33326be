//! `article20-misplaced-row`: a 第二十条 row whose label does not belong to its block.

use nianbao_model::template::{a20_caption, a20_row_matches, a20_specs};
use nianbao_model::Report;

use super::article20::spec;
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-misplaced-row",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格某行的标签不属于它所在的那一项",
    doc: r#"
### 作用
每块第二十条表格只有固定的几行：第（一）项「规章」「规范性文件」（2021 年版为「行政规范性文件」），第（五）项「行政许可」「其他对外管理服务事项」（2021 年版只有「行政许可」），第（六）项「行政处罚」「行政强制」，第（八）项「行政事业性收费」，第（九）项「政府集中采购」。本检查标出不属于所在块的行。

### 原因
放错块的行会被当作另一项统计，例如把「行政处罚」写在第（五）项下。

### 示例
```diff
- 行政许可	100	-3	860
+ 行政处罚	100	-3	860
```
「行政处罚」属于第（六）项，却写在第（五）项中。

### 修复
没有自动修复：请把该行移到正确的项目下，或改正其标签。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for block in &report.article20 {
        let Some((format, spec)) = spec(report, block) else {
            continue;
        };
        for row in &block.rows {
            if spec.rows.iter().any(|r| a20_row_matches(r, &row.label)) {
                continue;
            }
            let range = if row.label_range.is_empty() {
                row.range
            } else {
                row.label_range
            };
            let home = a20_specs(format)
                .iter()
                .find(|s| s.rows.iter().any(|r| a20_row_matches(r, &row.label)));
            let caption = a20_caption(spec.item);
            let message = match home {
                Some(home) => format!(
                    "「{}」不属于「{caption}」，应在「{}」",
                    row.label_text,
                    a20_caption(home.item)
                ),
                None => format!(
                    "「{}」不是「{caption}」的行；该项只有「{}」",
                    row.label_text,
                    spec.rows.join("」「")
                ),
            };
            sink.report(range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_rows_in_the_wrong_block() {
        let text = replace(
            VALID_2019,
            "其他对外管理服务事项\t20\t2\t35",
            "行政处罚\t20\t2\t35",
        );
        let text = replace(&text, "行政强制\t5\t0\t9", "行政征收\t5\t0\t9");
        expect![[r#"
            24:1 error article20-misplaced-row 「行政处罚」不属于「第二十条第（五）项」，应在「第二十条第（六）项」
            28:1 error article20-misplaced-row 「行政征收」不是「第二十条第（六）项」的行；该项只有「行政处罚」「行政强制」
        "#]]
        .assert_eq(&findings("article20-misplaced-row", &text));
    }

    #[test]
    fn no_finding_on_the_template_rows() {
        assert_eq!(findings("article20-misplaced-row", VALID_2019), "");
    }
}
