//! A table block's rows as the model reads them. A one-cell-per-line table does not say
//! where its rows end: they are cut here, at captions, headers and labels after numbers.

use std::borrow::Cow;

use nianbao_syntax::{is_blank_marker, Cell, Table, TableEncoding, TextRange};

use crate::normalize::fold;
use crate::number::parse_number;
use crate::{CellValue, ValueCell};

/// A cell as the model reads it: its visible text and its range in document offsets (a
/// table block's ranges are relative to the block). A cell may be part of a block's cell
/// (space-separated numbers in one cell) or of a line of text.
#[derive(Clone, Copy)]
pub(super) struct CellRef<'a> {
    pub(super) text: &'a str,
    pub(super) range: TextRange,
}

impl CellRef<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
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
    /// Whether each cell is one of several numbers written in one block cell, separated
    /// by spaces (`push_splitting`).
    spaced: Vec<bool>,
    /// Each row's range and its cells' indices.
    rows: Vec<(TextRange, std::ops::Range<usize>)>,
}

impl<'a> Rows<'a> {
    pub(super) fn with_capacity(cells: usize, rows: usize) -> Rows<'a> {
        Rows {
            cells: Vec::with_capacity(cells),
            folded: Vec::with_capacity(cells),
            classes: Vec::with_capacity(cells),
            spaced: Vec::with_capacity(cells),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Adds a cell to the row being built; `end_row` closes it.
    pub(super) fn push_cell(&mut self, cell: CellRef<'a>, folded: Cow<'a, str>, class: CellValue) {
        self.cells.push(cell);
        self.folded.push(folded);
        self.classes.push(class);
        self.spaced.push(false);
    }

    pub(super) fn push(&mut self, cell: CellRef<'a>) {
        self.push_cell(cell, fold(cell.text), classify(cell.text));
    }

    /// Pushes a block's cell: as it is, or, when it holds several whole numbers separated
    /// by spaces (`72 64 178`: separators a conversion turned into spaces), as one cell
    /// each. Numbers with a leading zero (`230 000023`) are not split: where one cell ends
    /// is then not known.
    pub(super) fn push_splitting(&mut self, cell: CellRef<'a>) {
        match split_numbers(cell) {
            Some(parts) => parts.into_iter().for_each(|c| {
                self.push(c);
                if let Some(last) = self.spaced.last_mut() {
                    *last = true;
                }
            }),
            None => self.push(cell),
        }
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
            spaced: &self.spaced[cells.clone()],
        })
    }
}

/// A row as the model reads it: its cells with their folded texts and classes.
pub(super) struct LogicalRow<'r, 'a> {
    pub(super) range: TextRange,
    pub(super) cells: &'r [CellRef<'a>],
    pub(super) folded: &'r [Cow<'a, str>],
    pub(super) classes: &'r [CellValue],
    pub(super) spaced: &'r [bool],
}

impl LogicalRow<'_, '_> {
    pub(super) fn value_cell(&self, i: usize) -> ValueCell {
        let cell = self.cells[i];
        ValueCell {
            range: cell.range,
            text: cell.text.into(),
            value: self.classes[i].clone(),
            spaced: self.spaced[i],
        }
    }
}

/// The numbers of a cell that holds several canonical whole numbers separated by white
/// space, each with its own range; `None` for any other cell, and for a cell whose text is
/// not written verbatim at its range (markup inside).
fn split_numbers(cell: CellRef<'_>) -> Option<Vec<CellRef<'_>>> {
    let text = cell.text;
    if !text.contains(char::is_whitespace) || text.len() != cell.range.len() {
        return None;
    }
    let canonical = |t: &str| {
        !t.is_empty()
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t.len() == 1 || !t.starts_with('0'))
    };
    let mut parts = Vec::new();
    for (start, token) in tokens(text) {
        if !canonical(token) {
            return None;
        }
        parts.push(CellRef {
            text: token,
            range: TextRange::new(
                cell.range.start + start,
                cell.range.start + start + token.len(),
            ),
        });
    }
    (parts.len() >= 2).then_some(parts)
}

/// The runs of non-white-space characters of `text`, with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A line of text (a paragraph) as a row: its label — the words before the first number —
/// and each number after it a cell (`行政许可 97`, `行政许可  100  -3  860`). `range` is
/// where the text is written; when it was read through markup the cells all take it.
pub(super) fn line_row<'a>(text: &'a str, range: TextRange, markup: bool) -> Rows<'a> {
    let mut rows = Rows::with_capacity(4, 1);
    let at = |start: usize, end: usize| {
        if markup {
            range
        } else {
            TextRange::new(range.start + start, range.start + end)
        }
    };
    let tokens = tokens(text);
    let first_number = tokens
        .iter()
        .position(|(_, t)| nianbao_syntax::is_numeric_token(t))
        .unwrap_or(tokens.len());
    // Only trailing numbers are values: a number inside the label (`2024 年`) is not.
    let all_numbers_after = tokens[first_number..]
        .iter()
        .all(|(_, t)| nianbao_syntax::is_numeric_token(t) || is_blank_marker(t));
    let label_end = if all_numbers_after {
        first_number
    } else {
        tokens.len()
    };
    if label_end > 0 {
        let (s, _) = tokens[0];
        let (e, last) = tokens[label_end - 1];
        let end = e + last.len();
        rows.push(CellRef {
            text: &text[s..end],
            range: at(s, end),
        });
    }
    for &(s, t) in &tokens[label_end..] {
        rows.push(CellRef {
            text: t,
            range: at(s, s + t.len()),
        });
    }
    rows.end_row(Some(range));
    rows
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

pub(super) const A20_ROW_LABELS: [&str; 9] = [
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
pub(super) fn logical_rows<'a>(table: &'a Table, base: usize) -> Rows<'a> {
    let at = |cell: &'a Cell| CellRef {
        text: cell.text.as_str(),
        range: cell.range.shifted(base as isize),
    };
    let n_cells = table.rows.iter().map(|r| r.cells.len()).sum();
    if table.encoding != TableEncoding::CellPerLine {
        let mut rows = Rows::with_capacity(n_cells, table.rows.len());
        for row in table.rows.iter().filter(|r| !r.separator) {
            for cell in &row.cells {
                rows.push_splitting(at(cell));
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
    fn space_separated_numbers_become_cells() {
        let text = "72 64 178";
        let cell = CellRef {
            text,
            range: TextRange::new(10, 10 + text.len()),
        };
        let parts = split_numbers(cell).unwrap();
        let got: Vec<(&str, usize)> = parts.iter().map(|c| (c.text, c.range.start)).collect();
        assert_eq!(got, [("72", 10), ("64", 13), ("178", 16)]);
        let run = CellRef {
            text: "230 000023",
            range: TextRange::new(0, 10),
        };
        assert!(split_numbers(run).is_none());
        let rows = line_row("行政许可 97", TextRange::new(0, 14), false);
        let row = rows.iter().next().unwrap();
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text).collect();
        assert_eq!(texts, ["行政许可", "97"]);
        let rows = line_row("2024 年工作情况", TextRange::new(0, 20), false);
        assert_eq!(rows.iter().next().unwrap().cells.len(), 1);
    }

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
