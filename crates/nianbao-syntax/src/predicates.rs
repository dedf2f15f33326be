//! What a line or a token looks like: blank, a page number, a thematic break, a row of a
//! tab, pipe or one-cell-per-line table, a heading, a number, a blank marker. Used by the
//! parser and the HTML reader, and depending on neither.

use crate::TextRange;

/// A sentence of prose, told in one cheap look: no table can start on it (no tag, tab or
/// bar; as a cell it would be too long or end a sentence; as a space-separated row it
/// holds a full stop). The rules of [`parse_block`] give it the same block.
pub(crate) fn is_prose(text: &str) -> bool {
    // Prose is nine tenths of a report's bytes: look at each byte once, with memchr.
    let bytes = text.as_bytes();
    let t = text.trim_matches(is_space);
    (t.len() > 4 * 80 || t.ends_with(['。', '；', '：', ':']))
        && memchr::memchr3(b'<', b'\t', b'|', bytes).is_none()
        && has_full_stop(t)
}

/// Whether `text` holds `。` or `；`.
pub(crate) fn has_full_stop(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: building a finder costs about as much as searching a line.
    static STOPS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new("。"), Finder::new("；")]);
    STOPS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

pub(crate) fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{feff}'
}

pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

/// Lines that may interrupt a table without ending it: blank lines, page numbers
/// (`- 5 -`, `第 3 页`) and thematic breaks.
pub(crate) fn is_gap(text: &str) -> bool {
    is_blank(text) || is_page_number(text) || is_break(text.trim_matches(is_space))
}

/// A page number or footer line: `- 5 -`, `— 3 —`, `第 3 页`, `第 3 页 共 12 页`.
pub fn is_page_number(text: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let visible = text.chars().filter(|c| !is_space(*c));
    // Every page number starts with a dash or 「第」: most lines are told by their first
    // character.
    if !visible
        .clone()
        .next()
        .is_some_and(|c| dashes(c) || c == '第')
    {
        return false;
    }
    if visible.clone().nth(64).is_some() {
        // A long line (prose after a table) is read, not copied: only `-- 12 --` with
        // long runs of dashes could be a page number.
        let mut it = visible.peekable();
        let mut run = |pred: &dyn Fn(char) -> bool| {
            let mut n = 0;
            while it.next_if(|&c| pred(c)).is_some() {
                n += 1;
            }
            n
        };
        let lead = run(&dashes);
        let digits = run(&|c: char| c.is_ascii_digit());
        let trail = run(&dashes);
        return lead > 0 && (1..=4).contains(&digits) && trail > 0 && it.next().is_none();
    }
    let t: String = visible.collect();
    let inner = t.trim_matches(dashes);
    let dashed = inner.len() < t.len() && t.starts_with(dashes) && t.ends_with(dashes);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    (dashed && digits(inner))
        || (t.starts_with('第')
            && t.ends_with('页')
            && t.chars().filter(|c| c.is_ascii_digit()).count() >= 1
            && t.chars().count() <= 12)
}

pub(crate) fn is_break(text: &str) -> bool {
    let mut t = text.chars().filter(|c| !is_space(*c));
    let Some(first) = t.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut count = 1;
    for c in t {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

pub(crate) fn is_tab_row(text: &str) -> bool {
    text.contains('\t') && !is_blank(text) && !has_table_tag(text) && !is_closed_pipe_row(text)
}

/// A Markdown pipe row written whole, `| a | b |`: a pipe row even when a tab stands
/// between its pipes.
fn is_closed_pipe_row(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    is_pipe_row(t) && t.ends_with('|') && t.len() > 1
}

pub(crate) fn is_pipe_row(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    t.starts_with('|') && t.matches('|').count() >= 2
}

pub(crate) fn is_bar_line(text: &str) -> bool {
    matches!(text.trim_matches(is_space), "|" | "｜")
}

/// A line that can be (part of) a cell in the one-cell-per-line encoding: short, and not
/// a sentence of prose.
pub(crate) fn is_cell_content(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    !t.is_empty()
        && !is_bar_line(t)
        && t.chars().count() <= 80
        && !t.ends_with(['。', '；', '：', ':'])
        && atx_heading(text, 0).is_none()
        && !is_pipe_row(text)
}

pub(crate) fn has_table_tag(text: &str) -> bool {
    count_table_tags(text).0 > 0
}

/// How many `<table` and `</table` tags a line holds (ASCII case-insensitive).
pub(crate) fn count_table_tags(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut opens, mut closes) = (0, 0);
    let mut i = 0;
    while let Some(pos) = memchr_lt(&bytes[i..]) {
        let at = i + pos;
        if starts_with_ci(&bytes[at + 1..], b"table") && tag_name_ends(bytes, at + 6) {
            opens += 1;
        } else if starts_with_ci(&bytes[at + 1..], b"/table") && tag_name_ends(bytes, at + 7) {
            closes += 1;
        }
        i = at + 1;
    }
    (opens, closes)
}

pub(crate) fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', bytes)
}

