//! The report model: what a 政府信息公开工作年度报告 says, read from its blocks.
//!
//! [`build`] turns the blocks of `nianbao-syntax` into a [`Report`]: the title and year,
//! the template format, the six parts, the 第二十条 blocks and tables 三 and 四 with every
//! row mapped to its template row and every number to its template column. Building
//! never fails; what cannot be read with confidence is recorded as such (an unmapped
//! row, a row with the wrong number of cells), never guessed. All arithmetic lives in
//! [`arith`].

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod arith;
pub mod flat;
mod labels;
pub mod measures;
pub mod normalize;
mod number;
mod parts;
pub mod prose;
pub mod recover;
mod tables;
pub mod template;
pub mod text;
mod typed;
pub mod years;

use nianbao_syntax::{Block, CompactString, TextRange};

pub use labels::t3_row_named;
pub use number::{parse_number, Decimal, Number, Unit};
pub use parts::{part_heading, report_end, split_reports, PartHeading, Subsection, TitleMatch};
pub use template::{Format, Part};
pub use typed::*;

/// What the caller knows that the text may not say.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Check against this format whatever the year says (`--template`).
    pub format: Option<Format>,
    /// Other reports' [`years::HandedOn`]: the one of the same body and the year before
    /// becomes [`Report::last_year`].
    pub last_years: Vec<std::sync::Arc<years::HandedOn>>,
    /// What the paragraphs said when read before (an editor's open document): read again
    /// only when they changed.
    pub prose: Option<std::sync::Arc<prose::Cache>>,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub title: Option<Title>,
    pub format: Format,
    pub format_basis: FormatBasis,
    /// The format the tables' shape implies, and the cell or caption that shows it.
    pub shape: Option<ShapeEvidence>,
    pub parts: Vec<PartHeading>,
    pub subsections: Vec<Subsection>,
    pub article20: Vec<A20Block>,
    pub tables3: Vec<Table3>,
    pub tables4: Vec<Table4>,
    /// Where findings about the document as a whole go: the title, else the first block.
    pub anchor: TextRange,
    /// Figures the prose states that the tables hold too (`prose`).
    pub statements: Vec<prose::Statement>,
    /// The prose of each part found, in order (`text`): its length, its sentences, what
    /// it says of the 信息处理费.
    pub texts: Vec<text::PartText>,
    /// For a flattened report (its line breaks and table separators lost): how it was
    /// read again (`flat`).
    pub recovery: Option<flat::Recovery>,
    /// The same body's report of the year before, when the caller has it (`years`). Its
    /// ranges are of its own file.
    pub last_year: Option<std::sync::Arc<years::HandedOn>>,
}

#[derive(Clone, Debug)]
pub struct Title {
    pub text: String,
    pub range: TextRange,
    pub year: Option<u16>,
}

/// Why the report is checked against its format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatBasis {
    /// The user said so.
    Option,
    /// From the year in the title.
    Year,
    /// No year: from the tables' shape.
    Shape,
    /// Neither: the current format.
    Default,
}

#[derive(Clone, Debug)]
pub struct ShapeEvidence {
    pub format: Format,
    pub range: TextRange,
    /// What shows it, for messages: `第二十条第（九）项`, `表头「本年制发件数」`.
    pub what: String,
}

/// A table cell where a number belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCell {
    pub range: TextRange,
    pub text: CompactString,
    pub value: CellValue,
    /// One of several numbers written in one cell, separated by spaces (`72 64 178`):
    /// where its cell ends is a space, which may have been lost (`recover`).
    pub spaced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    Number(Number),
    /// Nothing written.
    Empty,
    /// `/`, `—` and the like.
    Marker,
    /// Digits with spaces inside (`230 000023`) or a leading zero (`000023`): cells run
    /// together with their separators lost.
    RunTogether,
    /// Anything else.
    Text,
}

