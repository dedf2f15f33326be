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

// ---- Tables from rules -------------------------------------------------------------

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

fn meets(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - MEET && v.at <= h.to + MEET && h.at >= v.from - MEET && h.at <= v.to + MEET
}

/// Positions within [`SAME_RULE`] of each other, as one (their mean), sorted.
fn cluster(mut at: Vec<f64>) -> Vec<f64> {
    at.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for a in at {
        match out.last_mut() {
            Some((sum, n)) if a - *sum / *n as f64 <= SAME_RULE => {
                *sum += a;
                *n += 1;
            }
            _ => out.push((a, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// A ruled table: the grid's lines and the rules that draw it.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    h: Vec<Rule>,
    v: Vec<Rule>,
}

impl Grid {
    fn contains(&self, x: f64, y: f64) -> bool {
        self.xs.first().is_some_and(|&x0| x >= x0)
            && self.xs.last().is_some_and(|&x1| x <= x1)
            && self.ys.first().is_some_and(|&y0| y >= y0)
            && self.ys.last().is_some_and(|&y1| y <= y1)
    }

    fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// Whether a vertical line divides row band `r` at grid line `k` of x.
    fn divides_row(&self, k: usize, r: usize) -> bool {
        if k == 0 || k + 1 == self.xs.len() {
            return true;
        }
        let (x, mid) = (self.xs[k], (self.ys[r] + self.ys[r + 1]) / 2.0);
        self.v
            .iter()
            .any(|v| (v.at - x).abs() <= SAME_RULE && v.from - MEET <= mid && v.to + MEET >= mid)
    }

    /// Whether a horizontal line divides column band `c` at grid line `k` of y.
    fn divides_column(&self, k: usize, c: usize) -> bool {
        if k == 0 || k + 1 == self.ys.len() {
            return true;
        }
        let (y, mid) = (self.ys[k], (self.xs[c] + self.xs[c + 1]) / 2.0);
        self.h
            .iter()
            .any(|h| (h.at - y).abs() <= SAME_RULE && h.from - MEET <= mid && h.to + MEET >= mid)
    }
}

/// The ruled tables of a page: sets of horizontal and vertical rules that meet, with at
/// least two of each and more than one cell between them.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let mut uf = UnionFind::new(rules.len());
    for (i, a) in rules.iter().enumerate() {
        for (j, b) in rules.iter().enumerate().skip(i + 1) {
            let meet = match (a.horizontal, b.horizontal) {
                (true, false) => meets(a, b),
                (false, true) => meets(b, a),
                _ => false,
            };
            if meet {
                uf.union(i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        groups.entry(uf.find(i)).or_default().push(*r);
    }
    let mut out: Vec<Grid> =
        groups
            .into_values()
            .filter_map(|group| {
                let (h, v): (Vec<Rule>, Vec<Rule>) = group.into_iter().partition(|r| r.horizontal);
                let ys = cluster(h.iter().map(|r| r.at).collect());
                let xs = cluster(v.iter().map(|r| r.at).collect());
                let cells = (ys.len().saturating_sub(1)) * (xs.len().saturating_sub(1));
                (ys.len() >= 2 && xs.len() >= 2 && cells > 1 && cells <= MAX_CELLS)
                    .then_some(Grid { xs, ys, h, v })
            })
            .collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// A grid's cells: regions no rule divides, as (row, column, rows, columns), each the
/// rectangle of grid cells it joins.
fn regions(grid: &Grid) -> Vec<(usize, usize, usize, usize)> {
    let (rows, cols) = (grid.ys.len() - 1, grid.xs.len() - 1);
    let id = |r: usize, c: usize| r * cols + c;
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !grid.divides_row(c + 1, r) {
                uf.union(id(r, c), id(r, c + 1));
            }
            if r + 1 < rows && !grid.divides_column(r + 1, c) {
                uf.union(id(r, c), id(r + 1, c));
            }
        }
    }
    let mut bounds: std::collections::HashMap<usize, (usize, usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(id(r, c));
            let b = bounds.entry(root).or_insert((r, c, r, c, 0));
            b.0 = b.0.min(r);
            b.1 = b.1.min(c);
            b.2 = b.2.max(r);
            b.3 = b.3.max(c);
            b.4 += 1;
        }
    }
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(id(r, c));
            let (r0, c0, r1, c1, n) = bounds[&root];
            if n == (r1 - r0 + 1) * (c1 - c0 + 1) {
                if (r, c) == (r0, c0) {
                    out.push((r0, c0, r1 - r0 + 1, c1 - c0 + 1));
                }
            } else {
                // Not a rectangle (a rule missing in an odd place): its grid cells alone.
                out.push((r, c, 1, 1));
            }
        }
    }
    out
}

/// The centre of a glyph, for finding the cell it is in.
fn centre(g: &PdfGlyph) -> (f64, f64) {
    (g.x + glyph_width(g) / 2.0, g.y - g.size * 0.35)
}

/// A grid's rows of cells, with the text of the glyphs inside each.
fn table_rows(grid: &Grid, glyphs: &[&PdfGlyph]) -> Vec<Vec<GridCell>> {
    let cols = grid.xs.len() - 1;
    let regions = regions(grid);
    // Grid cell → region.
    let mut owner = vec![usize::MAX; (grid.ys.len() - 1) * cols];
    for (i, &(r, c, h, w)) in regions.iter().enumerate() {
        for rr in r..r + h {
            for cc in c..c + w {
                if owner[rr * cols + cc] == usize::MAX {
                    owner[rr * cols + cc] = i;
                }
            }
        }
    }
    let mut inside: Vec<Vec<&PdfGlyph>> = vec![Vec::new(); regions.len()];
    for g in glyphs {
        let (x, y) = centre(g);
        let c = grid
            .xs
            .partition_point(|&gx| gx <= x)
            .saturating_sub(1)
            .min(cols - 1);
        let r = grid
            .ys
            .partition_point(|&gy| gy <= y)
            .saturating_sub(1)
            .min(grid.ys.len() - 2);
        if let Some(&i) = owner.get(r * cols + c) {
            if i != usize::MAX {
                inside[i].push(g);
            }
        }
    }
    // Rows in which no cell starts (every column spans them) are not written, and the
    // spans across them shrink.
    let starts: Vec<bool> = (0..grid.ys.len() - 1)
        .map(|r| regions.iter().any(|&(r0, ..)| r0 == r))
        .collect();
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut row_of = vec![0usize; starts.len()];
    for (r, &s) in starts.iter().enumerate() {
        if s {
            row_of[r] = rows.len();
            rows.push(Vec::new());
        }
    }
    for (i, &(r, _c, h, w)) in regions.iter().enumerate() {
        let mut text = String::new();
        for line in lines(&inside[i]) {
            join_into(&mut text, &line.text.replace('\t', " "));
        }
        let rowspan = starts[r..r + h].iter().filter(|&&s| s).count().max(1);
        rows[row_of[r]].push(GridCell {
            text,
            rowspan,
            colspan: w,
        });
    }
    rows
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
