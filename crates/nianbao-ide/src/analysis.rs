//! The analysis of a document — its reports and their findings — computed whole by
//! [`analyze`], or kept up to date edit by edit by a [`Buffer`].
//!
//! A document holds one report or several (a city's with its departments' appended,
//! `nianbao_model::split_reports`), and everything the model and the checks say about a
//! report depends on that report's blocks alone. A `Buffer` therefore caches each
//! report's model and findings, and after an edit builds again only the reports whose
//! blocks the edit touched. The others are kept as they are, with the byte offsets they
//! were built at: an [`Analysis`] shifts them when they are read, so that an edit costs
//! the same in a 10 MB document as in a 40 KB one.
//!
//! Invariant (tested on random edits): a `Buffer`'s analysis equals [`analyze`] of its
//! document.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use nianbao_checks::{Config, Diagnostic};
use nianbao_model::normalize::fold;
use nianbao_model::years::{self, HandedOn};
use nianbao_model::{report_end, split_reports, Options, Report};
use nianbao_syntax::{Document, Edit, EditError, ReparseStats, TextRange};

use crate::Settings;

/// One report, modelled and checked, at the offsets it was built at.
#[derive(Debug)]
struct Built {
    /// Where the report's first block started when it was built.
    start: usize,
    report: Report,
    diagnostics: Vec<Diagnostic>,
}

/// A report of the document as it is now: its blocks, its byte range, and what was built
/// for it with the shift from then to now.
#[derive(Clone, Debug)]
pub struct ReportView {
    /// Indices into the document's blocks.
    pub blocks: Range<usize>,
    /// From the start of its first block to the end of its last (empty at `0` for an
    /// empty document).
    pub range: TextRange,
    shift: isize,
    built: Arc<Built>,
}

impl ReportView {
    /// The report, at the document's current offsets.
    pub fn report(&self) -> Cow<'_, Report> {
        if self.shift == 0 {
            Cow::Borrowed(&self.built.report)
        } else {
            Cow::Owned(self.built.report.shifted(self.shift))
        }
    }

    /// Whether the two views show the same build of a report: same model and findings,
    /// perhaps at other offsets (a caller may then reuse what it derived from them, moved).
    pub fn same_build(&self, other: &ReportView) -> bool {
        Arc::ptr_eq(&self.built, &other.built)
    }

    /// What the report hands on to the same body's report of the next year
    /// (`nianbao_model::years`), at the document's current offsets; `source` names the
    /// document.
    pub fn handed_on(&self, source: Arc<str>) -> Option<HandedOn> {
        let handed = years::handed_on(&self.built.report, source)?;
        Some(if self.shift == 0 {
            handed
        } else {
            handed.shifted(self.shift)
        })
    }

    /// The body and year the report's title names, when it names both.
    pub fn body_and_year(&self) -> Option<(String, u16)> {
        years::body_and_year(&self.built.report)
    }

    /// How many findings it has (without shifting them).
    pub fn diagnostic_count(&self) -> usize {
        self.built.diagnostics.len()
    }

    /// Its findings, at the document's current offsets, in document order.
    pub fn diagnostics(&self) -> impl Iterator<Item = Cow<'_, Diagnostic>> + '_ {
        self.built.diagnostics.iter().map(|d| {
            if self.shift == 0 {
                Cow::Borrowed(d)
            } else {
                Cow::Owned(d.shifted(self.shift))
            }
        })
    }
}

/// A document's reports and findings.
#[derive(Clone, Debug)]
pub struct Analysis {
    reports: Vec<ReportView>,
    /// Whether the document was checked (it looks like a report, or all are checked).
    /// When it is not, it has no findings.
    pub checked: bool,
}

impl Analysis {
    /// Every report, in document order; at least one.
    pub fn reports(&self) -> &[ReportView] {
        &self.reports
    }

    /// The report whose blocks hold `offset` (or end right before it).
    pub fn report_at(&self, offset: usize) -> Option<&ReportView> {
        let i = self.reports.partition_point(|r| r.range.end < offset);
        self.reports.get(i).or(self.reports.last())
    }