pub(crate) fn starts_with_ci(bytes: &[u8], pat: &[u8]) -> bool {
    bytes.len() >= pat.len() && bytes[..pat.len()].eq_ignore_ascii_case(pat)
}

pub(crate) fn tag_name_ends(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// `一、…` to `十、…`, after any `#` marks and `**`: a line that may be a part title.
pub(crate) fn looks_like_numbered_heading(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| is_space(c) || c == '#' || c == '*');
    let rest = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    rest.len() < t.len() && rest.starts_with(['、', '.', '．'])
}

pub(crate) fn atx_heading(text: &str, base: usize) -> Option<(u8, (&str, TextRange))> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &text[indent..];
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // Drop a closing sequence of `#`.
    let mut body = rest.trim_end_matches(is_space);
    let stripped = body.trim_end_matches('#');
    if stripped.len() < body.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        body = stripped;
    }
    let offset = indent + level;
    let range = trimmed_range(body, base + offset);
    let s = range.start - base;
    let e = range.end - base;
    Some((level as u8, (&text[s..e], range)))
}

pub(crate) fn whole_line_bold(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.trim().is_empty() && !inner.contains("**")).then_some(inner)
}

pub(crate) fn strip_bold(text: &str, range: TextRange) -> (&str, TextRange) {
    match whole_line_bold(text) {
        Some(inner) => {
            let r = trimmed_range(inner, range.start + 2);
            (&text[r.start - range.start..r.end - range.start], r)
        }
        None => (text, range),
    }
}

pub(crate) fn leading_space_len(text: &str) -> usize {
    // Most cells and lines start with a visible ASCII byte or a CJK character.
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() || (0xE4..=0xE9).contains(b) => 0,
        _ => text.len() - text.trim_start_matches(is_space).len(),
    }
}

pub(crate) fn trailing_space_len(text: &str) -> usize {
    match text.as_bytes().last() {
        // The last byte of a character: ASCII, or a continuation byte of a CJK character
        // (which `is_space` never is: U+3000 and U+FEFF end in 0x80 and 0xBF).
        Some(b) if b.is_ascii_graphic() => 0,
        _ => text.len() - text.trim_end_matches(is_space).len(),
    }
}

/// The range of `text` (which starts at `base`) without surrounding white space; empty
/// at the first non-space position (or at `base`) when all of it is white space.
pub(crate) fn trimmed_range(text: &str, base: usize) -> TextRange {
    let lead = leading_space_len(text);
    if lead == text.len() {
        return TextRange::empty(base);
    }
    let trail = trailing_space_len(text);
    TextRange::new(base + lead, base + text.len() - trail)
}

/// A token that reads as a number: digits (ASCII or full-width) with signs, decimal
/// points, thousands separators or a percent sign.
pub fn is_numeric_token(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    t.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(c, '.' | ',' | '，' | '．' | '-' | '－' | '−' | '+' | '%')
        })
}

/// A cell that stands for "no number": `/`, `—` and the like.
pub fn is_blank_marker(text: &str) -> bool {
    // Every marker is at most two characters (six bytes) after trimming.
    if text.len() > 6 && !text.starts_with(is_space) && !text.ends_with(is_space) {
        return false;
    }
    matches!(
        text.trim_matches(is_space),
        "/" | "／" | "\\" | "—" | "——" | "-" | "--" | "－" | "–" | "━" | "－－" | "—-"
    )
}

#[cfg(test)]
mod tests {
    use super::is_page_number;

    #[test]
    fn page_numbers_short_and_long() {
        for yes in ["- 12 -", "—3—", "第 2 页", "第12页", "－ 1 －"] {
            assert!(is_page_number(yes), "{yes}");
        }
        let long_dashes = format!("{0} 7 {0}", "-".repeat(40));
        assert!(is_page_number(&long_dashes));
        let prose = "2020年，本机关共收到政府信息公开申请 12 件，".repeat(8);
        for no in [
            "12",
            "- 12345 -",
            "-12",
            "第二部分",
            prose.as_str(),
            &format!("{0} 7 {0}x", "-".repeat(40)),
            &format!("{0}{0}", "-".repeat(40)),
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
