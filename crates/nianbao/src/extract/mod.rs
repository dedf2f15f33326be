//! `nianbao extract`: every cell of every table of every report as data, read by the same
//! path as `check` (`run`): what `extract` says is what `check` checked. One row per cell
//! (`--table cells`, the default) or per report with its key figures, finding counts and
//! measures (`--table reports`), as CSV (UTF-8 with a BOM, which Excel and WPS need to
//! show Chinese), JSON Lines, or an XLSX workbook with three sheets (reports, cells,
//! findings). One writer a format: `csv.rs`, `jsonl.rs`, `xlsx.rs`.

mod csv;
mod jsonl;
mod xlsx;

use std::path::Path;

use nianbao_checks::Severity;
use nianbao_formats::{Origin, SourceMap};
use nianbao_ide::{CellRecord, ReportView};
use nianbao_model::measures::{measures, t3_count, t4_count, MEASURES};
use nianbao_model::template::{T3_CARRIED_IN, T3_CARRIED_OVER, T3_NEW, T3_TOTAL};
use nianbao_model::Decimal;
use nianbao_syntax::ColumnUnit;

pub use crate::cli::ExtractTable as Table;
use crate::input::shown;
use crate::run::{FileResult, Run};

/// The cells' columns, in order (names fixed: scripts rely on them).
pub const CELL_COLUMNS: [&str; 13] = [
    "file",
    "page",
    "line",
    "column_no",
    "body",
    "year",
    "format",
    "table",
    "row",
    "column",
    "value",
    "text",
    "read_as",
];

/// A cell with where it is and whose it is.
pub struct CellRow {
    pub file: String,
    pub page: Option<u32>,
    pub line: Option<usize>,
    pub column_no: Option<usize>,
    pub body: String,
    pub year: Option<u16>,
    pub format: &'static str,
    pub cell: CellRecord,
}

impl CellRow {
    /// The row as one CSV record, each field written as it is made (no string per field).
    pub fn write_to<W: std::io::Write>(&self, w: &mut ::csv::Writer<W>) -> ::csv::Result<()> {
        let num = |n: Option<u64>, w: &mut ::csv::Writer<W>| match n {
            Some(n) => w.write_field(itoa::Buffer::new().format(n)),
            None => w.write_field(""),
        };
        w.write_field(&self.file)?;
        num(self.page.map(u64::from), w)?;
        num(self.line.map(|l| l as u64), w)?;
        num(self.column_no.map(|c| c as u64), w)?;
        w.write_field(&self.body)?;
        num(self.year.map(u64::from), w)?;
        w.write_field(self.format)?;
        w.write_field(&self.cell.table)?;
        w.write_field(&self.cell.row)?;
        w.write_field(self.cell.column)?;
        match self.cell.value {
            Some(v) => w.write_field(v.to_string())?,
            None => w.write_field("")?,
        }
        w.write_field(&self.cell.text)?;
        w.write_field(self.cell.read_as.as_str())?;
        w.write_record(None::<&[u8]>)
    }

    /// The row's fields as text, in the order of [`CELL_COLUMNS`] (empty for nothing).
    pub fn fields(&self) -> [String; 13] {
        let opt = |v: Option<String>| v.unwrap_or_default();
        [
            self.file.clone(),
            opt(self.page.map(|p| p.to_string())),
            opt(self.line.map(|l| l.to_string())),
            opt(self.column_no.map(|c| c.to_string())),
            self.body.clone(),
            opt(self.year.map(|y| y.to_string())),
            self.format.to_string(),
            self.cell.table.clone(),
            self.cell.row.clone(),
            self.cell.column.to_string(),
            opt(self.cell.value.map(|v| v.to_string())),
            self.cell.text.clone(),
            self.cell.read_as.as_str().to_string(),
        ]
    }
}

/// The key figures of a report's tables: name, value.
pub const FIGURES: [&str; 7] = [
    "表三·一、本年新收",
    "表三·二、上年结转",
    "表三·（七）总计",
    "表三·四、结转下年度",
    "表四·行政复议总计",
    "表四·未经复议直接起诉总计",
    "表四·复议后起诉总计",
];

/// The reports' columns (`--table reports`, the XLSX's first sheet).
pub fn report_columns() -> Vec<&'static str> {
    let mut out = vec!["file", "body", "year", "format"];
    out.extend(FIGURES);
    out.extend(["errors", "warnings", "infos"]);
    out.extend(MEASURES.iter().map(|m| m.name));
    out
}

/// One report: whose, its key figures, its finding counts, its measures.
pub struct ReportRow {
    pub file: String,
    pub body: String,
    pub year: Option<u16>,
    pub format: &'static str,
    pub figures: [Option<Decimal>; 7],
    /// Errors, warnings, infos (hints counted with infos).
    pub counts: [usize; 3],
    pub measures: [Option<Decimal>; 12],
}