    /// Every finding, in document order, taken out of the analysis: moved where nothing
    /// else holds the report's build (a document analysed once, as the CLI does), copied
    /// at the current offsets where a `Buffer` still does.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        if !self.checked {
            return Vec::new();
        }
        let mut out = Vec::new();
        for view in self.reports {
            match Arc::try_unwrap(view.built) {
                Ok(built) if view.shift == 0 => out.extend(built.diagnostics),
                Ok(built) => out.extend(built.diagnostics.iter().map(|d| d.shifted(view.shift))),
                Err(shared) => out.extend(shared.diagnostics.iter().map(|d| d.shifted(view.shift))),
            }
        }
        out
    }

    /// Every finding, in document order; none when the document is not checked.
    pub fn diagnostics(&self) -> impl Iterator<Item = Cow<'_, Diagnostic>> + '_ {
        self.reports
            .iter()
            .filter(|_| self.checked)
            .flat_map(ReportView::diagnostics)
    }
}

impl Analysis {
    /// The analysis with `settings`, which differ from those it was made with in the
    /// reports of the year before at hand (`Settings::last_years`) only: each report's
    /// model is kept, given its body's report of the year before, and checked again.
    /// Nothing is parsed or modelled again, and what the model worked out of its prose
    /// (`text::Facts`) is kept: equal to [`analyze`] with `settings`, at the cost of the
    /// checks (tested) — but for a flattened report that last year's figures could read
    /// further (`nianbao_model::flat::wants_last_year_of`), which a caller analyses again.
    pub fn with_last_years(&self, settings: &Settings) -> Analysis {
        let (_, config) = settings.options_and_config();
        let reports = self
            .reports
            .iter()
            .map(|v| {
                let mut report = v.built.report.clone();
                report.last_year = years::last_year_of(&report, &settings.last_years);
                let diagnostics = nianbao_checks::check(&report, &config);
                ReportView {
                    built: Arc::new(Built {
                        start: v.built.start,
                        report,
                        diagnostics,
                    }),
                    ..v.clone()
                }
            })
            .collect();
        Analysis {
            reports,
            checked: self.checked,
        }
    }
}

/// Analyses a whole document.
pub fn analyze(doc: &Document, settings: &Settings) -> Analysis {
    let (options, config) = settings.options_and_config();
    let reports = split_reports(doc.blocks())
        .into_iter()
        .map(|r| {
            let built = Arc::new(build(doc, r.clone(), &options, &config));
            view(doc, r, built)
        })
        .collect();
    finish(doc, reports, settings)
}

fn build(doc: &Document, blocks: Range<usize>, options: &Options, config: &Config) -> Built {
    let start = doc.blocks().get(blocks.start).map_or(0, |b| b.range.start);
    let own = &doc.blocks()[blocks.clone()];
    // A flattened report (one long line) is read from its text laid out again.
    let flat = if nianbao_model::flat::is_flattened(own) {
        let range = range_of(doc, &blocks);
        let text = doc.slice(range.start..range.end);
        nianbao_model::flat::build(own, &text, range.start, options)
    } else {
        None
    };
    let report = flat.unwrap_or_else(|| nianbao_model::build(own, options));
    let diagnostics = nianbao_checks::check(&report, config);
    Built {
        start,
        report,
        diagnostics,
    }
}

fn range_of(doc: &Document, blocks: &Range<usize>) -> TextRange {
    match (
        doc.blocks().get(blocks.start),
        blocks.end.checked_sub(1).and_then(|i| doc.blocks().get(i)),
    ) {
        (Some(first), Some(last)) if !blocks.is_empty() => first.range.cover(last.range),
        _ => TextRange::default(),
    }
}

fn view(doc: &Document, blocks: Range<usize>, built: Arc<Built>) -> ReportView {
    let range = range_of(doc, &blocks);
    let shift = range.start as isize - built.start as isize;
    ReportView {
        blocks,
        range,
        shift,
        built,
    }
}

fn finish(doc: &Document, reports: Vec<ReportView>, settings: &Settings) -> Analysis {
    let checked = settings.check_all_documents
        || looks_like_report(doc, reports.first().map(|r| &r.built.report));
    Analysis { reports, checked }
}