impl ValueCell {
    /// The cell as a count: a non-negative integer, or nothing.
    pub fn count(&self) -> Option<Decimal> {
        match &self.value {
            CellValue::Number(n) if n.value.is_integer() && !n.value.is_negative() => Some(n.value),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<&Number> {
        match &self.value {
            CellValue::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// Reads the report from its blocks.
pub fn build(blocks: &[Block], options: &Options) -> Report {
    let (title, parts, subsections) = parts::find(blocks);
    let prose_read = prose::read(blocks, options.prose.as_deref());
    let text_parts = text_of_parts(blocks, &parts, &prose_read.facts);
    let tables = tables::read(blocks, &parts);
    let shape = tables::shape_evidence(&tables);
    let year = title.as_ref().and_then(|t| t.year);
    let (format, format_basis) = match (options.format, year, &shape) {
        (Some(f), _, _) => (f, FormatBasis::Option),
        (None, Some(y), _) => (Format::for_year(y), FormatBasis::Year),
        (None, None, Some(s)) => (s.format, FormatBasis::Shape),
        (None, None, None) => (Format::F2021, FormatBasis::Default),
    };
    let anchor = match (&title, blocks.first()) {
        (Some(t), _) => t.range,
        (None, Some(b)) => b.range,
        (None, None) => TextRange::default(),
    };
    let mut report = Report {
        title,
        format,
        format_basis,
        shape,
        parts,
        subsections,
        article20: tables.article20,
        tables3: tables.tables3,
        tables4: tables.tables4,
        anchor,
        statements: prose_read.statements,
        texts: text_parts,
        recovery: None,
        last_year: None,
    };
    recover::run_together(&mut report);
    report.last_year = years::last_year_of(&report, &options.last_years);
    report
}

/// The prose of each part: the paragraphs and headings after its heading, up to the next
/// part's, with their facts (worked out when a check asks).
fn text_of_parts(
    blocks: &[Block],
    parts: &[PartHeading],
    facts: &[(usize, usize, std::sync::Arc<text::Facts>)],
) -> Vec<text::PartText> {
    let heading_block = |p: &PartHeading| blocks.iter().position(|b| b.range == p.range);
    let mut out = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let Some(start) = heading_block(p) else {
            continue;
        };
        let end = parts[i + 1..]
            .iter()
            .find_map(heading_block)
            .unwrap_or(blocks.len());
        let mut part = text::PartText::new(p.part, p.range);
        let first = facts.partition_point(|(b, _, _)| *b <= start);
        for (_, base, f) in facts[first..].iter().take_while(|(b, _, _)| *b < end) {
            part.push(*base, f.clone());
        }
        out.push(part);
    }
    out
}

/// Reads every report of a document's text, flattened ones too (`flat`): what the
/// editor and the CLI build, for tests that start from a string.
pub fn build_text(text: &str, options: &Options) -> Vec<Report> {
    let blocks = nianbao_syntax::parse_str(text);
    split_reports(&blocks)
        .into_iter()
        .map(|r| {
            let own = &blocks[r];
            let start = own.first().map_or(0, |b| b.range.start);
            let end = own.last().map_or(0, |b| b.range.end);
            flat::build(own, &text[start..end], start, options)
                .unwrap_or_else(|| build(own, options))
        })
        .collect()
}

/// Reads every report of a document: one per range of [`split_reports`].
pub fn build_all(blocks: &[Block], options: &Options) -> Vec<Report> {
    split_reports(blocks)
        .into_iter()
        .map(|r| build(&blocks[r], options))
        .collect()
}

impl Report {
    /// The same report `delta` bytes further on (text inserted or removed before it).
    pub fn shifted(&self, delta: isize) -> Report {
        if delta == 0 {
            return self.clone();
        }
        let mut r = self.mapped(&|range: TextRange| range.shifted(delta));
        r.recovery = self.recovery.as_ref().map(|x| x.shifted(delta));
        r
    }

    /// The same report with every range passed through `map` (a report read from text
    /// laid out again, mapped back to the original; `flat`). The recovery is kept as is.
    pub fn mapped(&self, map: &dyn Fn(TextRange) -> TextRange) -> Report {
        let mut r = self.clone();
        let s = |range: &mut TextRange| *range = map(*range);
        let cells = |cells: &mut Vec<ValueCell>| cells.iter_mut().for_each(|c| s(&mut c.range));
        if let Some(t) = &mut r.title {
            s(&mut t.range);
        }
        if let Some(e) = &mut r.shape {
            s(&mut e.range);
        }
        for p in &mut r.parts {
            s(&mut p.range);
            s(&mut p.text_range);
        }
        r.subsections.iter_mut().for_each(|x| s(&mut x.range));
        for b in &mut r.article20 {
            s(&mut b.caption_range);
            s(&mut b.range);
            if let Some(h) = &mut b.header {
                s(&mut h.range);
                h.cells.iter_mut().for_each(|c| s(&mut c.range));
            }
            for row in &mut b.rows {
                s(&mut row.label_range);
                s(&mut row.range);
                cells(&mut row.values);
                cells(&mut row.blank_tail);
            }
        }
        for t in &mut r.tables3 {
            s(&mut t.range);
            s(&mut t.first_row);
            for row in &mut t.rows {
                s(&mut row.range);
                s(&mut row.label_range);
                cells(&mut row.cells);
            }
            for u in &mut t.unmapped {
                s(&mut u.range);
                s(&mut u.label_range);
            }
            t.recovered_rows.iter_mut().for_each(&s);
            t.recovered_with_errors.iter_mut().for_each(&s);
            t.unread_rows.iter_mut().for_each(|u| s(&mut u.range));
        }
        for t in &mut r.tables4 {
            s(&mut t.range);
            s(&mut t.first_row);
            if let Some(row) = &mut t.row {
                s(&mut row.range);
                cells(&mut row.cells);
            }
            t.recovered_rows.iter_mut().for_each(&s);
            t.recovered_with_errors.iter_mut().for_each(&s);
            t.unread_rows.iter_mut().for_each(|u| s(&mut u.range));
        }
        s(&mut r.anchor);
        r.statements.iter_mut().for_each(|x| s(&mut x.range));
        for t in &mut r.texts {
            t.shift(map);
        }
        r
    }

    /// Whether `range` lies in a row of a flattened table whose cells could not be told
    /// apart (`flat`): such a row is said once, by `ambiguous-cells`, not as a row of the
    /// wrong shape.
    pub fn unread_at(&self, range: TextRange) -> bool {
        self.recovery.as_ref().is_some_and(|r| {
            r.unread
                .iter()
                .any(|u| u.range.start < range.end && range.start < u.range.end)
        })
    }

    pub fn year(&self) -> Option<u16> {
        self.title.as_ref().and_then(|t| t.year)
    }

    /// Every cell of the report where a number belongs.
    pub fn value_cells(&self) -> impl Iterator<Item = &ValueCell> {
        let a20 = self
            .article20
            .iter()
            .flat_map(|b| b.rows.iter().flat_map(|r| &r.values));
        let t3 = self
            .tables3
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| &r.cells));
        let t4 = self
            .tables4
            .iter()
            .flat_map(|t| t.row.iter().flat_map(|r| &r.cells));
        a20.chain(t3).chain(t4)
    }
}
