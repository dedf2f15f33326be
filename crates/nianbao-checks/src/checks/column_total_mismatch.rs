//! `column-total-mismatch` (T3-SUM): a column of table 三 whose （七）总计 is not the sum
//! of the results counted once (the leaf rows of 三、本年度办理结果).

use nianbao_model::arith::{evaluate, Outcome, Rule};
use nianbao_model::template::T3_ROWS;
use nianbao_model::Report;

use super::{culprit_says, read_with_errors, relate_addends, standard_column, sum_fix};
use crate::{Applicability, Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "column-total-mismatch",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Unsafe),
    summary: "表三「（七）总计」不等于本年度办理结果各项之和（T3-SUM）",
    doc: r#"
### 作用
对表三的每一列，检查「（七）总计」是否等于「三、本年度办理结果」下各末级项之和：（一）予以公开、（二）部分公开、（三）不予公开的 8 项、（四）无法提供的 3 项、（五）不予处理的 5 项，以及（六）其他处理（2021 年版为其下 3 项）。

### 原因
「（七）总计」是本年度办结申请的合计（模板规则 T3-SUM）。各项之和与总计不符，说明办理结果的分项统计有误。

### 示例
```diff
- 	（三）不予公开	1.属于国家秘密	1	0	0	0	0	0	1
+ 	（三）不予公开	1.属于国家秘密	2	0	0	0	0	0	2
```
「自然人」列各项之和变为 39，「（七）总计」仍是 38：诊断位于「（七）总计」行「自然人」列的单元格，所有加数列为相关位置。

有任何末级行缺失、无法对应到模板或单元格数不对时，该表不做此项计算，以免在猜测之上报错。

### 修复
「将总计改为 N」：用各项之和替换该单元格中的数字。此修复**信任加数**（不安全）：请先确认各分项无误。

**唯一的错格。** 表内有两个以上等式不成立时，nianbao 寻找这样一个单元格：只改它一个，所有不成立的等式同时成立，成立的等式也不被破坏。恰有一个这样的单元格时，每条相关诊断都指出它（「只需把「4.保护第三方合法权益」「自然人」由 2 改为 0，……即同时成立」），修复改为改正这一格，「修复全部」也优先采用它；找不到或不止一个时照常处理。这同样是不安全的修复：它假定错的只有一格。

表格的数字连在一起、按「使不成立的合计关系最少」的唯一分法读出时（见 `recovered-cells`），单元格本身是读法而不是原文的分隔，不提供「将总计改为 N」，只在能确定唯一错格时提供改这一格的修复。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        let mut culprit_cache = None;
        let guessed = read_with_errors(report, table.range, &table.recovered_with_errors);
        for sum in table.sums_of(Rule::T3Sum).iter() {
            let Outcome::Mismatch { stated, expected } = evaluate(sum, |a| table.value(a)) else {
                continue;
            };
            let cell = &table.rows[sum.total.row].cells[sum.total.cell];
            let column = table.column_label(sum.total.cell);
            let culprit = culprit_says(&mut culprit_cache, table, |c| c.explains_sum(sum));
            let and = culprit.as_ref().map_or("", |c| c.0.as_str());
            let mut d = sink.report(
                cell.range,
                format!("「（七）总计」行「{column}」列应为 {expected}（本年度办理结果各项之和），实为 {stated}{and}"),
            );
            d.about(Subject::T3Column {
                index: Subject::index(index),
                column: standard_column(table, sum.total.cell),
            });
            relate_addends(&mut d, &sum.addends, |a| {
                let row = table.rows.get(a.row)?;
                Some((
                    row.cells.get(a.cell)?,
                    format!("「{}」", T3_ROWS[row.def].label),
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
    fn flags_a_column_total_that_is_off() {
        let text = replace(VALID_2021, "（七）总计\t\t38", "（七）总计\t\t36");
        expect![[r#"
            60:9 error column-total-mismatch 「（七）总计」行「自然人」列应为 38（本年度办理结果各项之和），实为 36；只需把「（七）总计」「自然人」由 36 改为 38，「（七）总计」行总计与「自然人」列（七）总计与「自然人」列「第一项加第二项之和，等于第三项加第四项之和」即同时成立
                fix (Unsafe) 将「（七）总计」「自然人」由 36 改为 38: "36"→"38"
        "#]]
        .assert_eq(&findings("column-total-mismatch", &text));
    }

    #[test]
    fn no_finding_when_a_leaf_is_blank_or_all_is_well() {
        let text = replace(VALID_2019, "（七）总计\t\t38", "（七）总计\t\t36");
        let text = replace(&text, "1.属于国家秘密\t1", "1.属于国家秘密\t—");
        assert_eq!(findings("column-total-mismatch", &text), "");
        assert_eq!(findings("column-total-mismatch", VALID_2019), "");
    }
}
