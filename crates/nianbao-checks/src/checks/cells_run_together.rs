//! `cells-run-together`: a table 三 or 四 whose cells lost their separators
//! (`230 000023`), so that it cannot be read cell by cell.

use nianbao_model::{CellValue, Report, ValueCell};

use super::unread_message;
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "cells-run-together",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "表格单元格之间丢失了分隔符（如 `230 000023`），无法逐格读取",
    doc: r#"
### 作用
从网页抓取或转换的报告中，有时一行的数字连在一起，丢失了部分分隔符，如 `230 000023`、`000023`。nianbao 先试着按算术把它们分到各单元格（见 `recovered-cells`）：只有一种分法满足本行合计和各列合计时照常读取。本检查报告剩下的行：分法不唯一（列出几种读法），或没有一种分法成立（可能合计本身有错，或少了一个单元格），或这一行夹着 `/`、文字等无法拆分的内容。

### 原因
这样的行无法确定地拆分成单元格，任何拆分都是猜测。因此 nianbao 不对这张表做任何合计校验，而是如实报告。

### 示例
```diff
- 一、本年新收政府信息公开申请数量			40	5	1	0	2	1	49
+ 一、本年新收政府信息公开申请数量			40 51 021 50
```
七个数字挤在一起，分隔符已部分丢失：保留原有空格的分法中，没有一种能让前六个数之和等于最后一个（40、5、1、0、2、1 之和是 49，不是 50）。可能合计有误，也可能少了一格：报告此行，此表不做合计校验。

### 修复
没有自动修复：请按原表把每个数字放回各自的单元格。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    fn first_run_together<'a>(
        mut cells: impl Iterator<Item = &'a ValueCell>,
    ) -> Option<(nianbao_syntax::TextRange, String)> {
        cells
            .find(|c| c.value == CellValue::RunTogether)
            .map(|c| (c.range, c.text.to_string()))
    }
    const THEN: &str = "此表不做合计校验";
    for table in &report.tables3 {
        if !table.run_together {
            continue;
        }
        for row in &table.unread_rows {
            sink.report(row.range, unread_message(row, THEN));
        }
        let cut = |c: &ValueCell| table.unread_rows.iter().any(|u| u.range.contains_range(c.range));
        let rest = table.rows.iter().flat_map(|r| &r.cells).filter(|c| !cut(c));
        if let Some((range, text)) = first_run_together(rest) {
            sink.report(
                range,
                format!("表三的数字连在一起（「{text}」），无法逐格读取；{THEN}"),
            );
        }
    }
    for table in &report.tables4 {
        let Some(row) = &table.row else { continue };
        if !row.run_together() {
            continue;
        }
        for u in &table.unread_rows {
            sink.report(u.range, unread_message(u, THEN));
        }
        if table.unread_rows.is_empty() {
            if let Some((range, text)) = first_run_together(row.cells.iter()) {
                sink.report(
                    range,
                    format!("表四的数字连在一起（「{text}」），无法逐格读取；{THEN}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_the_table_and_skips_its_sums() {
        // No cut of 「1 02」 keeping the other cells makes the six add up to 50.
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "40\t5\t1 02\t1\t50");
        expect![[r#"
            41:20 error cells-run-together 表三「一、本年新收政府信息公开申请数量」的数字「40 5 1 02 1 50」连在一起，没有一种分法能满足合计关系：可能合计有误，或缺少单元格；此表不做合计校验
        "#]]
        .assert_eq(&findings("cells-run-together", &text));
        assert_eq!(findings("row-total-mismatch", &text), "");
        assert_eq!(findings("balance-mismatch", &text), "");
        assert_eq!(findings("wrong-cell-count", &text), "");
    }

    #[test]
    fn a_row_with_one_reading_is_read() {
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "40\t5\t1 02\t1\t49");
        assert_eq!(findings("cells-run-together", &text), "");
        assert_ne!(findings("recovered-cells", &text), "");
    }

    /// 「5 1 0 56 1 18」 has one reading whose row adds up (5、1、0、5、6、1、18), but the
    /// columns then fail: it is not read (the row stays short, for `wrong-cell-count`),
    /// and no column finding is built on it.
    #[test]
    fn a_reading_the_columns_refuse_is_not_read() {
        let text = replace(VALID_2019, "5\t1\t0\t0\t1\t1\t8", "5\t1 0 56 1 18");
        assert_eq!(findings("recovered-cells", &text), "");
        assert_eq!(findings("column-total-mismatch", &text), "");
        assert!(findings("wrong-cell-count", &text).contains("行有 6 个数值"));
        // Run together (a leading zero), the same digits are said to have no reading.
        let text = replace(VALID_2019, "5\t1\t0\t0\t1\t1\t8", "5\t1 056 1 18");
        assert!(findings("cells-run-together", &text).contains("没有一种分法"));
        assert_eq!(findings("column-total-mismatch", &text), "");
    }

    #[test]
    fn a_row_that_cannot_be_cut() {
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "0000\t/\t1\t49");
        expect![[r#"
            41:20 error cells-run-together 表三的数字连在一起（「0000」），无法逐格读取；此表不做合计校验
        "#]]
        .assert_eq(&findings("cells-run-together", &text));
    }

    #[test]
    fn no_finding_on_separated_cells() {
        assert_eq!(findings("cells-run-together", VALID_2019), "");
    }
}
