//! A document: its rope and its blocks, kept up to date edit by edit.
//!
//! After an edit, parsing restarts at the start of the first block whose look-ahead window
//! could have seen the edit, and stops as soon as it produces a block that starts where
//! an old block (shifted by the edit) started after the edited text: from there on the
//! text is the same and the parser is restartable, so every later block is the old one,
//! shifted. Only the blocks in between are parsed again.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use ropey::Rope;

use crate::block::Block;
use crate::lines::RopeLines;
use crate::parser::{parse_from, parse_shared, LOOKAHEAD_LINES};

/// Replace the bytes `range` (in the text before the edit) by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The range ends past the end of the text or starts after it ends.
    OutOfBounds { range: Range<usize>, len: usize },
    /// An end of the range falls inside a character.
    NotCharBoundary { offset: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::OutOfBounds { range, len } => {
                write!(
                    f,
                    "edit range {}..{} is outside the text of {len} bytes",
                    range.start, range.end
                )
            }
            EditError::NotCharBoundary { offset } => {
                write!(f, "byte offset {offset} is inside a character")
            }
        }
    }
}

impl std::error::Error for EditError {}

/// What an edit cost: which blocks were parsed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReparseStats {
    /// Blocks kept from before the edit, unchanged, at the start.
    pub kept_before: usize,
    /// Blocks parsed again.
    pub reparsed: usize,
    /// Blocks kept from after the edit, shifted.
    pub kept_after: usize,
}

#[derive(Clone)]
pub struct Document {
    /// Built when first asked for: a document that is only read (`read_only`, the CLI's)
    /// never needs one.
    rope: OnceLock<Rope>,
    /// The text as given, kept by a `read_only` document until its first edit (the
    /// paragraphs share it); `Document::new` lets it go once the rope is built.
    text: Option<Arc<str>>,
    blocks: Vec<Block>,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("len", &self.len())
            .field("blocks", &self.blocks.len())
            .finish()
    }
}

impl Document {
    /// A document to edit: its rope is built now, and the text as given is not kept
    /// beyond what the paragraphs share of it.
    pub fn new(text: &str) -> Document {
        let mut doc = Document::read_only(Arc::from(text));
        let _ = doc.rope();
        doc.text = None;
        doc
    }

    /// A document that will be read, not edited: parsed, and its rope built only if
    /// something asks for it. It can still be edited (the rope is built then).
    pub fn read_only(text: Arc<str>) -> Document {
        // From the text, not the rope: the paragraphs share one copy of it.
        let blocks = parse_shared(&text);
        Document {
            rope: OnceLock::new(),
            text: Some(text),
            blocks,
        }
    }

