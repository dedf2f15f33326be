//! `number-style`: numbers written with full-width digits or thousands separators. They
//! are read correctly; the note is about consistency.

use nianbao_model::Report;

use crate::{Applicability, Check, Severity, Sink, TextEdit, Timing};

pub static CHECK: Check = Check {
    code: "number-style",
    severity: Severity::Info,
    timing: Timing::Immediate,
    fix: Some(Applicability::Safe),
    summary: "数字使用了全角字符、千位分隔符或带量词（能正确读取，仅提示统一格式）",
    doc: r#"
### 作用
表格中的数字若使用全角数字（`１２３`）、千位分隔符（`1,234`），或件数后带量词（`2笔`、`3件`），nianbao 能正确读取，但会给出提示。

### 原因
同一份报告中数字写法不一，影响阅读和机器汇总；全角数字在很多统计工具中读不出来。

### 示例
```diff
- 规章	1	1	5
+ 规章	１	１	５
```
`１` 提示「数字使用了全角字符」；`1,234` 提示「数字使用了千位分隔符」；`2笔` 提示「数字使用了量词「笔」」。

### 修复
「改为 123」：换成半角数字、去掉分隔符和量词，数值不变（安全）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for cell in report.value_cells() {
        let Some(n) = cell.number() else { continue };
        if !(n.full_width || n.thousands || n.counter.is_some()) {
            continue;
        }
        let counter = n.counter.map(|c| format!("量词「{c}」"));
        let what = [
            n.full_width.then(|| "全角字符".to_string()),
            n.thousands.then(|| "千位分隔符".to_string()),
            counter,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("和");
        let plain = format!("{}{}", n.value, n.unit.map_or("", |u| u.as_str()));
        sink.report(
            cell.range,
            format!(
                "数字「{}」使用了{what}；建议写作「{plain}」",
                cell.text.trim()
            ),
        )
        .fix(format!("改为 {plain}"), vec![TextEdit {
                range: cell.range,
                new_text: plain.as_str().into(),
            }]);
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn notes_full_width_and_thousands() {
        let text = replace(
            VALID_2019,
            "行政许可\t100\t-3\t860",
            "行政许可\t１００\t-3\t860",
        );
        let text = replace(
            &text,
            "一、本年新收政府信息公开申请数量\t\t\t40\t5\t1\t0\t2\t1\t49",
            "一、本年新收政府信息公开申请数量\t\t\t1,040\t5\t1\t0\t2\t1\t1,049",
        );
        let found = findings("number-style", &text);
        expect![[r#"
            23:6 info number-style 数字「１００」使用了全角字符；建议写作「100」
                fix (Safe) 改为 100: "１００"→"100"
            41:20 info number-style 数字「1,040」使用了千位分隔符；建议写作「1040」
                fix (Safe) 改为 1040: "1,040"→"1040"
            41:36 info number-style 数字「1,049」使用了千位分隔符；建议写作「1049」
                fix (Safe) 改为 1049: "1,049"→"1049"
        "#]]
        .assert_eq(&found);
    }

    #[test]
    fn a_count_with_its_measure_word_is_read_and_noted() {
        let text = replace(
            VALID_2019,
            "行政许可\t100\t-3\t860",
            "行政许可\t100笔\t-3\t860",
        );
        expect![[r#"
            23:6 info number-style 数字「100笔」使用了量词「笔」；建议写作「100」
                fix (Safe) 改为 100: "100笔"→"100"
        "#]]
        .assert_eq(&findings("number-style", &text));
        assert_eq!(findings("article20-not-a-number", &text), "");
    }

    #[test]
    fn no_note_on_plain_numbers() {
        assert_eq!(findings("number-style", VALID_2019), "");
    }
}
