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
同一部分（如「二、主动公开政府信息情况」）的标题出现两次及以上时报告一次：位于第二次出现处，相关位置列出第一次和其后的各次（最多 10 处）。

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

/// At most this many later headings are listed as related places.
const MAX_RELATED: usize = 10;

fn run(report: &Report, sink: &mut Sink<'_>) {
    for part in nianbao_model::template::PARTS {
        let mut headings = report.parts.iter().filter(|p| p.part == part);
        let (Some(first), Some(second)) = (headings.next(), headings.next()) else {
            continue;
        };
        let later: Vec<_> = headings.collect();
        let times = later.len() + 2;
        let mut d = sink.report(
            second.range,
            format!(
                "第{}部分「{}」出现了 {times} 次",
                part.numeral(),
                part.full_title()
            ),
        );
        d.about(Subject::Part(part.number()))
            .related(first.range, "第一次出现");
        for h in later.iter().take(MAX_RELATED) {
            d.related(h.range, "又一次出现");
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
            80:1 warning duplicate-part 第二部分「二、主动公开政府信息情况」出现了 2 次
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
