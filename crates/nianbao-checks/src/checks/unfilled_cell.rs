//! `unfilled-cell`: cells of tables 三 and 四 that hold no number (blank, `/`, `—`, text).

use nianbao_model::template::a20_caption;
use nianbao_model::{CellValue, Report, ValueCell};

use super::article20::{cell_label, spec, values};
use crate::{Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "unfilled-cell",
    severity: Severity::Warning,
    // A blank made by typing (a digit deleted to be typed again) is no finding yet.
    timing: Timing::AfterPause,
    fix: None,
    summary: "表三、表四或第二十条表格中有未填数字的单元格（空白、`/`、`—`，表三表四中也包括文字），每张表报告一次",
    doc: r#"
### 作用
找出表三、表四中应填数字却是空白、`/`、`—` 或其他文字的单元格，以及第二十条各项表格中空白或填 `/`、`—` 的单元格（写成文字的由 `article20-not-a-number` 报告），每张表报告一次，并逐一列出这些单元格。未填写的模板，每张表只有这一条。

### 原因
模板要求表三、表四每个单元格都是非负整数，没有发生的情况应填 0。空白单元格无法参与合计校验，读者也无法判断是 0 还是漏填。nianbao 不会把空白当作 0，也不会在空白之上再报合计错误。

### 示例
```diff
- 1	0	0	0	1	0	1	0	0	1	0	0	0	1	1
+ 					0	1	0	0	1	0	0	0	1	1
```
表四「行政复议」五个单元格均为空白（福州市 2019 年报告即如此）：报告一条警告，列出这五个单元格。

### 修复
没有自动修复：请填入实际数字（没有则填 0）。
"#,
    run,
};

fn unfilled(cell: &ValueCell) -> bool {
    matches!(
        cell.value,
        CellValue::Empty | CellValue::Marker | CellValue::Text
    )
}

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        let mut found: Vec<(&ValueCell, String)> = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            if !table.is_mapped(row) {
                continue;
            }
            for (c, cell) in row.cells.iter().enumerate() {
                if unfilled(cell) {
                    found.push((
                        cell,
                        format!(
                            "{}{}",
                            labels::t3_cell(table, i, c),
                            labels::cell_content(cell)
                        ),
                    ));
                }
            }
        }
        let subject = Subject::Table {
            table: 3,
            index: Subject::index(index),
        };
        report_table(sink, "表三", &found, SUMS, subject);
    }
    for (index, table) in report.tables4.iter().enumerate() {
        let Some(row) = table.row.as_ref().filter(|r| r.is_mapped()) else {
            continue;
        };
        let found: Vec<(&ValueCell, String)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| unfilled(c))
            .map(|(i, c)| {
                (
                    c,
                    format!("{}{}", labels::t4_cell(i), labels::cell_content(c)),
                )
            })
            .collect();
        let subject = Subject::Table {
            table: 4,
            index: Subject::index(index),
        };
        report_table(sink, "表四", &found, SUMS, subject);
    }
    for block in &report.article20 {
        let Some((_, block_spec)) = spec(report, block) else {
            continue;
        };
        let found: Vec<(&ValueCell, String)> = values(report)
            .filter(|(row, s, _, cell)| {
                std::ptr::eq(*s, block_spec)
                    && block.rows.iter().any(|r| std::ptr::eq(r, *row))
                    && matches!(cell.value, CellValue::Empty | CellValue::Marker)
            })
            .map(|(row, s, i, cell)| {
                (
                    cell,
                    format!("{}{}", cell_label(row, s, i), labels::cell_content(cell)),
                )
            })
            .collect();
        if let Some(item) = block.item {
            let subject = Subject::A20Block { item };
            report_table(sink, &format!("{}表", a20_caption(item)), &found, "", subject);
        }
    }
}

/// One finding on the first blank cell, every blank cell related: the ranges are the
/// cells' own (empty, at the cell's place, when nothing is written), never the filled
/// cells around them.
/// What blank cells of tables 三 and 四 mean for their sums.
const SUMS: &str = "，这些单元格不参与合计校验";

fn report_table(
    sink: &mut Sink<'_>,
    table: &str,
    found: &[(&ValueCell, String)],
    sums: &str,
    subject: Subject,
) {
    let Some((first, _)) = found.first() else {
        return;
    };
    let names: Vec<String> = found.iter().map(|(_, n)| n.clone()).collect();
    let mut d = sink.report(
        first.range,
        format!(
            "{table}有 {} 个单元格未填数字：{}；没有发生的情况应填 0{sums}",
            found.len(),
            labels::list(&names, 6)
        ),
    );
    d.about(subject);
    for (cell, name) in found {
        d.related(cell.range, name.clone());
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn one_finding_per_table_listing_the_cells() {
        let text = replace(
            VALID_2019,
            "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
            "\t\t\t\t\t0\t1\t0\t0\t1\t0\t0\t0\t1\t1",
        );
        let text = replace(&text, "2.重复申请\t1\t0", "2.重复申请\t—\t/");
        expect![[r#"
            57:10 warning unfilled-cell 表三有 2 个单元格未填数字：「2.重复申请」行「自然人」列「—」、「2.重复申请」行「商业企业」列「/」；没有发生的情况应填 0，这些单元格不参与合计校验
            70:1 warning unfilled-cell 表四有 5 个单元格未填数字：「行政复议·结果维持」（空白）、「行政复议·结果纠正」（空白）、「行政复议·其他结果」（空白）、「行政复议·尚未审结」（空白）、「行政复议·总计」（空白）；没有发生的情况应填 0，这些单元格不参与合计校验
        "#]]
        .assert_eq(&findings("unfilled-cell", &text));
    }

    #[test]
    fn no_finding_when_every_cell_is_a_number() {
        assert_eq!(findings("unfilled-cell", VALID_2019), "");
    }

    #[test]
    fn blank_article20_cells_once_per_table_and_no_count_error() {
        let text = replace(VALID_2019, "规章\t1\t1\t5", "规章\t\t\t");
        let text = replace(&text, "行政许可\t100\t-3", "行政许可\t—\t-3");
        expect![[r#"
            19:4 warning unfilled-cell 第二十条第（一）项表有 3 个单元格未填数字：「规章」行「本年新制作数量」列（空白）、「规章」行「本年新公开数量」列（空白）、「规章」行「对外公开总数量」列（空白）；没有发生的情况应填 0
            23:6 warning unfilled-cell 第二十条第（五）项表有 1 个单元格未填数字：「行政许可」行「上一年项目数量」列「—」；没有发生的情况应填 0
        "#]]
        .assert_eq(&findings("unfilled-cell", &text));
        assert_eq!(findings("article20-value-count", &text), "");
        assert_eq!(findings("article20-not-a-number", &text), "");
    }
}
