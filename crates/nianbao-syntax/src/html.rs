//! HTML `<table>` markup as copied from web pages: rows from `<tr>`, cells from `<td>` and
//! `<th>` with `rowspan`/`colspan`, visible text with tags stripped and entities decoded.
//! Nested tables are read as text of the outer cell. Unclosed tags are closed by the next
//! row or cell, as browsers do.

use compact_str::CompactString;

use crate::block::{Cell, Row};
use crate::lines::Line;
use crate::predicates::{is_space, memchr_lt};
use crate::TextRange;

/// The joined text of a block's lines, with the way back to document offsets.
struct Joined {
    text: String,
    /// (offset in `text`, document offset) of each line start.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn new(lines: &[Line<'_>]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for line in lines {
            starts.push((text.len(), line.start));
            text.push_str(&line.text);
            text.push('\n');
        }
        Joined { text, starts }
    }

    fn doc_offset(&self, at: usize) -> usize {
        let i = self
            .starts
            .partition_point(|&(j, _)| j <= at)
            .saturating_sub(1);
        let (j, doc) = self.starts[i];
        doc + (at - j)
    }
}

pub(crate) struct Tag<'t> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) closing: bool,
    /// As written: compare with [`Tag::is`].
    pub(crate) name: &'t str,
    pub(crate) attrs: &'t str,
}

impl Tag<'_> {
    /// Whether the tag is named `name` (lowercase), in any case.
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Parses the tag at `at` (which holds `<`), if it is one.
pub(crate) fn parse_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = &text[name_start..i];
    let close = memchr::memchr(b'>', &bytes[i..])? + i;
    Some(Tag {
        start: at,
        end: close + 1,
        closing,
        name,
        attrs: &text[i..close],
    })
}

fn span_attr(attrs: &str, name: &str) -> u32 {
    // Most cells have no attributes at all.
    if attrs.len() < name.len() {
        return 1;
    }
    let lower = attrs.to_ascii_lowercase();
    let Some(pos) = lower.find(name) else {
        return 1;
    };
    let rest = lower[pos + name.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(4)
        .collect();
    digits.parse::<u32>().unwrap_or(1).clamp(1, 1000)
}

pub(crate) fn parse_rows(lines: &[Line<'_>]) -> Vec<Row> {
    let joined = Joined::new(lines);
    let text = &joined.text;
    let mut rows: Vec<Row> = Vec::with_capacity(16);
    let mut row: Option<(usize, Vec<Cell>)> = None;
    let mut cell: Option<(usize, u32, u32)> = None;
    let mut depth = 0usize;
    let mut i = 0;
    let close_cell =
        |cell: &mut Option<(usize, u32, u32)>, row: &mut Option<(usize, Vec<Cell>)>, end: usize| {
            if let Some((start, rowspan, colspan)) = cell.take() {
                let mut c = visible_cell(&joined, start, end);
                c.rowspan = rowspan;
                c.colspan = colspan;
                if let Some((_, cells)) = row.as_mut() {
                    cells.push(c);
                }
            }
        };
    let close_row = |row: &mut Option<(usize, Vec<Cell>)>, rows: &mut Vec<Row>, end: usize| {
        if let Some((start, cells)) = row.take() {
            let range = TextRange::new(joined.doc_offset(start), joined.doc_offset(end.max(start)));
            rows.push(Row {
                range,
                cells,
                separator: false,
            });
        }
    };
    while let Some(pos) = memchr_lt(&text.as_bytes()[i..]) {
        let at = i + pos;
        if text[at..].starts_with("<!--") {
            i = text[at..].find("-->").map_or(text.len(), |e| at + e + 3);
            continue;
        }
        let Some(tag) = parse_tag(text, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        let name = ["table", "tr", "td", "th"]
            .into_iter()
            .find(|n| tag.is(n))
            .unwrap_or("");
        match (tag.closing, name) {
            (false, "table") => depth += 1,
            (true, "table") => {
                if depth == 1 {
                    close_cell(&mut cell, &mut row, tag.start);
                    close_row(&mut row, &mut rows, tag.start);
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth != 1 => {}
            (false, "tr") => {
                close_cell(&mut cell, &mut row, tag.start);
                close_row(&mut row, &mut rows, tag.start);
                row = Some((tag.start, Vec::with_capacity(8)));
            }
            (true, "tr") => {
                close_cell(&mut cell, &mut row, tag.start);
                close_row(&mut row, &mut rows, tag.end);
            }
            (false, "td" | "th") => {
                close_cell(&mut cell, &mut row, tag.start);
                if row.is_none() {
                    row = Some((tag.start, Vec::new()));
                }
                cell = Some((
                    tag.end,
                    span_attr(tag.attrs, "rowspan"),
                    span_attr(tag.attrs, "colspan"),
                ));
            }
            (true, "td" | "th") => close_cell(&mut cell, &mut row, tag.start),
            _ => {}
        }
    }
    let end = text.len().saturating_sub(1);
    close_cell(&mut cell, &mut row, end);
    close_row(&mut row, &mut rows, end);
    rows
}

/// The visible text of `joined.text[start..end]` and the document range from its first
/// to its last visible non-space character.
fn visible_cell(joined: &Joined, start: usize, end: usize) -> Cell {
    let text = &joined.text;
    // Most cells are a number or a label with no markup, entity or inner space: their
    // visible text is their source text, trimmed.
    let raw = &text[start..end];
    let trimmed = raw.trim_matches(is_space);
    if !trimmed.is_empty()
        && memchr::memchr2(b'<', b'&', trimmed.as_bytes()).is_none()
        && !trimmed.chars().any(is_space)
    {
        let first = start + (raw.len() - raw.trim_start_matches(is_space).len());
        return Cell {
            range: TextRange::new(
                joined.doc_offset(first),
                joined.doc_offset(first + trimmed.len()),
            ),
            text: CompactString::from(trimmed),
            rowspan: 1,
            colspan: 1,
        };
    }
    let mut out = CompactString::default();
    let mut first: Option<usize> = None;
    let mut last_end = start;
    let mut i = start;
    while i < end {
        let rest = &text[i..end];
        let Some(ch) = rest.chars().next() else { break };
        if ch == '<' {
            if let Some(tag) = parse_tag(text, i).filter(|t| t.end <= end) {
                if tag.is("br") || tag.is("p") || tag.is("div") {
                    push_space(&mut out, '\n');
                }
                i = tag.end;
                continue;
            }
        }
        let (decoded, len) = if ch == '&' {
            decode_entity(rest).unwrap_or((ch, 1))
        } else {
            (ch, ch.len_utf8())
        };
        if is_space(decoded) {
            push_space(&mut out, if decoded == '\n' { '\n' } else { ' ' });
        } else {
            first.get_or_insert(i);
            out.push(decoded);
            last_end = i + len;
        }
        i += len;
    }
    let text_out = CompactString::from(out.trim_matches(is_space));
    let range = match first {
        Some(f) => TextRange::new(joined.doc_offset(f), joined.doc_offset(last_end)),
        None => TextRange::empty(joined.doc_offset(start.min(end))),
    };
    Cell {
        range,
        text: text_out,
        rowspan: 1,
        colspan: 1,
    }
}

fn push_space(out: &mut CompactString, ch: char) {
    if !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(ch);
    }
}

pub(crate) fn decode_entity(text: &str) -> Option<(char, usize)> {
    let semi = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..semi];
    let ch = match name {
        "nbsp" | "ensp" | "emsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
            char::from_u32(code)?
        }
    };
    Some((ch, semi + 1))
}
