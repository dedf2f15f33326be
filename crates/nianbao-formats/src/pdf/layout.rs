//! A PDF page's text rebuilt from geometry.
//!
//! - **Tables from their rules.** Ruling lines that cross make a grid; a cell is the grid
//!   region no line divides, so a cell that spans rows (a vertical group label) or columns
//!   is one cell, and every glyph inside it — a label wrapped over three lines, a group
//!   label set one character a line — is that cell's text. The grid is written as a
//!   `<table>` with `rowspan`/`colspan`: a table row comes out as its label and its
//!   numbers, whatever the order the PDF drew them in.
//! - **Lines from baselines.** Other glyphs on one baseline are one line, with a tab where
//!   the gap is wider than a character (a table drawn without rules keeps its columns).
//! - **Paragraphs from margins.** A line that runs to the right margin, followed by one
//!   that starts at the left margin without an enumerator, is the same paragraph wrapped;
//!   the lines are joined, also across a page break.
//! - **Page furniture.** A page number (「- 3 -」, 「第 3 页 共 12 页」) in the top or bottom
//!   margin is dropped.

use nianbao_syntax::is_page_number;

use super::{Page, PdfGlyph, Rule};
use crate::out::{GridCell, Origin, TextOut};
use crate::{join_into, Converted};

mod grid;
use grid::*;

/// How far two rules may miss each other and still meet (points).
const MEET: f64 = 2.0;
/// Rules closer than this are one (a double border).
const SAME_RULE: f64 = 1.5;
/// More rules than this on a page are a drawing, not tables: no grid is sought.
const MAX_RULES: usize = 4000;
/// More cells than this make no table.
const MAX_CELLS: usize = 20_000;
/// A gap wider than this many font sizes is a cell boundary in a line.
const TAB_GAP: f64 = 1.0;

/// A glyph's text as read: `U+FFFD` when the font gives none.
fn glyph_text(g: &PdfGlyph) -> &str {
    g.text.as_deref().unwrap_or("\u{FFFD}")
}

fn glyph_width(g: &PdfGlyph) -> f64 {
    if g.advance > 0.0 {
        g.advance
    } else {
        g.size * 0.5
    }
}

/// A line rebuilt from glyphs on one baseline.
#[derive(Clone, Debug)]
struct Line {
    baseline: f64,
    top: f64,
    left: f64,
    right: f64,
    size: f64,
    text: String,
    tabbed: bool,
}

