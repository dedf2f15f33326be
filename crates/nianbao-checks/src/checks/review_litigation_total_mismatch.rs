//! `review-litigation-total-mismatch` (T4-SUM): a group of table 四 whose 总计 is not the
//! sum of its four results.

use nianbao_model::arith::{evaluate, Outcome};
use nianbao_model::template::T4_GROUPS;
use nianbao_model::Report;

use super::{read_with_errors, recompute_edit, relate_addends};
use crate::{Applicability, Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "review-litigation-total-mismatch",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Unsafe),
    summary: "表四某组的「总计」不等于结果维持、结果纠正、其他结果、尚未审结之和（T4-SUM）",
    doc: r#"
### 作用
表四「政府信息公开行政复议、行政诉讼情况」分三组：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）。检查每组的「总计」是否等于结果维持、结果纠正、其他结果、尚未审结四项之和。

### 原因
「总计」是本组案件数的合计（模板规则 T4-SUM）。不符说明案件统计有误。

### 示例
```diff
- 1	0	0	0	1	0	1	0	0	1	0	0	0	1	1
+ 1	0	0	0	2	0	1	0	0	1	0	0	0	1	1
```
行政复议四项之和为 1，「总计」为 2：诊断位于该「总计」单元格。某组有空白单元格时不做计算（见 `unfilled-cell`）。

### 修复
「将总计改为 N」：用四项之和替换「总计」。此修复**信任加数**（不安全）。
表格的数字连在一起、按「使不成立的合计关系最少」的唯一分法读出时（见 `recovered-cells`），单元格是读法而不是原文的分隔，不提供此修复。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables4.iter().enumerate() {
        let Some(row) = &table.row else { continue };
        for sum in table.sums() {
            let Outcome::Mismatch { stated, expected } = evaluate(&sum, |a| table.value(a)) else {
                continue;
            };
            let cell = &row.cells[sum.total.cell];
            let group = T4_GROUPS[sum.total.cell / 5];
            let mut d = sink.report(
                cell.range,
                format!("表四「{group}」的「总计」应为 {expected}（四项结果之和），实为 {stated}"),
            );
            d.about(Subject::T4Group {
                index: Subject::index(index),
                group: (sum.total.cell / 5) as u8,
            });
            relate_addends(&mut d, &sum.addends, |a| {
                Some((row.cells.get(a.cell)?, labels::t4_cell(a.cell)))
            });
            // (Not in a table read the way that breaks the fewest sums: its cells are a
            // reading, and the wrong one may be any of them.)
            let guessed = read_with_errors(report, table.range, &table.recovered_with_errors);
            if let Some(edit) = recompute_edit(cell, expected).filter(|_| !guessed) {
                d.fix(format!("将总计改为 {expected}"), vec![edit]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn no_recomputed_total_on_a_row_read_with_errors() {
        // 「1 1003」: no cut of the row holds all three groups; the one that breaks only the
        // first is read, and the finding offers no fix (the cells are a reading).
        let text = replace(
            VALID_2019,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "1 1003\t4 0015\t1\t0\t1\t0\t2",
        );
        expect![[r#"
            70:6 error review-litigation-total-mismatch 表四「行政复议」的「总计」应为 2（四项结果之和），实为 3
        "#]]
        .assert_eq(&findings("review-litigation-total-mismatch", &text));
    }

    #[test]
    fn flags_a_group_total_that_is_off() {
        let text = replace(
            VALID_2019,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "1\t0\t0\t0\t2\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
        );
        expect![[r#"
            70:9 error review-litigation-total-mismatch 表四「行政复议」的「总计」应为 1（四项结果之和），实为 2
                fix (Unsafe) 将总计改为 1: "2"→"1"
        "#]]
        .assert_eq(&findings("review-litigation-total-mismatch", &text));
    }

    #[test]
    fn no_finding_on_blank_groups() {
        let text = replace(
            VALID_2019,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "\t\t\t\t\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
        );
        assert_eq!(findings("review-litigation-total-mismatch", &text), "");
        assert_eq!(findings("review-litigation-total-mismatch", VALID_2019), "");
    }
}
