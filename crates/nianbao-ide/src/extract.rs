//! Every cell of a report's tables as data: the template's table, row and column it is,
//! the number, the text as written and how it was read — exactly as the checks read it
//! (the same `Report`), for `nianbao extract` and the HTML page. A template row the
//! report lacks gives its cells too, unread, so that every report has the same cells.

use nianbao_model::recover::RowReading;
use nianbao_model::template::{
    a20_caption, a20_row_matches, a20_spec, t3_holds_numbers, T3_COLUMNS, T3_ROWS, T4_RESULTS,
};
use nianbao_model::{CellValue, Decimal, Report, ValueCell};
use nianbao_syntax::TextRange;

/// How a cell was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadAs {
    /// A cell as written.
    Cell,
    /// Cut from digits that ran together, by the arithmetic (`recover`).
    Recovered,
    /// Nothing, `/`, `—` or words where a number belongs.
    Blank,
    /// Its row's digits ran together and could be cut more than one way.
    Ambiguous,
    /// Its row is missing, or could not be read.
    Unread,
}

impl ReadAs {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadAs::Cell => "cell",
            ReadAs::Recovered => "recovered",
            ReadAs::Blank => "blank",
            ReadAs::Ambiguous => "ambiguous",
            ReadAs::Unread => "unread",
        }
    }
}

/// One cell of a table of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRecord {
    /// `第二十条第（一）项` … `第二十条第（九）项`, `表三`, `表四`.
    pub table: String,
    /// The template's row label (`4.保护第三方合法权益`; for 表四 `行政复议`,
    /// `行政诉讼·未经复议直接起诉`, `行政诉讼·复议后起诉`).
    pub row: String,
    /// The template's column label (`自然人` … `总计`; `结果维持` … `总计`; the
    /// 第二十条 headers).
    pub column: &'static str,
    /// The number; `None` when blank or unread.
    pub value: Option<Decimal>,
    /// The cell as written.
    pub text: String,
    pub read_as: ReadAs,
    /// Where the cell is; `None` when its row is missing.
    pub range: Option<TextRange>,
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start < b.end && b.start < a.end
}

fn record(
    table: &str,
    row: &str,
    column: &'static str,
    cell: &ValueCell,
    read_as: ReadAs,
) -> CellRecord {
    let read_as = match (&cell.value, read_as) {
        (_, ReadAs::Recovered) => ReadAs::Recovered,
        (CellValue::Number(_), r) => r,
        (CellValue::RunTogether, _) => ReadAs::Unread,
        _ => ReadAs::Blank,
    };
    CellRecord {
        table: table.to_string(),
        row: row.to_string(),
        column,
        value: cell
            .number()
            .map(|n| n.value)
            .filter(|_| read_as != ReadAs::Unread),
        text: cell.text.trim().to_string(),
        read_as,
        range: Some(cell.range),
    }
}

fn missing(table: &str, row: &str, column: &'static str, read_as: ReadAs) -> CellRecord {
    CellRecord {
        table: table.to_string(),
        row: row.to_string(),
        column,
        value: None,
        text: String::new(),
        read_as,
        range: None,
    }
}

/// The cells of `report`'s 第二十条 blocks, first table 三 and first table 四, in the
/// template's order.
pub fn cells(report: &Report) -> Vec<CellRecord> {
    let mut out = Vec::new();
    article20(report, &mut out);
    table3(report, &mut out);
    table4(report, &mut out);
    out
}

fn article20(report: &Report, out: &mut Vec<CellRecord>) {
    for block in &report.article20 {
        let Some(item) = block.item else {
            continue;
        };
        let Some(spec) = a20_spec(report.format, item) else {
            continue;
        };
        let table = a20_caption(item);
        for label in spec.rows {
            let row = block.rows.iter().find(|r| a20_row_matches(label, &r.label));
            for (i, column) in spec.columns.iter().enumerate() {
                let cell = row.and_then(|r| r.values.iter().chain(&r.blank_tail).nth(i));
                out.push(match cell {
                    Some(c) => record(&table, label, column.name, c, ReadAs::Cell),
                    None => missing(&table, label, column.name, ReadAs::Unread),
                });
            }
        }
    }
}

