//! IDE features as plain data: what the language server shows, computed from a
//! [`Document`] without any LSP type. Byte ranges in, byte ranges out; the LSP crate
//! translates.
//!
//! - [`analyze`]: the report model and its diagnostics, for a document that looks like a
//!   report (or when the settings say to check everything).
//! - [`outline`] and [`folding_ranges`]: the six parts, their subsections and tables.
//! - [`hover`] and [`inlay_hints`]: the equations a cell takes part in, the template's
//!   label of a row, header or part, and the computed value beside a wrong total.
//! - [`completions`]: the official skeleton of a missing table, a due part heading, the
//!   template's row labels.
//! - [`format_tables`]: Markdown pipe tables aligned by display width.
//! - [`table_actions`] and [`fix_all`]: recompute totals, in dependency order, until
//!   nothing changes — through `nianbao_model::arith`, like the checks.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod actions;
mod analysis;
mod complete;
mod extract;
mod format;
mod hover;
mod outline;

use std::collections::{HashMap, HashSet};

pub use actions::{fix_all, table_actions, TableAction};
pub use analysis::{analyze, looks_like_report, Analysis, Buffer, ReportView};
pub use complete::{completions, Completion, CompletionKind};
pub use extract::{cells, CellRecord, ReadAs};
pub use format::format_tables;
pub use hover::{hover, inlay_hints, Hover, InlayHint};
use nianbao_checks::{Severity, Timing};
use nianbao_model::Format;
pub use nianbao_syntax::{Document, Edit, EditError, ReparseStats, TextRange};
pub use outline::{folding_ranges, outline, Symbol, SymbolKind};

/// What the user configured, as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `None`: from the report's year (or shape).
    pub template: Option<Format>,
    pub disabled_checks: HashSet<String>,
    pub severity: HashMap<String, Severity>,
    /// How long sum and section findings wait for a pause in typing; 0 publishes at once.
    pub diagnostics_delay_ms: u64,
    /// Check every document, not only those that look like annual reports.
    pub check_all_documents: bool,
    /// Inlay hints beside every total, not only beside those that are wrong.
    pub inlay_all_totals: bool,
    /// Other reports the checks may compare with (`last-year-mismatch`): not the user's
    /// choice but what the caller found beside the document (the CLI's other inputs, the
    /// server's folder). Only the same body's report of the year before is used.
    pub last_years: Vec<std::sync::Arc<nianbao_model::years::HandedOn>>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            template: None,
            disabled_checks: HashSet::new(),
            severity: HashMap::new(),
            diagnostics_delay_ms: 300,
            check_all_documents: false,
            inlay_all_totals: false,
            last_years: Vec::new(),
        }
    }
}

/// Whether a finding of `code` that was not on screen may wait for a pause in typing:
/// what the check declares (`Check::timing`).
pub fn is_deferred(code: &str) -> bool {
    nianbao_checks::find_check(code).is_some_and(|c| c.timing == Timing::AfterPause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reports_are_checked_unless_told() {
        let notes = Document::new("# 会议纪要\n\n一、总体情况\n");
        let analysis = analyze(&notes, &Settings::default());
        assert!(!analysis.checked && analysis.diagnostics().next().is_none());
        let all = Settings {
            check_all_documents: true,
            ..Settings::default()
        };
        assert!(analyze(&notes, &all).diagnostics().next().is_some());
        let report = Document::new("某局2022年政府信息公开工作年度报告\n");
        assert!(analyze(&report, &Settings::default()).checked);
    }
}
