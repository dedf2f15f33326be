//! Publishing diagnostics after every keystroke, at a cost that does not grow with the
//! document.
//!
//! - Each report's findings are converted to LSP positions once ([`Converted`]) and kept
//!   per document in a [`Published`] cache. After an edit only the report the edit rebuilt
//!   is converted again; the others are reused, their lines moved when lines were added
//!   or removed before them (a report's positions depend only on its own text and the
//!   line it starts on).
//! - The notification is written straight to JSON ([`notification`]) and handed to the
//!   output as a whole frame, without the `serde_json::Value` tree that tower-lsp's
//!   `Client` builds first — which at 1 MB cost more than the rest of the round trip.

use std::sync::Arc;

use nianbao_checks::{Diagnostic, Severity, Subject};
use nianbao_ide::{Analysis, ReportView};
use nianbao_syntax::Rope;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use nianbao_syntax::LineIndex;

use crate::to_proto::{self, DiagnosticData, DOCS_URL};
use crate::years::Linked;
use crate::Encoding;

/// A finding as the client sees it: positions in the negotiated encoding.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub range: lsp::Range,
    pub severity: Severity,
    pub code: &'static str,
    /// What it is about: with the code and its report, how it is known across edits.
    pub subject: Subject,
    pub message: Arc<str>,
    /// Related places, each with its message, and the URI of the other document it is
    /// in (last year's report) when not this one.
    pub related: Vec<(lsp::Range, Arc<str>, Option<Uri>)>,
    /// The fix: its title and edits.
    pub fix: Option<(Arc<str>, Vec<lsp::TextEdit>)>,
}

impl Finding {
    fn new(
        d: &Diagnostic,
        index: &LineIndex<'_>,
        encoding: Encoding,
        elsewhere: &[Linked],
    ) -> Finding {
        let range = |r| to_proto::range(index, r, encoding);
        Finding {
            range: range(d.range),
            severity: d.severity,
            code: d.code,
            subject: d.subject,
            message: d.message.clone(),
            related: d
                .related
                .iter()
                .filter_map(|r| match &r.file {
                    None => Some((range(r.range), r.message.clone(), None)),
                    // In another document: where its reader put it (`years`).
                    Some(file) => elsewhere
                        .iter()
                        .filter(|l| l.handed.source == *file)
                        .find_map(|l| {
                            Some((l.place(r.range)?, r.message.clone(), Some(l.uri.clone())))
                        }),
                })
                .collect(),
            fix: d.fix.as_ref().map(|fix| {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| to_proto::text_edit(index, e, encoding))
                    .collect();
                (fix.title.clone(), edits)
            }),
        }
    }

    fn move_lines(&mut self, delta: i64) {
        let mv = |r: &mut lsp::Range| {
            for p in [&mut r.start, &mut r.end] {
                p.line = (i64::from(p.line) + delta).clamp(0, i64::from(u32::MAX)) as u32;
            }
        };
        mv(&mut self.range);
        // Places in other documents do not move with this one's lines.
        self.related
            .iter_mut()
            .filter(|(_, _, other)| other.is_none())
            .for_each(|(r, _, _)| mv(r));
        if let Some((_, edits)) = &mut self.fix {
            edits.iter_mut().for_each(|e| mv(&mut e.range));
        }
    }
}

/// The findings of one report, converted, with what they were converted for.
#[derive(Clone, Debug)]
struct Converted {
    view: ReportView,
    /// The line the report started on.
    line: u32,
    findings: Arc<Vec<Finding>>,
}

/// A document's findings as last converted, report by report.
#[derive(Default, Debug)]
pub struct Published {
    reports: Vec<Converted>,
    /// The encoding they were converted in.
    encoding: Option<Encoding>,
}

impl Published {
    /// The findings of `analysis`, report by report (with each report's index): converted
    /// again only for reports built since the last call, otherwise reused (with their
    /// lines moved). Reports without findings are left out.
    pub fn update(
        &mut self,
        analysis: &Analysis,
        rope: &Rope,
        encoding: Encoding,
    ) -> Vec<(usize, Arc<Vec<Finding>>)> {
        self.update_with(analysis, rope, encoding, &[])
    }