/// Glyphs grouped by baseline (within 0.4 of their size), each group read left to right.
fn lines(glyphs: &[&PdfGlyph]) -> Vec<Line> {
    let mut sorted: Vec<&PdfGlyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<(f64, Vec<&PdfGlyph>)> = Vec::new();
    for g in sorted {
        let tolerance = (g.size * 0.4).max(1.0);
        match groups
            .iter_mut()
            .rev()
            .take(4)
            .find(|(y, _)| (y - g.y).abs() <= tolerance)
        {
            Some(group) => group.1.push(g),
            None => groups.push((g.y, vec![g])),
        }
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    groups
        .into_iter()
        .filter_map(|(baseline, mut gs)| {
            gs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end: Option<f64> = None;
            let mut tabbed = false;
            let mut size: f64 = 0.0;
            // A space between two glyphs is kept only next to Latin text: Chinese set
            // with letter-spacing (「商 业 企 业」) reads without spaces.
            let mut space = false;
            for g in &gs {
                let t = glyph_text(g);
                if let Some(e) = end {
                    let gap = g.x - e;
                    if gap > TAB_GAP * g.size {
                        text.push('\t');
                        tabbed = true;
                        space = false;
                    } else if gap > 0.25 * g.size {
                        space = true;
                    }
                }
                if t.trim().is_empty() {
                    space = true;
                } else {
                    let latin = |c: char| c.is_ascii_alphanumeric() || "%.,:;-/+".contains(c);
                    let next_latin = t.chars().next().is_some_and(latin);
                    let prev_latin = text.chars().next_back().is_some_and(latin);
                    if space
                        && (next_latin || prev_latin)
                        && !text.ends_with('\t')
                        && !text.is_empty()
                    {
                        text.push(' ');
                    }
                    space = false;
                    text.push_str(t);
                    size = size.max(g.size);
                }
                end = Some(g.x + glyph_width(g));
            }
            let text = text.trim().to_string();
            if text.is_empty() {
                return None;
            }
            let left = gs.iter().find(|g| !glyph_text(g).trim().is_empty())?.x;
            let right = gs
                .iter()
                .rev()
                .find(|g| !glyph_text(g).trim().is_empty())
                .map_or(left, |g| g.x + glyph_width(g));
            Some(Line {
                baseline,
                top: baseline - size,
                left,
                right,
                size,
                text,
                tabbed,
            })
        })
        .collect()
}

// ---- A page ------------------------------------------------------------------------

enum Item {
    Line(Line),
    Table(Vec<Vec<GridCell>>),
}

fn items(page: &Page) -> Vec<(f64, Item)> {
    let glyphs: Vec<&PdfGlyph> = page.glyphs.iter().filter(|g| g.upright).collect();
    let grids = grids(&page.rules);
    let mut in_table: Vec<Vec<&PdfGlyph>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&PdfGlyph> = Vec::new();
    for g in glyphs {
        let (x, y) = centre(g);
        match grids.iter().position(|t| t.contains(x, y)) {
            Some(t) => in_table[t].push(g),
            None => free.push(g),
        }
    }
    let mut out: Vec<(f64, Item)> = Vec::new();
    for (grid, glyphs) in grids.iter().zip(&in_table) {
        let rows = table_rows(grid, glyphs);
        if rows.iter().flatten().any(|c| !c.text.is_empty()) {
            out.push((grid.top(), Item::Table(rows)));
        }
    }
    let margin = page.height * 0.1;
    for line in lines(&free) {
        let furniture = is_page_number(&line.text)
            && (line.top < margin || line.baseline > page.height - margin);
        if !furniture {
            out.push((line.top, Item::Line(line)));
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// The left and right margins of a page's text: the most common left edge of its longer
/// lines, and the furthest right edge.
fn margins(lines: &[&Line]) -> (f64, f64) {
    let mut lefts: Vec<i64> = lines
        .iter()
        .filter(|l| l.text.chars().count() >= 10)
        .map(|l| l.left.round() as i64)
        .collect();
    lefts.sort_unstable();
    let mut best = (0, i64::MAX);
    let mut i = 0;
    while i < lefts.len() {
        let j = i + lefts[i..]
            .iter()
            .take_while(|&&l| l - lefts[i] <= 2)
            .count();
        if j - i > best.0 {
            best = (j - i, lefts[i]);
        }
        i = j;
    }
    let left = if best.1 == i64::MAX {
        lines.iter().map(|l| l.left).fold(f64::MAX, f64::min)
    } else {
        best.1 as f64
    };
    let right = lines.iter().map(|l| l.right).fold(0.0, f64::max);
    (left, right)
}

/// Whether a line starts like a heading or a list item: never the tail of a paragraph.
fn starts_enumerated(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next();
    match first {
        Some('（' | '(' | '第' | '#') => true,
        Some(c) if "一二三四五六七八九十".contains(c) => text
            .chars()
            .take(4)
            .find(|c| !"一二三四五六七八九十".contains(*c))
            .is_some_and(|c| matches!(c, '、' | '是' | '要' | '.' | '．')),
        Some(c) if c.is_ascii_digit() => text
            .chars()
            .find(|c| !c.is_ascii_digit())
            .is_some_and(|c| matches!(c, '、' | '.' | '．' | '）' | ')')),
        _ => false,
    }
}

/// The text of a PDF: its pages in order, each line with its page.
pub(crate) fn write(pages: &[Page]) -> Converted {
    let mut out = TextOut::default();
    // A paragraph being joined: its text, page, the line that ends it and the margins
    // of its page.
    let mut open: Option<(String, Origin, Line, f64)> = None;
    let flush = |out: &mut TextOut, open: &mut Option<(String, Origin, Line, f64)>| {
        if let Some((text, origin, ..)) = open.take() {
            out.line(&text, origin);
        }
    };
    for (i, page) in pages.iter().enumerate() {
        let origin = Origin::Page(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let items = items(page);
        let page_lines: Vec<&Line> = items
            .iter()
            .filter_map(|(_, it)| match it {
                Item::Line(l) => Some(l),
                Item::Table(_) => None,
            })
            .collect();
        let (left, right) = margins(&page_lines);
        for (_, item) in items {
            match item {
                Item::Table(rows) => {
                    flush(&mut out, &mut open);
                    out.table(&rows, |_| origin);
                }
                Item::Line(line) => {
                    let joins = open.as_ref().is_some_and(|(_, _, prev, prev_right)| {
                        !prev.tabbed
                            && !line.tabbed
                            && (prev.size - line.size).abs() < 0.5
                            && prev.right >= prev_right - 1.5 * prev.size
                            && prev.text.chars().count() >= 10
                            && line.left <= left + 0.5 * line.size
                            && (line.top - prev.baseline < 1.5 * line.size
                                || line.top < prev.top) // the next page's first line
                            && !starts_enumerated(&line.text)
                    });
                    if joins {
                        if let Some((text, _, prev, prev_right)) = &mut open {
                            join_into(text, &line.text);
                            *prev = line;
                            *prev_right = right;
                        }
                    } else {
                        flush(&mut out, &mut open);
                        open = Some((line.text.clone(), origin, line, right));
                    }
                }
            }
        }
    }
    flush(&mut out, &mut open);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<PdfGlyph> {
        let mut at = x;
        text.chars()
            .map(|c| {
                let w = if c.is_ascii() { size * 0.5 } else { size };
                let g = PdfGlyph {
                    x: at,
                    y,
                    size,
                    advance: w,
                    upright: true,
                    text: Some(c.to_string()),
                };
                at += w;
                g
            })
            .collect()
    }

    fn h(y: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: true,
            at: y,
            from,
            to,
        }
    }

    fn v(x: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: false,
            at: x,
            from,
            to,
        }
    }

    #[test]
    fn a_ruled_table_with_a_wrapped_label_and_a_vertical_group_label() {
        // Three rows; column 0 is one cell over all three (a vertical group label,
        // one character a line); the label in row 1 wraps over two lines, the number
        // drawn first and on the lower line.
        let mut page = Page {
            height: 800.0,
            ..Page::default()
        };
        for y in [100.0, 130.0, 170.0, 200.0] {
            page.rules.push(h(
                y,
                if y == 100.0 || y == 200.0 { 50.0 } else { 80.0 },
                400.0,
            ));
        }
        for x in [50.0, 80.0, 300.0, 400.0] {
            page.rules.push(v(x, 100.0, 200.0));
        }
        page.glyphs.extend(glyphs("1", 340.0, 160.0, 10.0));
        for (i, c) in ["三", "、", "结", "果"].iter().enumerate() {
            page.glyphs
                .extend(glyphs(c, 60.0, 115.0 + 20.0 * i as f64, 10.0));
        }
        page.glyphs
            .extend(glyphs("（一）予以公开", 90.0, 120.0, 10.0));
        page.glyphs.extend(glyphs("5", 340.0, 120.0, 10.0));
        page.glyphs
            .extend(glyphs("（二）部分公开（区分", 90.0, 145.0, 10.0));
        page.glyphs.extend(glyphs("处理的）", 90.0, 160.0, 10.0));
        page.glyphs
            .extend(glyphs("（三）不予公开", 90.0, 190.0, 10.0));
        page.glyphs.extend(glyphs("0", 340.0, 190.0, 10.0));
        page.glyphs.extend(glyphs("- 3 -", 280.0, 780.0, 10.0));
        let text = write(&[page]).text;
        assert_eq!(
            text,
            "<table>\n\
             <tr><td rowspan=\"3\">三、结果</td><td>（一）予以公开</td><td>5</td></tr>\n\
             <tr><td>（二）部分公开（区分处理的）</td><td>1</td></tr>\n\
             <tr><td>（三）不予公开</td><td>0</td></tr>\n\
             </table>\n\n"
        );
    }

    #[test]
    fn wrapped_paragraphs_are_joined_and_headings_are_not() {
        let mut page = Page {
            height: 800.0,
            ..Page::default()
        };
        // Body from x = 50 to 250 (20 characters of 10 pt); paragraphs indented by two.
        page.glyphs
            .extend(glyphs("一、总体情况", 70.0, 100.0, 10.0));
        page.glyphs.extend(glyphs(
            "本年度主动公开政府信息共计一千二百条，",
            70.0,
            120.0,
            10.0,
        ));
        page.glyphs
            .extend(glyphs("比上年增加百分之十。", 50.0, 135.0, 10.0));
        page.glyphs.extend(glyphs(
            "（一）主动公开情况。全年新增公开信息共",
            70.0,
            150.0,
            10.0,
        ));
        page.glyphs.extend(glyphs(
            "二、主动公开政府信息情况等十个字",
            50.0,
            165.0,
            10.0,
        ));
        page.glyphs
            .extend(glyphs("第 1 页 共 6 页", 200.0, 790.0, 9.0));
        let text = write(&[page]).text;
        assert_eq!(
            text,
            "一、总体情况\n本年度主动公开政府信息共计一千二百条，比上年增加百分之十。\n（一）主动公开情况。全年新增公开信息共\n二、主动公开政府信息情况等十个字\n"
        );
    }

    #[test]
    fn a_table_without_rules_keeps_its_columns_as_tabs() {
        let mut page = Page {
            height: 800.0,
            ..Page::default()
        };
        page.glyphs.extend(glyphs("规章", 50.0, 100.0, 10.0));
        page.glyphs.extend(glyphs("1", 150.0, 100.0, 10.0));
        page.glyphs.extend(glyphs("0", 200.0, 100.0, 10.0));
        page.glyphs.extend(glyphs("11", 250.0, 100.0, 10.0));
        assert_eq!(write(&[page]).text, "规章\t1\t0\t11\n");
    }

    #[test]
    fn enumerators() {
        for yes in [
            "一、总体",
            "（二）",
            "3.属于",
            "12、其他",
            "第二十条",
            "一是加强",
        ] {
            assert!(starts_enumerated(yes), "{yes}");
        }
        for no in ["一千二百条", "2024年", "政府信息"] {
            assert!(!starts_enumerated(no), "{no}");
        }
    }
}
