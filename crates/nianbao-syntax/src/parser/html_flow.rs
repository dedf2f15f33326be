//! HTML outside tables: a report saved from a government portal, pasted into the editor
//! or saved as `.txt`. Its part headings are `<p>`, `<h1>`–`<h6>`, `<strong>`/`<b>` or
//! `<div>` text rather than lines of their own, and its pages carry scripts, styles,
//! navigation and comments (Word's `<!--[if !supportLists]-->`) around the article.
//!
//! A passage starts at a line that opens with a tag and runs, line by line, until nothing
//! that must be closed is open: no comment, no skipped element (`<script>`, `<style>`,
//! `<head>`, `<nav>`, `<footer>`, …), no paragraph whose text goes on. Its blocks are the
//! texts of its block-level elements: `<h1>`–`<h6>` as headings of that level, a block
//! whose text is all bold as a heading (as a bold line in Markdown), every other one a
//! paragraph; a block whose text is all inside links (a portal's list of articles) is
//! dropped. Several blocks may share a line. Text is read with its entities decoded and
//! its white space collapsed; each block's range runs from its opening tag to its closing
//! one, and its `text_range` from its first visible character to its last (`markup`: the
//! text is not written there as it reads).

use crate::block::{Block, BlockKind, Heading};
use crate::html::{decode_entity, parse_tag};
use crate::lines::{Line, LineSource};
use crate::predicates::{has_table_tag, is_space};
use crate::{SharedStr, TextRange};

use super::Cursor;

/// The most lines one passage may take (an element left open does not swallow the rest of
/// a large document).
const MAX_LINES: usize = 4096;

/// Elements whose content is never report text.
const SKIPPED: [&str; 14] = [
    "script", "style", "head", "title", "nav", "footer", "aside", "noscript", "template", "iframe",
    "select", "button", "textarea", "svg",
];

/// Elements that end one block and start the next.
const BLOCK_LEVEL: [&str; 30] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "br",
    "hr",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "center",
    "header",
    "main",
    "figure",
    "figcaption",
    "pre",
    "address",
    "body",
    "html",
    "table",
    "form",
];

/// Tags a line may start with for it to open an HTML passage.
const STARTERS: [&str; 22] = [
    "html", "head", "body", "title", "meta", "link", "script", "style", "p", "div", "span", "h1",
    "h2", "h3", "h4", "h5", "h6", "strong", "font", "center", "section", "article",
];

/// Whether `text` opens an HTML passage: it starts (after white space) with a comment, a
/// declaration or one of the tags reports are written in — and is no table.
pub(crate) fn starts_html_flow(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    let Some(rest) = t.strip_prefix('<') else {
        return false;
    };
    if has_table_tag(text) {
        return false;
    }
    if rest.starts_with("!--") || rest.starts_with("!doctype") || rest.starts_with("!DOCTYPE") {
        return true;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b':')
        .count();
    let name = rest[..name_len].to_ascii_lowercase();
    let after = rest.as_bytes().get(name_len);
    let ends = after.is_none_or(|b| matches!(b, b'>' | b' ' | b'/' | b'\t'));
    ends && (STARTERS.contains(&name.as_str())
        || BLOCK_LEVEL.contains(&name.as_str())
        || SKIPPED.contains(&name.as_str())
        || matches!(
            name.as_str(),
            "b" | "a" | "em" | "i" | "u" | "img" | "o:p" | "nav" | "footer"
        ))
}

/// What is open at the end of a line, deciding whether the passage goes on.
#[derive(Default)]
struct Open {
    comment: bool,
    /// A skipped element and how deeply it nests.
    skipped: Option<(&'static str, usize)>,
    /// A `<p>`, `<h1>`–`<h6>` or `<li>` not yet closed.
    text_block: bool,
}

impl Open {
    fn at_rest(&self) -> bool {
        !self.comment && self.skipped.is_none() && !self.text_block
    }
}

/// Reads an HTML passage from the cursor into `out`.
pub(crate) fn html_flow<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>, out: &mut Vec<Block>) {
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut open = Open::default();
    while let Some(line) = cur.bump() {
        scan(&line.text, &mut open);
        lines.push(line);
        if open.at_rest() || lines.len() >= MAX_LINES {
            break;
        }
        // A paragraph left open ends where the next block or table begins.
        if !open.comment && open.skipped.is_none() {
            let next = cur.peek_text(0);
            if next.is_none_or(|t| has_table_tag(t) || starts_block(t) || t.trim().is_empty()) {
                break;
            }
        }
    }
    read_blocks(&lines, out);
}

/// Whether a line starts with a block-level opening tag.
fn starts_block(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    t.starts_with('<')
        && parse_tag(t, 0).is_some_and(|tag| {
            !tag.closing && BLOCK_LEVEL.contains(&tag.name.to_ascii_lowercase().as_str())
        })
}

