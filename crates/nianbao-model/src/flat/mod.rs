//! Flattened reports: a crawler's HTML → text leaves a report as one long line, its part
//! headings inside running text (「…联系。 一、总体情况 2023年，…」) and its table cells
//! glued together (「一、本年新收政府信息公开申请数量801000081二、上年结转…」).
//!
//! Such a report is read by laying its text out again — only inserting line breaks and
//! tabs, never changing a character — where the template says a part, a table row or a
//! cell begins: part titles in the six parts' order, the row labels of tables 三 and 四 and
//! the 第二十条 tables in the template's order, and the cells of each row cut by the row's
//! arithmetic ([`split`]). The re-laid text is parsed and modelled as any report is, and
//! every range is mapped back to the original text, so findings, fixes and the outline
//! point at the original characters.
//!
//! Invariant: a cell is never guessed. Digits are cut into cells only by the reading the
//! arithmetic prefers over every other (`recover`: the row's totals, and in table 三,
//! with the other rows, the columns' rules); otherwise the row is left as one run, said
//! to be ambiguous or inconsistent ([`Recovery`]), and no sum involves it.

mod cells;
mod parts;
mod tables;

use nianbao_syntax::{parse_str, Block, TextRange};

use crate::normalize::fold;
use crate::template::{a20_caption, a20_specs, Format, Part, PARTS, T3_ROWS, T4_CELLS};
use crate::{Options, Report};

pub use crate::parts::is_flattened_block;
use crate::recover::solve::{decide, plan, Candidates, Decision, Row as SolveRow, Verdict};
use crate::recover::{
    best_t4_cut, reading_of, t3_shape, token_loose_readings, token_readings, Found, Shape, T4_SHAPE,
};
pub use crate::recover::{RowReading, UnreadRow};

/// The seven blank cells of a table 三 row whose crawl left no digits (the label is
/// followed by the next one): inserted after its label, before the line break.
const BLANK_T3_CELLS: &str = "\t\t\t\t\t\t\t";

/// What reading a flattened report took.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// The flattened text (its first paragraph).
    pub range: TextRange,
    /// Rows whose glued digits were cut into cells by the arithmetic, one way only: the
    /// range of their digits.
    pub recovered: Vec<TextRange>,
    /// Of those, rows read the way that breaks the fewest of their table's equations,
    /// none adding up (`recover::solve`): the broken ones are said by the sum checks.
    pub recovered_with_errors: Vec<TextRange>,
    /// Of those, 第二十条第（一）项 rows whose one cut was the one that fits last year's
    /// 现行有效件数 (上年 + 本年制发 − 本年废止 = 现行有效件数).
    pub by_last_year: Vec<TextRange>,
    /// Rows whose cells were separated (by spaces) or held one value.
    pub separated: usize,
    /// Rows left unread.
    pub unread: Vec<UnreadRow>,
}

impl Recovery {
    pub fn shifted(&self, delta: isize) -> Recovery {
        let mut r = self.clone();
        r.range = r.range.shifted(delta);
        r.unread
            .iter_mut()
            .for_each(|u| u.range = u.range.shifted(delta));
        r.recovered.iter_mut().for_each(|x| *x = x.shifted(delta));
        r.recovered_with_errors
            .iter_mut()
            .chain(&mut r.by_last_year)
            .for_each(|x| *x = x.shifted(delta));
        r
    }
}

/// Whether some of `unread` are rows of 第二十条第（一）项 that several cuts fit: what last
/// year's 现行有效件数 may decide.
fn wants_last_year(unread: &[UnreadRow]) -> bool {
    let caption = a20_caption(1);
    unread
        .iter()
        .any(|u| u.what.starts_with(&caption) && matches!(u.reading, RowReading::Ambiguous(_)))
}

/// Whether a report read as flattened left a row that the body's report of the year before
/// could decide (`Report::last_year`'s 现行有效件数): a caller that gives the year before
/// after building (as `nianbao check` does through `Analysis::with_last_years`) must
/// build such a report again, with `Options::last_years`.
pub fn wants_last_year_of(report: &Report) -> bool {
    report.format == Format::F2021
        && report
            .recovery
            .as_ref()
            .is_some_and(|r| wants_last_year(&r.unread))
}