/// A document is an annual report when its title, or one of its first lines, says
/// 政府信息公开 … 年度报告: a line as short as a title (a cover letter's 「关于报送…年度
/// 报告的函」 too), or a sentence that mentions the reports (「根据…《关于政府信息公开工作
/// 年度报告有关事项的通知》…」) in a document that has the parts of one — not a README
/// that mentions them.
pub fn looks_like_report(doc: &Document, first: Option<&Report>) -> bool {
    const MAX_TITLE_CHARS: usize = 60;
    const MIN_PARTS: usize = 2;
    if first.is_some_and(|r| r.title.is_some()) {
        return true;
    }
    let has_parts = first.is_some_and(|r| r.parts.len() >= MIN_PARTS);
    doc.blocks()
        .iter()
        .take(12)
        .filter_map(|b| b.line_text())
        .any(|t| {
            let f = fold(t);
            f.contains("政府信息公开")
                && f.contains("年度报告")
                && (has_parts || f.chars().count() <= MAX_TITLE_CHARS)
        })
}

/// A report of the buffer: its blocks, and what was built for it (if anything yet).
#[derive(Clone, Debug)]
struct Segment {
    blocks: Range<usize>,
    built: Option<Arc<Built>>,
}

/// A document kept analysed edit by edit: after an edit only the reports it touched are
/// split, modelled and checked again.
#[derive(Debug)]
pub struct Buffer {
    doc: Document,
    segments: Vec<Segment>,
    /// The settings the built reports were built with.
    built_with: Option<Settings>,
    /// What the paragraphs said: a rebuilt report reads again only the prose that changed.
    prose: Arc<nianbao_model::prose::Cache>,
}

impl Buffer {
    pub fn new(text: &str) -> Buffer {
        let doc = Document::new(text);
        let segments = split_reports(doc.blocks())
            .into_iter()
            .map(|blocks| Segment {
                blocks,
                built: None,
            })
            .collect();
        Buffer {
            doc,
            segments,
            built_with: None,
            prose: Arc::default(),
        }
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Applies `edit` to the document and splits the reports it touched again (they are
    /// modelled and checked at the next [`Buffer::analyze`]). On error nothing changes.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<ReparseStats, EditError> {
        let old_len = self.doc.blocks().len();
        let stats = self.doc.apply_edit(edit)?;
        let kb = stats.kept_before;
        let removed = old_len - stats.kept_before - stats.kept_after;
        let inserted = stats.reparsed;
        // The first report whose extent the edit can change: the one whose blocks, or
        // the block right after them (the next report's title), include the first
        // changed block.
        let first = self.segments.partition_point(|s| s.blocks.end < kb);
        let region_start = self
            .segments
            .get(first)
            .map_or(0, |s| s.blocks.start.min(kb));
        let blocks = self.doc.blocks();
        let mut fresh = Vec::new();
        let mut start = region_start;
        // Old reports from `resume` on start after the changed blocks and are kept.
        let mut resume = self.segments.len();
        loop {
            let end = report_end(blocks, start);
            fresh.push(Segment {
                blocks: start..end,
                built: None,
            });
            if end >= blocks.len() {
                break;
            }
            if end >= kb + inserted {
                let old_start = end + removed - inserted;
                let j = self
                    .segments
                    .partition_point(|s| s.blocks.start < old_start);
                if j < self.segments.len()
                    && self.segments[j].blocks.start == old_start
                    && j > first
                {
                    resume = j;
                    break;
                }
            }
            start = end;
        }
        let mut tail: Vec<Segment> = self.segments.drain(resume..).collect();
        for s in &mut tail {
            s.blocks = s.blocks.start + inserted - removed..s.blocks.end + inserted - removed;
        }
        self.segments.truncate(first);
        self.segments.extend(fresh);
        self.segments.extend(tail);
        Ok(stats)
    }

    /// The analysis of the document as it is: reports touched since the last call, or all
    /// when the settings changed, are modelled and checked; the others are reused.
    pub fn analyze(&mut self, settings: &Settings) -> Analysis {
        if self
            .built_with
            .as_ref()
            .is_none_or(|b| !b.same_findings(settings))
        {
            self.segments.iter_mut().for_each(|s| s.built = None);
            self.built_with = Some(settings.clone());
        }
        // Made only when a report needs building: most keystrokes rebuild one report,
        // many analyses (a request after a publish) none.
        let mut made: Option<(Options, Config)> = None;
        let doc = &self.doc;
        let prose = &self.prose;
        if self.segments.iter().any(|s| s.built.is_none()) {
            prose.next_generation(doc.blocks().len());
        }
        let reports = self
            .segments
            .iter_mut()
            .map(|s| {
                let built = s
                    .built
                    .get_or_insert_with(|| {
                        let (options, config) = made.get_or_insert_with(|| {
                            let (options, config) = settings.options_and_config();
                            let options = Options {
                                prose: Some(prose.clone()),
                                ..options
                            };
                            (options, config)
                        });
                        Arc::new(build(doc, s.blocks.clone(), options, config))
                    })
                    .clone();
                view(doc, s.blocks.clone(), built)
            })
            .collect();
        finish(doc, reports, settings)
    }
}

impl Settings {
    pub(crate) fn options_and_config(&self) -> (Options, Config) {
        (
            Options {
                format: self.template,
                last_years: self.last_years.clone(),
                prose: None,
            },
            Config {
                disabled: self.disabled_checks.clone(),
                severity: self.severity.clone(),
            },
        )
    }

