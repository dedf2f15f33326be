//! The block parser. It reads lines through a small look-ahead buffer and keeps no state
//! between blocks, so parsing can restart at any block start and give the same blocks as
//! a parse from the top. A block's extent depends on its own lines and at most
//! [`LOOKAHEAD_LINES`] lines after it; the parser asserts this in debug builds.
//!
//! This module is the dispatcher: it decides from a block's first lines which kind of
//! block starts there and hands the lines to the reader of that encoding —
//! `line_tables` (tabs, pipes, runs of spaces), `cell_per_line`, `html_table`. What a
//! line looks like is told by `crate::predicates`.

use std::sync::Arc;

mod cell_per_line;
mod cursor;
mod html_flow;
mod html_table;
mod line_tables;

use std::collections::VecDeque;

use crate::block::{Block, BlockKind, Heading, TableEncoding};
use crate::lines::{Line, LineSource, StrLines};
use crate::predicates::{
    atx_heading, has_table_tag, is_blank, is_break, is_pipe_row, is_prose, is_space, is_tab_row,
    strip_bold, trimmed_range, whole_line_bold,
};
use crate::{SharedStr, TextRange};
use cell_per_line::{cell_per_line_table, starts_cell_per_line};
pub(crate) use cursor::Cursor;
use html_flow::{html_flow, starts_html_flow};
use html_table::html_table;
use line_tables::{line_table, pipe_cells, space_cells, space_header_leads_to_row, tab_cells};

/// How many blank lines, page-number lines or thematic breaks a table may be
/// interrupted by and still be one table (a page break, seeds 000, 003 and 004).
pub(crate) const MAX_GAP: usize = 3;

/// The most lines after a block's last line that deciding the block can read.
pub const LOOKAHEAD_LINES: usize = MAX_GAP + 5;

/// Parses the whole of `text`. The blocks share one copy of it.
pub fn parse_str(text: &str) -> Vec<Block> {
    parse_shared(&Arc::from(text))
}

/// Parses the whole of a shared text; its blocks keep slices of it.
pub(crate) fn parse_shared(text: &Arc<str>) -> Vec<Block> {
    let mut blocks = Vec::new();
    parse_from(StrLines::shared(text, 0), |_| false, &mut blocks);
    blocks
}

/// Parses the whole of a rope, line by line as an edit reparses it: the same blocks as
/// [`parse_str`] of its text (tested), each holding a copy of its text.
pub fn parse_rope(rope: &ropey::Rope) -> Vec<Block> {
    let mut blocks = Vec::new();
    parse_from(
        crate::lines::RopeLines::new(rope, 0),
        |_| false,
        &mut blocks,
    );
    blocks
}

/// Parses blocks from `source` into `out` until the source ends or `stop` returns true
/// for a freshly parsed block, which is then returned and not pushed.
pub(crate) fn parse_from<'a, S: LineSource<'a>>(
    source: S,
    mut stop: impl FnMut(&Block) -> bool,
    out: &mut Vec<Block>,
) -> Option<Block> {
    let mut cur = Cursor {
        src: source,
        buf: VecDeque::new(),
        done: false,
        consumed: 0,
        max_peeked: 0,
    };
    loop {
        while cur.peek(0).is_some_and(|l| is_blank(&l.text)) {
            cur.bump();
        }
        let flow = starts_html_flow(cur.peek_text(0)?);
        let consumed_before = cur.consumed;
        // A group of blocks read together: one block, or the blocks of an HTML passage
        // (several may share a line). Only a group's first block starts where the parser
        // can restart, so only it is offered to `stop`.
        let mut group = Vec::new();
        if flow {
            html_flow(&mut cur, &mut group);
        } else {
            group.push(parse_block(&mut cur)?);
        }
        debug_assert!(
            cur.consumed > consumed_before,
            "the parser must make progress"
        );
        debug_assert!(
            cur.max_peeked < cur.consumed + LOOKAHEAD_LINES,
            "blocks {:?} looked {} lines ahead",
            group.first().map(|b| b.range),
            cur.max_peeked + 1 - cur.consumed
        );
        let mut group = group.into_iter();
        if let Some(first) = group.next() {
            if stop(&first) {
                return Some(first);
            }
            out.push(first);
            out.extend(group);
        }
    }
}

fn parse_block<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let text = cur.peek_text(0)?;
    if is_prose(text) {
        let line = cur.bump()?;
        return Some(single_line_block(&line, cur.src.shared()));
    }
    if has_table_tag(text) {
        return html_table(cur);
    }
    if is_tab_row(text) {
        return Some(line_table(cur, TableEncoding::Tabs, is_tab_row, tab_cells));
    }
    if is_pipe_row(text) {
        return Some(line_table(
            cur,
            TableEncoding::Pipes,
            is_pipe_row,
            pipe_cells,
        ));
    }
    if starts_cell_per_line(cur) {
        return cell_per_line_table(cur);
    }
    let text = cur.peek_text(0)?;
    let numeric = space_cells(text, 0).map(|c| c.numeric);
    if numeric == Some(true) || (numeric.is_some() && space_header_leads_to_row(cur)) {
        return Some(line_table(
            cur,
            TableEncoding::Spaces,
            |t| space_cells(t, 0).is_some(),
            |l| {
                space_cells(&l.text, l.start)
                    .map(|c| c.cells)
                    .unwrap_or_default()
            },
        ));
    }
    let line = cur.bump()?;
    Some(single_line_block(&line, cur.src.shared()))
}

/// A heading, break or paragraph line. A paragraph's or heading's text is a slice of
/// `shared` (the whole text, when the line comes from it) or a copy.
fn single_line_block(line: &Line<'_>, shared: Option<&Arc<str>>) -> Block {
    let range = trimmed_range(&line.text, line.start);
    let text = &line.text[range.start - line.start..range.end - line.start];
    let share = |text: &str, range: TextRange| match shared {
        Some(buf) => SharedStr::slice(buf, range.start..range.end),
        None => SharedStr::from(text),
    };
    if let Some((level, title)) = atx_heading(text, range.start) {
        let (title, title_range) = strip_bold(title.0, title.1);
        return Block {
            range,
            tail: false,
            kind: BlockKind::Heading(Heading {
                level: Some(level),
                text: share(title, title_range),
                text_range: title_range,
                markup: false,
            }),
        };
    }
    if is_break(text) {
        return Block {
            range,
            kind: BlockKind::Break,
            tail: false,
        };
    }
    if let Some(inner) = whole_line_bold(text) {
        let start = range.start + 2;
        let inner_range = trimmed_range(inner, start);
        let inner = inner.trim_matches(is_space);
        return Block {
            range,
            tail: false,
            kind: BlockKind::Heading(Heading {
                level: None,
                text: share(inner, inner_range),
                text_range: inner_range,
                markup: false,
            }),
        };
    }
    Block {
        range,
        tail: false,
        kind: BlockKind::Paragraph {
            text: share(text, range),
            text_range: range,
            markup: false,
        },
    }
}
