//! Reading and checking the files of a run, once each: the one path `check` (and every
//! output format) goes through.
//!
//! 1. Every file is read (a PDF or Word file in a child process, `sandbox`) and analysed
//!    in parallel, without last year's reports; what each report hands on to the next
//!    year (`years::handed_on`) and where those cells are is kept.
//! 2. With two inputs or more, each file whose reports have the same body's report of
//!    the year before among the inputs is analysed again from the text already read —
//!    never read or converted again — beside it (`last-year-mismatch`,
//!    `last-year-in-force`).
//!
//! The results are kept in the order of the files, for the emitters to write.

use std::path::PathBuf;
use std::sync::Arc;

use nianbao_checks::Diagnostic;
use nianbao_ide::{Analysis, Document, Settings};
use nianbao_model::years::HandedOn;
use nianbao_syntax::TextLines;
use rayon::prelude::*;

use crate::input::{self, Input, Problem};
use crate::places::{Elsewhere, Place};
use crate::sandbox::Limits;

/// What checking one file gave.
pub struct FileResult {
    pub path: PathBuf,
    /// The text, with its lines and columns.
    pub lines: TextLines,
    pub diagnostics: Vec<Diagnostic>,
    /// For a PDF or Word file: where each line of the text read from it came from.
    pub map: Option<nianbao_formats::SourceMap>,
    /// The reports as modelled and checked.
    pub analysis: Arc<Analysis>,
    /// Against a baseline (`--baseline`): each finding new or reviewed, in the order of
    /// `diagnostics`.
    pub states: Option<Vec<crate::review::State>>,
}

impl FileResult {
    /// The findings with whether each was reviewed (`None`: not reviewed, or no baseline).
    pub fn findings(&self) -> impl Iterator<Item = (&Diagnostic, Option<&str>)> {
        self.diagnostics.iter().enumerate().map(|(i, d)| {
            let note = match self.states.as_ref().and_then(|s| s.get(i)) {
                Some(crate::review::State::Unchanged(note)) => Some(note.as_str()),
                _ => None,
            };
            (d, note)
        })
    }

    /// The findings not reviewed: what people are shown.
    pub fn shown(&self) -> impl Iterator<Item = &Diagnostic> {
        self.findings().filter(|(_, r)| r.is_none()).map(|(d, _)| d)
    }
}

/// How one file went.
pub enum Outcome {
    Checked(FileResult),
    /// Found in a folder and not a report: skipped, with one line on stderr.
    NotAReport,
    /// Could not be read: the message.
    Failed(String),
}

/// A run: every file in order, with how it went.
pub struct Run {
    pub files: Vec<(PathBuf, Outcome)>,
    /// Paths named that could not be used at all (before any file was read).
    pub failed_paths: Vec<String>,
    /// Paths skipped while walking the folders (a FIFO, a symlink loop).
    pub skipped_paths: Vec<String>,
    /// Where other files' cells are, for findings that point into them.
    pub elsewhere: Elsewhere,
    /// Against a baseline: the reviewed findings no file has any more.
    pub absent: Option<Vec<crate::review::Entry>>,
}

impl Run {
    pub fn checked(&self) -> impl Iterator<Item = &FileResult> {
        self.files.iter().filter_map(|(_, o)| match o {
            Outcome::Checked(r) => Some(r),
            _ => None,
        })
    }

    /// Files that could not be read, with why: named paths that could not be used, then
    /// the files in order.
    pub fn not_read(&self) -> impl Iterator<Item = (Option<&PathBuf>, &str)> {
        self.failed_paths
            .iter()
            .map(|m| (None, m.as_str()))
            .chain(self.files.iter().filter_map(|(p, o)| match o {
                Outcome::Failed(m) => Some((Some(p), m.as_str())),
                _ => None,
            }))
    }

    pub fn skipped(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::NotAReport))
            .count()
    }
}

/// How files are found and read.
pub struct Options {
    pub walk: input::Walk,
    pub limits: Limits,
    /// Check files found in folders even when they do not look like reports.
    pub all: bool,
}

/// What a report hands on, with the places of those cells in its file.
type Handed = (Arc<HandedOn>, Vec<(nianbao_syntax::TextRange, Place)>);

/// One file read and analysed; what its reports hand on.
struct Read {
    outcome: Outcome,
    handed: Vec<Handed>,
}

