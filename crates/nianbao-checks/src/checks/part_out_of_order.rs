//! `part-out-of-order`: a part that comes after a later part.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "part-out-of-order",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "六个部分的顺序与模板不一致",
    doc: r#"
### 作用
六个部分应按一至六的顺序出现。本检查标出出现在后面某部分之后的部分。

### 原因
顺序错乱的报告不便查阅和比较，也常常意味着某部分标题写错了编号。

### 示例
```diff
- ## 五、存在的主要问题及改进情况
+ ## 六、其他需要报告的事项
- ## 六、其他需要报告的事项
+ ## 五、存在的主要问题及改进情况
```
「六、其他需要报告的事项」出现在「五、存在的主要问题及改进情况」之前。

### 修复
没有自动修复：请调整各部分的顺序。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let mut latest: Option<&nianbao_model::PartHeading> = None;
    let mut seen = std::collections::HashSet::new();
    for heading in &report.parts {
        if !seen.insert(heading.part) {
            continue; // duplicates are `duplicate-part`'s
        }
        match latest {
            Some(prev) if prev.part > heading.part => {
                sink.report(
                    heading.range,
                    format!(
                        "「{}」出现在「{}」之后；六个部分应按顺序排列",
                        heading.part.full_title(),
                        prev.part.full_title()
                    ),
                )
                .about(Subject::Part(heading.part.number()))
                .related(prev.range, "后面的部分在此");
            }
            _ => latest = Some(heading),
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_a_part_after_a_later_one() {
        let text = replace(
            VALID_2019,
            "## 五、存在的主要问题及改进情况",
            "## 六、其他需要报告的事项",
        );
        let text = replace(
            &text,
            "本年度未收取信息处理费。\n",
            "本年度未收取信息处理费。\n\n## 五、存在的主要问题及改进情况\n",
        );
        let text = text.replacen("## 六、其他需要报告的事项\n\n本年度", "本年度", 1);
        expect![[r#"
            78:1 warning part-out-of-order 「五、存在的主要问题及改进情况」出现在「六、其他需要报告的事项」之后；六个部分应按顺序排列
        "#]]
        .assert_eq(&findings("part-out-of-order", &text));
    }

    #[test]
    fn no_finding_in_order() {
        assert_eq!(findings("part-out-of-order", VALID_2019), "");
    }
}
