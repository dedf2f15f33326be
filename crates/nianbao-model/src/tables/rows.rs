//! A table block's rows as the model reads them. A one-cell-per-line table does not say
//! where its rows end: they are cut here, at captions, headers and labels after numbers.

use std::borrow::Cow;

use nianbao_syntax::{is_blank_marker, Cell, Table, TableEncoding, TextRange};

use crate::normalize::fold;
use crate::number::parse_number;
use crate::{CellValue, ValueCell};

/// A cell of a table block with its range in document offsets (the block's ranges are
/// relative to the block).
#[derive(Clone, Copy)]
pub(super) struct CellRef<'a> {
    pub(super) cell: &'a Cell,
    pub(super) range: TextRange,
}

impl std::ops::Deref for CellRef<'_> {
    type Target = Cell;

    fn deref(&self) -> &Cell {
        self.cell
    }
}

/// The rows of a table block as the model reads them, each cell folded and classified
/// once. The cells of all rows share three vectors: three allocations per table, not per
/// row.
#[derive(Default)]
pub(super) struct Rows<'a> {
    cells: Vec<CellRef<'a>>,
    folded: Vec<Cow<'a, str>>,
    classes: Vec<CellValue>,
    /// Each row's range and its cells' indices.
    rows: Vec<(TextRange, std::ops::Range<usize>)>,
}

impl<'a> Rows<'a> {
    pub(super) fn with_capacity(cells: usize, rows: usize) -> Rows<'a> {
        Rows {
            cells: Vec::with_capacity(cells),
            folded: Vec::with_capacity(cells),
            classes: Vec::with_capacity(cells),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Adds a cell to the row being built; `end_row` closes it.
    pub(super) fn push_cell(&mut self, cell: CellRef<'a>, folded: Cow<'a, str>, class: CellValue) {
        self.cells.push(cell);
        self.folded.push(folded);
        self.classes.push(class);
    }

    pub(super) fn push(&mut self, cell: CellRef<'a>) {
        self.push_cell(cell, fold(&cell.cell.text), classify(&cell.cell.text));
    }

    /// Ends the row of the cells pushed since the last row: at `range`, or covering its
    /// cells when `None` (and then only if it has cells).
    pub(super) fn end_row(&mut self, range: Option<TextRange>) {
        let start = self.rows.last().map_or(0, |(_, r)| r.end);
        let end = self.cells.len();
        let range = match range {
            Some(range) => range,
            None if start == end => return,
            None => self.cells[start].range.cover(self.cells[end - 1].range),
        };
        self.rows.push((range, start..end));
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = LogicalRow<'_, 'a>> {
        self.rows.iter().map(|(range, cells)| LogicalRow {
            range: *range,
            cells: &self.cells[cells.clone()],
            folded: &self.folded[cells.clone()],
            classes: &self.classes[cells.clone()],
        })
    }
}

/// A row as the model reads it: its cells with their folded texts and classes.
pub(super) struct LogicalRow<'r, 'a> {
    pub(super) range: TextRange,
    pub(super) cells: &'r [CellRef<'a>],
    pub(super) folded: &'r [Cow<'a, str>],
    pub(super) classes: &'r [CellValue],
}

impl LogicalRow<'_, '_> {
    pub(super) fn value_cell(&self, i: usize) -> ValueCell {
        let cell = self.cells[i];
        ValueCell {
            range: cell.range,
            text: cell.text.clone(),
            value: self.classes[i].clone(),
        }
    }
}

pub(crate) fn classify(text: &str) -> CellValue {
    // Most cells are plain counts: `0` or digits not starting with `0`.
    let bytes = text.as_bytes();
    if !bytes.is_empty()
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes.len() == 1 || bytes[0] != b'0')
    {
        if let Some(n) = parse_number(text) {
            return CellValue::Number(n);
        }
    }
    let t = text.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return CellValue::Empty;
    }
    if is_blank_marker(t) {
        return CellValue::Marker;
    }
    let digits_and_spaces = t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    if digits_and_spaces && t.contains(|c: char| c.is_whitespace()) {
        return CellValue::RunTogether;
    }
    if t.len() >= 2 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
        return CellValue::RunTogether;
    }
    match parse_number(t) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text,
    }
}

pub(super) fn is_valueish(v: &CellValue) -> bool {
    matches!(
        v,
        CellValue::Number(_) | CellValue::Marker | CellValue::RunTogether
    )
}

const A20_ROW_LABELS: [&str; 9] = [
    "规章",
    "规范性文件",
    "行政规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
];

/// Rows as the model sees them. A one-cell-per-line table does not say where its rows
/// end: a new row starts at a caption, at `信息内容`, at a label after a number, and at a
/// 第二十条 row label after a header.
pub(super) fn logical_rows(table: &Table, base: usize) -> Rows<'_> {
    let at = |cell| CellRef {
        cell,
        range: cell.range.shifted(base as isize),
    };
    let n_cells = table.rows.iter().map(|r| r.cells.len()).sum();
    if table.encoding != TableEncoding::CellPerLine {
        let mut rows = Rows::with_capacity(n_cells, table.rows.len());
        for row in table.rows.iter().filter(|r| !r.separator) {
            for cell in &row.cells {
                rows.push(at(cell));
            }
            rows.end_row(Some(row.range.shifted(base as isize)));
        }
        return rows;
    }
    let mut rows = Rows::with_capacity(n_cells, 0);
    let mut prev_value = false;
    let mut in_a20_header = false;
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        let folded = fold(&cell.text);
        let class = classify(&cell.text);
        let text = class == CellValue::Text;
        let caption = folded.starts_with("第二十条");
        let header = folded.starts_with("信息内容");
        let a20_label = A20_ROW_LABELS.contains(&&*folded);
        if caption || header || (text && prev_value) || (in_a20_header && a20_label) {
            rows.end_row(None);
        }
        in_a20_header = header || (in_a20_header && text && !a20_label);
        prev_value = is_valueish(&class);
        rows.push_cell(at(cell), folded, class);
        if caption {
            rows.end_row(None);
        }
    }
    rows.end_row(None);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_classes() {
        assert_eq!(classify("230 000023"), CellValue::RunTogether);
        assert_eq!(classify("000023"), CellValue::RunTogether);
        assert_eq!(classify("—"), CellValue::Marker);
        assert_eq!(classify(""), CellValue::Empty);
        assert!(matches!(classify("0"), CellValue::Number(_)));
        assert_eq!(classify("无"), CellValue::Text);
    }
}
