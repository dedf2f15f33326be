//! Lines and columns of byte offsets, and back: the one conversion every output uses (the
//! CLI's human, JSON and SARIF lines, snapshots, and the language server's positions).
//!
//! Offsets inside nianbao are bytes. A column is counted in one of three units: UTF-8
//! bytes and UTF-16 code units (the two an LSP client may negotiate) and characters
//! (what a person counts, and SARIF's `unicodeCodePoints`). Lines break at `\n`, `\r\n`
//! and a lone `\r`, as everywhere else (the rope is built without `unicode_lines`).
//!
//! The cost of a conversion does not depend on the length of the line: a short distance
//! from the line start is counted directly, a long one is read from the rope's chunk
//! metadata (O(log n)), so a megabyte-long line of HTML with many findings converts as
//! fast as a table laid out a row per line.

use std::sync::{Arc, OnceLock};

use ropey::Rope;

/// What a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units: 1 for a Chinese character, 2 for 𠀀 or an emoji.
    Utf16,
    /// Unicode scalar values: 1 for every character.
    Char,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Converts between byte offsets and lines and columns of a rope (a document being
/// edited) or of a [`TextLines`] (a text only read: the CLI's files).
#[derive(Clone, Copy)]
pub struct LineIndex<'r> {
    of: Of<'r>,
}