/// Whether `blocks` hold a flattened report.
pub fn is_flattened(blocks: &[Block]) -> bool {
    // Most reports have no paragraph that could be one: told without reading headings.
    let mut long = blocks.iter().filter(|b| is_flattened_block(b)).peekable();
    if long.peek().is_none() {
        return false;
    }
    // A paragraph that lists the parts of a report whose headings stand as lines is no
    // flattened report: at least two of the titles it holds must have no line of their own.
    let standing: Vec<crate::Part> = blocks
        .iter()
        .filter_map(Block::line_text)
        .filter(|t| t.len() <= 200)
        .filter_map(|t| crate::part_heading(t).map(|(p, _, _)| p))
        .collect();
    long.any(|b| {
        let text = b.line_text().unwrap_or_default();
        PARTS
            .iter()
            .filter(|p| !standing.contains(p) && text.contains(&p.full_title()))
            .count()
            >= 2
    })
}

/// The report of `text` (the text of `blocks`, which start at byte `base`), read as a
/// flattened report; `None` when it is not one.
pub fn build(blocks: &[Block], text: &str, base: usize, options: &Options) -> Option<Report> {
    if !is_flattened(blocks) {
        return None;
    }
    let range = blocks
        .iter()
        .find(|b| is_flattened_block(b))
        .map(|b| b.range)?;
    let mut layout = Layout::new(text);
    layout.read(options.format);
    let mut virtual_text = layout.text();
    let mut report = crate::build(&parse_str(&virtual_text), options);
    // With the body's report of the year before at hand, a 2021-format 第二十条第（一）项
    // row no arithmetic could cut is cut by last year's 现行有效件数 (read again, once).
    if let Some(last) = report
        .last_year
        .as_ref()
        .filter(|_| wants_last_year(&layout.unread))
    {
        let in_force = last.in_force.map(|s| s.map(|s| s.value));
        if report.format == Format::F2021 && in_force.iter().any(Option::is_some) {
            let mut again = Layout::new(text);
            again.last_in_force = in_force;
            again.read(options.format);
            layout = again;
            virtual_text = layout.text();
            report = crate::build(&parse_str(&virtual_text), options);
        }
    }
    forgive_unread(&mut report);
    // The rows left unread are the recovery's to say (`ambiguous-cells`), once.
    for t in &mut report.tables3 {
        t.unread_rows.clear();
    }
    for t in &mut report.tables4 {
        t.unread_rows.clear();
    }
    let map = |r: TextRange| {
        TextRange::new(
            base + layout.original(r.start),
            base + layout.original(r.end),
        )
    };
    let mut report = report.mapped(&map);
    report.recovery = Some(Recovery {
        range,
        recovered: layout
            .recovered
            .iter()
            .map(|r| TextRange::new(base + r.start, base + r.end))
            .collect(),
        recovered_with_errors: layout
            .recovered_with_errors
            .iter()
            .map(|r| TextRange::new(base + r.start, base + r.end))
            .collect(),
        by_last_year: layout
            .by_last_year
            .iter()
            .map(|r| TextRange::new(base + r.start, base + r.end))
            .collect(),
        separated: layout.separated,
        unread: layout
            .unread
            .into_iter()
            .map(|mut u| {
                u.range = TextRange::new(base + u.range.start, base + u.range.end);
                u
            })
            .collect(),
    });
    Some(report)
}

/// The text of a flattened report laid out again (what [`build`] parses), for `nianbao
/// text` and for tests.
pub fn relay(text: &str, format: Option<Format>) -> String {
    let mut layout = Layout::new(text);
    layout.read(format);
    layout.text()
}

/// A row of table 三 whose digits allow one or more cuts that hold its totals: decided by
/// the columns' rules with the others.
#[derive(Clone, Debug)]
struct Pending {
    def: usize,
    what: String,
    range: TextRange,
    tokens: Vec<(usize, usize)>,
    digits: String,
    readings: Vec<Vec<usize>>,
    /// No cut adds up: `readings` are every cut, scored by the table's equations.
    loose: bool,
}

