//! `problems-part-thin`: part 五 says nothing — no prose, only 「无」, or under 30
//! characters.

use nianbao_model::{Part, Report};

use crate::{Check, Severity, Sink, Subject, Timing};

/// The fewest characters of prose a part 五 that says something has.
pub const MIN_CHARS: usize = 30;

pub static CHECK: Check = Check {
    code: "problems-part-thin",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "第五部分「存在的主要问题及改进情况」没有实质内容（空白、只写「无」，或不足 30 字）",
    doc: r#"
### 作用
第五部分应写明本年度政府信息公开工作存在的主要问题和改进情况（2021 年版格式还要求写明上一年度问题的改进情况）。本检查在第五部分没有正文、只写「无」「暂无」，或正文不足 30 字（空白不计）时报告。

### 原因
「存在问题」一栏写「无」或一两句套话，是评估和上级督查中最常见的扣分项：每个机关的工作都有可改进之处，报告应如实写明。

### 示例
```diff
- 一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。
+ 无。
```
第五部分只写了「无」。

### 修复
没有自动修复：请写明本年度存在的主要问题、改进措施和上一年度问题的改进情况。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(part) = report.texts.iter().find(|t| t.part == Part::Problems) else {
        return;
    };
    // Counted up to the threshold only: a long part 五 is not read through.
    let chars = part.chars_up_to(MIN_CHARS);
    let short = part.short_text(MIN_CHARS).unwrap_or_default();
    let bare = short.trim_matches(|c: char| c.is_whitespace() || "。.；;".contains(c));
    let message = if chars == 0 {
        "第五部分「存在的主要问题及改进情况」没有正文：请写明本年度存在的主要问题和改进情况".to_string()
    } else if is_placeholder(bare) {
        format!("第五部分「存在的主要问题及改进情况」只有模板的占位文字「{bare}」，尚未填写：请写明本年度存在的主要问题和改进情况")
    } else if matches!(bare, "无" | "暂无" | "没有" | "无问题") {
        format!("第五部分「存在的主要问题及改进情况」只写了「{bare}」：请如实写明本年度存在的主要问题和改进情况")
    } else if chars < MIN_CHARS {
        format!(
            "第五部分「存在的主要问题及改进情况」正文只有 {} 字（不足 {MIN_CHARS} 字），没有写清存在的问题和改进措施",
            chars
        )
    } else {
        return;
    };
    sink.report(part.heading, message).about(Subject::Part(5));
}

/// The template's placeholder: 「（文字描述）」.
fn is_placeholder(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    inner.len() < text.len() && inner.trim() == "文字描述"
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    const PROBLEMS: &str = "一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。";

    #[test]
    fn none_or_nothing_or_too_little() {
        for (body, says) in [
            ("无。", "只写了「无」"),
            ("暂无", "只写了「暂无」"),
            ("", "没有正文"),
            ("（文字描述）", "只有模板的占位文字「（文字描述）」"),
        ] {
            let text = replace(VALID_2021, PROBLEMS, body);
            assert!(findings("problems-part-thin", &text).contains(says), "{body}");
        }
        let text = replace(VALID_2019, PROBLEMS, "无。");
        assert!(!findings("problems-part-thin", &text).is_empty(), "both formats");
    }

    #[test]
    fn at_the_threshold() {
        let of = |n: usize| replace(VALID_2021, PROBLEMS, &"改".repeat(n));
        expect_test::expect![[r#"
            70:1 warning problems-part-thin 第五部分「存在的主要问题及改进情况」正文只有 29 字（不足 30 字），没有写清存在的问题和改进措施
        "#]]
        .assert_eq(&findings("problems-part-thin", &of(29)));
        assert_eq!(findings("problems-part-thin", &of(30)), "");
    }
}
