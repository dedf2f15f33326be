//! Printing findings as they are produced, file by file: for people
//! (`path:line:col: severity[code] message`), as JSON (one object per diagnostic) and as
//! SARIF 2.1.0 for code-scanning tools. Nothing of a file is kept once it is written, so a
//! folder of any size is printed in bounded memory. Lines and columns are 1-based; columns
//! count characters (Unicode scalar values), so a CJK character is one column.
//!
//! For a PDF or Word file the place a person can find is said as well: the page
//! (`report.pdf:第3页: error[…] …`), or the Word table and row, or paragraph; JSON gives
//! `page`, `table` and `row`, or `paragraph`, and its lines and columns are those of the
//! text `nianbao text` prints; SARIF gives the place as a logical location (a region of
//! lines would be read as lines of the PDF itself), and no fix (it would edit the PDF).
//!
//! Paths are written so that nothing is lost or confused: escaped (`\n`, `\xff`) in human
//! output, as JSON strings (with `path_bytes` when a name is not UTF-8) in JSON, and
//! percent-encoded as SARIF `uri`s.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao_checks::{Applicability, Diagnostic, Related, Severity};
use nianbao_formats::{Origin, SourceMap};
use nianbao_syntax::{ColumnUnit, LineIndex, TextRange};
use serde_json::{json, Value};

use crate::cli::OutputFormat;
use crate::input::shown;
use crate::FileResult;

/// 1-based line and character column of a byte offset.
fn position(index: &LineIndex<'_>, offset: usize) -> (usize, usize) {
    let at = index.line_col(offset, ColumnUnit::Char);
    (at.line + 1, at.col + 1)
}

/// Where places in other files are (last year's report, `last-year-mismatch`): found
/// while the inputs were paired, by their file's name in `Related::file` and their range.
#[derive(Default)]
pub struct Elsewhere {
    pub places: HashMap<(Arc<str>, TextRange), Place>,
}

/// A place in another input: its path and 1-based lines and character columns.
#[derive(Clone, Debug)]
pub struct Place {
    pub path: PathBuf,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Place {
    pub fn new(path: &Path, index: &LineIndex<'_>, range: TextRange) -> Place {
        Place {
            path: path.to_path_buf(),
            start: position(index, range.start),
            end: position(index, range.end),
        }
    }
}

/// Writes one format, file by file, and counts what it wrote.
pub struct Writer {
    format: OutputFormat,
    colour: bool,
    pub elsewhere: Elsewhere,
    /// Findings written, by severity (error, warning, info, hint).
    pub counts: [usize; 4],
    pub files: usize,
    /// Items written to the JSON array or the SARIF results.
    items: usize,
}

impl Writer {
    pub fn new(format: OutputFormat, colour: bool) -> Writer {
        Writer {
            format,
            colour,
            elsewhere: Elsewhere::default(),
            counts: [0; 4],
            files: 0,
            items: 0,
        }
    }

    pub fn begin(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            OutputFormat::Human => Ok(()),
            OutputFormat::Json => out.write_all(b"["),
            OutputFormat::Sarif => {
                // The log up to its results; the results follow, one by one.
                let tool = json!({ "driver": {
                    "name": "nianbao",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": sarif_rules(),
                } });
                write!(
                    out,
                    r#"{{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{{"tool":{},"columnKind":"unicodeCodePoints","results":"#,
                    serde_json::to_string(&tool)?
                )?;
                out.write_all(b"[")
            }
        }
    }

    pub fn file(&mut self, out: &mut impl Write, file: &FileResult) -> io::Result<()> {
        self.files += 1;
        for d in &file.diagnostics {
            self.counts[d.severity as usize] += 1;
        }
        let index = LineIndex::new(&file.rope);
        match self.format {
            OutputFormat::Human => human(out, file, &index, self.colour, &self.elsewhere),
            OutputFormat::Json => {
                for d in &file.diagnostics {
                    self.separator(out)?;
                    serde_json::to_writer_pretty(
                        &mut *out,
                        &diagnostic_json(&file.path, &index, file.map.as_ref(), d, &self.elsewhere),
                    )?;
                }
                Ok(())
            }
            OutputFormat::Sarif => {
                for d in &file.diagnostics {
                    self.separator(out)?;
                    serde_json::to_writer(
                        &mut *out,
                        &sarif_result(&file.path, &index, file.map.as_ref(), d, &self.elsewhere),
                    )?;
                }
                Ok(())
            }
        }
    }