    /// Whether the two settings give the same findings.
    fn same_findings(&self, other: &Settings) -> bool {
        self.template == other.template
            && self.last_years == other.last_years
            && self.disabled_checks == other.disabled_checks
            && self.severity == other.severity
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use nianbao_model::text::paragraphs_compared;

    use super::*;

    const VALID_2021: &str = include_str!("../../nianbao-checks/test_data/valid_2021.txt");

    /// Checking again with last year's report at hand equals analysing with it.
    #[test]
    fn with_last_years_equals_an_analysis_with_them() {
        let last = VALID_2021
            .replacen("2022 年", "2021 年", 1)
            .replace("1200 条", "1100 条");
        let last = nianbao_model::build_text(&last, &Default::default()).remove(0);
        let handed = nianbao_model::years::handed_on(&last, "2021.md".into()).expect("handed on");
        let with = Settings {
            last_years: vec![Arc::new(handed)],
            ..Settings::default()
        };
        let doc = Document::new(VALID_2021);
        let first = analyze(&doc, &Settings::default());
        let again = first.with_last_years(&with);
        let whole = analyze(&doc, &with);
        let found = |a: &Analysis| a.diagnostics().map(|d| d.into_owned()).collect::<Vec<_>>();
        assert_eq!(found(&again), found(&whole));
        let codes: Vec<&str> = found(&again).iter().map(|d| d.code).collect();
        assert!(codes.contains(&"copied-from-last-year"), "{codes:?}");
        assert!(codes.contains(&"last-year-in-force"), "{codes:?}");
    }

    /// The copied-part comparison depends on the prose only: a keystroke in a table cell
    /// compares no sentence again; one in part 五 compares that paragraph only.
    #[test]
    fn a_keystroke_in_a_table_compares_no_sentence_again() {
        let last = VALID_2021.replacen("2022 年", "2021 年", 1);
        let last = nianbao_model::build_text(&last, &Default::default()).remove(0);
        let handed = nianbao_model::years::handed_on(&last, "2021.md".into()).expect("handed on");
        let settings = Settings {
            last_years: vec![Arc::new(handed)],
            ..Settings::default()
        };
        let mut buffer = Buffer::new(VALID_2021);
        let copied = |a: &Analysis| {
            a.diagnostics()
                .filter(|d| d.code == "copied-from-last-year")
                .count()
        };
        let before = paragraphs_compared();
        let first = buffer.analyze(&settings);
        assert!(copied(&first) > 0, "the same text a year later is copied");
        let compared = paragraphs_compared() - before;
        assert!(compared > 0);

        // A digit typed into table 三 and deleted: the report is modelled and checked
        // again, its paragraphs are not compared again.
        let row = "一、本年新收政府信息公开申请数量\t\t\t";
        let cell = VALID_2021.find(row).expect("table 三") + row.len();
        let before = paragraphs_compared();
        for edit in [
            Edit {
                range: cell..cell,
                text: "7".into(),
            },
            Edit {
                range: cell..cell + 1,
                text: String::new(),
            },
        ] {
            buffer.apply_edit(&edit).expect("applied");
            let analysis = buffer.analyze(&settings);
            assert_eq!(copied(&analysis), copied(&first));
        }
        assert_eq!(paragraphs_compared() - before, 0);

        // A word typed into part 五: that paragraph alone is compared again.
        let at = VALID_2021.find("下一步将加强培训").expect("part 五");
        buffer
            .apply_edit(&Edit {
                range: at..at,
                text: "同时".into(),
            })
            .expect("applied");
        let before = paragraphs_compared();
        buffer.analyze(&settings);
        assert_eq!(paragraphs_compared() - before, 1);
    }
}
