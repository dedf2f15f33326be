//! Tables whose rows are lines: tab-separated (PDF → text conversions), Markdown pipe
//! tables, and cells separated by runs of spaces.

use crate::block::{Block, Cell, Row, TableEncoding};
use crate::lines::{Line, LineSource};
use crate::predicates::{
    has_full_stop, is_blank, is_blank_marker, is_numeric_token, is_space, trimmed_range,
};
use crate::TextRange;

use super::Cursor;

/// A table whose rows are lines: tab-separated, pipe or space-separated rows.
pub(super) fn line_table<'a, S: LineSource<'a>>(
    cur: &mut Cursor<'a, S>,
    encoding: TableEncoding,
    is_row: impl Fn(&str) -> bool,
    cells: impl Fn(&Line<'_>) -> Vec<Cell>,
) -> Block {
    // Table 三 has about thirty rows.
    let mut rows = Vec::with_capacity(32);
    while let Some(line) = cur.bump() {
        let cells = cells(&line);
        let separator = encoding == TableEncoding::Pipes && is_separator_row(&cells);
        rows.push(Row {
            range: trimmed_range(&line.text, line.start),
            cells,
            separator,
        });
        match cur.after_gap(&is_row) {
            Some(gap) => cur.skip(gap),
            None => break,
        }
    }
    let range = cover_rows(&rows);
    Block::table(range, encoding, rows)
}

fn cover_rows(rows: &[Row]) -> TextRange {
    match (rows.first(), rows.last()) {
        (Some(first), Some(last)) => first.range.cover(last.range),
        _ => TextRange::default(),
    }
}

pub(super) fn space_header_leads_to_row<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> bool {
    for n in 1..=3 {
        match cur.peek_text(n) {
            Some(t) if space_cells(t, 0).is_some_and(|c| c.numeric) => return true,
            Some(t) if is_blank(t) || space_cells(t, 0).is_some() => continue,
            _ => return false,
        }
    }
    false
}

pub(super) fn tab_cells(line: &Line<'_>) -> Vec<Cell> {
    split_cells(&line.text, line.start, b'\t')
}

pub(super) fn pipe_cells(line: &Line<'_>) -> Vec<Cell> {
    let text = &line.text;
    let bytes = text.as_bytes();
    let bars: Vec<usize> = memchr::memchr_iter(b'|', bytes)
        .filter(|&i| i == 0 || bytes[i - 1] != b'\\')
        .collect();
    let mut cells = Vec::with_capacity(bars.len());
    for pair in bars.windows(2) {
        let (a, b) = (pair[0] + 1, pair[1]);
        let r = trimmed_range(&text[a..b], line.start + a);
        cells.push(Cell::plain(
            r,
            &text[r.start - line.start..r.end - line.start],
        ));
    }
    // Text after the last bar is a cell when the row has no closing bar.
    if let Some(&last) = bars.last() {
        let rest = &text[last + 1..];
        if !is_blank(rest) {
            let r = trimmed_range(rest, line.start + last + 1);
            cells.push(Cell::plain(
                r,
                &text[r.start - line.start..r.end - line.start],
            ));
        }
    }
    cells
}

fn split_cells(text: &str, base: usize, sep: u8) -> Vec<Cell> {
    let bytes = text.as_bytes();
    let mut cells = Vec::with_capacity(memchr::memchr_iter(sep, bytes).count() + 1);
    let mut from = 0;
    // `sep` is ASCII: every position memchr finds is a character boundary.
    for end in memchr::memchr_iter(sep, bytes).chain([bytes.len()]) {
        let r = trimmed_range(&text[from..end], base + from);
        cells.push(Cell::plain(r, &text[r.start - base..r.end - base]));
        from = end + 1;
    }
    cells
}

fn is_separator_row(cells: &[Cell]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let t = c.text.trim_matches(':');
            !t.is_empty() && t.chars().all(|ch| ch == '-')
        })
}

pub(crate) struct SpaceCells {
    pub cells: Vec<Cell>,
    /// The row ends with at least two numbers (a data row); otherwise a header row.
    pub numeric: bool,
}

/// Splits a space-separated row: label cells are separated by runs of two or more spaces
/// (or U+3000), trailing numbers by any space. `None` when the line is not such a row.
pub(crate) fn space_cells(text: &str, base: usize) -> Option<SpaceCells> {
    if text.len() > 600
        || memchr::memchr3(b'\t', b'|', b'<', text.as_bytes()).is_some()
        || has_full_stop(text)
        || is_blank(text)
    {
        return None;
    }
    // Tokens (runs of non-space characters) with their byte ranges.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        if is_space(ch) {
            if let Some(s) = start.take() {
                tokens.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push((s, text.len()));
    }
    let wide_before = |i: usize, tokens: &[(usize, usize)]| -> bool {
        i == 0 || {
            let gap = &text[tokens[i - 1].1..tokens[i].0];
            gap.chars().count() >= 2 || gap.contains('\u{3000}')
        }
    };
    let is_value = |t: &str| is_numeric_token(t) || is_blank_marker(t);
    let mut first_value = tokens.len();
    while first_value > 0 && is_value(&text[tokens[first_value - 1].0..tokens[first_value - 1].1]) {
        first_value -= 1;
    }
    let values = tokens.len() - first_value;
    let numbers = tokens[first_value..]
        .iter()
        .filter(|t| is_numeric_token(&text[t.0..t.1]))
        .count();
    let mut cells = Vec::new();
    let mut label: Option<(usize, usize)> = None;
    for i in 0..first_value {
        let (s, e) = tokens[i];
        match label {
            Some((ls, _)) if !wide_before(i, &tokens) => label = Some((ls, e)),
            Some(prev) => {
                cells.push(Cell::plain(
                    TextRange::new(base + prev.0, base + prev.1),
                    &text[prev.0..prev.1],
                ));
                label = Some((s, e));
            }
            None => label = Some((s, e)),
        }
    }
    let label_cells = cells.len() + usize::from(label.is_some());
    if let Some(prev) = label {
        cells.push(Cell::plain(
            TextRange::new(base + prev.0, base + prev.1),
            &text[prev.0..prev.1],
        ));
    }
    for &(s, e) in &tokens[first_value..] {
        cells.push(Cell::plain(TextRange::new(base + s, base + e), &text[s..e]));
    }
    let short_labels = cells[..label_cells]
        .iter()
        .all(|c| c.text.chars().count() <= 40);
    if !short_labels {
        return None;
    }
    // A single number counts when a wide gap sets it off from its label (`行政许可  860`).
    let wide_value =
        first_value < tokens.len() && first_value > 0 && wide_before(first_value, &tokens);
    if numbers >= 2 && (label_cells > 0 || values >= 3)
        || numbers >= 1 && label_cells >= 1 && wide_value
    {
        return Some(SpaceCells {
            cells,
            numeric: true,
        });
    }
    let short_cells = cells.iter().all(|c| c.text.chars().count() <= 30);
    if values == 0 && label_cells >= 2 && short_cells && !text.contains(['，', ',', '：']) {
        return Some(SpaceCells {
            cells,
            numeric: false,
        });
    }
    None
}
