//! Positions at the edge (public for the fuzz targets): LSP `Position`s (UTF-16 code units, or UTF-8 bytes when the
//! client offers it) to and from the byte offsets used everywhere else, through the rope.
//! Out-of-range positions are clamped: past the end of a line to the line's end (before
//! its line break), past the last line to the end of the text, inside a character (a
//! surrogate pair, a multi-byte sequence) to that character's start.

use nianbao_syntax::{Rope, TextRange};
use tower_lsp_server::ls_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

fn eol_len(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let n = slice.len_chars();
    match (
        n.checked_sub(2).map(|i| slice.char(i)),
        n.checked_sub(1).map(|i| slice.char(i)),
    ) {
        (Some('\r'), Some('\n')) => 2,
        (_, Some('\n' | '\r')) => 1,
        _ => 0,
    }
}

/// The byte offset of `pos`, clamped into the text.
pub fn offset(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = start + rope.line(line).len_bytes() - eol_len(rope, line);
    match encoding {
        Encoding::Utf8 => {
            let target = start.saturating_add(pos.character as usize).min(end);
            rope.char_to_byte(rope.byte_to_char(target))
        }
        Encoding::Utf16 => {
            let first = rope.char_to_utf16_cu(rope.line_to_char(line));
            let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let target = first.saturating_add(pos.character as usize).min(last);
            rope.char_to_byte(rope.utf16_cu_to_char(target))
        }
    }
}

pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let start = rope.line_to_byte(line);
    let character = match encoding {
        Encoding::Utf8 => offset - start,
        // Counting only the line's text before `offset`: a server publishes hundreds of
        // positions after each keystroke, and counting UTF-16 units from the top of the
        // rope costs two more walks and chunk scans each.
        Encoding::Utf16 => match rope.get_byte_slice(start..offset) {
            Some(before) => before.chunks().map(utf16_len).sum(),
            // Inside a character: at its start.
            None => {
                rope.char_to_utf16_cu(rope.byte_to_char(offset))
                    - rope.char_to_utf16_cu(rope.line_to_char(line))
            }
        },
    };
    Position::new(line as u32, character as u32)
}

/// UTF-16 code units of `text`: one per character, two for those beyond the BMP (the ones
/// with a four-byte UTF-8 lead).
fn utf16_len(text: &str) -> usize {
    text.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

pub fn range(rope: &Rope, range: TextRange, encoding: Encoding) -> Range {
    Range::new(
        position(rope, range.start, encoding),
        position(rope, range.end, encoding),
    )
}

pub fn text_range(rope: &Rope, range: Range, encoding: Encoding) -> TextRange {
    let start = offset(rope, range.start, encoding);
    let end = offset(rope, range.end, encoding);
    TextRange::new(start.min(end), end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_count_two_in_utf16_and_four_in_utf8() {
        let rope = Rope::from_str("规章\t𠀀😀\t12\r\n第二行\u{2028}仍是第二行\n");
        let twelve = "规章\t𠀀😀\t".len();
        assert_eq!(
            position(&rope, twelve, Encoding::Utf16),
            Position::new(0, 8)
        );
        assert_eq!(
            position(&rope, twelve, Encoding::Utf8),
            Position::new(0, twelve as u32)
        );
        assert_eq!(offset(&rope, Position::new(0, 8), Encoding::Utf16), twelve);
        // Inside the surrogate pair of 𠀀: the start of 𠀀.
        assert_eq!(
            offset(&rope, Position::new(0, 4), Encoding::Utf16),
            "规章\t".len()
        );
        // Inside a UTF-8 sequence: the start of the character.
        assert_eq!(offset(&rope, Position::new(0, 1), Encoding::Utf8), 0);
        // U+2028 is not a line break: the second line holds it.
        let second = rope.line_to_byte(1);
        let after = "第二行\u{2028}".len();
        assert_eq!(
            position(&rope, second + after, Encoding::Utf16),
            Position::new(1, 4)
        );
    }

    #[test]
    fn positions_agree_with_counting_from_the_top() {
        let text = "规章\t𠀀😀\t12\r\n第二行\u{2028}仍是第二行\n\rx\u{feff}é\n\n末行😀";
        let rope = Rope::from_str(text);
        for offset in 0..=text.len() + 2 {
            let clamped = offset.min(text.len());
            let line = rope.byte_to_line(clamped);
            let utf16 = rope.char_to_utf16_cu(rope.byte_to_char(clamped))
                - rope.char_to_utf16_cu(rope.line_to_char(line));
            assert_eq!(
                position(&rope, offset, Encoding::Utf16),
                Position::new(line as u32, utf16 as u32),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn clamps_past_the_end() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(offset(&rope, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, Position::new(9, 0), Encoding::Utf16), 6);
        assert_eq!(offset(&rope, Position::new(1, 99), Encoding::Utf8), 6);
    }
}