fn table3(report: &Report, out: &mut Vec<CellRecord>) {
    let Some(table) = report.tables3.first() else {
        return;
    };
    for (def, row_def) in T3_ROWS.iter().enumerate() {
        if !t3_holds_numbers(def, report.format) {
            continue;
        }
        let row = table.row(def).map(|(_, r)| r);
        let unread = row.and_then(|r| {
            table
                .unread_rows
                .iter()
                .find(|u| overlaps(u.range, r.range))
        });
        for (col, column) in T3_COLUMNS.iter().enumerate() {
            let cell = row
                .filter(|r| table.is_mapped(r))
                .and_then(|r| r.cells.get(table.cell_index(col)));
            out.push(match (cell, unread) {
                (_, Some(u)) => {
                    let how = match u.reading {
                        RowReading::Ambiguous(_) => ReadAs::Ambiguous,
                        _ => ReadAs::Unread,
                    };
                    let mut r = missing("表三", row_def.label, column, how);
                    r.range = Some(u.range);
                    r.text = u.digits.clone();
                    r
                }
                (Some(c), None) => {
                    let recovered = table.recovered_rows.iter().any(|r| overlaps(*r, c.range));
                    let how = if recovered {
                        ReadAs::Recovered
                    } else if table.run_together {
                        ReadAs::Unread
                    } else {
                        ReadAs::Cell
                    };
                    record("表三", row_def.label, column, c, how)
                }
                (None, None) => missing("表三", row_def.label, column, ReadAs::Unread),
            });
        }
    }
}

/// The rows of table 四 as the extract names them.
pub const T4_ROWS: [&str; 3] = [
    "行政复议",
    "行政诉讼·未经复议直接起诉",
    "行政诉讼·复议后起诉",
];

fn table4(report: &Report, out: &mut Vec<CellRecord>) {
    let Some(table) = report.tables4.first() else {
        return;
    };
    let row = table.row.as_ref().filter(|r| r.is_mapped());
    let recovered = row.is_some_and(|r| table.recovered_rows.iter().any(|x| overlaps(*x, r.range)));
    let unread = table.unread_rows.first();
    for (g, group) in T4_ROWS.iter().enumerate() {
        for (i, column) in T4_RESULTS.iter().enumerate() {
            let cell = row.and_then(|r| r.cells.get(g * 5 + i));
            out.push(match (cell, unread) {
                (Some(c), _) if !row.is_some_and(|r| r.run_together()) => {
                    let how = if recovered {
                        ReadAs::Recovered
                    } else {
                        ReadAs::Cell
                    };
                    record("表四", group, column, c, how)
                }
                (_, Some(u)) => {
                    let how = match u.reading {
                        RowReading::Ambiguous(_) => ReadAs::Ambiguous,
                        _ => ReadAs::Unread,
                    };
                    let mut r = missing("表四", group, column, how);
                    r.range = Some(u.range);
                    r.text = u.digits.clone();
                    r
                }
                _ => missing("表四", group, column, ReadAs::Unread),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID_2021: &str = include_str!("../../nianbao-checks/test_data/valid_2021.txt");

    #[test]
    fn every_template_cell_once_as_read() {
        let report = nianbao_model::build_text(VALID_2021, &Default::default()).remove(0);
        let cells = cells(&report);
        // 第二十条 (2021): 规章, 行政规范性文件 × 3; 行政许可; 行政处罚, 行政强制;
        // 行政事业性收费: 10 cells. Table 三: 25 rows with numbers × 7 (not 三、本年度办理结果
        // nor the four groups). Table 四: 15.
        let count = |t: &str| cells.iter().filter(|c| c.table.as_str() == t).count();
        assert_eq!(count("表三"), 25 * 7);
        assert_eq!(count("表四"), 15);
        assert_eq!(cells.len() - count("表三") - count("表四"), 10);
        let one = cells
            .iter()
            .find(|c| c.row == "4.保护第三方合法权益" && c.column == "总计")
            .unwrap();
        assert_eq!(one.value, Some(Decimal::from_int(2)));
        assert_eq!(one.read_as, ReadAs::Cell);
        assert_eq!(
            &VALID_2021[one.range.unwrap().start..one.range.unwrap().end],
            "2"
        );
        assert!(
            cells.iter().all(|c| c.read_as == ReadAs::Cell),
            "every cell is a number"
        );
    }

    #[test]
    fn blank_and_missing_rows_say_so() {
        let text = VALID_2021
            .replace("\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1\n", "")
            .replace("1\t0\t0\t0\t1\t0\t1\t0\t0\t1", "\t\t\t\t\t0\t1\t0\t0\t1");
        let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
        let cells = cells(&report);
        let of = |row: &str, column: &str| {
            cells
                .iter()
                .find(|c| c.row == row && c.column == column)
                .map(|c| (c.read_as, c.value))
                .unwrap()
        };
        assert_eq!(of("2.重复申请", "自然人"), (ReadAs::Unread, None));
        assert_eq!(of("行政复议", "结果维持"), (ReadAs::Blank, None));
    }
}
