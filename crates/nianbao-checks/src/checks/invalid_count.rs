//! `invalid-count`: a negative number or a decimal in tables 三 and 四, which count cases.

use nianbao_model::{CellValue, Report, ValueCell};

use crate::{Check, Severity, Sink, Timing, labels};

pub static CHECK: Check = Check {
    code: "invalid-count",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "表三或表四中出现负数或小数（件数只能是非负整数）",
    doc: r#"
### 作用
表三、表四的每个数字都是件数，只能是非负整数。本检查标出负数和小数。

### 原因
件数不可能为负或带小数，这类数字多半是录入错误（如把「1」录成「1.0」或多了负号）。这样的单元格不参与合计校验。

### 示例
```diff
- 		2.重复申请	1	0	0	0	0	0	1
+ 		2.重复申请	-1	0	0	0	0	0	-1
```
报告「「2.重复申请」行「自然人」列的 -1 不是非负整数」。

### 修复
没有自动修复：请填入正确的件数。
"#,
    run,
};

fn bad(cell: &ValueCell) -> bool {
    matches!(&cell.value, CellValue::Number(n) if n.value.is_negative() || !n.value.is_integer())
}

fn run(report: &Report, sink: &mut Sink<'_>) {
    for table in &report.tables3 {
        for (i, row) in table.rows.iter().enumerate() {
            if !table.is_mapped(row) {
                continue;
            }
            for (c, cell) in row.cells.iter().enumerate().filter(|(_, c)| bad(c)) {
                sink.report(
                    cell.range,
                    format!(
                        "{}的 {} 不是非负整数：申请件数只能是 0、1、2……",
                        labels::t3_cell(table, i, c),
                        cell.text.trim()
                    ),
                );
            }
        }
    }
    for table in &report.tables4 {
        let Some(row) = table.row.as_ref().filter(|r| r.is_mapped()) else {
            continue;
        };
        for (c, cell) in row.cells.iter().enumerate().filter(|(_, c)| bad(c)) {
            sink.report(
                cell.range,
                format!(
                    "表四{}的 {} 不是非负整数：案件数只能是 0、1、2……",
                    labels::t4_cell(c),
                    cell.text.trim()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_negatives_and_decimals() {
        let text = replace(VALID_2019, "2.重复申请\t1\t0", "2.重复申请\t-1\t0.5");
        let text = replace(
            &text,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "1.5\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
        );
        expect![[r#"
            57:10 error invalid-count 「2.重复申请」行「自然人」列的 -1 不是非负整数：申请件数只能是 0、1、2……
            57:13 error invalid-count 「2.重复申请」行「商业企业」列的 0.5 不是非负整数：申请件数只能是 0、1、2……
            70:1 error invalid-count 表四「行政复议·结果维持」的 1.5 不是非负整数：案件数只能是 0、1、2……
        "#]]
        .assert_eq(&findings("invalid-count", &text));
    }

    #[test]
    fn no_finding_on_counts() {
        assert_eq!(findings("invalid-count", VALID_2019), "");
    }
}