    fn separator(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.items += 1;
        out.write_all(if self.items == 1 { b"\n" } else { b",\n" })
    }

    /// Closes the output; for people, the summary: what was checked, found, skipped and
    /// could not be read.
    pub fn end(&mut self, out: &mut impl Write, failed: usize, skipped: usize) -> io::Result<()> {
        match self.format {
            OutputFormat::Json => {
                return out.write_all(if self.items == 0 { b"]\n" } else { b"\n]\n" })
            }
            OutputFormat::Sarif => return out.write_all(b"]}]}\n"),
            OutputFormat::Human => {}
        }
        let [errors, warnings, infos, hints] = self.counts;
        let mut line = if self.files == 0 && failed > 0 {
            "没有检查任何文件".to_string()
        } else if errors + warnings + infos + hints == 0 && failed == 0 {
            format!("检查了 {} 个文件，未发现问题", self.files)
        } else {
            format!(
                "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告，{} 个提示",
                self.files,
                infos + hints
            )
        };
        if skipped > 0 {
            line.push_str(&format!("；跳过了 {skipped} 个不像年度报告的文件"));
        }
        if failed > 0 {
            line.push_str(&format!("；{failed} 个文件无法读取，未检查"));
        }
        line.push('。');
        writeln!(out, "{line}")
    }
}

fn human(
    out: &mut impl Write,
    file: &FileResult,
    index: &LineIndex<'_>,
    colour: bool,
    elsewhere: &Elsewhere,
) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let path = shown(&file.path);
    for d in &file.diagnostics {
        let place = match file.map.as_ref().and_then(|m| m.at(d.range.start)) {
            Some(origin) => origin.to_string(),
            None => {
                let (line, column) = position(index, d.range.start);
                format!("{line}:{column}")
            }
        };
        let severity = match d.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
            Severity::Info => paint("1;36", "info"),
            Severity::Hint => paint("1;36", "hint"),
        };
        writeln!(
            out,
            "{}:{place}: {severity}[{}] {}",
            paint("1", &path),
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
        for (r, place) in elsewhere.of(d) {
            let (line, column) = place.start;
            writeln!(
                out,
                "    参见 {}:{line}:{column}：{}",
                shown(&place.path),
                r.message
            )?;
        }
    }
    Ok(())
}

impl Elsewhere {
    /// The related places of `d` in other files, with where they are.
    fn of<'d>(&'d self, d: &'d Diagnostic) -> impl Iterator<Item = (&'d Related, &'d Place)> + 'd {
        d.related.iter().filter_map(|r| {
            let file = r.file.clone()?;
            Some((r, self.places.get(&(file, r.range))?))
        })
    }
}

