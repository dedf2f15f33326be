//! JSON: one array, an object per finding (`path`, `line`, `column`, `end_line`,
//! `end_column`, byte `range`, `code`, `severity`, `message`, `related`, `fix`), in the
//! order of the files; a file that could not be read is an object of its own in its
//! place, `{"path", "code": "file-not-read", "severity": "error", "message"}`, so that
//! nothing read from the JSON alone is lost.

use std::io::{self, Write};
use std::path::Path;

use nianbao_checks::Diagnostic;
use nianbao_formats::{Origin, SourceMap};
use nianbao_syntax::{LineIndex, TextRange};
use serde_json::{json, Value};

use super::{applicability, position, Elsewhere, Place};
use crate::run::{Outcome, Run};

/// The code of the object that stands for a file that could not be read (no check has
/// it: it says the file was not checked at all).
pub const FILE_NOT_READ: &str = "file-not-read";

pub fn write(out: &mut impl Write, run: &Run) -> io::Result<()> {
    let mut items = 0usize;
    let mut item = |out: &mut dyn Write, value: &Value| -> io::Result<()> {
        items += 1;
        out.write_all(if items == 1 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer_pretty(&mut *out, value)?;
        Ok(())
    };
    for message in &run.failed_paths {
        item(out, &not_read(None, message))?;
    }
    for (path, outcome) in &run.files {
        match outcome {
            Outcome::Checked(file) => {
                let index = file.lines.index();
                for (d, reviewed) in file.findings() {
                    let mut v =
                        diagnostic(&file.path, &index, file.map.as_ref(), d, &run.elsewhere);
                    if file.states.is_some() {
                        v["baseline"] = json!(if reviewed.is_some() {
                            "unchanged"
                        } else {
                            "new"
                        });
                        if let Some(note) = reviewed.filter(|n| !n.is_empty()) {
                            v["note"] = json!(note);
                        }
                    }
                    item(out, &v)?;
                }
            }
            Outcome::Failed(message) => item(out, &not_read(Some(path), message))?,
            Outcome::NotAReport => {}
        }
    }
    // Reviewed findings that are gone: the report changed or is not among the inputs.
    for e in run.absent.iter().flatten() {
        item(
            out,
            &json!({
                "baseline": "absent", "code": e.code, "body": e.body, "year": e.year,
                "message": e.message, "note": e.note, "fingerprint": e.fingerprint,
            }),
        )?;
    }
    out.write_all(if items == 0 { b"[]\n" } else { b"\n]\n" })
}

/// A path as a JSON field, with its bytes when it is not UTF-8.
fn path_fields(obj: &mut Value, path: &Path) {
    let bytes = path.as_os_str().as_encoded_bytes();
    obj["path"] = json!(String::from_utf8_lossy(bytes));
    if std::str::from_utf8(bytes).is_err() {
        // Not UTF-8: the name's bytes, so that nothing of it is lost.
        obj["path_bytes"] = json!(bytes);
    }
}

fn not_read(path: Option<&Path>, message: &str) -> Value {
    let mut obj = json!({});
    match path {
        Some(path) => path_fields(&mut obj, path),
        // A named path that could not be used: its message begins with it.
        None => obj["path"] = json!(message.split(": ").next().unwrap_or("")),
    }
    obj["code"] = json!(FILE_NOT_READ);
    obj["severity"] = json!("error");
    obj["message"] = json!(message);
    obj
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

/// Where a converted file's finding is, as JSON fields.
pub(super) fn origin_json(origin: Origin) -> Value {
    match origin {
        Origin::Page(page) => json!({ "page": page }),
        Origin::Paragraph(paragraph) => json!({ "paragraph": paragraph }),
        Origin::TableRow { table, row } => json!({ "table": table, "row": row }),
    }
}

fn diagnostic(
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
    path_fields(&mut obj, path);
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

#[cfg(test)]
mod tests {
    use crate::output::test_support;

    #[test]
    fn findings_and_the_files_not_read() {
        let mut out = Vec::new();
        super::write(&mut out, &test_support::run()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let lines: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{} {} {}",
                    d["path"].as_str().unwrap(),
                    d["line"],
                    d["column"],
                    d["code"].as_str().unwrap(),
                    d["message"]
                        .as_str()
                        .unwrap()
                        .chars()
                        .take(24)
                        .collect::<String>()
                )
            })
            .collect();
        expect_test::expect![[r#"
            年报/缺失.txt null:null file-not-read 年报/缺失.txt: 找不到文件或目录
            年报/泉港区 2020.txt 78:29 row-total-mismatch 「4.保护第三方合法权益」行「总计」应为 2（六
            年报/泉港区 2020.txt 93:8 column-total-mismatch 「（七）总计」行「自然人」列应为 53（本年度办
            年报/泉港区 2020.txt 101:1 unfilled-cell 表四有 5 个单元格未填数字：「行政复议·结果维
            年报/扫描件.pdf null:null file-not-read PDF 没有文字层（1 页中只有 1 幅图像，可
        "#]]
        .assert_eq(&(lines.join("\n") + "\n"));
        // Findings keep their whole shape.
        let first = &v[1];
        assert_eq!(
            first["range"]["end"].as_u64().unwrap() - first["range"]["start"].as_u64().unwrap(),
            1
        );
        assert_eq!(first["fix"]["applicability"], "unsafe");
        assert_eq!(first["related"].as_array().unwrap().len(), 6);
    }
}