    pub fn rope(&self) -> &Rope {
        self.rope
            .get_or_init(|| Rope::from_str(self.text.as_deref().unwrap_or_default()))
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub fn text(&self) -> String {
        match &self.text {
            Some(text) => text.to_string(),
            None => self.rope().to_string(),
        }
    }

    /// The text of the bytes `range` (clamped to the text, and to character starts).
    pub fn slice(&self, range: Range<usize>) -> String {
        let len = self.len();
        let (start, end) = (range.start.min(len), range.end.min(len));
        match &self.text {
            Some(text) => {
                let floor = |mut i: usize| {
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                text[floor(start)..floor(end).max(floor(start))].to_string()
            }
            None => {
                let rope = self.rope();
                let char_start = |i| rope.char_to_byte(rope.byte_to_char(i));
                let (start, end) = (char_start(start), char_start(end));
                rope.byte_slice(start..end.max(start)).to_string()
            }
        }
    }

    pub fn len(&self) -> usize {
        match &self.text {
            Some(text) => text.len(),
            None => self.rope().len_bytes(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks that `range` can be edited: inside the text and on character boundaries.
    pub fn check_range(&self, range: &Range<usize>) -> Result<(), EditError> {
        let len = self.len();
        if range.start > range.end || range.end > len {
            return Err(EditError::OutOfBounds {
                range: range.clone(),
                len,
            });
        }
        for offset in [range.start, range.end] {
            let boundary = match &self.text {
                Some(text) => text.is_char_boundary(offset),
                None => {
                    let rope = self.rope();
                    rope.char_to_byte(rope.byte_to_char(offset)) == offset
                }
            };
            if !boundary {
                return Err(EditError::NotCharBoundary { offset });
            }
        }
        Ok(())
    }

    /// Applies `edit` to the text and reparses the blocks it touches. On error nothing
    /// changes.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<ReparseStats, EditError> {
        self.check_range(&edit.range)?;
        let (s, e) = (edit.range.start, edit.range.end);
        let restart_index = self.restart_index(s);
        let restart = self.restart_offset(restart_index, s);

        // The rope, built if it was not, taken out to be edited; the text as given is no
        // longer the text.
        let mut rope = match self.rope.take() {
            Some(rope) => rope,
            None => Rope::from_str(self.text.as_deref().unwrap_or_default()),
        };
        self.text = None;
        let char_s = rope.byte_to_char(s);
        let char_e = rope.byte_to_char(e);
        rope.remove(char_s..char_e);
        rope.insert(char_s, &edit.text);
        self.rope = OnceLock::from(rope);

        let delta = edit.text.len() as isize - (e - s) as isize;
        let new_edit_end = s + edit.text.len();
        let old_blocks = &self.blocks;
        let mut fresh = Vec::new();
        let rope = self.rope();
        let resync = parse_from(
            RopeLines::new(rope, restart),
            |block| {
                // The whole first line of the block, leading white space included, must
                // come after the edit for the old parse from there to still hold — and so
                // must the line break before it: a line that starts right where the
                // inserted text ends may not have been a line start before the edit (a
                // leading U+2028 replaced by `\r`, found by fuzzing).
                // Both must start a group: a group's later blocks depend on its first lines.
                !block.tail
                    && rope.line_to_byte(rope.byte_to_line(block.range.start)) > new_edit_end
                    && {
                        let old_start = (block.range.start as isize - delta) as usize;
                        let j = old_blocks.partition_point(|b| b.range.start < old_start);
                        j < old_blocks.len()
                            && old_blocks[j].range.start == old_start
                            && !old_blocks[j].tail
                    }
            },
            &mut fresh,
        );
        let kept_after_from = match &resync {
            Some(block) => {
                let old_start = (block.range.start as isize - delta) as usize;
                self.blocks.partition_point(|b| b.range.start < old_start)
            }
            None => self.blocks.len(),
        };
        let stats = ReparseStats {
            kept_before: restart_index,
            reparsed: fresh.len(),
            kept_after: self.blocks.len() - kept_after_from,
        };
        // In place: the kept blocks after the edit are shifted where they lie, and moved
        // only when the number of blocks changed.
        for block in &mut self.blocks[kept_after_from..] {
            block.shift(delta);
        }
        self.blocks.splice(restart_index..kept_after_from, fresh);
        Ok(stats)
    }

    /// The index of the first block that must be parsed again after an edit at `s`: never
    /// a group's tail, where parsing cannot start.
    fn restart_index(&self, s: usize) -> usize {
        let mut i = self.blocks.partition_point(|b| b.range.end < s);
        while i > 0 {
            if self.blocks.get(i).is_some_and(|b| b.tail) {
                i -= 1;
                continue;
            }
            let prev = &self.blocks[i - 1];
            let end_line = self.rope().byte_to_line(prev.range.end);
            let window_end_line = end_line + LOOKAHEAD_LINES + 1;
            let reaches_edit = window_end_line >= self.rope().len_lines()
                || s < self.rope().line_to_byte(window_end_line);
            if !reaches_edit {
                break;
            }
            i -= 1;
        }
        i
    }

    /// Where parsing restarts: the start of block `i`, or, when the edit lies in blank
    /// lines before it, a line start in those blank lines at or before the edit.
    fn restart_offset(&self, i: usize, s: usize) -> usize {
        if i == 0 {
            return 0;
        }
        if let Some(block) = self.blocks.get(i) {
            // Blocks are trimmed: restart at the start of the block's first line.
            let line_start = self
                .rope()
                .line_to_byte(self.rope().byte_to_line(block.range.start));
            if line_start <= s {
                return line_start;
            }
        }
        // The edit is in the blank lines after block i - 1, beyond its look-ahead. Start
        // one line before the edit's line, so that a `\r` ending the line before cannot
        // be joined with an inserted `\n` under our feet.
        let line = self.rope().byte_to_line(s).saturating_sub(1);
        let offset = self.rope().line_to_byte(line);
        debug_assert!(
            offset >= self.blocks[i - 1].range.end,
            "an edit this close to a block is in its look-ahead"
        );
        offset
    }
}
