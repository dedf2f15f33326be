//! `subtotal-mismatch` (T3-SUB): subtotals a report adds to table 三 — numbers on a group
//! row such as （三）不予公开, or a 法人或其他组织 column — that are not the sum of their
//! parts.

use nianbao_model::arith::{evaluate, Outcome, Rule};
use nianbao_model::template::T3_ROWS;
use nianbao_model::Report;

use super::{read_with_errors, recompute_edit, relate_addends, standard_column};
use crate::{Applicability, Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "subtotal-mismatch",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Unsafe),
    summary:
        "表三中报告自行增加的小计（分组行或「法人或其他组织」列）不等于其组成部分之和（T3-SUB）",
    doc: r#"
### 作用
模板中（三）不予公开、（四）无法提供、（五）不予处理、（六）其他处理（2021 年版）是分组标题，没有数字；「法人或其他组织」是五列的组标题，没有单独的列。有的报告在这些位置填了小计。若填了，检查小计是否等于其所含各项之和。

### 原因
小计与分项不符，说明小计或分项之一有误（模板规则 T3-SUB）。

### 示例
```diff
- 	（三）不予公开	1.属于国家秘密	1	0	0	0	0	0	1
+ 	（三）不予公开		3	0	0	0	0	0	3
+ 		1.属于国家秘密	1	0	0	0	0	0	1
```
其下 8 项「自然人」列之和为 5，诊断提示「小计应为 5，实为 3」。

### 修复
「将小计改为 N」：用分项之和替换小计。此修复**信任加数**（不安全）。
表格的数字连在一起、按「使不成立的合计关系最少」的唯一分法读出时（见 `recovered-cells`），单元格是读法而不是原文的分隔，不提供此修复。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        for sum in table.sums_of(Rule::T3Sub).iter() {
            let Outcome::Mismatch { stated, expected } = evaluate(sum, |a| table.value(a)) else {
                continue;
            };
            let row = &table.rows[sum.total.row];
            let cell = &row.cells[sum.total.cell];
            let legal_column = table.legal_person_column
                && sum.total.cell == 1
                && sum.addends.iter().all(|a| a.row == sum.total.row);
            let what = if legal_column {
                "五类法人或其他组织之和"
            } else {
                "所含各项之和"
            };
            let mut d = sink.report(
                cell.range,
                format!(
                    "{}的小计应为 {expected}（{what}），实为 {stated}",
                    labels::t3_cell(table, sum.total.row, sum.total.cell)
                ),
            );
            d.about(Subject::T3Cell {
                index: Subject::index(index),
                row: row.def as u16,
                column: standard_column(table, sum.total.cell),
            });
            relate_addends(&mut d, &sum.addends, |a| {
                let r = table.rows.get(a.row)?;
                let label = if legal_column {
                    format!("「{}」", table.column_label(a.cell))
                } else {
                    format!("「{}」", T3_ROWS[r.def].label)
                };
                Some((r.cells.get(a.cell)?, label))
            });
            // (Not in a table read the way that breaks the fewest sums: its cells are a
            // reading, and the wrong one may be any of them.)
            let guessed = read_with_errors(report, table.range, &table.recovered_with_errors);
            if let Some(edit) = recompute_edit(cell, expected).filter(|_| !guessed) {
                d.fix(format!("将小计改为 {expected}"), vec![edit]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_a_group_subtotal_that_is_off() {
        // Numbers on the （三）不予公开 label: the leaves under it add to 5 in 自然人, 5 in 总计.
        let text = replace(
            VALID_2019,
            "\t（三）不予公开\t1.属于国家秘密",
            "\t（三）不予公开\t\t\t3\t0\t0\t0\t0\t0\t5\n\t\t1.属于国家秘密",
        );
        expect![[r#"
            45:12 error subtotal-mismatch 「（三）不予公开」行「自然人」列的小计应为 5（所含各项之和），实为 3
                fix (Unsafe) 将小计改为 5: "3"→"5"
        "#]]
        .assert_eq(&findings("subtotal-mismatch", &text));
    }

    #[test]
    fn flags_a_legal_person_column_that_is_off() {
        let mut text = String::new();
        for line in VALID_2019.lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            let nums: Vec<i64> = cells.iter().filter_map(|c| c.parse().ok()).collect();
            if nums.len() == 7 {
                let label = cells[..cells.len() - 7].join("\t");
                let legal: i64 = nums[1..6].iter().sum();
                let legal = if line.starts_with("一、") {
                    legal + 1
                } else {
                    legal
                };
                let rest: Vec<String> = nums[1..].iter().map(|n| n.to_string()).collect();
                text.push_str(&format!(
                    "{label}\t{}\t{legal}\t{}\n",
                    nums[0],
                    rest.join("\t")
                ));
            } else {
                text.push_str(line);
                text.push('\n');
            }
        }
        expect![[r#"
            41:23 error subtotal-mismatch 「一、本年新收政府信息公开申请数量」行「法人或其他组织」列的小计应为 9（五类法人或其他组织之和），实为 10
                fix (Unsafe) 将小计改为 9: "10"→"9"
        "#]]
        .assert_eq(&findings("subtotal-mismatch", &text));
        assert_eq!(findings("row-total-mismatch", &text), "");
    }

    #[test]
    fn no_finding_without_subtotals() {
        assert_eq!(findings("subtotal-mismatch", VALID_2019), "");
    }
}
