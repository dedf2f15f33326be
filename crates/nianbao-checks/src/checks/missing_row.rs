//! `missing-row`: a template row absent from table 三, or table 四 without its data row.

use nianbao_model::template::{Only, T3Kind, T3_OTHER, T3_OTHER_LEAVES, T3_ROWS};
use nianbao_model::{Format, Report};

use crate::{Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "missing-row",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: None,
    summary: "表三缺少模板中的行，或表四没有数据行",
    doc: r#"
### 作用
检查表三是否包含模板的全部数据行（2019 年版 23 行、2021 年版 25 行，不计分组标题），表四是否有那一行 15 个数字。每张表报告一次，列出缺少的行。

### 原因
缺行时无法完成「（七）总计」等合计校验，也说明报告没有按模板填报。（六）其他处理写成一行还是三项由 `other-format-row` 报告，不算缺行。

### 示例
```diff
- 		8.属于行政查询事项	0	0	0	0	0	0	0
```
表三中没有「8.属于行政查询事项」行：报告「表三缺少 1 行：「8.属于行政查询事项」」。

### 修复
没有自动修复：请按模板补上缺少的行（没有发生的情况填 0）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        if table.unreadable() {
            continue; // `unreadable-table` says it once
        }
        let has = |def: usize| table.rows.iter().any(|r| r.def == def);
        let split_other = T3_OTHER_LEAVES.iter().any(|&d| has(d));
        let missing: Vec<String> = (0..T3_ROWS.len())
            .filter(|&d| !matches!(T3_ROWS[d].kind, T3Kind::ResultsHeader | T3Kind::Group))
            .filter(|&d| match (d, report.format) {
                // （六）其他处理 is complete as one row or as its three leaves.
                (T3_OTHER, _) => !split_other && !has(T3_OTHER),
                (d, _) if T3_OTHER_LEAVES.contains(&d) => {
                    (split_other || report.format == Format::F2021 && !has(T3_OTHER)) && !has(d)
                }
                (d, Format::F2019) => T3_ROWS[d].only != Only::F2021 && !has(d),
                (d, Format::F2021) => !has(d),
            })
            .map(labels::t3_row)
            .collect();
        if !missing.is_empty() {
            sink.report(
                table.first_row,
                format!(
                    "表三缺少 {} 行：{}",
                    missing.len(),
                    labels::list(&missing, 8)
                ),
            )
            .about(Subject::Table {
                table: 3,
                index: Subject::index(index),
            });
        }
    }
    for (index, table) in report.tables4.iter().enumerate() {
        if table.row.is_some() {
            continue;
        }
        sink.report(
            table.first_row,
            "表四只有表头，没有数据行（应有一行 15 个数字）",
        )
        .about(Subject::Table {
            table: 4,
            index: Subject::index(index),
        });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn lists_missing_rows_once_per_table() {
        let text = replace(
            VALID_2019,
            "\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0\n",
            "",
        );
        let text = replace(&text, "\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1\n", "");
        expect![[r#"
            38:1 error missing-row 表三缺少 2 行：「8.属于行政查询事项」、「2.重复申请」
        "#]]
        .assert_eq(&findings("missing-row", &text));
    }

    #[test]
    fn the_other_format_of_row_six_is_not_missing() {
        assert_eq!(findings("missing-row", VALID_2019), "");
        assert_eq!(findings("missing-row", VALID_2021), "");
        let one_row = replace(VALID_2021, "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t1\t0\t0\t0\t0\t1\n\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n\t\t3.其他\t0\t0\t0\t0\t0\t0\t0", "\t（六）其他处理\t\t0\t1\t0\t0\t0\t0\t1");
        assert_eq!(findings("missing-row", &one_row), "");
    }
}
