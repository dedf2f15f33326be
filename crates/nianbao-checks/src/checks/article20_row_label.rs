//! `article20-row-label`: a 第二十条 row named as the 2019 format names it in a report of
//! the 2021 format (「规范性文件」 for 行政规范性文件): read as the row, noted once.

use nianbao_model::template::{a20_spec, Format};
use nianbao_model::Report;

use crate::{Applicability, Check, Severity, Sink, Subject, TextEdit, Timing};

pub static CHECK: Check = Check {
    code: "article20-row-label",
    severity: Severity::Info,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Safe),
    summary: "2021 年版格式的第二十条表格用了 2019 年版的行名（如「规范性文件」）",
    doc: r#"
### 作用
2021 年版格式第二十条第（一）项的第二行是「行政规范性文件」，2019 年版是「规范性文件」。2021 年度起的报告仍写「规范性文件」时，nianbao 照常把这一行读作「行政规范性文件」（数字参与校验），并提示一次。表头整体属于 2019 年版时见 `article20-other-format`；2019 年度报告写「行政规范性文件」不提示。

### 原因
两个名称指同一类文件，数字可以照常汇总；但 2021 年版模板的行名是「行政规范性文件」，统一写法便于汇总比较。

### 示例
```diff 2021
- 行政规范性文件	12	3	40
+ 规范性文件	12	3	40
```
提示「规范性文件」是 2019 年版格式的行名，应为「行政规范性文件」。

### 修复
「改为 行政规范性文件」：只改行名，数字不变（安全）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    if report.format != Format::F2021 {
        return;
    }
    let other = report.format.other();
    for block in &report.article20 {
        let Some(item) = block.item else { continue };
        let (Some(spec), Some(other_spec)) = (a20_spec(report.format, item), a20_spec(other, item))
        else {
            continue;
        };
        // (Under a header of the other format, the header is what is said.)
        if block.header.as_ref().is_some_and(|h| h.format(item) == Some(other)) {
            continue;
        }
        for row in &block.rows {
            if spec.rows.contains(&row.label.as_str()) {
                continue;
            }
            let Some(at) = other_spec.rows.iter().position(|r| *r == row.label) else {
                continue;
            };
            let Some(should) = spec.rows.get(at) else {
                continue;
            };
            let mut reported = sink.report(
                    row.label_range,
                    format!(
                        "「{}」是 {}的行名；本报告适用 {}，此行应为「{should}」（已按此行读取）",
                        row.label_text,
                        other.label(),
                        report.format.label()
                    ),
                );
            reported.about(Subject::A20Block { item });
            // Only a label written as it reads (no markup, no space inside) is rewritten.
            if row.label_range.len() == row.label_text.len() {
                reported.fix(format!("改为 {should}"), vec![TextEdit {
                    range: row.label_range,
                    new_text: (*should).into(),
                }]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn a_2019_row_label_in_a_2021_report_is_noted_once() {
        let text = replace(VALID_2021, "行政规范性文件\t", "规范性文件\t");
        expect![[r#"
            20:1 info article20-row-label 「规范性文件」是 2019 年版格式的行名；本报告适用 2021 年版格式，此行应为「行政规范性文件」（已按此行读取）
                fix (Safe) 改为 行政规范性文件: "规范性文件"→"行政规范性文件"
        "#]]
        .assert_eq(&findings("article20-row-label", &text));
        assert_eq!(findings("article20-missing-row", &text), "");
        assert_eq!(findings("article20-other-format", &text), "");
    }

    #[test]
    fn nothing_in_a_tidy_report_nor_for_the_later_label_in_a_2019_one() {
        assert_eq!(findings("article20-row-label", VALID_2021), "");
        let text = replace(VALID_2019, "规范性文件\t", "行政规范性文件\t");
        assert_eq!(findings("article20-row-label", &text), "");
    }
}