    /// [`Published::update`] for a document compared with other documents' reports
    /// (`years`): related places in them are found in `elsewhere`.
    pub fn update_with(
        &mut self,
        analysis: &Analysis,
        rope: &Rope,
        encoding: Encoding,
        elsewhere: &[Linked],
    ) -> Vec<(usize, Arc<Vec<Finding>>)> {
        if self.encoding != Some(encoding) {
            self.reports.clear();
            self.encoding = Some(encoding);
        }
        if !analysis.checked {
            self.reports.clear();
            return Vec::new();
        }
        // Builds keep their order: look for each view's build after the last one found.
        let mut old: Vec<Option<Converted>> = std::mem::take(&mut self.reports)
            .into_iter()
            .map(Some)
            .collect();
        let mut next = 0;
        for view in analysis.reports() {
            let found = old[next..]
                .iter()
                .position(|c| c.as_ref().is_some_and(|c| c.view.same_build(view)));
            let reused = found.and_then(|i| {
                next += i + 1;
                old[next - 1].take()
            });
            let empty = view.diagnostic_count() == 0;
            let line = if empty {
                0
            } else {
                rope.byte_to_line(view.range.start.min(rope.len_bytes())) as u32
            };
            let findings = match reused {
                Some(mut c) if !empty => {
                    if c.line != line {
                        let delta = i64::from(line) - i64::from(c.line);
                        Arc::make_mut(&mut c.findings)
                            .iter_mut()
                            .for_each(|f| f.move_lines(delta));
                    }
                    c.findings
                }
                Some(c) => c.findings,
                None => {
                    let index = LineIndex::new(rope);
                    Arc::new(
                        view.diagnostics()
                            .map(|d| Finding::new(&d, &index, encoding, elsewhere))
                            .collect(),
                    )
                }
            };
            self.reports.push(Converted {
                view: view.clone(),
                line,
                findings,
            });
        }
        self.reports
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.findings.is_empty())
            .map(|(i, c)| (i, c.findings.clone()))
            .collect()
    }
}

/// How a finding is known across edits: its report's index, its code and its subject —
/// never its message, which holds numbers that change while the person types.
pub type FindingKey = (usize, &'static str, Subject);

/// What to publish for a document: its findings, report by report.
#[derive(Debug, Default)]
pub struct Publication {
    pub reports: Vec<(usize, Arc<Vec<Finding>>)>,
}

impl Publication {
    /// Every finding with its key.
    pub fn all(&self) -> impl Iterator<Item = (FindingKey, &Finding)> {
        self.reports
            .iter()
            .flat_map(|(i, r)| r.iter().map(move |f| ((*i, f.code, f.subject), f)))
    }

    /// The findings to show.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.all().map(|(_, f)| f)
    }
}

