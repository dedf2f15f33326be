//! `nonstandard-part-title`: a part title close to, but not, the standard one.

use nianbao_model::{Report, TitleMatch};

use crate::{Applicability, Check, Severity, Sink, Subject, TextEdit, Timing};

pub static CHECK: Check = Check {
    code: "nonstandard-part-title",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Safe),
    summary: "部分标题不是标准标题（用词或编号与模板不同）",
    doc: r#"
### 作用
部分标题应使用模板中的标准标题（或格式通知中使用的较长标题，如「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」）。与标准标题相近但不同的标题（如「四、政府信息公开行政复议与行政诉讼情况」「五、存在的主要问题及明年工作计划」），以及编号与内容不符的标题，由本检查报告。

### 原因
标准标题便于读者查找和机器汇总；编号与内容不符常常说明漏了一个部分。

### 示例
```diff
- ## 四、政府信息公开行政复议、行政诉讼情况
+ ## 四、政府信息公开行政复议与行政诉讼情况
```
提示应为「四、政府信息公开行政复议、行政诉讼情况」。

### 修复
「改为标准标题」：把标题文字替换为标准标题，Markdown 标记（`#`、`**`）保持不变（安全）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for heading in &report.parts {
        let numeral_ok = heading.numeral == heading.part.number();
        if heading.title != TitleMatch::Variant && numeral_ok {
            continue;
        }
        let standard = heading.part.full_title();
        let why = if numeral_ok {
            "不是标准标题"
        } else {
            "的编号与内容不符"
        };
        let mut d = sink.report(
            heading.text_range,
            format!("标题「{}」{why}，应为「{standard}」", heading.text.trim()),
        );
        d.about(Subject::Part(heading.part.number()));
        // A title read through markup (HTML) is not rewritten: its range holds tags too.
        if !heading.markup {
            d.fix(
                format!("改为标准标题「{standard}」"),
                vec![TextEdit {
                    range: heading.text_range,
                    new_text: standard.as_str().into(),
                }],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_variants_and_wrong_numerals_with_a_fix() {
        let text = replace(
            VALID_2019,
            "## 四、政府信息公开行政复议、行政诉讼情况",
            "## 四、政府信息公开行政复议与行政诉讼情况",
        );
        let text = replace(
            &text,
            "## 六、其他需要报告的事项",
            "## 七、其他需要报告的事项",
        );
        expect![[r#"
            65:4 warning nonstandard-part-title 标题「四、政府信息公开行政复议与行政诉讼情况」不是标准标题，应为「四、政府信息公开行政复议、行政诉讼情况」
                fix (Safe) 改为标准标题「四、政府信息公开行政复议、行政诉讼情况」: "四、政府信息公开行政复议与行政诉讼情况"→"四、政府信息公开行政复议、行政诉讼情况"
            76:4 warning nonstandard-part-title 标题「七、其他需要报告的事项」的编号与内容不符，应为「六、其他需要报告的事项」
                fix (Safe) 改为标准标题「六、其他需要报告的事项」: "七、其他需要报告的事项"→"六、其他需要报告的事项"
        "#]]
        .assert_eq(&findings("nonstandard-part-title", &text));
    }

    #[test]
    fn accepted_long_titles_pass_silently() {
        let text = replace(
            VALID_2019,
            "## 四、政府信息公开行政复议、行政诉讼情况",
            "## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        );
        assert_eq!(findings("nonstandard-part-title", &text), "");
    }
}
