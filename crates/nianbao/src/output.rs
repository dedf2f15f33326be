//! Printing findings: for people (`path:line:col: severity[code] message`), as JSON (one
//! object per diagnostic) and as SARIF 2.1.0 for code-scanning tools. Lines and columns
//! are 1-based; columns count characters (Unicode scalar values), so a CJK character is
//! one column.

use std::io::{self, Write};

use nianbao_checks::{Applicability, Diagnostic, Severity};
use nianbao_syntax::{ColumnUnit, LineIndex, TextRange};
use serde_json::{json, Value};

use crate::FileResult;

/// 1-based line and character column of a byte offset.
fn position(index: &LineIndex<'_>, offset: usize) -> (usize, usize) {
    let at = index.line_col(offset, ColumnUnit::Char);
    (at.line + 1, at.col + 1)
}

pub fn human(out: &mut impl Write, files: &[FileResult], colour: bool) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut counts = [0usize; 4];
    for file in files {
        let index = LineIndex::new(file.doc.rope());
        for d in &file.diagnostics {
            counts[d.severity as usize] += 1;
            let (line, column) = position(&index, d.range.start);
            let severity = match d.severity {
                Severity::Error => paint("1;31", "error"),
                Severity::Warning => paint("1;33", "warning"),
                Severity::Info => paint("1;36", "info"),
                Severity::Hint => paint("1;36", "hint"),
            };
            writeln!(
                out,
                "{}:{line}:{column}: {severity}[{}] {}",
                paint("1", &file.path),
                d.code,
                d.message
            )?;
            if let Some(fix) = &d.fix {
                let note = match fix.applicability {
                    Applicability::Safe => "",
                    Applicability::Unsafe => "（需先核对加数）",
                    Applicability::DisplayOnly => "（仅供参考）",
                };
                writeln!(out, "    修复{note}：{}", fix.title)?;
            }
        }
    }
    let [errors, warnings, infos, hints] = counts;
    let total = errors + warnings + infos + hints;
    if total == 0 {
        writeln!(out, "检查了 {} 个文件，未发现问题。", files.len())
    } else {
        writeln!(
            out,
            "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告，{} 个提示。",
            files.len(),
            infos + hints
        )
    }
}

fn location(index: &LineIndex<'_>, range: TextRange) -> Value {
    let (line, column) = position(index, range.start);
    let (end_line, end_column) = position(index, range.end);
    json!({
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "range": { "start": range.start, "end": range.end },
    })
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

fn diagnostic_json(path: &str, index: &LineIndex<'_>, d: &Diagnostic) -> Value {
    let mut obj = location(index, d.range);
    obj["path"] = json!(path);
    obj["code"] = json!(d.code);
    obj["severity"] = json!(d.severity.as_str());
    obj["message"] = json!(&*d.message);
    obj["related"] = d
        .related
        .iter()
        .map(|r| {
            let mut v = location(index, r.range);
            v["message"] = json!(&*r.message);
            v
        })
        .collect();
    obj["fix"] = match &d.fix {
        None => Value::Null,
        Some(fix) => json!({
            "title": &*fix.title,
            "applicability": applicability(fix.applicability),
            "edits": fix.edits.iter().map(|e| {
                let mut v = location(index, e.range);
                v["new_text"] = json!(e.new_text.as_str());
                v
            }).collect::<Vec<_>>(),
        }),
    };
    obj
}

pub fn json(out: &mut impl Write, files: &[FileResult]) -> io::Result<()> {
    let all: Vec<Value> = files
        .iter()
        .flat_map(|f| {
            let index = LineIndex::new(f.doc.rope());
            f.diagnostics
                .iter()
                .map(move |d| diagnostic_json(&f.path, &index, d))
                .collect::<Vec<_>>()
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn sarif_region(index: &LineIndex<'_>, range: TextRange) -> Value {
    let (start_line, start_column) = position(index, range.start);
    let (end_line, end_column) = position(index, range.end);
    json!({
        "startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column,
        "byteOffset": range.start, "byteLength": range.len(),
    })
}

pub fn sarif(out: &mut impl Write, files: &[FileResult]) -> io::Result<()> {
    let checks = nianbao_checks::checks::ALL;
    let rules: Vec<Value> = checks
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "shortDescription": { "text": c.summary },
                "help": { "text": c.doc.trim(), "markdown": c.doc.trim() },
                "defaultConfiguration": { "level": sarif_level(c.severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(file.doc.rope());
        let artifact = json!({ "uri": file.path.replace('\\', "/") });
        for d in &file.diagnostics {
            let rule_index = checks.iter().position(|c| c.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": rule_index,
                "level": sarif_level(d.severity),
                "message": { "text": &*d.message },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact, "region": sarif_region(&index, d.range) } }],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i,
                            "message": { "text": &*r.message },
                            "physicalLocation": { "artifactLocation": artifact, "region": sarif_region(&index, r.range) },
                        })
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": { "text": &*fix.title },
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": sarif_region(&index, e.range),
                            "insertedContent": { "text": e.new_text.as_str() },
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "nianbao", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
