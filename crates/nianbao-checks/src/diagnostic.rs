//! What a check reports: a plain-data diagnostic with byte ranges, related locations and
//! an optional fix that declares how safe it is.

use std::sync::Arc;

use nianbao_syntax::{CompactString, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// How far a fix can be trusted (after ruff's `Applicability`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Keeps the meaning of the report: a standard title for a variant one, plain digits
    /// for full-width ones.
    Safe,
    /// Right only if its premise holds. Recomputing a total trusts the addends: if an
    /// addend is the wrong number, the "fixed" total is wrong too.
    Unsafe,
    /// Shown to the user, never applied automatically.
    DisplayOnly,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: CompactString,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What applying it does, in Chinese: `将总计改为 53`.
    pub title: Arc<str>,
    pub applicability: Applicability,
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub range: TextRange,
    pub message: Arc<str>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The same finding `delta` bytes further on (text inserted or removed before it).
    pub fn shifted(&self, delta: isize) -> Diagnostic {
        let mut d = self.clone();
        if delta != 0 {
            d.range = d.range.shifted(delta);
            d.related
                .iter_mut()
                .for_each(|r| r.range = r.range.shifted(delta));
            if let Some(fix) = &mut d.fix {
                fix.edits
                    .iter_mut()
                    .for_each(|e| e.range = e.range.shifted(delta));
            }
        }
        d
    }
}
