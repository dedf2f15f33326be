//! The blocks a report is made of. Blocks hold their text (cell texts, heading titles,
//! paragraphs — these as slices of one shared copy), so later stages never need to slice
//! the rope.

use compact_str::CompactString;

use crate::{SharedStr, TextRange};

/// One block: a heading, a paragraph line, a thematic break, a table, or markup.
///
/// Blocks never overlap, are in document order, and never include the blank lines
/// between them. Blocks read together as a group (an HTML passage) are marked: all but
/// the first are `tail`s. The first starts where the group starts and the last ends where
/// it ends, so every character that is not a blank line between groups is in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: TextRange,
    pub kind: BlockKind,
    /// Read with the blocks before it, as one group: parsing cannot restart here.
    pub tail: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A Markdown ATX heading (`## …`) or a line that is bold as a whole (`**…**`).
    Heading(Heading),
    /// One line of prose. Converted reports put one paragraph on a line, and a plain
    /// line such as `一、总体情况` is often a heading: the model decides.
    Paragraph {
        /// The line, trimmed; shared with the other lines of the same parse.
        text: SharedStr,
        /// Where `text` stands: the block's range for a line of text.
        text_range: TextRange,
        /// The text was read through markup (an HTML `<p>`): it is not written at
        /// `text_range` as it reads, and replacing that range would replace markup too.
        markup: bool,
    },
    /// `---`, `***` or `___` on a line of its own.
    Break,
    Table(Table),
    /// HTML with no report text: a page's head, a script, a comment, an empty `<p>`.
    Markup,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6 for `#`…`######`; `None` for a whole-line `**bold**` heading.
    pub level: Option<u8>,
    /// The title without `#` marks and `**`; shared with the other lines of the parse.
    pub text: SharedStr,
    pub text_range: TextRange,
    /// The title was read through markup (`<h2>`, `<p><strong>`): see
    /// `BlockKind::Paragraph::markup`.
    pub markup: bool,
}

/// How a table is written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableEncoding {
    /// Cells separated by tabs, a row per line (PDF → text conversions).
    Tabs,
    /// Markdown pipe table, with or without the `---` separator row.
    Pipes,
    /// One cell per line between lines holding a single `|` (HTML → text). The text
    /// does not say where rows end: such a table has a single row holding every cell.
    CellPerLine,
    /// HTML `<table>` markup, with `rowspan` and `colspan`.
    Html,
    /// Cells separated by runs of spaces (or U+3000); trailing numbers may be separated
    /// by single spaces.
    Spaces,
}

/// A table. Its rows' and cells' ranges are relative to the start of its block (see
/// [`Block::table`] for them in document offsets), so that an edit before the table moves
/// one range, not every cell's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: TableEncoding,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub range: TextRange,
    pub cells: Vec<Cell>,
    /// A Markdown separator row (`|---|:--:|`).
    pub separator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The range of the cell's visible text, trimmed; empty (at the cell's position)
    /// when the cell is empty. Replacing this range replaces exactly what a reader sees.
    pub range: TextRange,
    /// The visible text: markup stripped, entities decoded, lines of a multi-line
    /// cell joined by `\n`. Inline up to 24 bytes (numbers and most labels).
    pub text: CompactString,
    pub rowspan: u32,
    pub colspan: u32,
}

impl Cell {
    pub(crate) fn plain(range: TextRange, text: &str) -> Cell {
        Cell {
            range,
            text: CompactString::from(text),
            rowspan: 1,
            colspan: 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

impl Block {
    /// A table block from rows with document offsets (made relative here).
    pub(crate) fn table(range: TextRange, encoding: TableEncoding, mut rows: Vec<Row>) -> Block {
        let back = -(range.start as isize);
        for row in &mut rows {
            row.range = row.range.shifted(back);
            for cell in &mut row.cells {
                cell.range = cell.range.shifted(back);
            }
        }
        Block {
            range,
            kind: BlockKind::Table(Table { encoding, rows }),
            tail: false,
        }
    }

    /// The table of a table block and the offset its ranges are relative to.
    pub fn as_table(&self) -> Option<(&Table, usize)> {
        match &self.kind {
            BlockKind::Table(t) => Some((t, self.range.start)),
            _ => None,
        }
    }

    /// The text of a heading or paragraph line.
    pub fn line_text(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading(h) => Some(&h.text),
            BlockKind::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        }
    }

    pub(crate) fn shift(&mut self, delta: isize) {
        if delta == 0 {
            return;
        }
        self.range = self.range.shifted(delta);
        match &mut self.kind {
            BlockKind::Heading(h) => h.text_range = h.text_range.shifted(delta),
            BlockKind::Paragraph { text_range, .. } => *text_range = text_range.shifted(delta),
            BlockKind::Break | BlockKind::Markup => {}
            // Rows and cells are relative to the block: nothing to shift.
            BlockKind::Table(_) => {}
        }
    }
}
