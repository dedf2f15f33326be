//! One cell per line between lines holding a single `|` (HTML → text). The text does not
//! say where rows end: the table is one row holding every cell, which the model cuts
//! into rows (only the template knows where they end).

use crate::block::{Block, Cell, Row, TableEncoding};
use crate::lines::LineSource;
use crate::predicates::{
    is_bar_line, is_blank, is_cell_content, looks_like_numbered_heading, trimmed_range,
};
use crate::TextRange;

use super::Cursor;

pub(super) fn starts_cell_per_line<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> bool {
    if cur.at(0, is_bar_line) {
        return true;
    }
    cell_follows(cur, 0).is_some()
}

/// If a cell of 1–3 content lines starting at line `n` is closed by a bar line, the
/// number of its content lines.
fn cell_follows<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>, n: usize) -> Option<usize> {
    for k in 0..=3 {
        if k > 0 && cur.at(n + k, is_bar_line) {
            return Some(k);
        }
        if !cur.at(n + k, is_cell_content) {
            return None;
        }
        // A part title ends the table unless a bar closes it as a cell of its own.
        if cur.at(n + k, looks_like_numbered_heading) && !cur.at(n + k + 1, is_bar_line) {
            return None;
        }
    }
    None
}

pub(super) fn cell_per_line_table<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let mut cells = Vec::new();
    let start = cur.peek(0)?.start;
    let mut end;
    if let Some(k) = cell_follows(cur, 0) {
        cells.push(multi_line_cell(cur, k));
    }
    // The bar line that closes the first cell (or opens the table).
    end = cur.bump()?.end();
    while let Some(gap) = cur.after_gap(|t| !is_blank(t)) {
        if cur.at(gap, is_bar_line) {
            cur.skip(gap);
            let bar = cur.bump()?;
            cells.push(Cell::plain(TextRange::empty(bar.start), ""));
            end = bar.end();
            continue;
        }
        let Some(k) = cell_follows(cur, gap) else {
            break;
        };
        cur.skip(gap);
        cells.push(multi_line_cell(cur, k));
        end = cur.bump()?.end();
    }
    let range = TextRange::new(start, end);
    let row = Row {
        range,
        cells,
        separator: false,
    };
    Some(Block::table(range, TableEncoding::CellPerLine, vec![row]))
}

fn multi_line_cell<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>, lines: usize) -> Cell {
    let mut text = String::new();
    let mut range: Option<TextRange> = None;
    for _ in 0..lines {
        let Some(line) = cur.bump() else { break };
        let r = trimmed_range(&line.text, line.start);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line.text[r.start - line.start..r.end - line.start]);
        range = Some(range.map_or(r, |prev| prev.cover(r)));
    }
    Cell::plain(range.unwrap_or_default(), &text)
}
