//! A report and the same body's report of the year before.
//!
//! What one year's report hands on to the next is read from it into a [`HandedOn`]:
//! the body that wrote it (its title without the year, [`body`]), the year, table 三's
//! 「四、结转下年度继续办理」 and the 现行有效件数 of 第二十条第（一）项. A caller that holds
//! other reports — the CLI its inputs, the language server the document's folder — gives
//! their `HandedOn`s in [`crate::Options::last_years`], and [`crate::build`] keeps in
//! [`crate::Report::last_year`] the one of the same body and the year before, if any.
//!
//! Ranges in a `HandedOn` are byte ranges of *its* file, named by `source`: the caller
//! that read it turns them into places.

use std::sync::Arc;

use nianbao_syntax::TextRange;

use crate::normalize::fold;
use crate::template::{Format, T3_CARRIED_OVER};
use crate::{Decimal, Report};

/// A number of last year's report and where it is written there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stated {
    pub value: Decimal,
    pub range: TextRange,
}

/// What a report hands on to the next year's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandedOn {
    /// Where it was read, as the caller names it (a path, a URI): for messages and for
    /// the caller to find the ranges below again.
    pub source: Arc<str>,
    /// The body, as [`body`] gives it.
    pub body: String,
    pub year: u16,
    /// Table 三's 「四、结转下年度继续办理」, by standard column (0 = 自然人 … 6 = 总计):
    /// the cells that hold a count.
    pub carried_over: [Option<Stated>; 7],
    /// 第二十条第（一）项's 现行有效件数 (2021 format) of 规章 and of 行政规范性文件.
    pub in_force: [Option<Stated>; 2],
    /// Each part's heading and the keys of its sentences (`text::Sentence`), to tell a
    /// part copied from last year's (`copied-from-last-year`).
    pub parts: Vec<HandedPart>,
}

/// A part of a report as the next year's compares its prose with it: its prose, whose
/// sentence keys are worked out when a report of the next year first asks (most reports
/// handed on in a folder of one year are never compared).
#[derive(Clone, Debug)]
pub struct HandedPart {
    pub part: crate::Part,
    /// Its heading, in that report's file.
    pub heading: TextRange,
    text: crate::text::PartText,
    keys: Arc<std::sync::OnceLock<(Vec<u64>, u64)>>,
}

impl PartialEq for HandedPart {
    fn eq(&self, other: &HandedPart) -> bool {
        self.part == other.part && self.heading == other.heading && self.text == other.text
    }
}

impl Eq for HandedPart {}

impl HandedPart {
    pub fn new(text: crate::text::PartText) -> HandedPart {
        HandedPart {
            part: text.part,
            heading: text.heading,
            text,
            keys: Arc::default(),
        }
    }

    fn keys_and_id(&self) -> &(Vec<u64>, u64) {
        self.keys.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut keys: Vec<u64> = self.text.sentences().map(|s| s.key).collect();
            keys.sort_unstable();
            keys.dedup();
            let mut h = rustc_hash::FxHasher::default();
            self.part.number().hash(&mut h);
            keys.hash(&mut h);
            let id = h.finish();
            (keys, id)
        })
    }

    /// The keys of its sentences (`text::Sentence`), sorted, each once.
    pub fn keys(&self) -> &[u64] {
        &self.keys_and_id().0
    }

    /// What tells it from another part, or from another edition of itself: a hash of its
    /// part and keys (a paragraph keeps what its comparison with this part found).
    pub fn id(&self) -> u64 {
        self.keys_and_id().1
    }
}

/// The body that wrote a report, from its title: the title without its year and without
/// 「政府信息公开工作年度报告」, folded (`泉港区人民政府 2020年政府信息公开工作年度报告` →
/// `泉港区人民政府`). `None` when nothing is left (`2020年政府信息公开工作年度报告`).
pub fn body(title: &str) -> Option<String> {
    let folded = fold(title);
    let mut text: &str = &folded;
    // Markup and quotes around the title.
    text = text.trim_start_matches(['#', '《', '“', '"']);
    text = text.strip_prefix("关于").unwrap_or(text);
    // A year the title starts with: `2024年某县…`, `2024年度某县…`.
    text = strip_leading_year(text);
    let end = text.find("政府信息公开").unwrap_or(text.len());
    let mut head = text[..end].trim_end_matches('的');
    // The year, as the title writes it: `2020年`, `2020年度`, `二〇二〇年`.
    if let Some((before, _)) = split_year(head) {
        head = before;
    }
    let head = head.trim_end_matches(['的', '(', '（', '-', '—', '·', ':', '：']);
    (!head.is_empty()).then(|| head.to_string())
}

/// `text` without the year it starts with (`2024年`, `2024年度`, `二〇二四年`), when a
/// body follows it.
fn strip_leading_year(text: &str) -> &str {
    let digits = text
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 {
        return text;
    }
    let Some(rest) = text[digits..].strip_prefix('年') else {
        return text;
    };
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    let rest = rest.trim_start_matches(['的', '(', '（', '-', '—', '·', ':', '：']);
    // `2020年政府信息公开工作年度报告` names no body: nothing is stripped then.
    if rest.starts_with("政府信息公开") || rest.is_empty() {
        return text;
    }
    rest
}

/// `head` split at the year it ends with: (before, the year's text).
fn split_year(head: &str) -> Option<(&str, &str)> {
    let head_no_du = head.strip_suffix('度').unwrap_or(head);
    let before_nian = head_no_du.strip_suffix('年')?;
    let digits = before_nian
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((&head[..digits], &head[digits..]))
}

/// The body and the year the report's title names.
pub fn body_and_year(report: &Report) -> Option<(String, u16)> {
    let title = report.title.as_ref()?;
    Some((body(&title.text)?, title.year?))
}