fn place_json(place: &Place) -> Value {
    let bytes = place.path.as_os_str().as_encoded_bytes();
    json!({
        "path": String::from_utf8_lossy(bytes),
        "line": place.start.0, "column": place.start.1,
        "end_line": place.end.0, "end_column": place.end.1,
    })
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

/// Where a converted file's finding is, as JSON fields.
fn origin_json(origin: Origin) -> Value {
    match origin {
        Origin::Page(page) => json!({ "page": page }),
        Origin::Paragraph(paragraph) => json!({ "paragraph": paragraph }),
        Origin::TableRow { table, row } => json!({ "table": table, "row": row }),
    }
}

fn diagnostic_json(
    path: &Path,
    index: &LineIndex<'_>,
    map: Option<&SourceMap>,
    d: &Diagnostic,
    elsewhere: &Elsewhere,
) -> Value {
    let mut obj = location(index, d.range);
    if let Some(Value::Object(fields)) = map.and_then(|m| m.at(d.range.start)).map(origin_json) {
        for (k, v) in fields {
            obj[k] = v;
        }
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    obj["path"] = json!(String::from_utf8_lossy(bytes));
    if std::str::from_utf8(bytes).is_err() {
        // Not UTF-8: the name's bytes, so that nothing of it is lost.
        obj["path_bytes"] = json!(bytes);
    }
    obj["code"] = json!(d.code);
    obj["severity"] = json!(d.severity.as_str());
    obj["message"] = json!(&*d.message);
    obj["related"] = d
        .related
        .iter()
        .filter(|r| r.file.is_none())
        .map(|r| {
            let mut v = location(index, r.range);
            v["message"] = json!(&*r.message);
            v
        })
        .chain(elsewhere.of(d).map(|(r, place)| {
            let mut v = place_json(place);
            v["message"] = json!(&*r.message);
            v
        }))
        .collect();
    obj["fix"] = match &d.fix {
        None => Value::Null,
        // Edits of the text read from a PDF or Word file cannot be applied to the file.
        Some(fix) if map.is_some() => json!({
            "title": &*fix.title,
            "applicability": applicability(fix.applicability),
        }),
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

fn sarif_rules() -> Vec<Value> {
    nianbao_checks::checks::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "shortDescription": { "text": c.summary },
                "help": { "text": c.doc.trim(), "markdown": c.doc.trim() },
                "defaultConfiguration": { "level": sarif_level(c.severity) },
            })
        })
        .collect()
}

/// A path as a URI reference: `/` kept (`\` read as `/`), unreserved characters kept,
/// every other byte percent-encoded.
pub fn uri_reference(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\\' | b'/' => out.push('/'),
            b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn sarif_result(
    path: &Path,
    index: &LineIndex<'_>,
    map: Option<&SourceMap>,
    d: &Diagnostic,
    elsewhere: &Elsewhere,
) -> Value {
    let checks = nianbao_checks::checks::ALL;
    let artifact = json!({ "uri": uri_reference(path) });
    let rule_index = checks.iter().position(|c| c.code == d.code);
    let location = match map {
        // A PDF or Word file: the page, or table row, or paragraph, named; no region.
        Some(map) => {
            let mut loc = json!({ "physicalLocation": { "artifactLocation": artifact } });
            if let Some(origin) = map.at(d.range.start) {
                let kind = match origin {
                    Origin::Page(_) => "page",
                    Origin::Paragraph(_) => "paragraph",
                    Origin::TableRow { .. } => "tableRow",
                };
                loc["logicalLocations"] = json!([{ "name": origin.to_string(), "kind": kind }]);
                loc["properties"] = origin_json(origin);
            }
            loc
        }
        None => {
            json!({ "physicalLocation": { "artifactLocation": artifact, "region": sarif_region(index, d.range) } })
        }
    };
    let mut result = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": sarif_level(d.severity),
        "message": { "text": &*d.message },
        "locations": [location],
    });
    let mut related: Vec<Value> = Vec::new();
    if map.is_none() {
        related.extend(d.related.iter().filter(|r| r.file.is_none()).map(|r| {
            json!({
                "message": { "text": &*r.message },
                "physicalLocation": { "artifactLocation": artifact, "region": sarif_region(index, r.range) },
            })
        }));
    }
    related.extend(elsewhere.of(d).map(|(r, place)| {
        json!({
            "message": { "text": &*r.message },
            "physicalLocation": {
                "artifactLocation": { "uri": uri_reference(&place.path) },
                "region": {
                    "startLine": place.start.0, "startColumn": place.start.1,
                    "endLine": place.end.0, "endColumn": place.end.1,
                },
            },
        })
    }));
    if !related.is_empty() {
        for (i, r) in related.iter_mut().enumerate() {
            r["id"] = json!(i);
        }
        result["relatedLocations"] = Value::Array(related);
    }
    if let Some(fix) = d.fix.as_ref().filter(|_| map.is_none()) {
        result["fixes"] = json!([{
            "description": { "text": &*fix.title },
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": sarif_region(index, e.range),
                    "insertedContent": { "text": e.new_text.as_str() },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri_reference(Path::new("年报/a b#1.md")),
            "%E5%B9%B4%E6%8A%A5/a%20b%231.md"
        );
        assert_eq!(uri_reference(Path::new("dir\\x.md")), "dir/x.md");
    }
}