impl ReportRow {
    /// The row's fields as text, in the order of [`report_columns`].
    pub fn fields(&self) -> Vec<String> {
        let num = |v: &Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_default();
        let mut out = vec![
            self.file.clone(),
            self.body.clone(),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.format.to_string(),
        ];
        out.extend(self.figures.iter().map(num));
        out.extend(self.counts.iter().map(ToString::to_string));
        out.extend(self.measures.iter().map(num));
        out
    }
}

/// A finding with where it is and whose it is (the XLSX's third sheet).
pub struct FindingRow {
    pub file: String,
    pub page: Option<u32>,
    pub line: usize,
    pub column_no: usize,
    pub body: String,
    pub year: Option<u16>,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// Whose a report is: its body (as the cross-year checks derive it) and year.
fn owner(view: &ReportView) -> (String, Option<u16>) {
    let report = view.report();
    let year = report.title.as_ref().and_then(|t| t.year);
    let body = report
        .title
        .as_ref()
        .and_then(|t| nianbao_model::years::body(&t.text))
        .unwrap_or_default();
    (body, year)
}

fn page(map: Option<&SourceMap>, offset: usize) -> Option<u32> {
    match map?.at(offset)? {
        Origin::Page(p) => Some(p),
        _ => None,
    }
}

/// Every cell of every report of `file`.
pub fn cell_rows(file: &FileResult) -> Vec<CellRow> {
    let index = file.lines.index();
    let name = shown(&file.path);
    let mut out = Vec::new();
    for view in file.analysis.reports() {
        let report = view.report();
        let (body, year) = owner(view);
        for cell in nianbao_ide::cells(&report) {
            let at = cell
                .range
                .map(|r| index.line_col(r.start, ColumnUnit::Char));
            out.push(CellRow {
                file: name.clone(),
                page: cell.range.and_then(|r| page(file.map.as_ref(), r.start)),
                line: at.map(|a| a.line + 1),
                column_no: at.map(|a| a.col + 1),
                body: body.clone(),
                year,
                format: report.format.label_short(),
                cell,
            });
        }
    }
    out
}

/// Every report of `file`, with its figures and measures.
pub fn report_rows(file: &FileResult) -> Vec<ReportRow> {
    let name = shown(&file.path);
    file.analysis
        .reports()
        .iter()
        .map(|view| {
            let report = view.report();
            let (body, year) = owner(view);
            let mut counts = [0; 3];
            for d in view.diagnostics() {
                let i = match d.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Info | Severity::Hint => 2,
                };
                counts[i] += 1;
            }
            let t3 = report.tables3.first();
            let t4 = report.tables4.first();
            let total = |def| t3.and_then(|t| t3_count(t, def, 6));
            let t4_total = |cell| t4.and_then(|t| t4_count(t, cell));
            ReportRow {
                file: name.clone(),
                body,
                year,
                format: report.format.label_short(),
                figures: [
                    total(T3_NEW),
                    total(T3_CARRIED_IN),
                    total(T3_TOTAL),
                    total(T3_CARRIED_OVER),
                    t4_total(4),
                    t4_total(9),
                    t4_total(14),
                ],
                counts,
                measures: measures(&report).values,
            }
        })
        .collect()
}

/// Every finding of `file`, with whose report it is in.
pub fn finding_rows(file: &FileResult) -> Vec<FindingRow> {
    let index = file.lines.index();
    let name = shown(&file.path);
    let reports = file.analysis.reports();
    file.diagnostics
        .iter()
        .map(|d| {
            let view = reports
                .iter()
                .find(|v| v.range.start <= d.range.start && d.range.start <= v.range.end);
            let (body, year) = view.map(owner).unwrap_or_default();
            let at = index.line_col(d.range.start, ColumnUnit::Char);
            FindingRow {
                file: name.clone(),
                page: page(file.map.as_ref(), d.range.start),
                line: at.line + 1,
                column_no: at.col + 1,
                body,
                year,
                code: d.code,
                severity: d.severity,
                message: d.message.to_string(),
            }
        })
        .collect()
}

/// Writes `run` as `format` to `out` (an XLSX goes to `path`, which it needs).
pub fn write(
    run: &Run,
    format: crate::cli::ExtractFormat,
    table: Table,
    out: &mut dyn std::io::Write,
    path: Option<&Path>,
) -> Result<(), String> {
    use crate::cli::ExtractFormat;
    match format {
        ExtractFormat::Csv => csv::write(run, table, out).map_err(|e| e.to_string()),
        ExtractFormat::Jsonl => jsonl::write(run, table, out).map_err(|e| e.to_string()),
        ExtractFormat::Xlsx => {
            let path = path.ok_or("XLSX 是二进制文件，请用 -o 指定要写入的文件")?;
            xlsx::write(run, path)
        }
    }
}
