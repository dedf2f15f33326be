//! XLSX (`rust_xlsxwriter`): a workbook of three sheets — 报告 (one row per report: whose,
//! the key figures, finding counts, the measures), 单元格 (one row per cell, as the CSV)
//! and 问题 (one row per finding). Numbers are stored as numbers (rates formatted as
//! percentages), the header rows frozen, the columns as wide as their Chinese text.
//!
//! Spreadsheet numbers are floating point: counts (integers far below 2^53) convert
//! exactly, rates keep their four decimal places.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::{cell_rows, finding_rows, report_columns, report_rows, CELL_COLUMNS};
use crate::run::Run;

/// A cell to write: text or a number (with its display format).
enum Value {
    Text(String),
    Number(f64, bool),
    Empty,
}

fn number(v: Option<nianbao_model::Decimal>, percent: bool) -> Value {
    match v.and_then(|v| v.to_string().parse::<f64>().ok()) {
        Some(n) => Value::Number(n, percent),
        None => Value::Empty,
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

/// Writes a sheet: a bold header row frozen above the rows, each column as wide as its
/// widest text (a CJK character two columns), at most 60.
fn sheet(sheet: &mut Worksheet, header: &[&str], rows: &[Vec<Value>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00%");
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            let width = match v {
                Value::Text(s) => {
                    sheet.write_string(r, col, s)?;
                    s.width()
                }
                Value::Number(n, true) => {
                    sheet.write_number_with_format(r, col, *n, &percent)?;
                    8
                }
                Value::Number(n, false) => {
                    sheet.write_number(r, col, *n)?;
                    n.to_string().len()
                }
                Value::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn write(run: &Run, path: &Path) -> Result<(), String> {
    let mut book = Workbook::new();
    let fail = |e: XlsxError| format!("无法写出 XLSX：{e}");

    let columns = report_columns();
    let rows: Vec<Vec<Value>> = run
        .checked()
        .flat_map(report_rows)
        .map(|r| {
            let mut row = vec![
                text(&r.file),
                text(&r.body),
                number(
                    r.year
                        .map(|y| nianbao_model::Decimal::from_int(i64::from(y))),
                    false,
                ),
                text(r.format),
            ];
            row.extend(r.figures.iter().map(|v| number(*v, false)));
            row.extend(r.counts.iter().map(|n| Value::Number(*n as f64, false)));
            // The first three measures are counts, the others rates.
            row.extend(
                r.measures
                    .iter()
                    .enumerate()
                    .map(|(i, v)| number(*v, i >= 3)),
            );
            row
        })
        .collect();
    sheet(
        book.add_worksheet().set_name("报告").map_err(fail)?,
        &columns,
        &rows,
    )
    .map_err(fail)?;

    let rows: Vec<Vec<Value>> = run
        .checked()
        .flat_map(cell_rows)
        .map(|c| {
            let n = |v: Option<usize>| {
                number(v.map(|v| nianbao_model::Decimal::from_int(v as i64)), false)
            };
            vec![
                text(&c.file),
                number(
                    c.page
                        .map(|p| nianbao_model::Decimal::from_int(i64::from(p))),
                    false,
                ),
                n(c.line),
                n(c.column_no),
                text(&c.body),
                number(
                    c.year
                        .map(|y| nianbao_model::Decimal::from_int(i64::from(y))),
                    false,
                ),
                text(c.format),
                text(&c.cell.table),
                text(&c.cell.row),
                text(c.cell.column),
                number(c.cell.value, false),
                text(&c.cell.text),
                text(c.cell.read_as.as_str()),
            ]
        })
        .collect();
    sheet(
        book.add_worksheet().set_name("单元格").map_err(fail)?,
        &CELL_COLUMNS,
        &rows,
    )
    .map_err(fail)?;

    let rows: Vec<Vec<Value>> = run
        .checked()
        .flat_map(finding_rows)
        .map(|f| {
            let n = |v: usize| Value::Number(v as f64, false);
            vec![
                text(&f.file),
                number(
                    f.page
                        .map(|p| nianbao_model::Decimal::from_int(i64::from(p))),
                    false,
                ),
                n(f.line),
                n(f.column_no),
                text(&f.body),
                number(
                    f.year
                        .map(|y| nianbao_model::Decimal::from_int(i64::from(y))),
                    false,
                ),
                text(f.code),
                text(f.severity.as_str()),
                text(&f.message),
            ]
        })
        .collect();
    let header = [
        "file",
        "page",
        "line",
        "column_no",
        "body",
        "year",
        "code",
        "severity",
        "message",
    ];
    sheet(
        book.add_worksheet().set_name("问题").map_err(fail)?,
        &header,
        &rows,
    )
    .map_err(fail)?;

    book.save(path).map_err(fail)
}
