//! What the client sends, turned into plain data: LSP positions (in the negotiated
//! encoding) into byte offsets, through the one `LineIndex`. Out-of-range positions are
//! clamped: past the end of a line to the line's end (before its break), past the last
//! line to the end of the text, inside a character (a surrogate pair, a multi-byte
//! sequence) to that character's start.

use nianbao_syntax::{LineCol, LineIndex, Rope, TextRange};
use tower_lsp_server::ls_types::{Position, Range};

use crate::Encoding;

/// The byte offset of `pos`, clamped into the text.
pub fn offset(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    offset_in(&LineIndex::new(rope), pos, encoding)
}

/// [`offset`] through an index at hand.
pub fn offset_in(index: &LineIndex<'_>, pos: Position, encoding: Encoding) -> usize {
    let at = LineCol {
        line: pos.line as usize,
        col: pos.character as usize,
    };
    index.offset(at, encoding.unit())
}

/// The byte range of `range`, clamped into the text; a reversed range is put in order.
pub fn text_range(rope: &Rope, range: Range, encoding: Encoding) -> TextRange {
    let start = offset(rope, range.start, encoding);
    let end = offset(rope, range.end, encoding);
    TextRange::new(start.min(end), end.max(start))
}