/// Updates what is open after `text`.
fn scan(text: &str, open: &mut Open) {
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if open.comment {
            match text[i..].find("-->") {
                Some(e) => {
                    open.comment = false;
                    i += e + 3;
                }
                None => return,
            }
            continue;
        }
        let Some(pos) = memchr::memchr(b'<', &bytes[i..]) else {
            return;
        };
        let at = i + pos;
        if text[at..].starts_with("<!--") {
            open.comment = true;
            i = at + 4;
            continue;
        }
        let Some(tag) = parse_tag(text, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if let Some((skipped, depth)) = &mut open.skipped {
            if name == *skipped {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        open.skipped = None;
                    }
                } else if !tag.attrs.ends_with('/') {
                    *depth += 1;
                }
            }
            continue;
        }
        if let Some(&s) = SKIPPED.iter().find(|s| **s == name) {
            if !tag.closing && !tag.attrs.ends_with('/') {
                open.skipped = Some((s, 1));
            }
            continue;
        }
        match (tag.closing, name.as_str()) {
            (false, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li") => open.text_block = true,
            (true, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li") => open.text_block = false,
            (_, n) if BLOCK_LEVEL.contains(&n) => open.text_block = false,
            _ => {}
        }
    }
}

/// The joined text of the passage's lines, with the way back to document offsets.
struct Joined {
    text: String,
    /// (offset in `text`, document offset) of each line start.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn doc(&self, at: usize) -> usize {
        let i = self
            .starts
            .partition_point(|&(j, _)| j <= at)
            .saturating_sub(1);
        let (j, doc) = self.starts[i];
        doc + (at - j)
    }
}

/// The block being read.
#[derive(Default)]
struct Current {
    /// Where its opening tag starts (joined offset).
    start: Option<usize>,
    level: Option<u8>,
    text: String,
    /// Joined offsets of its first and last visible character (end exclusive).
    first: Option<usize>,
    last_end: usize,
    /// Every visible character so far was bold / inside a link.
    all_bold: bool,
    all_link: bool,
}

/// A block as found, in joined offsets, before the group is tiled.
struct Natural {
    start: usize,
    end: usize,
    kind: BlockKind,
}