/// The text with what is to be inserted, and what was found.
#[derive(Clone)]
struct Layout<'a> {
    text: &'a str,
    /// Folded characters (white space left out) and the byte offset of each.
    /// Shared: a trial layout (`resolve`) clones the layout, not this.
    folded: std::rc::Rc<[(char, usize)]>,
    /// (offset, text to insert there), in any order; sorted when the text is made.
    inserts: Vec<(usize, &'static str)>,
    /// Offsets of ASCII spaces that become tabs.
    tabs: Vec<usize>,
    /// (re-laid offset of an insert, its length, bytes inserted before it), sorted.
    map: Vec<(usize, usize, usize)>,
    recovered: Vec<TextRange>,
    recovered_with_errors: Vec<TextRange>,
    by_last_year: Vec<TextRange>,
    separated: usize,
    unread: Vec<UnreadRow>,
    pending: Vec<Pending>,
    /// Part 三, where table 三 stands: (start, end).
    t3_region: (usize, usize),
    /// Last year's 现行有效件数 of 规章 and 行政规范性文件 (2021 format), when the body's
    /// report of the year before is at hand: this year's row must give 上年 + 本年制发 −
    /// 本年废止 = 现行有效件数.
    last_in_force: [Option<crate::Decimal>; 2],
    /// The one being read now (a 第二十条第（一）项 row's).
    in_force_before: Option<crate::Decimal>,
}

