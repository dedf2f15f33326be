//! The checks: one file per diagnostic code under `checks/`, each with its user doc, its
//! detection, its fix and its tests. Adding a check is a new file plus one line in
//! [`checks::ALL`].
//!
//! Checks read the [`Report`] of `nianbao-model` and report [`Diagnostic`]s with byte
//! ranges; they know nothing of LSP, JSON or terminals. Every expected value comes from
//! `nianbao_model::arith`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod checks;
mod diagnostic;
mod labels;

use std::collections::{HashMap, HashSet};

pub use diagnostic::{Applicability, Diagnostic, Fix, Related, Severity, TextEdit};
use nianbao_model::{Options, Report};
use nianbao_syntax::parse_str;

/// A check: its code, default severity and doc, and the function that runs it.
pub struct Check {
    /// Stable, kebab-case: never renamed once released.
    pub code: &'static str,
    pub severity: Severity,
    /// One line, in Chinese: what the check flags.
    pub summary: &'static str,
    /// Markdown, in Chinese: what it does, why it matters, an example, fix safety.
    pub doc: &'static str,
    pub run: fn(&Report, &mut Sink<'_>),
}

/// Where a check reports its findings.
pub struct Sink<'a> {
    check: &'static Check,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a finding at `range`; chain `.related(..)` and `.fix(..)` on the result.
    pub fn report(
        &mut self,
        range: nianbao_syntax::TextRange,
        message: impl Into<std::sync::Arc<str>>,
    ) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.check.code,
            severity: self.check.severity,
            range,
            message: message.into(),
            related: Vec::new(),
            fix: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// What the user chose: checks switched off and severities changed.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub disabled: HashSet<String>,
    pub severity: HashMap<String, Severity>,
}

/// Runs every enabled check on `report`; the findings are sorted by position.
pub fn check(report: &Report, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in checks::ALL {
        if config.disabled.contains(check.code) {
            continue;
        }
        let from = out.len();
        (check.run)(
            report,
            &mut Sink {
                check,
                out: &mut out,
            },
        );
        if let Some(&severity) = config.severity.get(check.code) {
            for d in &mut out[from..] {
                d.severity = severity;
            }
        }
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    out
}

/// Parses, models and checks a whole text: every report it holds, the findings in
/// document order.
pub fn check_text(
    text: &str,
    options: &Options,
    config: &Config,
) -> (Vec<Report>, Vec<Diagnostic>) {
    let blocks = parse_str(text);
    let reports = nianbao_model::build_all(&blocks, options);
    let diagnostics = reports.iter().flat_map(|r| check(r, config)).collect();
    (reports, diagnostics)
}

pub fn find_check(code: &str) -> Option<&'static Check> {
    checks::ALL.iter().copied().find(|c| c.code == code)
}

/// Findings as text lines for snapshots and logs, `line:col severity code message` (1-based;
/// columns count characters, since carets do not line up under CJK), each fix on the line
/// after as `    fix (applicability) title: "old"→"new"`.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let starts = nianbao_syntax::line_starts(text);
    let mut out = String::new();
    for d in diagnostics {
        let line = starts.partition_point(|&s| s <= d.range.start).max(1);
        let col = text
            .get(starts[line - 1]..d.range.start)
            .map_or(0, |s| s.chars().count())
            + 1;
        out.push_str(&format!(
            "{line}:{col} {} {} {}\n",
            d.severity.as_str(),
            d.code,
            d.message
        ));
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| {
                    format!(
                        "{:?}→{:?}",
                        text.get(e.range.start..e.range.end).unwrap_or(""),
                        e.new_text
                    )
                })
                .collect();
            out.push_str(&format!(
                "    fix ({:?}) {}: {}\n",
                fix.applicability,
                fix.title,
                edits.join(", ")
            ));
        }
    }
    out
}

/// `docs/checks.md`, generated from the checks' docs (a test keeps the file in step).
pub fn docs_markdown() -> String {
    let mut md = String::from(
        "# nianbao 的检查项 / Checks\n\n\
         <!-- Generated from crates/nianbao-checks/src/checks/*.rs by `UPDATE_EXPECT=1 cargo test -p nianbao-checks docs`. Do not edit by hand. -->\n\n\
         每个诊断都有一个稳定的代码（code）。可以在编辑器设置或命令行中关闭某项检查或调整其级别。\n\n\
         | 代码 | 默认级别 | 说明 |\n|---|---|---|\n",
    );
    for c in checks::ALL {
        md.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            c.code,
            c.code,
            c.severity.as_str(),
            c.summary
        ));
    }
    for c in checks::ALL {
        md.push_str(&format!(
            "\n## {}\n\n默认级别：{}\n\n{}\n",
            c.code,
            c.severity.as_str(),
            c.doc.trim()
        ));
    }
    md
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Fixtures and rendering shared by the checks' tests.

    use super::*;

    pub const VALID_2019: &str = include_str!("../test_data/valid_2019.txt");
    pub const VALID_2021: &str = include_str!("../test_data/valid_2021.txt");

    /// Runs all checks on `text` and renders the findings of `code` as
    /// `line:col severity code message` lines (columns in characters, 1-based).
    pub fn findings(code: &str, text: &str) -> String {
        let (_, diagnostics) = check_text(text, &Options::default(), &Config::default());
        let mine: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.code == code).collect();
        render(text, &mine)
    }

    /// `text` with the first occurrence of `from` replaced; panics if absent so that a
    /// fixture change cannot silently make a test vacuous.
    pub fn replace(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "fixture has no {from:?}");
        text.replacen(from, to, 1)
    }

    #[test]
    fn valid_fixtures_have_no_findings() {
        for text in [VALID_2019, VALID_2021] {
            let (_, diagnostics) = check_text(text, &Options::default(), &Config::default());
            assert_eq!(render(text, &diagnostics), "");
        }
    }

    #[test]
    fn docs_are_up_to_date() {
        expect_test::expect_file!["../../../docs/checks.md"].assert_eq(&docs_markdown());
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for c in checks::ALL {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(
                c.code
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{}",
                c.code
            );
            for section in ["### 作用", "### 原因", "### 示例", "### 修复"] {
                assert!(c.doc.contains(section), "{} doc lacks {section}", c.code);
            }
        }
    }
}