#[derive(Clone, Copy)]
enum Of<'r> {
    Rope(&'r Rope),
    Text(&'r TextLines),
}

/// A text that is not edited, with the starts of its lines: what a [`LineIndex`] needs,
/// without a rope — building one costs about a third of parsing the text, for a file the
/// CLI reads once. A column far from its line's start is counted from the nearest of the
/// marks every [`MARK`] bytes (made when first needed), so an offset on a megabyte-long
/// line converts to its line and column as fast as one on a short line. The other way
/// (`LineIndex::offset`, which the CLI does not use) walks the line from its start.
#[derive(Clone, Debug)]
pub struct TextLines {
    text: Arc<str>,
    starts: Vec<usize>,
    marks: OnceLock<Vec<Mark>>,
}

/// Bytes between two [`Mark`]s (fewer in tests, so that short texts span many).
const MARK: usize = if cfg!(test) { 64 } else { 4096 };

/// At the last character start at or before a multiple of [`MARK`]: that offset and the
/// number of characters and of UTF-16 units before it.
#[derive(Clone, Copy, Debug)]
struct Mark {
    at: usize,
    chars: usize,
    utf16: usize,
}

impl TextLines {
    pub fn new(text: Arc<str>) -> TextLines {
        TextLines {
            starts: crate::line_starts(&text),
            text,
            marks: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text itself, shared (for a `Document::read_only` of it).
    pub fn shared(&self) -> Arc<str> {
        self.text.clone()
    }

    pub fn index(&self) -> LineIndex<'_> {
        LineIndex { of: Of::Text(self) }
    }

    /// `offset` moved back to a character start.
    fn floor(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn marks(&self) -> &[Mark] {
        self.marks.get_or_init(|| {
            let mut marks = vec![Mark {
                at: 0,
                chars: 0,
                utf16: 0,
            }];
            let mut last = marks[0];
            for k in 1..=self.text.len() / MARK {
                let at = self.floor(k * MARK);
                let between = &self.text[last.at..at];
                last = Mark {
                    at,
                    chars: last.chars + count(between, ColumnUnit::Char),
                    utf16: last.utf16 + count(between, ColumnUnit::Utf16),
                };
                marks.push(last);
            }
            marks
        })
    }

    /// The length in `unit` of the text before `offset` (a character start).
    fn units_before(&self, offset: usize, unit: ColumnUnit) -> usize {
        let mark = self.marks()[offset / MARK];
        let rest = count(&self.text[mark.at..offset], unit);
        match unit {
            ColumnUnit::Utf8 => offset,
            ColumnUnit::Utf16 => mark.utf16 + rest,
            ColumnUnit::Char => mark.chars + rest,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    fn line_end(&self, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        match (bytes.get(next.wrapping_sub(2)), bytes[next - 1]) {
            (Some(b'\r'), b'\n') => next - 2,
            _ => next - 1,
        }
    }

    fn line_col(&self, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = match unit {
            ColumnUnit::Utf8 => offset - start,
            _ if offset - start <= DIRECT_COUNT => count(&self.text[start..offset], unit),
            _ => self.units_before(offset, unit) - self.units_before(start, unit),
        };
        LineCol { line, col }
    }

    fn offset(&self, at: LineCol, unit: ColumnUnit) -> usize {
        let Some(&start) = self.starts.get(at.line) else {
            return self.text.len();
        };
        let end = self.line_end(at.line);
        match unit {
            ColumnUnit::Utf8 => self.floor(start.saturating_add(at.col).min(end)),
            ColumnUnit::Utf16 | ColumnUnit::Char => {
                let mut units = 0;
                for (i, c) in self.text[start..end].char_indices() {
                    let width = match unit {
                        ColumnUnit::Utf16 => c.len_utf16(),
                        _ => 1,
                    };
                    // Inside a character (a surrogate pair): at its start.
                    if units + width > at.col {
                        return start + i;
                    }
                    units += width;
                }
                end
            }
        }
    }
}

/// Below this many bytes from the line start a column is counted byte by byte; beyond
/// it, through the rope's metadata, whose fixed cost is about that of counting this many.
const DIRECT_COUNT: usize = 256;

impl<'r> LineIndex<'r> {
    pub fn new(rope: &'r Rope) -> LineIndex<'r> {
        LineIndex { of: Of::Rope(rope) }
    }

    /// The line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.of {
            Of::Rope(rope) => rope.byte_to_line(offset.min(rope.len_bytes())),
            Of::Text(text) => text.line_of(offset.min(text.text.len())),
        }
    }

    /// The byte offset where `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        match self.of {
            Of::Rope(rope) if line >= rope.len_lines() => rope.len_bytes(),
            Of::Rope(rope) => rope.line_to_byte(line),
            Of::Text(text) => text.starts.get(line).copied().unwrap_or(text.text.len()),
        }
    }

    /// The byte offset where `line`'s text ends, before its line break.
    pub fn line_end(&self, line: usize) -> usize {
        let rope = match self.of {
            Of::Rope(rope) => rope,
            Of::Text(text) => return text.line_end(line),
        };
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start = rope.line_to_byte(line);
        start + rope.line(line).len_bytes() - eol_len(rope, line)
    }

    /// How many lines the text has (an empty text and a text ending in a line break have
    /// an empty last line).
    pub fn line_count(&self) -> usize {
        match self.of {
            Of::Rope(rope) => rope.len_lines(),
            Of::Text(text) => text.starts.len(),
        }
    }

    /// The line and column of byte `offset`, clamped to the text; an offset inside a
    /// character is that character's start.
    pub fn line_col(&self, offset: usize, unit: ColumnUnit) -> LineCol {
        let rope = match self.of {
            Of::Rope(rope) => rope,
            Of::Text(text) => return text.line_col(offset, unit),
        };
        let offset = offset.min(rope.len_bytes());
        let line = rope.byte_to_line(offset);
        let start = rope.line_to_byte(line);
        let col = match unit {
            ColumnUnit::Utf8 => {
                // Inside a character: at its start.
                rope.char_to_byte(rope.byte_to_char(offset)) - start
            }
            ColumnUnit::Utf16 | ColumnUnit::Char if offset - start <= DIRECT_COUNT => {
                match rope.get_byte_slice(start..offset) {
                    Some(before) => before.chunks().map(|c| count(c, unit)).sum(),
                    None => col_from_metadata(rope, line, offset, unit),
                }
            }
            ColumnUnit::Utf16 | ColumnUnit::Char => col_from_metadata(rope, line, offset, unit),
        };
        LineCol { line, col }
    }

    /// The byte offset of a line and column, clamped: past the end of a line to the
    /// line's end (before its break), past the last line to the end of the text, inside
    /// a character (a surrogate pair, a multi-byte sequence) to the character's start.
    pub fn offset(&self, at: LineCol, unit: ColumnUnit) -> usize {
        let rope = match self.of {
            Of::Rope(rope) => rope,
            Of::Text(text) => return text.offset(at, unit),
        };
        if at.line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start = rope.line_to_byte(at.line);
        let end = self.line_end(at.line);
        match unit {
            ColumnUnit::Utf8 => {
                let target = start.saturating_add(at.col).min(end);
                rope.char_to_byte(rope.byte_to_char(target))
            }
            ColumnUnit::Utf16 => {
                let first = rope.char_to_utf16_cu(rope.line_to_char(at.line));
                let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
                let target = first.saturating_add(at.col).min(last);
                rope.char_to_byte(rope.utf16_cu_to_char(target))
            }
            ColumnUnit::Char => {
                let first = rope.line_to_char(at.line);
                let last = rope.byte_to_char(end);
                rope.char_to_byte(first.saturating_add(at.col).min(last))
            }
        }
    }
}

/// The column of byte `offset` of `line`, from the rope's chunk metadata.
fn col_from_metadata(rope: &Rope, line: usize, offset: usize, unit: ColumnUnit) -> usize {
    let char_at = rope.byte_to_char(offset);
    let line_char = rope.line_to_char(line);
    match unit {
        ColumnUnit::Utf16 => rope.char_to_utf16_cu(char_at) - rope.char_to_utf16_cu(line_char),
        ColumnUnit::Char | ColumnUnit::Utf8 => char_at - line_char,
    }
}

/// The length of the line break that ends `line` of `rope`.
fn eol_len(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let n = slice.len_bytes();
    let byte = |i: usize| slice.byte(i);
    match (n.checked_sub(2).map(byte), n.checked_sub(1).map(byte)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (_, Some(b'\n' | b'\r')) => 1,
        _ => 0,
    }
}

/// The length of `text` in `unit`: for UTF-16, one unit per character and two for those
/// beyond the BMP (the ones with a four-byte UTF-8 lead).
fn count(text: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => text.len(),
        ColumnUnit::Utf16 => text
            .bytes()
            .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum(),
        ColumnUnit::Char => text.bytes().filter(|b| b & 0xC0 != 0x80).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

    /// The column by the definition: the unit's length of the line's text before the
    /// offset (moved back to a character start).
    fn by_definition(text: &str, starts: &[usize], offset: usize, unit: ColumnUnit) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&s| s <= offset) - 1;
        LineCol {
            line,
            col: count(&text[starts[line]..offset], unit),
        }
    }

    /// Every offset of `text` (and past its end) through `index`: lines and columns as
    /// counted from the line start, and back; lines and their ends as the rope has them.
    fn agrees_with_counting(text: &str, index: LineIndex<'_>) {
        let rope = Rope::from_str(text);
        let by_rope = LineIndex::new(&rope);
        assert_eq!(index.line_count(), by_rope.line_count());
        for line in 0..=index.line_count() {
            assert_eq!(index.line_start(line), by_rope.line_start(line), "{line}");
            assert_eq!(index.line_end(line), by_rope.line_end(line), "{line}");
        }
        let starts = crate::line_starts(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line_of(offset), by_rope.line_of(offset), "{offset}");
            for unit in UNITS {
                let at = index.line_col(offset, unit);
                let expected = by_definition(text, &starts, offset, unit);
                assert_eq!(at, expected, "{offset} {unit:?}");
                // Between the `\r` and `\n` of a line break is no position of its own.
                let inside_crlf = offset > 0
                    && text.as_bytes().get(offset - 1) == Some(&b'\r')
                    && text.as_bytes().get(offset) == Some(&b'\n');
                if text.is_char_boundary(offset.min(text.len())) && !inside_crlf {
                    assert_eq!(index.offset(at, unit), offset.min(text.len()), "{unit:?}");
                }
                // Past the line's end, and inside a character: as the rope clamps.
                for col in [at.col + 1, at.col + 1000] {
                    let past = LineCol { col, ..at };
                    assert_eq!(index.offset(past, unit), by_rope.offset(past, unit));
                }
            }
        }
    }

    #[test]
    fn columns_agree_with_counting_from_the_line_start() {
        let long = "规章😀𠀀é".repeat(200);
        let text =
            format!("规章\t𠀀😀\t12\r\n第二行\u{2028}仍是第二行\n\rx\u{feff}é\n\n{long}\n末行😀");
        agrees_with_counting(&text, LineIndex::new(&Rope::from_str(&text)));
        let lines = TextLines::new(text.as_str().into());
        agrees_with_counting(&text, lines.index());
        // Lines of many marks each, ending in each kind of break, and a text ending in one.
        let longer = format!(
            "{}\r\n{}\r{}\n",
            "规😀a".repeat(150),
            "é𠀀".repeat(210),
            "末"
        );
        agrees_with_counting(&longer, TextLines::new(longer.as_str().into()).index());
        agrees_with_counting("", TextLines::new("".into()).index());
        agrees_with_counting("\r\n\r", TextLines::new("\r\n\r".into()).index());
    }

    #[test]
    fn astral_characters_count_two_in_utf16_and_four_in_utf8() {
        let rope = Rope::from_str("规章\t𠀀😀\t12\r\n第二行\u{2028}仍是第二行\n");
        let index = LineIndex::new(&rope);
        let twelve = "规章\t𠀀😀\t".len();
        let col = |unit| index.line_col(twelve, unit).col;
        assert_eq!(
            (
                col(ColumnUnit::Utf16),
                col(ColumnUnit::Utf8),
                col(ColumnUnit::Char)
            ),
            (8, twelve, 6)
        );
        // Inside the surrogate pair of 𠀀: the start of 𠀀.
        let inside = LineCol { line: 0, col: 4 };
        assert_eq!(index.offset(inside, ColumnUnit::Utf16), "规章\t".len());
        // Inside a UTF-8 sequence: the start of the character.
        let inside = LineCol { line: 0, col: 1 };
        assert_eq!(index.offset(inside, ColumnUnit::Utf8), 0);
    }

    #[test]
    fn clamps_past_the_end() {
        let rope = Rope::from_str("ab\r\ncd");
        let index = LineIndex::new(&rope);
        let at = |line, col| LineCol { line, col };
        for unit in UNITS {
            assert_eq!(index.offset(at(0, 99), unit), 2);
            assert_eq!(index.offset(at(9, 0), unit), 6);
            assert_eq!(index.offset(at(1, 99), unit), 6);
        }
        assert_eq!(index.line_col(99, ColumnUnit::Char), at(1, 2));
        assert_eq!((index.line_end(0), index.line_end(1)), (2, 6));
    }
}