/// The `textDocument/publishDiagnostics` notification, as a framed JSON-RPC message.
/// `version` is the document version the findings (and their fixes) are for.
///
/// Written by hand: the related places repeat the document's URI, so it is escaped once,
/// and no intermediate tree is built (serialising through serde's derive took three times
/// as long, most of the server's time for a document with many findings).
pub fn notification(uri: &str, version: Option<i32>, publication: &Publication) -> Vec<u8> {
    let uri = json_string(uri);
    let mut body = Vec::with_capacity(1024);
    body.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    body.extend_from_slice(&uri);
    if let Some(v) = version {
        body.extend_from_slice(br#","version":"#);
        push_number(&mut body, i64::from(v));
    }
    body.extend_from_slice(br#","diagnostics":["#);
    for (i, f) in publication.findings().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        write_finding(&mut body, f, &uri, version);
    }
    body.extend_from_slice(b"]}}");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

/// One finding in the shape of an LSP `Diagnostic`; `uri` is already a JSON string.
fn write_finding(out: &mut Vec<u8>, f: &Finding, uri: &[u8], version: Option<i32>) {
    out.extend_from_slice(br#"{"range":"#);
    push_range(out, &f.range);
    out.extend_from_slice(br#","severity":"#);
    push_number(out, i64::from(to_proto::severity(f.severity)));
    out.extend_from_slice(br#","code":"#);
    push_string(out, f.code);
    out.extend_from_slice(br#","codeDescription":{"href":"#);
    // The URL and the kebab-case code need no escaping.
    out.push(b'"');
    out.extend_from_slice(DOCS_URL.as_bytes());
    out.push(b'#');
    out.extend_from_slice(f.code.as_bytes());
    out.push(b'"');
    out.extend_from_slice(br#"},"source":"nianbao","message":"#);
    push_string(out, &f.message);
    if !f.related.is_empty() {
        out.extend_from_slice(br#","relatedInformation":["#);
        for (i, (range, message, other)) in f.related.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(br#"{"location":{"uri":"#);
            match other {
                Some(other) => push_string(out, other.as_str()),
                None => out.extend_from_slice(uri),
            }
            out.extend_from_slice(br#","range":"#);
            push_range(out, range);
            out.extend_from_slice(br#"},"message":"#);
            push_string(out, message);
            out.push(b'}');
        }
        out.push(b']');
    }
    if let Some((title, edits)) = &f.fix {
        out.extend_from_slice(br#","data":"#);
        let data = DiagnosticData {
            version,
            title: std::borrow::Cow::Borrowed(title),
            edits: std::borrow::Cow::Borrowed(edits),
        };
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &data);
    }
    out.push(b'}');
}

fn push_range(out: &mut Vec<u8>, r: &lsp::Range) {
    out.extend_from_slice(br#"{"start":{"line":"#);
    push_number(out, i64::from(r.start.line));
    out.extend_from_slice(br#","character":"#);
    push_number(out, i64::from(r.start.character));
    out.extend_from_slice(br#"},"end":{"line":"#);
    push_number(out, i64::from(r.end.line));
    out.extend_from_slice(br#","character":"#);
    push_number(out, i64::from(r.end.character));
    out.extend_from_slice(b"}}");
}

/// Decimal digits without `fmt`: a notification holds thousands of numbers.
fn push_number(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let mut n = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// `text` as a JSON string, quoted and escaped.
fn json_string(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    push_string(&mut out, text);
    out
}

fn push_string(out: &mut Vec<u8>, text: &str) {
    // serde_json escapes exactly what JSON requires; writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

#[cfg(test)]
mod tests {
    use nianbao_ide::{Buffer, Edit, Settings};

    use super::*;

    const VALID: &str = include_str!("../../../tests/fixtures/valid/示例市2020年度报告.md");
    const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");

    fn flat(reports: &[(usize, Arc<Vec<Finding>>)]) -> Vec<Finding> {
        reports
            .iter()
            .flat_map(|(_, r)| r.iter().cloned())
            .collect()
    }

    /// After every edit the cached conversion equals a fresh one: edits before a report
    /// with findings (lines added and removed), inside it, and in another report.
    #[test]
    fn reused_findings_equal_fresh_ones() {
        let text = format!("{SEED_004}\n{VALID}\n{SEED_004}");
        let mut buffer = Buffer::new(&text);
        let settings = Settings::default();
        let mut published = Published::default();
        let second = text.len() - SEED_004.len();
        let cell = second + SEED_004.find("\t0\t").expect("a zero cell") + 1;
        let edits = [
            (cell, 0, "7"),
            (cell, 1, ""),
            (10, 0, "\n\n"),
            (10, 2, ""),
            (10, 0, "新增一行。\r\n"),
            (second - 3, 0, "\n"),
            (SEED_004.len() / 2, 0, "x"),
            (cell + 9, 0, "\n"),
            (0, 0, "😀"),
        ];
        let mut reused = 0;
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            for &(at, delete, insert) in &edits {
                let now = buffer.document().text();
                let mut start = at.min(now.len());
                while !now.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + delete).min(now.len());
                while !now.is_char_boundary(end) {
                    end += 1;
                }
                buffer
                    .apply_edit(&Edit {
                        range: start..end,
                        text: insert.to_string(),
                    })
                    .expect("the edit lies in the text");
                let analysis = buffer.analyze(&settings);
                let rope = buffer.document().rope();
                let before: Vec<_> = published
                    .reports
                    .iter()
                    .map(|c| c.findings.clone())
                    .collect();
                let cached = published.update(&analysis, rope, encoding);
                let fresh = Published::default().update(&analysis, rope, encoding);
                assert_eq!(flat(&cached), flat(&fresh), "after {insert:?} at {at}");
                assert!(!fresh.is_empty());
                reused += cached
                    .iter()
                    .filter(|(_, c)| before.iter().any(|b| Arc::ptr_eq(b, c)))
                    .count();
            }
        }
        // Unchanged reports were not converted again.
        assert!(reused > 4, "only {reused} reports reused");
    }

    #[test]
    fn the_notification_has_the_shape_of_publish_diagnostics() {
        let doc = Buffer::new(SEED_004);
        let mut buffer = doc;
        let analysis = buffer.analyze(&Settings::default());
        let mut published = Published::default();
        let reports = published.update(&analysis, buffer.document().rope(), Encoding::Utf16);
        let publication = Publication { reports };
        let uri = "file:///a.md";
        let frame = notification(uri, Some(7), &publication);
        let text = String::from_utf8(frame).expect("UTF-8");
        let (header, body) = text.split_once("\r\n\r\n").expect("a header");
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let value: serde_json::Value = serde_json::from_str(body).expect("JSON");
        assert_eq!(value["method"], "textDocument/publishDiagnostics");
        let params: lsp::PublishDiagnosticsParams =
            serde_json::from_value(value["params"].clone()).expect("PublishDiagnosticsParams");
        assert_eq!(params.version, Some(7));
        assert_eq!(params.diagnostics.len(), 3);
        let first = &params.diagnostics[0];
        assert_eq!(
            first.code,
            Some(lsp::NumberOrString::String("row-total-mismatch".into()))
        );
        assert_eq!(
            first
                .code_description
                .as_ref()
                .map(|c| c.href.as_str().to_string()),
            Some(format!("{DOCS_URL}#row-total-mismatch"))
        );
        assert_eq!(first.source.as_deref(), Some("nianbao"));
        assert_eq!(
            first.related_information.as_ref().map(Vec::len),
            Some(6),
            "the six addends"
        );
        assert_eq!(
            first.related_information.as_ref().unwrap()[0]
                .location
                .uri
                .as_str(),
            uri
        );
        let data = first.data.as_ref().expect("the fix");
        assert_eq!(data["version"], 7);
        // Seed 004: the fix changes the one cell that explains two sums (2 → 0).
        assert_eq!(data["edits"][0]["newText"], "0");
        // Publishing for a closed document: no version, no findings.
        let empty = notification(uri, None, &Publication::default());
        let body = String::from_utf8(empty).unwrap();
        let body = body.split_once("\r\n\r\n").unwrap().1;
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            value["params"],
            serde_json::json!({ "uri": "file:///a.md", "diagnostics": [] })
        );
    }
}
