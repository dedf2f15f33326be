//! Reviews remembered (`--write-baseline FILE`, `--baseline FILE`), as phpstan and detekt
//! baselines do and as SARIF's `baselineState` describes: an auditor marks the findings
//! of a run as reviewed (with a note, 「已核实：原表如此」) and does not see them again
//! unless the report changes.
//!
//! A finding's identity is its report's body and year, its check code, its subject (the
//! table, row and column it is about) and the numbers its message states — never its
//! line, its file's name or its page: a report downloaded again, renamed or re-flowed
//! keeps its reviews, and a finding whose numbers changed is new again. The baseline is
//! a JSON file a person can read and annotate (`note`).

use std::collections::HashMap;
use std::path::Path;

use nianbao_checks::Diagnostic;
use serde::{Deserialize, Serialize};

pub use crate::review::{Entry, State};
use crate::run::{FileResult, Run};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// The format of this file.
    nianbao_baseline: u32,
    findings: Vec<Entry>,
}

/// The numbers a message states, without the names of other files it cites (last year's
/// report): runs of digits and decimal points.
fn numbers(d: &Diagnostic) -> Vec<String> {
    let mut message = d.message.to_string();
    for file in d.related.iter().filter_map(|r| r.file.as_deref()) {
        message = message.replace(file, "");
        if let Some(name) = file.rsplit(['/', '\\']).next() {
            message = message.replace(name, "");
        }
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for c in message.chars() {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            out.push(current.trim_end_matches('.').to_string());
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.trim_end_matches('.').to_string());
    }
    out
}

/// FNV-1a, 64 bits: the same on every machine and every run.
fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The identity of a finding of `file`.
pub fn entry(file: &FileResult, d: &Diagnostic) -> Entry {
    let view = file
        .analysis
        .reports()
        .iter()
        .find(|v| v.range.start <= d.range.start && d.range.start <= v.range.end);
    let (body, year) = match view.map(|v| v.report()) {
        Some(report) => (
            report
                .title
                .as_ref()
                .and_then(|t| nianbao_model::years::body(&t.text))
                .unwrap_or_default(),
            report.title.as_ref().and_then(|t| t.year),
        ),
        None => (String::new(), None),
    };
    let subject = format!("{:?}", d.subject);
    let numbers = numbers(d);
    let key = format!(
        "{body}\u{1f}{}\u{1f}{}\u{1f}{subject}\u{1f}{}",
        year.map_or(String::new(), |y| y.to_string()),
        d.code,
        numbers.join(",")
    );
    Entry {
        fingerprint: fnv(&key),
        body,
        year,
        code: d.code.to_string(),
        subject,
        numbers,
        message: d.message.to_string(),
        note: String::new(),
        count: 1,
    }
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = crate::input::shown(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{shown}: 无法读取基线文件（{}）",
                crate::input::describe(&e)
            )
        })?;
        serde_json::from_str(&text).map_err(|e| format!("{shown}: 不是 nianbao 的基线文件（{e}）"))
    }

    /// Every finding of `run`, reviewed; the notes of `previous` kept for the findings
    /// it held, `note` given to the others.
    pub fn of(run: &Run, previous: Option<&Baseline>, note: Option<&str>) -> Baseline {
        let old: HashMap<&str, &Entry> = previous
            .map(|b| {
                b.findings
                    .iter()
                    .map(|e| (e.fingerprint.as_str(), e))
                    .collect()
            })
            .unwrap_or_default();
        let mut by_print: Vec<Entry> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for file in run.checked() {
            for d in &file.diagnostics {
                let mut e = entry(file, d);
                if let Some(&i) = at.get(&e.fingerprint) {
                    by_print[i].count += 1;
                    continue;
                }
                e.note = match old.get(e.fingerprint.as_str()) {
                    Some(o) if !o.note.is_empty() => o.note.clone(),
                    _ => note.unwrap_or("").to_string(),
                };
                at.insert(e.fingerprint.clone(), by_print.len());
                by_print.push(e);
            }
        }
        Baseline {
            nianbao_baseline: 1,
            findings: by_print,
        }
    }

    /// How many findings it holds.
    pub fn len(&self) -> usize {
        self.findings.iter().map(|e| e.count).sum()
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| {
            format!(
                "无法写入基线文件 {}：{}",
                crate::input::shown(path),
                crate::input::describe(&e)
            )
        })
    }
}

/// Marks each finding of `run` new or unchanged against `baseline`, and keeps the
/// reviewed findings that are gone (`Run::absent`).
pub fn apply(run: &mut Run, baseline: &Baseline) {
    let mut left: HashMap<&str, (usize, &Entry)> = baseline
        .findings
        .iter()
        .map(|e| (e.fingerprint.as_str(), (e.count, e)))
        .collect();
    for (_, outcome) in &mut run.files {
        if let crate::run::Outcome::Checked(file) = outcome {
            let states = file
                .diagnostics
                .iter()
                .map(|d| {
                    let e = entry(file, d);
                    match left.get_mut(e.fingerprint.as_str()) {
                        Some((n, reviewed)) if *n > 0 => {
                            *n -= 1;
                            State::Unchanged(reviewed.note.clone())
                        }
                        _ => State::New,
                    }
                })
                .collect();
            file.states = Some(states);
        }
    }
    let mut absent: Vec<Entry> = left
        .into_values()
        .filter(|(n, _)| *n > 0)
        .map(|(n, e)| Entry {
            count: n,
            ..e.clone()
        })
        .collect();
    absent.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    run.absent = Some(absent);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_keeps_numbers_and_drops_file_names() {
        let run = crate::output::test_support::run();
        let file = run.checked().next().unwrap();
        let e = entry(file, &file.diagnostics[0]);
        assert_eq!(e.body, "泉港区人民政府");
        assert_eq!(e.year, Some(2020));
        assert_eq!(e.code, "row-total-mismatch");
        assert_eq!(e.subject, "T3Cell { index: 0, row: 9, column: 6 }");
        assert_eq!(e.numbers, ["4", "2", "0", "4", "2", "0", "4"]);
        assert_eq!(e.fingerprint.len(), 16);
    }
}
