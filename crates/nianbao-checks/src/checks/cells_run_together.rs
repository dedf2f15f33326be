//! `cells-run-together`: a table 三 or 四 whose cells lost their separators
//! (`230 000023`), so that it cannot be read cell by cell.

use nianbao_model::{CellValue, Report, ValueCell};

use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "cells-run-together",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "表格单元格之间丢失了分隔符（如 `230 000023`），无法逐格读取",
    doc: r#"
### 作用
从网页抓取或转换的报告中，有时一行的数字连在一起，没有分隔符，如 `230 000023`、`000023`。本检查找出这样的表三、表四，每张表报告一次。

### 原因
连在一起的数字无法确定地拆分成单元格（`230` 是 2、3、0 还是 23、0？），任何拆分都是猜测。因此 nianbao 不对这样的表做任何合计校验，而是如实报告。

### 示例
```diff
- 一、本年新收政府信息公开申请数量			40	5	1	0	2	1	49
+ 一、本年新收政府信息公开申请数量			40 51 021 49
```
七个数字挤在一起，分隔符已部分丢失（`021` 是 0、2、1 还是 02、1？）：无法确定每个数字属于哪一列。用空格分开的完整数字（`40 5 1`）照常逐个读取。

### 修复
没有自动修复：请按原表把每个数字放回各自的单元格。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    fn run_together<'a>(
        mut cells: impl Iterator<Item = &'a ValueCell>,
    ) -> Option<(nianbao_syntax::TextRange, String)> {
        cells
            .find(|c| c.value == CellValue::RunTogether)
            .map(|c| (c.range, c.text.to_string()))
    }
    for table in &report.tables3 {
        if let Some((range, text)) = run_together(table.rows.iter().flat_map(|r| &r.cells)) {
            sink.report(
                range,
                format!("表三的数字连在一起（「{text}」），无法逐格读取；此表不做合计校验"),
            );
        }
    }
    for table in &report.tables4 {
        if let Some((range, text)) = run_together(table.row.iter().flat_map(|r| &r.cells)) {
            sink.report(
                range,
                format!("表四的数字连在一起（「{text}」），无法逐格读取；此表不做合计校验"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_the_table_and_skips_its_sums() {
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "40\t5\t1 02\t1\t49");
        expect![[r#"
            41:25 error cells-run-together 表三的数字连在一起（「1 02」），无法逐格读取；此表不做合计校验
        "#]]
        .assert_eq(&findings("cells-run-together", &text));
        assert_eq!(findings("row-total-mismatch", &text), "");
        assert_eq!(findings("balance-mismatch", &text), "");
        assert_eq!(findings("wrong-cell-count", &text), "");
    }

    #[test]
    fn no_finding_on_separated_cells() {
        assert_eq!(findings("cells-run-together", VALID_2019), "");
    }
}