impl<'a> Layout<'a> {
    fn new(text: &'a str) -> Layout<'a> {
        let folded = text
            .char_indices()
            .filter_map(|(i, c)| {
                crate::normalize::folded_chars(c.encode_utf8(&mut [0; 4]))
                    .next()
                    .map(|f| (f, i))
            })
            .collect::<Vec<_>>()
            .into();
        Layout {
            text,
            folded,
            inserts: Vec::new(),
            tabs: Vec::new(),
            map: Vec::new(),
            recovered: Vec::new(),
            recovered_with_errors: Vec::new(),
            by_last_year: Vec::new(),
            separated: 0,
            unread: Vec::new(),
            pending: Vec::new(),
            t3_region: (0, 0),
            last_in_force: [None; 2],
            in_force_before: None,
        }
    }

    /// Where the folded `pattern` next occurs at or after byte `from` and before `to`:
    /// (start, end) in bytes of the original text.
    fn find(&self, pattern: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        let pattern: Vec<char> = fold(pattern).chars().collect();
        let first = self.folded.partition_point(|&(_, at)| at < from);
        let n = pattern.len();
        if n == 0 {
            return None;
        }
        let mut i = first;
        while i + n <= self.folded.len() {
            let start = self.folded[i].1;
            if start >= to {
                return None;
            }
            if self.folded[i..i + n]
                .iter()
                .map(|&(c, _)| c)
                .eq(pattern.iter().copied())
            {
                let (_, last_at) = self.folded[i + n - 1];
                let end = last_at
                    + self.text[last_at..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                return (end <= to).then_some((start, end));
            }
            i += 1;
        }
        None
    }

    fn read(&mut self, format: Option<Format>) {
        // The parts, in order.
        let mut cursor = 0;
        let mut parts: Vec<(usize, usize)> = Vec::new();
        for part in PARTS {
            let mut titles = vec![part.full_title()];
            titles.extend(
                part.accepted_titles()
                    .iter()
                    .chain(part.known_variants())
                    .map(|t| format!("{}、{t}", part.numeral())),
            );
            let mut best: Option<(usize, usize)> = None;
            for title in &titles {
                let mut from = cursor;
                while let Some((s, e)) = self.find(title, from, self.text.len()) {
                    // (Right after the title before: a part with no text.)
                    if self.heading_at(s) || (s == cursor && cursor > 0) {
                        if best.is_none_or(|(bs, _)| s < bs) {
                            best = Some((s, e));
                        }
                        break;
                    }
                    from = e;
                }
            }
            let best = best.or_else(|| self.variant_title(part, cursor));
            if let Some((s, e)) = best {
                self.inserts.push((s, "\n"));
                self.inserts.push((e, "\n"));
                parts.push((s, e));
                cursor = e;
            } else {
                parts.push((usize::MAX, usize::MAX));
            }
        }
        let end_of = |i: usize| {
            parts[i + 1..]
                .iter()
                .map(|p| p.0)
                .find(|&s| s != usize::MAX)
                .unwrap_or(self.text.len())
        };
        let format = format.unwrap_or_else(|| {
            if self.find("本年制发件数", 0, self.text.len()).is_some() {
                Format::F2021
            } else if self.find("本年新制作数量", 0, self.text.len()).is_some() {
                Format::F2019
            } else {
                Format::F2021
            }
        });
        if parts[1].1 != usize::MAX {
            self.article20(format, parts[1].1, end_of(1));
        }
        if parts[2].1 != usize::MAX {
            self.t3_region = (parts[2].0, end_of(2));
            self.table3(format, parts[2].1, end_of(2));
            self.resolve(format);
        }
        if parts[3].1 != usize::MAX {
            self.table4(parts[3].1, end_of(3));
        }
    }

    /// The re-laid text; fills the map back to the original.
    fn text(&mut self) -> String {
        let (out, map) = self.render(0, self.text.len());
        self.map = map;
        out
    }

    /// The re-laid text of `from..to` of the original, and the map of its inserts.
    fn render(&self, from: usize, to: usize) -> (String, Vec<(usize, usize, usize)>) {
        let mut inserts: Vec<(usize, &str)> = self
            .inserts
            .iter()
            .copied()
            .filter(|&(at, _)| from <= at && at < to || at == to && to == self.text.len())
            .collect();
        // At one place: a blank row's cells end the line before, then the line break,
        // then what starts the next line.
        inserts.sort_by_key(|&(at, s)| (at, s != BLANK_T3_CELLS, s != "\n"));
        inserts.dedup();
        let mut tabs: Vec<usize> = self
            .tabs
            .iter()
            .copied()
            .filter(|&t| from <= t && t < to)
            .collect();
        tabs.sort_unstable();
        let mut out = String::with_capacity(to - from + inserts.len() * 2);
        let mut last = from;
        let mut tabs = tabs.iter().peekable();
        let push =
            |out: &mut String,
             from: usize,
             to: usize,
             tabs: &mut std::iter::Peekable<std::slice::Iter<'_, usize>>| {
                let mut at = from;
                while let Some(&&t) = tabs.peek() {
                    if t >= to {
                        break;
                    }
                    tabs.next();
                    if t < at {
                        continue;
                    }
                    out.push_str(&self.text[at..t]);
                    out.push('\t');
                    at = t + 1;
                }
                out.push_str(&self.text[at..to]);
            };
        let mut map = Vec::with_capacity(inserts.len());
        let mut inserted = 0;
        for &(at, s) in &inserts {
            push(&mut out, last, at, &mut tabs);
            // A line break where one already stands is not doubled.
            let redundant = s == "\n" && (out.ends_with('\n') || self.text[at..].starts_with('\n'));
            if !redundant {
                map.push((out.len(), s.len(), inserted));
                inserted += s.len();
                out.push_str(s);
            }
            last = at;
        }
        push(&mut out, last, to, &mut tabs);
        (out, map)
    }

    /// The original offset of a re-laid one.
    fn original(&self, at: usize) -> usize {
        // `map` holds (re-laid offset, length, inserted bytes before it).
        let i = self.map.partition_point(|&(start, _, _)| start < at);
        match i.checked_sub(1).map(|i| self.map[i]) {
            None => at,
            Some((start, len, before)) => at - before - len.min(at - start),
        }
    }
}

/// An unread row keeps its tokens (「1120 000 13」), and a token such as 「000」 reads as
/// cells run together — which takes a whole table out of the sums. In a flattened report
/// such a row has the wrong number of cells and is out of the sums by itself: the table
/// is not, when every run-together cell is in such a row.
fn forgive_unread(report: &mut Report) {
    use crate::CellValue;
    for table in &mut report.tables3 {
        if !table.run_together {
            continue;
        }
        let width = table.width();
        let only_unread = table
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.value == CellValue::RunTogether))
            .all(|r| r.cells.len() != width);
        if only_unread {
            table.run_together = false;
        }
    }
}

/// A token that is a unit after a number (「元」, 「万元」), not a cell of its own.
fn is_unit(token: &str) -> bool {
    !token.bytes().any(|b| b.is_ascii_digit()) && !nianbao_syntax::is_blank_marker(token)
}
