//! SARIF 2.1.0, for code-scanning tools: one run, the checks as its rules, a result per
//! finding; a PDF or Word file's place as a logical location (page, table row,
//! paragraph) and no fix. Files that could not be read are the invocation's
//! `toolExecutionNotifications`, each with its artifact, and the invocation is not
//! `executionSuccessful` when there is one.

use std::io::{self, Write};
use std::path::Path;

use nianbao_checks::{Diagnostic, Severity};
use nianbao_formats::{Origin, SourceMap};
use nianbao_syntax::{LineIndex, TextRange};
use serde_json::{json, Value};

use super::json::origin_json;
use super::{position, uri_reference, Elsewhere};
use crate::run::{Outcome, Run};

pub fn write(out: &mut impl Write, run: &Run) -> io::Result<()> {
    // The log up to its results; the results follow, one by one, then the invocation.
    let tool = json!({ "driver": {
        "name": "nianbao",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/nianbao-dev/nianbao",
        "rules": sarif_rules(),
    } });
    write!(
        out,
        r#"{{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{{"tool":{},"columnKind":"unicodeCodePoints","results":["#,
        serde_json::to_string(&tool)?
    )?;
    let mut first = true;
    let mut sep = |out: &mut dyn Write| -> io::Result<()> {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        Ok(())
    };
    for file in run.checked() {
        let index = file.lines.index();
        for (d, reviewed) in file.findings() {
            sep(out)?;
            let mut result = sarif_result(&file.path, &index, file.map.as_ref(), d, &run.elsewhere);
            result["partialFingerprints"] =
                json!({ "nianbao/v1": crate::baseline::entry(file, d).fingerprint });
            if file.states.is_some() {
                result["baselineState"] = json!(if reviewed.is_some() {
                    "unchanged"
                } else {
                    "new"
                });
                if let Some(note) = reviewed.filter(|n| !n.is_empty()) {
                    result["suppressions"] = json!([{ "kind": "external", "justification": note }]);
                }
            }
            serde_json::to_writer(&mut *out, &result)?;
        }
    }
    // Reviewed findings that are gone.
    for e in run.absent.iter().flatten() {
        sep(out)?;
        let rule_index = nianbao_checks::checks::ALL
            .iter()
            .position(|c| c.code == e.code);
        let result = json!({
            "ruleId": e.code, "ruleIndex": rule_index, "baselineState": "absent",
            "message": { "text": e.message },
            "partialFingerprints": { "nianbao/v1": e.fingerprint },
        });
        serde_json::to_writer(&mut *out, &result)?;
    }
    write!(out, r#"],"invocations":[{}]}}]}}"#, invocation(run))?;
    out.write_all(b"\n")
}

/// The run's invocation: successful unless a file could not be read, each such file a
/// notification naming it.
fn invocation(run: &Run) -> Value {
    let notification = |path: Option<&Path>, message: &str| {
        let mut n = json!({
            "level": "error",
            "message": { "text": message },
            "descriptor": { "id": crate::output::json::FILE_NOT_READ },
        });
        if let Some(path) = path {
            n["locations"] = json!([{ "physicalLocation": {
                "artifactLocation": { "uri": uri_reference(path) },
            } }]);
        }
        n
    };
    let notifications: Vec<Value> = run
        .failed_paths
        .iter()
        .map(|m| notification(None, m))
        .chain(run.files.iter().filter_map(|(p, o)| match o {
            Outcome::Failed(m) => Some(notification(Some(p), m)),
            _ => None,
        }))
        .collect();
    json!({
        "executionSuccessful": notifications.is_empty(),
        "toolExecutionNotifications": notifications,
    })
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
    use crate::output::test_support;

    #[test]
    fn results_and_a_notification_per_file_not_read() {
        let mut out = Vec::new();
        super::write(&mut out, &test_support::run()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let run = &v["runs"][0];
        let results: Vec<&str> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        assert_eq!(
            results,
            [
                "row-total-mismatch",
                "column-total-mismatch",
                "unfilled-cell"
            ]
        );
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        expect_test::expect![[r#"
            [
              {
                "descriptor": {
                  "id": "file-not-read"
                },
                "level": "error",
                "message": {
                  "text": "年报/缺失.txt: 找不到文件或目录"
                }
              },
              {
                "descriptor": {
                  "id": "file-not-read"
                },
                "level": "error",
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "%E5%B9%B4%E6%8A%A5/%E6%89%AB%E6%8F%8F%E4%BB%B6.pdf"
                      }
                    }
                  }
                ],
                "message": {
                  "text": "PDF 没有文字层（1 页中只有 1 幅图像，可能是扫描件），无法读取文字；请先做文字识别（OCR）或提供原始文件"
                }
              }
            ]"#]]
        .assert_eq(&serde_json::to_string_pretty(&invocation["toolExecutionNotifications"]).unwrap());
    }
}
