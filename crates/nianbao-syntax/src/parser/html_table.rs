//! A `<table>` block: its lines, from the line that opens it to the line that closes it
//! (nested tables included), read into rows by `crate::html`.

use crate::block::{Block, TableEncoding};
use crate::html;
use crate::lines::LineSource;
use crate::predicates::{count_table_tags, leading_space_len};
use crate::TextRange;

use super::Cursor;

pub(super) fn html_table<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let mut lines = Vec::new();
    let mut depth: i64 = 0;
    while let Some(line) = cur.bump() {
        let (opens, closes) = count_table_tags(&line.text);
        depth += opens as i64 - closes as i64;
        lines.push(line);
        if depth <= 0 {
            break;
        }
    }
    let first = lines.first()?;
    let last = lines.last()?;
    let range = TextRange::new(first.start + leading_space_len(&first.text), last.end());
    let rows = html::parse_rows(&lines);
    Some(Block::table(range, TableEncoding::Html, rows))
}
