//! `last-year-in-force`: this year's 第二十条第（一）项 现行有效件数 is not last year's plus
//! this year's 本年制发件数 minus 本年废止件数 (a note: reports reset it after a clean-up
//! of their documents).

use nianbao_model::arith::in_force_expected;
use nianbao_model::years::in_force;
use nianbao_model::Report;

use super::last_year_mismatch::source_name;
use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "last-year-in-force",
    severity: Severity::Info,
    timing: Timing::AfterPause,
    fix: None,
    summary: "本年「现行有效件数」不等于上年的现行有效件数加本年制发、减本年废止",
    doc: r#"
### 作用
当同一机关上一年度的报告也在检查范围内时（识别方法见 `last-year-mismatch`），对第二十条第（一）项的「规章」和「行政规范性文件」两行核对：本年「现行有效件数」应等于上年报告的「现行有效件数」加本年「本年制发件数」、减本年「本年废止件数」。不相等时作为提示（不是警告）报告，并指出上年报告中的对应单元格。

只比较 2021 年版格式的两份报告（2019 年版的「对外公开总数量」统计的是公开的文件，不是现行有效的文件）；任何一个数字空白或不是数字时不比较。

### 原因
现行有效的文件只会因制发而增加、因废止而减少，三者对不上，往往是某一年的数字填错了。但机关开展文件清理后会重新核定现行有效件数，这时不相等是正常的，所以只作提示。

### 示例
```diff 2021
- 规章	1	0	5
+ 规章	1	0	7
```
上一年度报告的现行有效件数是 4，本年制发 1 件、废止 0 件，应为 5，报告写的是 7。

### 修复
没有自动修复：如果本年做过文件清理，这一提示可以忽略（或在设置中关闭本项检查）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(last) = &report.last_year else {
        return;
    };
    let name = source_name(&last.source);
    for (i, (row, before)) in in_force(report).iter().zip(&last.in_force).enumerate() {
        let (Some(row), Some(before)) = (row, before) else {
            continue;
        };
        let (Some(cell), Some(issued), Some(repealed)) = (
            row.in_force,
            row.issued.and_then(|c| c.count()),
            row.repealed.and_then(|c| c.count()),
        ) else {
            continue;
        };
        let (Some(now), Some(expected)) = (
            cell.count(),
            in_force_expected(before.value, issued, repealed),
        ) else {
            continue;
        };
        if now == expected {
            continue;
        }
        let label = ["规章", "行政规范性文件"][i];
        sink.report(
            cell.range,
            format!(
                "「{label}」现行有效件数为 {now}；上一年度报告（{name}，{} 年）为 {}，加本年制发 {issued}、减本年废止 {repealed}，应为 {expected}（如本年清理过文件，可忽略）",
                last.year, before.value
            ),
        )
        .about(Subject::A20Row {
            item: 1,
            row: i as u8,
        })
        .related_in(
            last.source.clone(),
            before.range,
            format!("{} 年「{label}」现行有效件数：{}", last.year, before.value),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn a_count_that_does_not_follow_is_noted() {
        let text = replace(VALID_2021, "规章\t1\t0\t5", "规章\t1\t0\t7");
        let text = replace(&text, "行政规范性文件\t12\t3\t40", "行政规范性文件\t12\t2\t40");
        expect![[r#"
            19:8 info last-year-in-force 「规章」现行有效件数为 7；上一年度报告（last_year_2021.txt，2021 年）为 4，加本年制发 1、减本年废止 0，应为 5（如本年清理过文件，可忽略）
            20:14 info last-year-in-force 「行政规范性文件」现行有效件数为 40；上一年度报告（last_year_2021.txt，2021 年）为 31，加本年制发 12、减本年废止 2，应为 41（如本年清理过文件，可忽略）
        "#]]
        .assert_eq(&findings("last-year-in-force", &text));
    }

    #[test]
    fn counts_that_follow_and_the_2019_format_say_nothing() {
        assert_eq!(findings("last-year-in-force", VALID_2021), "");
        // The 2019 format's 对外公开总数量 counts documents published, not in force.
        let text = replace(VALID_2019, "规章\t1\t1\t5", "规章\t1\t1\t9");
        assert_eq!(findings("last-year-in-force", &text), "");
    }
}