impl HandedOn {
    /// Every cell it holds: where a finding may point in its file.
    pub fn cells(&self) -> impl Iterator<Item = &Stated> {
        self.carried_over.iter().chain(&self.in_force).flatten()
    }

    /// Every place of its file a finding may point to: its cells and its parts' headings.
    pub fn places(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.cells()
            .map(|s| s.range)
            .chain(self.parts.iter().map(|p| p.heading))
    }

    /// The same, `delta` bytes further on in its file.
    pub fn shifted(&self, delta: isize) -> HandedOn {
        let mut h = self.clone();
        for s in h.carried_over.iter_mut().chain(&mut h.in_force).flatten() {
            s.range = s.range.shifted(delta);
        }
        for p in &mut h.parts {
            p.heading = p.heading.shifted(delta);
            p.text.shift(|r| r.shifted(delta));
        }
        h
    }
}

/// What `report` hands on to next year's report; `None` without a title that names its
/// body and year.
pub fn handed_on(report: &Report, source: Arc<str>) -> Option<HandedOn> {
    let (body, year) = body_and_year(report)?;
    let mut carried_over = [None; 7];
    if let Some(table) = report.tables3.first() {
        if let Some((_, row)) = table.row(T3_CARRIED_OVER) {
            if table.is_mapped(row) && !table.run_together {
                for (col, slot) in carried_over.iter_mut().enumerate() {
                    *slot = row.cells.get(table.cell_index(col)).and_then(stated);
                }
            }
        }
    }
    let in_force = in_force(report).map(|row| row.and_then(|r| r.in_force).and_then(stated));
    let parts = report
        .texts
        .iter()
        .map(|t| HandedPart::new(t.clone()))
        .collect();
    Some(HandedOn {
        source,
        body,
        year,
        carried_over,
        in_force,
        parts,
    })
}

fn stated(cell: &crate::ValueCell) -> Option<Stated> {
    Some(Stated {
        value: cell.count()?,
        range: cell.range,
    })
}

/// A row of 第二十条第（一）项 in the 2021 format: 本年制发件数, 本年废止件数, 现行有效件数.
#[derive(Clone, Copy, Debug)]
pub struct DocumentCounts<'r> {
    pub label_range: TextRange,
    pub issued: Option<&'r crate::ValueCell>,
    pub repealed: Option<&'r crate::ValueCell>,
    pub in_force: Option<&'r crate::ValueCell>,
}

/// The 规章 and 行政规范性文件 rows of 第二十条第（一）项, when the report and the block's
/// header are of the 2021 format (the 2019 format counts documents published, not in
/// force) and the row has its three values.
pub fn in_force(report: &Report) -> [Option<DocumentCounts<'_>>; 2] {
    let mut out = [None, None];
    if report.format != Format::F2021 {
        return out;
    }
    let Some(block) = report.article20.iter().find(|b| b.item == Some(1)) else {
        return out;
    };
    if block.header.as_ref().and_then(|h| h.format(1)) != Some(Format::F2021) {
        return out;
    }
    let Some(spec) = crate::template::a20_spec(Format::F2021, 1) else {
        return out;
    };
    for (slot, label) in out.iter_mut().zip(spec.rows) {
        let row = block
            .rows
            .iter()
            .find(|r| crate::template::a20_row_matches(label, &r.label));
        if let Some(row) = row.filter(|r| r.values.len() == 3) {
            *slot = Some(DocumentCounts {
                label_range: row.label_range,
                issued: row.values.first(),
                repealed: row.values.get(1),
                in_force: row.values.get(2),
            });
        }
    }
    out
}

/// The report of `last_years` that is `report`'s of the year before: same body, one year
/// earlier. When several are (copies of one file), the first.
pub fn last_year_of(report: &Report, last_years: &[Arc<HandedOn>]) -> Option<Arc<HandedOn>> {
    if last_years.is_empty() {
        return None;
    }
    let (body, year) = body_and_year(report)?;
    last_years
        .iter()
        .find(|h| h.body == body && h.year.checked_add(1) == Some(year))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_from_titles() {
        let cases = [
            (
                "泉港区人民政府 2020年政府信息公开工作年度报告",
                Some("泉港区人民政府"),
            ),
            (
                "# 漳平市人民政府 2020 年政府信息公开工作年度报告",
                Some("漳平市人民政府"),
            ),
            ("福建省2019年政府信息公开工作年度报告", Some("福建省")),
            ("某局2021年度政府信息公开工作年度报告", Some("某局")),
            (
                "《某区教育局二〇二一年政府信息公开工作年度报告》",
                Some("某区教育局"),
            ),
            ("某委员会政府信息公开工作年度报告", Some("某委员会")),
            ("2020年政府信息公开工作年度报告", None),
            ("关于某局2020年的政府信息公开工作年度报告", Some("某局")),
            ("2024年某县政府信息公开工作年度报告", Some("某县")),
            ("2024年度某县政府信息公开工作年度报告", Some("某县")),
            (
                "# 2023 年某县人民政府政府信息公开工作年度报告",
                Some("某县人民政府"),
            ),
            (
                "二〇二一年某区教育局政府信息公开工作年度报告",
                Some("某区教育局"),
            ),
        ];
        for (title, want) in cases {
            assert_eq!(body(title).as_deref(), want, "{title}");
        }
        // A year in front and a year behind name the same body.
        assert_eq!(
            body("2024年某县政府信息公开工作年度报告"),
            body("某县2023年政府信息公开工作年度报告")
        );
        // Spaces and full-width letters do not make another body.
        assert_eq!(
            body("ＡＢ市  人民政府2020年政府信息公开工作年度报告"),
            body("AB市人民政府 2021年政府信息公开工作年度报告")
        );
    }
}
