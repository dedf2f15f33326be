//! Syntax of a 政府信息公开工作年度报告: text held in a [`ropey::Rope`], parsed into
//! [`Block`]s — headings, paragraphs, thematic breaks and tables — with the byte range of
//! every block, row and cell.
//!
//! Parsing never fails: any text, however broken, gives a list of blocks. The parser is
//! line-based and *restartable*: it carries no state from one block to the next, and a
//! block's extent depends only on its own lines plus at most [`LOOKAHEAD_LINES`] lines
//! after it. [`Document::apply_edit`] relies on both to reparse only the blocks an edit
//! touches; `tests/incremental.rs` checks that this always equals a full parse.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod block;
mod document;
mod html;
mod line_index;
mod lines;
mod parser;
mod predicates;
mod shared;
mod text_range;

pub use block::{Block, BlockKind, Cell, Heading, Row, Table, TableEncoding};
/// Short texts (cells, labels) are stored inline, without an allocation of their own.
pub use compact_str::{format_compact, CompactString};
pub use document::{Document, Edit, EditError, ReparseStats};
pub use line_index::{ColumnUnit, LineCol, LineIndex, TextLines};
pub use lines::{line_starts, LineSource, RopeLines, StrLines};
pub use parser::{parse_rope, parse_str, LOOKAHEAD_LINES};
pub use predicates::{is_blank_marker, is_numeric_token, is_page_number};
pub use ropey::Rope;
pub use shared::SharedStr;
pub use text_range::TextRange;
