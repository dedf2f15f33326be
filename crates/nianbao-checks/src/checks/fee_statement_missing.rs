//! `fee-statement-missing`: part 六 of a 2021-format report does not report the
//! 信息处理费.

use nianbao_model::text::Fee;
use nianbao_model::{Format, Part, Report};

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "fee-statement-missing",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "2021 年版格式的报告第六部分没有报告信息处理费的收取情况",
    doc: r#"
### 作用
2021 年版格式（国办公开办函〔2021〕30号）要求在第六部分「其他需要报告的事项」中专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（模板原文：「收取信息处理费的情况，在此处专门报告」）。本检查在第六部分没有提到信息处理费时报告：任何写法都算提到——「未收取信息处理费」「收取信息处理费 0 元」「无收取信息处理费情况」、引用《办法》的句子。只在其他部分（如第一部分）提到的不算：通知要求写在第六部分。只写了模板的占位文字「（文字描述，收取信息处理费情况在此处报告。）」，或补全插入的句子还留着「（金额）」的，报告为尚未填写。只用别的说法说到收费（「未收取信息公开处理费」「未发生收费情况」）而没有写「信息处理费」的，仍然报告，并引出那一句：读者多半能看懂，但通知要求按《办法》专门报告信息处理费。缺少第六部分时由 `missing-part` 报告。

### 原因
信息处理费的收取情况是 2021 年版格式新增的必报内容，评估中常见「未专门报告信息处理费」的扣分。

### 示例
```diff 2021
- 本年度未收取信息处理费。
+ 无其他需要报告的事项。
```
第六部分没有提到信息处理费。

### 修复
没有自动修复：是否收费、收了多少是事实，须由起草人填写。在第六部分的空行上，补全（completion）可插入一句带占位的句子「本年度收取信息处理费（金额）元。」，请填入实际金额（未收取的写「本年度未收取信息处理费。」）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    if report.format != Format::F2021 {
        return;
    }
    let Some(part) = report.texts.iter().find(|t| t.part == Part::Other) else {
        return;
    };
    let (fee, at) = part.fee();
    let said = at.map_or("", |(_, said)| said.trim());
    let message = match fee {
        Fee::Stated => return,
        Fee::Placeholder => format!("第六部分关于信息处理费只有占位文字「{}」，尚未报告信息处理费的收取情况：请写明本年度是否收取、收取多少（依据《政府信息公开信息处理费管理办法》）", said),
        Fee::Loose => {
            let said = match said {
                "" => String::new(),
                t => format!("（「{t}」）"),
            };
            format!("第六部分说到收费{said}，但没有写明「信息处理费」：2021 年版格式要求在此专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，请用《办法》的名称写明")
        }
        Fee::None => "第六部分没有报告信息处理费的收取情况：2021 年版格式要求在此专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（未收取的也应写明）".to_string(),
    };
    sink.report(part.heading, message)
        .about(Subject::Part(6));
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn part_six_without_the_fee_or_with_only_the_placeholder() {
        let text = replace(VALID_2021, "本年度未收取信息处理费。", "无其他需要报告的事项。");
        expect![[r#"
            74:1 warning fee-statement-missing 第六部分没有报告信息处理费的收取情况：2021 年版格式要求在此专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（未收取的也应写明）
        "#]]
        .assert_eq(&findings("fee-statement-missing", &text));
        let text = replace(
            VALID_2021,
            "本年度未收取信息处理费。",
            "（文字描述，收取信息处理费情况在此处报告。）",
        );
        assert!(findings("fee-statement-missing", &text)
            .contains("只有占位文字「（文字描述，收取信息处理费情况在此处报告。）」"));
        let text = replace(VALID_2021, "本年度未收取信息处理费。", "本年度收取信息处理费（金额）元。");
        assert!(findings("fee-statement-missing", &text).contains("只有占位文字「信息处理费（金额）」"));
    }

    #[test]
    fn fees_said_of_in_other_words_are_quoted() {
        let text = replace(
            VALID_2021,
            "本年度未收取信息处理费。",
            "无其他事项。本机关未收取信息公开处理费。",
        );
        expect![[r#"
            74:1 warning fee-statement-missing 第六部分说到收费（「本机关未收取信息公开处理费。」），但没有写明「信息处理费」：2021 年版格式要求在此专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，请用《办法》的名称写明
        "#]]
        .assert_eq(&findings("fee-statement-missing", &text));
    }

    #[test]
    fn a_mention_in_part_one_does_not_count_and_any_wording_in_six_does() {
        let text = replace(VALID_2021, "本年度未收取信息处理费。", "无其他需要报告的事项。");
        let text = replace(
            &text,
            "2022 年，本机关主动公开政府信息 1200 条。",
            "2022 年，本机关主动公开政府信息 1200 条，未收取信息处理费。",
        );
        assert!(!findings("fee-statement-missing", &text).is_empty());
        for wording in [
            "收取信息处理费 0 元。",
            "2022年，无收取信息处理费情况。",
            "依据《政府信息公开信息处理费管理办法》，本年度未发生收费。",
        ] {
            let text = replace(VALID_2021, "本年度未收取信息处理费。", wording);
            assert_eq!(findings("fee-statement-missing", &text), "", "{wording}");
        }
    }

    #[test]
    fn not_in_the_2019_format() {
        let text = replace(VALID_2019, "本年度未收取信息处理费。", "无其他需要报告的事项。");
        assert_eq!(findings("fee-statement-missing", &text), "");
    }
}
