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
从网页抓取或转换的报告中，有时一行的数字连在一起，丢失了部分分隔符，如 `230 000023`、`000023`。nianbao 先试着按算术把它们分到各单元格（见 `recovered-cells`）：在每格不以 0 开头、保留原有空格的分法中，选使全表合计关系（各行总计、各列合计、各列勾稽关系）不成立最少的一种；这样的分法只有一种、且不成立的合计关系不超过三个（一个单元格写错，最多使三个合计关系不成立）时照常读取，不成立的合计关系照常报告。本检查报告剩下的行：几种分法同样好（列出几种读法），或任何分法都会使三个以上合计关系不成立（不像是写错一两个数，而是少了单元格或读错了行），或这一行夹着 `/`、文字等无法拆分的内容。

### 原因
这样的行无法确定地拆分成单元格，任何拆分都是猜测。因此 nianbao 不对这张表做任何合计校验，而是如实报告。

### 示例
```diff
- 一、本年新收政府信息公开申请数量			40	5	1	0	2	1	49
+ 一、本年新收政府信息公开申请数量			90 91 021 50
```
保留原有空格的分法只有 90、9、1、0、2、1、50 一种：前六个数之和是 103，不是 50，而且「自然人」「商业企业」「总计」三列的勾稽关系也都不成立——四个合计关系不成立，不像是写错了一个数：报告此行，此表不做合计校验。

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
    fn a_row_no_cut_adds_up_is_read_by_the_columns_and_its_error_said() {
        // 「1 02」 can only be 1、0、2: the row's cells are 40、5、1、0、2、1 and its total
        // 50 is wrong (49). The cells are read; the broken equations are the sums' to say.
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "40\t5\t1 02\t1\t50");
        assert_eq!(findings("cells-run-together", &text), "");
        expect![[r#"
            41:20 info recovered-cells 表三「一、本年新收政府信息公开申请数量」的数字连在一起，没有一种分法能满足全部合计关系，满足最多合计关系的分法只有一种（40、5、1、0、2、1、50），已照此读取，仍不成立的合计关系另行报告；请对照原表核对
        "#]]
        .assert_eq(&findings("recovered-cells", &text));
        expect![[r#"
            41:32 error row-total-mismatch 「一、本年新收政府信息公开申请数量」行「总计」应为 49（六类申请人之和），实为 50；只需把「一、本年新收政府信息公开申请数量」「总计」由 50 改为 49，「一、本年新收政府信息公开申请数量」行总计与「总计」列「第一项加第二项之和，等于第三项加第四项之和」即同时成立
                fix (Unsafe) 将「一、本年新收政府信息公开申请数量」「总计」由 50 改为 49: "50"→"49"
        "#]]
        .assert_eq(&findings("row-total-mismatch", &text));
        assert_eq!(findings("wrong-cell-count", &text), "");
    }

    #[test]
    fn flags_the_table_and_skips_its_sums() {
        // Read 90、9、1、0、2、1、50, the row would break its own total and three
        // columns' balances: more than a few wrong cells, so no reading.
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "90\t9\t1 02\t1\t50");
        expect![[r#"
            41:20 error cells-run-together 表三「一、本年新收政府信息公开申请数量」的数字「90 9 1 02 1 50」连在一起，没有一种分法能满足合计关系：可能合计有误，或缺少单元格；此表不做合计校验
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
    /// columns then fail: a row that only lost a space is not read so (it stays short,
    /// for `wrong-cell-count`), and no column finding is built on it. Run together, the
    /// row has no other reading: it is read, and the columns it breaks are said.
    #[test]
    fn a_reading_the_columns_refuse_is_read_only_when_run_together() {
        let text = replace(VALID_2019, "5\t1\t0\t0\t1\t1\t8", "5\t1 0 56 1 18");
        assert_eq!(findings("recovered-cells", &text), "");
        assert_eq!(findings("column-total-mismatch", &text), "");
        assert!(findings("wrong-cell-count", &text).contains("行有 6 个数值"));
        // Run together (a leading zero), the one cut that adds up the row is read, and
        // the columns it breaks are said — with no fix: the cells are a reading, and no
        // single cell explains the three sums.
        let text = replace(VALID_2019, "5\t1\t0\t0\t1\t1\t8", "5\t1 056 1 18");
        assert_eq!(findings("cells-run-together", &text), "");
        expect![[r#"
            62:16 error column-total-mismatch 「（七）总计」行「社会公益组织」列应为 5（本年度办理结果各项之和），实为 0
            62:18 error column-total-mismatch 「（七）总计」行「法律服务机构」列应为 7（本年度办理结果各项之和），实为 2
            62:22 error column-total-mismatch 「（七）总计」行「总计」列应为 57（本年度办理结果各项之和），实为 47
        "#]]
        .assert_eq(&findings("column-total-mismatch", &text));
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