/// Reads and checks `paths`; `total` is told how many files there are, and `each` of
/// every file as it is done (a progress bar).
pub fn run(
    paths: &[PathBuf],
    settings: &Settings,
    options: &Options,
    each: &(dyn Fn() + Sync),
    total: &dyn Fn(usize),
) -> Run {
    let (inputs, problems) = input::collect(paths, &options.walk);
    total(inputs.len());
    let mut failed_paths = Vec::new();
    let mut skipped_paths = Vec::new();
    for problem in problems {
        match problem {
            Problem::Failed(message) => failed_paths.push(message),
            Problem::Note(message) => skipped_paths.push(message),
        }
    }
    let pairing = inputs.len() >= 2
        && [
            "last-year-mismatch",
            "last-year-in-force",
            "copied-from-last-year",
        ]
        .iter()
        .any(|code| !settings.disabled_checks.contains(*code));
    let read: Vec<Read> = inputs
        .par_iter()
        .map(|input| {
            let read = read_one(input, settings, options, pairing);
            each();
            read
        })
        .collect();

    let mut elsewhere = Elsewhere::default();
    let mut handed: Vec<Arc<HandedOn>> = Vec::new();
    let mut outcomes = Vec::with_capacity(read.len());
    for r in read {
        for (h, places) in r.handed {
            for (range, place) in places {
                elsewhere.places.insert((h.source.clone(), range), place);
            }
            handed.push(h);
        }
        outcomes.push(r.outcome);
    }
    if !handed.is_empty() {
        let with_years = Settings {
            last_years: handed.clone(),
            ..settings.clone()
        };
        outcomes.par_iter_mut().for_each(|outcome| {
            if let Outcome::Checked(result) = outcome {
                if has_last_year(&result.analysis, &handed) {
                    // Checked again, not read again: the model is kept — but a flattened
                    // report whose 第二十条 rows last year's figures can cut is modelled
                    // again from its text (`flat::wants_last_year_of`).
                    let again = result
                        .analysis
                        .reports()
                        .iter()
                        .any(|r| nianbao_model::flat::wants_last_year_of(&r.report()));
                    let analysis = if again {
                        nianbao_ide::analyze(
                            &Document::read_only(result.lines.shared()),
                            &with_years,
                        )
                    } else {
                        result.analysis.with_last_years(&with_years)
                    };
                    result.diagnostics = analysis.diagnostics().map(|d| d.into_owned()).collect();
                    result.analysis = Arc::new(analysis);
                }
            }
        });
    }
    Run {
        files: inputs.into_iter().map(|i| i.path).zip(outcomes).collect(),
        failed_paths,
        skipped_paths,
        elsewhere,
        absent: None,
    }
}

/// Whether a report of `analysis` has the same body's report of the year before among
/// `handed`.
fn has_last_year(analysis: &Analysis, handed: &[Arc<HandedOn>]) -> bool {
    analysis.reports().iter().any(|r| {
        r.body_and_year().is_some_and(|(body, year)| {
            handed
                .iter()
                .any(|h| h.body == body && h.year.checked_add(1) == Some(year))
        })
    })
}

fn read_one(input: &Input, settings: &Settings, options: &Options, pairing: bool) -> Read {
    let failed = |message| Read {
        outcome: Outcome::Failed(message),
        handed: Vec::new(),
    };
    let decoded = match input::read(&input.path, options.walk.max_size, &options.limits) {
        Ok(d) => d,
        Err(message) => return failed(message),
    };
    if let Some(note) = &decoded.note {
        eprintln!("nianbao: {}: {note}", input::shown(&input.path));
    }
    let input::Decoded { text, map, .. } = decoded;
    // One copy of the text, shared by the paragraphs and the lines and columns: no rope.
    let text: Arc<str> = text.into();
    let doc = Document::read_only(text.clone());
    // A file named on the command line is checked whatever it looks like; one found in a
    // folder only if it looks like a report (as the server decides), unless `--all`.
    let settings = Settings {
        check_all_documents: input.named || options.all,
        ..settings.clone()
    };
    let analysis = nianbao_ide::analyze(&doc, &settings);
    if !analysis.checked {
        return Read {
            outcome: Outcome::NotAReport,
            handed: Vec::new(),
        };
    }
    drop(doc);
    let lines = TextLines::new(text);
    let mut handed = Vec::new();
    if pairing {
        let source: Arc<str> = input::shown(&input.path).into();
        let index = lines.index();
        for h in analysis
            .reports()
            .iter()
            .filter_map(|r| r.handed_on(source.clone()))
        {
            let places = h
                .places()
                .map(|r| (r, Place::new(&input.path, &index, r)))
                .collect();
            handed.push((Arc::new(h), places));
        }
    }
    let diagnostics = analysis.diagnostics().map(|d| d.into_owned()).collect();
    tracing::debug!(path = %input.path.display(), "checked");
    Read {
        outcome: Outcome::Checked(FileResult {
            path: input.path.clone(),
            lines,
            diagnostics,
            map,
            analysis: Arc::new(analysis),
            states: None,
        }),
        handed,
    }
}
