//! `duplicate-part`: a part title that appears more than once.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "duplicate-part",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "同一部分的标题出现了不止一次",
    doc: r#"
### 作用
同一部分（如「二、主动公开政府信息情况」）的标题出现两次及以上时，报告后面的每一次。

### 原因
重复的部分标题多半是复制粘贴的残留，或另一部分的标题写错了。

### 示例
```diff
- 本年度未收取信息处理费。
+ 本年度未收取信息处理费。
+ 
+ ## 二、主动公开政府信息情况
```
正文中两处都有「二、主动公开政府信息情况」。

### 修复
没有自动修复：删去重复的标题或改正它。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (i, heading) in report.parts.iter().enumerate() {
        if let Some(first) = report.parts[..i].iter().find(|p| p.part == heading.part) {
            sink.report(
                heading.range,
                format!(
                    "第{}部分「{}」出现了不止一次",
                    heading.part.numeral(),
                    heading.part.full_title()
                ),
            )
            .about(Subject::Part(heading.part.number()))
            .related(first.range, "第一次出现");
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_the_repetition() {
        let text = replace(
            VALID_2019,
            "本年度未收取信息处理费。",
            "本年度未收取信息处理费。\n\n二、主动公开政府信息情况",
        );
        expect![[r#"
            80:1 warning duplicate-part 第二部分「二、主动公开政府信息情况」出现了不止一次
        "#]]
        .assert_eq(&findings("duplicate-part", &text));
    }

    #[test]
    fn subsections_are_not_parts() {
        let text = replace(
            VALID_2019,
            "（一）主动公开情况",
            "（二）主动公开政府信息情况",
        );
        assert_eq!(findings("duplicate-part", &text), "");
    }
}