fn read_blocks(lines: &[Line<'_>], out: &mut Vec<Block>) {
    let mut found: Vec<Natural> = Vec::new();
    let joined = read_naturals(lines, &mut found);
    // Tiling: the first block starts where the passage does and the last ends where it
    // ends (the markup around them is theirs); a passage without text is one markup block.
    let text = &joined.text;
    let group_start = text.len() - text.trim_start_matches(is_space).len();
    let group_end = text.trim_end_matches(is_space).len().max(group_start);
    if found.is_empty() {
        found.push(Natural {
            start: group_start,
            end: group_end,
            kind: BlockKind::Markup,
        });
    }
    let last = found.len() - 1;
    found[0].start = group_start;
    found[last].end = group_end.max(found[last].end);
    let mut prev_end = group_start;
    for (k, n) in found.into_iter().enumerate() {
        let start = n.start.max(prev_end);
        let end = n.end.max(start);
        prev_end = end;
        out.push(Block {
            range: TextRange::new(joined.doc(start), joined.doc(end)),
            kind: n.kind,
            tail: k > 0,
        });
    }
}

fn read_naturals(lines: &[Line<'_>], out: &mut Vec<Natural>) -> Joined {
    let mut joined = Joined {
        text: String::new(),
        starts: Vec::with_capacity(lines.len()),
    };
    for line in lines {
        joined.starts.push((joined.text.len(), line.start));
        joined.text.push_str(&line.text);
        joined.text.push('\n');
    }
    let text = &joined.text;
    let bytes = text.as_bytes();
    let mut cur = Current::default();
    let mut skipped: Option<(String, usize)> = None;
    let (mut bold, mut link) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
        if bytes[i] == b'<' {
            if text[i..].starts_with("<!--") {
                i = text[i..].find("-->").map_or(text.len(), |e| i + e + 3);
                continue;
            }
            if text[i..].starts_with("<!") || text[i..].starts_with("<?") {
                i = text[i..].find('>').map_or(text.len(), |e| i + e + 1);
                continue;
            }
            if let Some(tag) = parse_tag(text, i) {
                let name = tag.name.to_ascii_lowercase();
                let at = i;
                i = tag.end;
                if let Some((s, depth)) = &mut skipped {
                    if name == *s {
                        if tag.closing {
                            *depth -= 1;
                            if *depth == 0 {
                                skipped = None;
                            }
                        } else if !tag.attrs.ends_with('/') {
                            *depth += 1;
                        }
                    }
                    continue;
                }
                if SKIPPED.contains(&name.as_str()) {
                    if !tag.closing && !tag.attrs.ends_with('/') {
                        flush(&joined, &mut cur, at, out);
                        skipped = Some((name, 1));
                    }
                    continue;
                }
                match name.as_str() {
                    "strong" | "b" => {
                        bold = if tag.closing {
                            bold.saturating_sub(1)
                        } else {
                            bold + 1
                        }
                    }
                    "a" => {
                        link = if tag.closing {
                            link.saturating_sub(1)
                        } else {
                            link + 1
                        }
                    }
                    n if BLOCK_LEVEL.contains(&n) => {
                        let end = if tag.closing { tag.end } else { at };
                        flush(&joined, &mut cur, end, out);
                        if !tag.closing {
                            cur.start = Some(at);
                            cur.level = n
                                .strip_prefix('h')
                                .and_then(|d| d.parse::<u8>().ok())
                                .filter(|l| (1..=6).contains(l));
                        }
                    }
                    _ => {}
                }
                continue;
            }
        }
        if skipped.is_some() {
            i += ch_len;
            continue;
        }
        let (ch, len) = if bytes[i] == b'&' {
            decode_entity(&text[i..]).unwrap_or(('&', 1))
        } else {
            (text[i..].chars().next().unwrap_or(' '), ch_len)
        };
        if is_space(ch) {
            if !cur.text.is_empty() && !cur.text.ends_with(' ') {
                cur.text.push(' ');
            }
        } else {
            if cur.first.is_none() {
                cur.first = Some(i);
                cur.all_bold = true;
                cur.all_link = true;
            }
            cur.all_bold &= bold > 0;
            cur.all_link &= link > 0;
            cur.text.push(ch);
            cur.last_end = i + len;
        }
        i += len;
    }
    flush(&joined, &mut cur, text.len().saturating_sub(1), out);
    joined
}

/// Ends the current block at joined offset `end` (its closing tag's end, or where the next
/// one starts) and pushes it if it has text.
fn flush(joined: &Joined, cur: &mut Current, end: usize, out: &mut Vec<Natural>) {
    let c = std::mem::take(cur);
    let Some(first) = c.first else {
        return;
    };
    if c.all_link {
        return; // navigation: a list of links
    }
    let text = c.text.trim_end_matches(' ');
    let start = c.start.filter(|&s| s <= first).unwrap_or(first);
    // The range ends at the last character of the line it ends on, never on its break.
    let end = joined.text[..end.max(c.last_end)]
        .trim_end_matches(is_space)
        .len()
        .max(c.last_end);
    let text_range = TextRange::new(joined.doc(first), joined.doc(c.last_end));
    let markup = joined.text[first..c.last_end] != *text;
    let text = SharedStr::from(text);
    let kind = match c.level {
        Some(level) => BlockKind::Heading(Heading {
            level: Some(level),
            text,
            text_range,
            markup,
        }),
        None if c.all_bold => BlockKind::Heading(Heading {
            level: None,
            text,
            text_range,
            markup,
        }),
        None => BlockKind::Paragraph {
            text,
            text_range,
            markup,
        },
    };
    out.push(Natural { start, end, kind });
}

#[cfg(test)]
mod tests {
    use crate::{parse_str, BlockKind};

    fn texts(html: &str) -> Vec<String> {
        parse_str(html)
            .iter()
            .filter(|b| b.kind != BlockKind::Markup)
            .map(|b| match &b.kind {
                BlockKind::Heading(h) => format!("H{}:{}", h.level.unwrap_or(0), h.text.as_str()),
                BlockKind::Paragraph { text, .. } => format!("P:{}", text.as_str()),
                BlockKind::Break => "---".into(),
                BlockKind::Table(_) => "T".into(),
                BlockKind::Markup => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn portal_pages_read_as_their_blocks() {
        let page = "<!DOCTYPE html>\n<html><head><title>某局2023年报</title>\n<script>var s = \"<p>一、总体情况</p>\";\n</script><style>p { x: 1 }</style></head>\n<body><nav><a href=\"/\">首页</a><a href=\"/x\">某局2022年政府信息公开工作年度报告</a></nav>\n<h1>某局2023年政府信息公开工作年度报告</h1><p>一、总体情况<o:p></o:p></p>\n<p class=MsoNormal><!--[if !supportLists]-->（一）<!--[endif]-->主动公开&nbsp;情况</p>\n<p><strong>二、主动公开政府信息情况</strong></p><p>正文\n续行。</p>\n<ul><li><a href=\"/y\">相关链接</a></li></ul>\n<footer><p>主办单位：某局</p></footer>\n</body></html>\n";
        assert_eq!(
            texts(page),
            [
                "H1:某局2023年政府信息公开工作年度报告",
                "P:一、总体情况",
                "P:（一）主动公开 情况",
                "H0:二、主动公开政府信息情况",
                "P:正文 续行。",
            ]
        );
        // Ranges: in order, not overlapping, and a block's text range inside its range.
        let blocks = parse_str(page);
        for pair in blocks.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
        }
        let first_p = blocks
            .iter()
            .find(|b| b.line_text() == Some("一、总体情况"))
            .unwrap();
        assert_eq!(
            &page[first_p.range.start..first_p.range.end],
            "<p>一、总体情况<o:p></o:p></p>"
        );
    }

    #[test]
    fn an_element_left_open_ends_at_the_next_block() {
        assert_eq!(
            texts("<p>一、总体情况\n<p>正文。\n"),
            ["P:一、总体情况", "P:正文。"]
        );
        assert_eq!(
            texts("<p>未闭合\n\n后面的普通行\n"),
            ["P:未闭合", "P:后面的普通行"]
        );
        assert_eq!(texts("<script>\nx = 1;\n"), Vec::<String>::new());
    }
}
