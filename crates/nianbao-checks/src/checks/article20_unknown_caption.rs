//! `article20-unknown-caption`: a `第二十条第（N）项` caption that names no block of either
//! format.

use nianbao_model::template::a20_spec;
use nianbao_model::{Format, Report};

use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-unknown-caption",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "「第二十条第（N）项」的项目编号不在年度报告格式中",
    doc: r#"
### 作用
第二部分的表格按《政府信息公开条例》第二十条的项目分块：2019 年版格式有第（一）（五）（六）（八）（九）项，2021 年版格式有第（一）（五）（六）（八）项。本检查报告其他编号（如「第二十条第（七）项」）或读不出编号的标题行。

### 原因
格式中没有的项目无法与模板对照，多半是编号写错。

### 示例
```diff
- 第二十条第（九）项			
+ 第二十条第（七）项			
```
第二十条第（七）项不是年度报告格式中的表格。

### 修复
没有自动修复：请改正项目编号。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for block in &report.article20 {
        let known = block.item.is_some_and(|i| {
            a20_spec(Format::F2019, i).is_some() || a20_spec(Format::F2021, i).is_some()
        });
        if !known {
            sink.report(
                block.caption_range,
                format!(
                    "「{}」不是年度报告格式中的项目；{}只有第（一）（五）（六）（八）{}项",
                    block.caption.trim(),
                    report.format.label(),
                    if report.format == Format::F2019 {
                        "（九）"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2021};

    #[test]
    fn flags_unknown_items() {
        let text = replace(VALID_2021, "第二十条第（八）项", "第二十条第（七）项");
        expect![[r#"
            28:1 error article20-unknown-caption 「第二十条第（七）项」不是年度报告格式中的项目；2021 年版格式只有第（一）（五）（六）（八）项
        "#]]
        .assert_eq(&findings("article20-unknown-caption", &text));
    }

    #[test]
    fn no_finding_on_known_items() {
        assert_eq!(findings("article20-unknown-caption", VALID_2021), "");
    }
}
