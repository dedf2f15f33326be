//! `article20-missing-row`: a required row absent from a 第二十条 block.

use nianbao_model::template::{a20_caption, a20_row_matches};
use nianbao_model::Report;

use super::article20::spec;
use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "article20-missing-row",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: None,
    summary: "第二十条表格某项缺少模板要求的行",
    doc: r#"
### 作用
检查每块第二十条表格是否有模板要求的全部行（如第（六）项要有「行政处罚」和「行政强制」）。

### 原因
缺行即缺少相应的法定统计；没有发生的情况应填 0 而不是删去整行。

### 示例
```diff
- 其他对外管理服务事项	20	2	35
```
第（五）项只有「行政许可」一行（2019 年版还应有「其他对外管理服务事项」）。

### 修复
没有自动修复：请补上该行。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for block in &report.article20 {
        let Some((_, spec)) = spec(report, block) else {
            continue;
        };
        for (row, required) in spec.rows.iter().enumerate() {
            if !block
                .rows
                .iter()
                .any(|r| a20_row_matches(required, &r.label))
            {
                sink.report(
                    block.caption_range,
                    format!("「{}」缺少「{required}」行", a20_caption(spec.item)),
                )
                .about(Subject::A20Row {
                    item: spec.item,
                    row: row as u8,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_missing_rows() {
        let text = replace(VALID_2019, "其他对外管理服务事项\t20\t2\t35\n", "");
        expect![[r#"
            21:1 error article20-missing-row 「第二十条第（五）项」缺少「其他对外管理服务事项」行
        "#]]
        .assert_eq(&findings("article20-missing-row", &text));
    }

    #[test]
    fn no_finding_with_every_row() {
        assert_eq!(findings("article20-missing-row", VALID_2019), "");
    }
}
