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
    /// The other file it is in (last year's report), as the caller named it; `None`: the
    /// report's own.
    pub file: Option<Arc<str>>,
}

/// What a finding is about: the cells, row, column, table or part it names. A finding is
/// recognised across edits by its code and subject, which do not change when its numbers
/// or its position do — the language server keeps a finding on screen while its row is
/// edited, and holds back only findings about something that had none. Tables are
/// numbered among the report's tables of their kind; rows of table 三 by their template
/// row; columns by their standard column (0 = 自然人 … 6 = 总计).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Subject {
    /// The report as a whole.
    #[default]
    Report,
    /// One of the six parts (1–6).
    Part(u8),
    /// A whole table: 2 (第二十条), 3 or 4, and its index.
    Table { table: u8, index: u16 },
    /// A cell of table 三.
    T3Cell { index: u16, row: u16, column: u8 },
    /// A column of table 三.
    T3Column { index: u16, column: u8 },
    /// A group of table 四 (0 = 行政复议, 1 and 2 the two 行政诉讼).
    T4Group { index: u16, group: u8 },
    /// A 第二十条 block, by its item.
    A20Block { item: u8 },
    /// A row a 第二十条 block must have: its item and the row's index in the template.
    A20Row { item: u8, row: u8 },
}

impl Subject {
    /// A table index as stored (tables beyond 65 535 share the last).
    pub fn index(i: usize) -> u16 {
        u16::try_from(i).unwrap_or(u16::MAX)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// What it is about (see [`Subject`]).
    pub subject: Subject,
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
                .filter(|r| r.file.is_none())
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
