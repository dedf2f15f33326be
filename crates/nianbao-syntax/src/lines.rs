//! Lines of the text, from a `&str` or from a rope, with the same notion of a line break
//! as editors and the LSP: `\n`, `\r\n` and a lone `\r`. U+2028, U+2029 and U+0085 are
//! *not* line breaks (ropey is built with `cr_lines` and without `unicode_lines` for this).

use std::borrow::Cow;
use std::sync::Arc;

use ropey::Rope;

/// One line of text, without its terminator.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte offset of the line's first byte in the whole document.
    pub start: usize,
    pub text: Cow<'a, str>,
    /// Length of the terminator: 0 (last line), 1 (`\n` or `\r`) or 2 (`\r\n`).
    pub eol: usize,
}

impl Line<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn next_start(&self) -> usize {
        self.end() + self.eol
    }
}

/// Where the parser gets its lines from.
pub trait LineSource<'a> {
    fn next_line(&mut self) -> Option<Line<'a>>;

    /// The whole text, when lines are slices of it at their offsets: blocks then share
    /// it instead of copying their text.
    fn shared(&self) -> Option<&Arc<str>> {
        None
    }
}

/// Lines of a `&str`, starting at a byte offset that must be a line start.
pub struct StrLines<'a> {
    text: &'a str,
    pos: usize,
    shared: Option<&'a Arc<str>>,
}

impl<'a> StrLines<'a> {
    pub fn new(text: &'a str, from: usize) -> StrLines<'a> {
        StrLines {
            text,
            pos: from,
            shared: None,
        }
    }

    /// Lines of a shared text, which blocks may keep slices of.
    pub fn shared(text: &'a Arc<str>, from: usize) -> StrLines<'a> {
        StrLines {
            text,
            pos: from,
            shared: Some(text),
        }
    }
}

impl<'a> LineSource<'a> for StrLines<'a> {
    fn shared(&self) -> Option<&Arc<str>> {
        self.shared
    }

    fn next_line(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let start = self.pos;
        let (len, eol) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            None => (rest.len(), 0),
            Some(i)
                if rest.as_bytes()[i] == b'\r' && rest.as_bytes().get(i + 1) == Some(&b'\n') =>
            {
                (i, 2)
            }
            Some(i) => (i, 1),
        };
        self.pos += len + eol;
        Some(Line {
            start,
            text: Cow::Borrowed(&rest[..len]),
            eol,
        })
    }
}

/// Lines of a rope, starting at a byte offset that must be a line start.
pub struct RopeLines<'a> {
    lines: ropey::iter::Lines<'a>,
    pos: usize,
}

impl<'a> RopeLines<'a> {
    pub fn new(rope: &'a Rope, from: usize) -> RopeLines<'a> {
        let line = rope.byte_to_line(from);
        debug_assert_eq!(
            rope.line_to_byte(line),
            from,
            "RopeLines must start at a line start"
        );
        RopeLines {
            lines: rope.lines_at(line),
            pos: from,
        }
    }
}

impl<'a> LineSource<'a> for RopeLines<'a> {
    fn next_line(&mut self) -> Option<Line<'a>> {
        let slice = self.lines.next()?;
        let len = slice.len_bytes();
        if len == 0 {
            // ropey yields one empty line after a final line break.
            return None;
        }
        let text: Cow<'a, str> = slice.into();
        let eol = if text.ends_with("\r\n") {
            2
        } else if text.ends_with('\n') || text.ends_with('\r') {
            1
        } else {
            0
        };
        let start = self.pos;
        self.pos += len;
        let text = match text {
            Cow::Borrowed(s) => Cow::Borrowed(&s[..s.len() - eol]),
            Cow::Owned(mut s) => {
                s.truncate(s.len() - eol);
                Cow::Owned(s)
            }
        };
        Some(Line { start, text, eol })
    }
}

/// Byte offsets of every line start of `text` (the first is always 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut lines = StrLines::new(text, 0);
    while let Some(line) = lines.next_line() {
        if line.eol > 0 {
            starts.push(line.next_start());
        }
    }
    starts
}
