//! `row-total-mismatch` (T3-ROW): a row of table 三 whose 总计 is not the sum of the six
//! applicant columns.

use nianbao_model::arith::{evaluate, Outcome, Rule};
use nianbao_model::Report;

use super::{culprit_says, read_with_errors, relate_addends, sum_fix};
use crate::{Applicability, Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "row-total-mismatch",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Unsafe),
    summary: "表三某行的「总计」不等于六类申请人之和（T3-ROW）",
    doc: r#"
### 作用
检查表三「收到和处理政府信息公开申请情况」的每一行：「总计」列应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。

### 原因
「总计」列是本行各类申请人数量的合计（模板规则 T3-ROW）。合计不符说明某个数字填错或漏改，审核时会被认定为数据错误。

### 示例
```diff
- 		4.保护第三方合法权益	2	0	0	0	0	0	2
+ 		4.保护第三方合法权益	2	0	0	0	0	0	0
```
六列之和为 2，「总计」却是 0：诊断位于「总计」单元格，提示「总计应为 2，实为 0」，并把六个加数列为相关位置。

空白、`/`、`—` 等未填数字的单元格，以及单元格数不对的行，不做此项计算（见 `unfilled-cell`、`wrong-cell-count`）。

### 修复
「将总计改为 N」：用各列之和替换「总计」单元格中的数字，表格的分隔符和对齐保持不变。此修复**信任加数**（不安全）：若错的是某个加数而不是总计，修复后的总计同样是错的，请先核对加数。

**唯一的错格。** 表内有两个以上等式不成立时，nianbao 寻找这样一个单元格：只改它一个，所有不成立的等式同时成立，成立的等式也不被破坏。恰有一个这样的单元格时，每条相关诊断都指出它（「只需把「4.保护第三方合法权益」「自然人」由 2 改为 0，……即同时成立」），修复改为改正这一格，「修复全部」也优先采用它；找不到或不止一个时照常处理。这同样是不安全的修复：它假定错的只有一格。

表格的数字连在一起、按「使不成立的合计关系最少」的唯一分法读出时（见 `recovered-cells`），单元格本身是读法而不是原文的分隔，不提供「将总计改为 N」，只在能确定唯一错格时提供改这一格的修复。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        let mut culprit_cache = None;
        let guessed = read_with_errors(report, table.range, &table.recovered_with_errors);
        for sum in table.sums_of(Rule::T3Row).iter() {
            let Outcome::Mismatch { stated, expected } = evaluate(sum, |a| table.value(a)) else {
                continue;
            };
            let row = &table.rows[sum.total.row];
            let cell = &row.cells[sum.total.cell];
            let culprit = culprit_says(&mut culprit_cache, table, |c| c.explains_sum(sum));
            let and = culprit.as_ref().map_or("", |c| c.0.as_str());
            let mut d = sink.report(
                cell.range,
                format!(
                    "{}行「总计」应为 {expected}（六类申请人之和），实为 {stated}{and}",
                    labels::t3_row(row.def)
                ),
            );
            d.about(Subject::T3Cell {
                index: Subject::index(index),
                row: row.def as u16,
                column: 6,
            });
            relate_addends(&mut d, &sum.addends, |a| {
                Some((
                    table.rows.get(a.row)?.cells.get(a.cell)?,
                    format!("「{}」", table.column_label(a.cell)),
                ))
            });
            sum_fix(&mut d, culprit, cell, expected, !guessed);
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn flags_a_row_whose_total_is_off() {
        let text = replace(
            VALID_2019,
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t0",
        );
        expect![[r#"
            48:27 error row-total-mismatch 「4.保护第三方合法权益」行「总计」应为 2（六类申请人之和），实为 0；只需把「4.保护第三方合法权益」「总计」由 0 改为 2，「4.保护第三方合法权益」行总计与「总计」列（七）总计即同时成立
                fix (Unsafe) 将「4.保护第三方合法权益」「总计」由 0 改为 2: "0"→"2"
        "#]]
        .assert_eq(&findings("row-total-mismatch", &text));
    }

    /// One wrong addend breaks its row total and its column's （七） total: both
    /// findings name it, and their fix changes it, not the totals.
    #[test]
    fn names_the_one_cell_that_explains_both() {
        let text = replace(
            VALID_2019,
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
            "4.保护第三方合法权益\t4\t0\t0\t0\t0\t0\t2",
        );
        expect![[r#"
            48:27 error row-total-mismatch 「4.保护第三方合法权益」行「总计」应为 4（六类申请人之和），实为 2；只需把「4.保护第三方合法权益」「自然人」由 4 改为 2，「4.保护第三方合法权益」行总计与「自然人」列（七）总计即同时成立
                fix (Unsafe) 将「4.保护第三方合法权益」「自然人」由 4 改为 2: "4"→"2"
        "#]]
        .assert_eq(&findings("row-total-mismatch", &text));
        expect![[r#"
            62:9 error column-total-mismatch 「（七）总计」行「自然人」列应为 40（本年度办理结果各项之和），实为 38；只需把「4.保护第三方合法权益」「自然人」由 4 改为 2，「4.保护第三方合法权益」行总计与「自然人」列（七）总计即同时成立
                fix (Unsafe) 将「4.保护第三方合法权益」「自然人」由 4 改为 2: "4"→"2"
        "#]]
        .assert_eq(&findings("column-total-mismatch", &text));
        assert_eq!(findings("balance-mismatch", &text), "");
    }

    /// A wrong total breaks its row and the 总计 column: the culprit is the total.
    /// Two wrong totals in two rows: no one cell explains the three failing sums.
    #[test]
    fn a_culprit_only_where_one_cell_explains_all() {
        let one = replace(
            VALID_2019,
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t3",
        );
        assert!(findings("row-total-mismatch", &one).contains("「总计」由 3 改为 2"));
        let two = replace(&one, "20\t2\t1\t0\t1\t0\t24", "20\t2\t1\t0\t1\t0\t25");
        let found = findings("row-total-mismatch", &two);
        assert_eq!(found.lines().filter(|l| l.contains("error")).count(), 2);
        assert!(!found.contains("只需把"), "{found}");
        assert!(found.contains("将总计改为 2") && found.contains("将总计改为 24"));
    }

    #[test]
    fn no_finding_on_a_blank_or_a_valid_table() {
        let text = replace(
            VALID_2019,
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
            "4.保护第三方合法权益\t2\t/\t0\t0\t0\t0\t0",
        );
        assert_eq!(findings("row-total-mismatch", &text), "");
        assert_eq!(findings("row-total-mismatch", VALID_2019), "");
        assert_eq!(findings("row-total-mismatch", VALID_2021), "");
    }
}
