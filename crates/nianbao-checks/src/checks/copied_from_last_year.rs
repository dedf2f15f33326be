//! `copied-from-last-year`: a part whose sentences are mostly the same as the same part
//! of the body's report of the year before.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

/// The fewest sentences a part needs to be compared.
pub const MIN_SENTENCES: usize = 3;
/// The share of sentences (in percent) that makes a part copied.
pub const SHARE: usize = 80;

pub static CHECK: Check = Check {
    code: "copied-from-last-year",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "某部分的句子有八成以上与同一机关上一年度报告的同一部分相同",
    doc: r#"
### 作用
同一机关上一年度的报告在手时（命令行一起检查的文件、编辑器中打开的文档或工作区文件夹中的文件，与 `last-year-mismatch` 的找法相同），逐部分逐句比较本年度与上一年度的正文：去掉空白和年份（「2023年」与「2024年」视为相同）后相同的句子算作相同。某部分至少有 3 句，且其中 80% 以上与上一年度同一部分相同时，在该部分标题处报告一次，并指向上一年度报告的该部分。比较只看整句是否相同，没有模糊评分：每一句是否相同都可以核对（在编辑器中悬停在部分标题上可看到相同的句子）。

### 原因
各地通知多次要求年度报告不得「内容雷同、敷衍塞责」。照抄上一年度报告（只改年份）是评估和督查中的问题，尤其是第五部分「存在的主要问题及改进情况」。

### 示例
```diff 2021
- 一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。
+ 一是政策解读形式比较单一；二是依申请公开答复质量有待提高。下一步将丰富解读形式，规范答复文书。
```
第五部分与上一年度报告的第五部分（测试中上一年度报告即如此）三句全部相同。

### 修复
没有自动修复：请按本年度的实际情况重写该部分。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(last) = report.last_year.as_ref() else {
        return;
    };
    for part in &report.texts {
        let total = part.sentences().count();
        if total < MIN_SENTENCES {
            continue;
        }
        let Some(before) = last.parts.iter().find(|p| p.part == part.part) else {
            continue;
        };
        let same = part.same_as(before.id(), before.keys());
        if same * 100 < total * SHARE {
            continue;
        }
        let mut d = sink.report(
            part.heading,
            format!(
                "第{}部分 {total} 句中有 {same} 句与 {} 年报告相同（去掉年份后逐句比较）：年度报告应按本年度情况撰写，不得照抄上一年度",
                part.part.numeral(),
                last.year
            ),
        );
        d.about(Subject::Part(part.part.number()));
        d.related_in(
            last.source.clone(),
            before.heading,
            format!("{} 年报告的第{}部分", last.year, part.part.numeral()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, replace, VALID_2021};

    /// Part 五 of the fixtures' reports of the year before (`test_support::last_years`).
    const LAST_YEARS_PROBLEMS: &str =
        "一是政策解读形式比较单一；二是依申请公开答复质量有待提高。下一步将丰富解读形式，规范答复文书。";
    const PROBLEMS: &str = "一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。";

    #[test]
    fn a_part_copied_is_said_once_with_the_share() {
        let text = replace(VALID_2021, PROBLEMS, LAST_YEARS_PROBLEMS);
        expect_test::expect![[r#"
            70:1 warning copied-from-last-year 第五部分 3 句中有 3 句与 2021 年报告相同（去掉年份后逐句比较）：年度报告应按本年度情况撰写，不得照抄上一年度
        "#]]
        .assert_eq(&findings("copied-from-last-year", &text));
        // Two of three the same: 67 %, under 80 %.
        let text = replace(
            VALID_2021,
            PROBLEMS,
            "一是政策解读形式比较单一；二是依申请公开答复质量有待提高。下一步将建立月度通报制度。",
        );
        assert_eq!(findings("copied-from-last-year", &text), "");
    }

    #[test]
    fn nothing_without_last_years_report() {
        let text = replace(VALID_2021, PROBLEMS, LAST_YEARS_PROBLEMS);
        let text = replace(&text, "示例市人民政府 2022 年", "另一市人民政府 2022 年");
        assert_eq!(findings("copied-from-last-year", &text), "");
    }
}
