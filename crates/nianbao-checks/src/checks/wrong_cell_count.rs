//! `wrong-cell-count`: a row of table 三 or 四 with more or fewer cells than the template
//! has columns. Its numbers cannot be put in their columns without guessing, so they take
//! part in no sum.

use nianbao_model::template::{T3_COLUMNS, T4_CELLS};
use nianbao_model::Report;

use crate::{Check, Severity, Sink, Timing, labels};

pub static CHECK: Check = Check {
    code: "wrong-cell-count",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "表三或表四某行的单元格数与模板的列数不符，该行不参与合计校验",
    doc: r#"
### 作用
表三每个数据行应有 7 个数值（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计；若报告加了「法人或其他组织」小计列则为 8 个），表四的数据行应有 15 个。本检查标出数值个数不符的行。

### 原因
少一个或多一个单元格时，无法确定每个数字属于哪一列，任何对齐方式都是猜测。nianbao 报告这一行，且不做任何依赖该行列位置的合计校验，以免在猜测之上再报错。

### 示例
```diff
- 四、结转下年度继续办理			5	1	0	0	0	0	6
+ 四、结转下年度继续办理			5	1	0	0	0	6
```
只有 6 个数值，应为 7 个（漳平市 2020 年报告即如此）。

### 修复
没有自动修复：请对照原表补齐或删去多余的单元格。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for table in &report.tables3 {
        if table.run_together {
            continue;
        }
        let columns = if table.legal_person_column {
            format!(
                "{}、法人或其他组织、{}",
                T3_COLUMNS[0],
                T3_COLUMNS[1..].join("、")
            )
        } else {
            T3_COLUMNS.join("、")
        };
        for row in table
            .rows
            .iter()
            .filter(|r| !table.is_mapped(r) && !report.unread_at(r.range))
        {
            sink.report(
                row.range,
                format!(
                    "{}行有 {} 个数值，应为 {} 个（{columns}）；无法确定各数值所属的列，此行不参与合计校验",
                    labels::t3_row(row.def),
                    row.cells.len(),
                    table.width()
                ),
            );
        }
    }
    for table in &report.tables4 {
        let Some(row) = &table.row else { continue };
        if row.is_mapped() || row.run_together() || report.unread_at(row.range) {
            continue;
        }
        sink.report(
            row.range,
            format!("表四的数据行有 {} 个数值，应为 {T4_CELLS} 个（三组各 5 项）；无法确定各数值所属的列，此表不参与合计校验", row.cells.len()),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_short_and_long_rows_and_skips_their_sums() {
        let text = replace(
            VALID_2019,
            "四、结转下年度继续办理\t\t\t5\t1\t0\t0\t0\t0\t6",
            "四、结转下年度继续办理\t\t\t1\t0\t0\t0\t0\t6",
        );
        let text = replace(
            &text,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1\t7",
        );
        expect![[r#"
            63:1 error wrong-cell-count 「四、结转下年度继续办理」行有 6 个数值，应为 7 个（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）；无法确定各数值所属的列，此行不参与合计校验
            70:1 error wrong-cell-count 表四的数据行有 16 个数值，应为 15 个（三组各 5 项）；无法确定各数值所属的列，此表不参与合计校验
        "#]]
        .assert_eq(&findings("wrong-cell-count", &text));
        assert_eq!(findings("balance-mismatch", &text), "");
        assert_eq!(findings("row-total-mismatch", &text), "");
    }

    #[test]
    fn no_finding_on_full_rows() {
        assert_eq!(findings("wrong-cell-count", VALID_2019), "");
    }
}
