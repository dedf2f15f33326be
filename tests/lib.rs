//! Invariants shared by the fuzz targets (`fuzz/`), the stable property tests and the
//! replay of saved fuzz findings (`fuzz/regressions/`): each takes arbitrary bytes and
//! panics when an invariant breaks.

pub mod hostile;
pub mod layouts;
pub mod lsp_client;
pub mod skip;
pub mod synthetic;
pub mod years;

use nianbao_ide::{
    analyze, fix_all, folding_ranges, outline, Analysis, Buffer, Document, Edit, Settings,
    TextRange,
};
use nianbao_lsp::publish::Published;
use nianbao_lsp::{from_proto, to_proto, Encoding};
use nianbao_syntax::{parse_rope, parse_str};
use tower_lsp_server::ls_types::{Position, Range};

/// The five seed reports, as (number, text).
pub const SEEDS: [(&str, &str); 5] = [
    (
        "000",
        include_str!("fixtures/seeds/000_1054c5726d89645b.txt"),
    ),
    (
        "001",
        include_str!("fixtures/seeds/001_d96056d888965bac.txt"),
    ),
    (
        "002",
        include_str!("fixtures/seeds/002_06f82d3c865ffb02.txt"),
    ),
    (
        "003",
        include_str!("fixtures/seeds/003_adbb303f957dc0c3.txt"),
    ),
    (
        "004",
        include_str!("fixtures/seeds/004_2a4738e891b759f6.txt"),
    ),
];

/// What the findings of `text` say, without where, sorted: the same finding in another
/// layout, a PDF or a flattened copy stands at other offsets.
pub fn said(text: &str) -> Vec<(String, String)> {
    let (_, found) = check_document(text);
    let mut out: Vec<_> = found
        .iter()
        .map(|d| (d.code.to_string(), d.message.to_string()))
        .collect();
    out.sort();
    out
}

/// A whole text checked as `nianbao check` and the language server check it (through
/// `nianbao_ide::analyze`, every document checked): its reports and their findings.
pub fn check_document(text: &str) -> (Vec<nianbao_model::Report>, Vec<nianbao_checks::Diagnostic>) {
    let doc = Document::new(text);
    let settings = Settings {
        check_all_documents: true,
        ..Settings::default()
    };
    let analysis = analyze(&doc, &settings);
    let reports = analysis
        .reports()
        .iter()
        .map(|r| r.report().into_owned())
        .collect();
    let diagnostics = analysis.diagnostics().map(|d| d.into_owned()).collect();
    (reports, diagnostics)
}

fn assert_in_text(text: &str, r: TextRange, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} splits a character"
    );
}

/// Parse, model, every check, the outline and fix-all on `text`: nothing panics, the rope
/// and `&str` parses agree, and every range a finding or fix holds lies in the text.
pub fn check_text(text: &str) {
    let doc = Document::new(text);
    let blocks = parse_str(text);
    assert_eq!(doc.blocks(), &blocks[..], "document and str parses differ");
    assert_eq!(parse_rope(doc.rope()), blocks, "rope and str parses differ");
    let settings = Settings {
        check_all_documents: true,
        ..Settings::default()
    };
    let analysis = analyze(&doc, &settings);
    for d in analysis.diagnostics() {
        assert_in_text(text, d.range, d.code);
        for r in &d.related {
            assert_in_text(text, r.range, "related");
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert_in_text(text, e.range, "fix");
        }
    }
    for s in outline(&analysis, &doc) {
        assert_in_text(text, s.range, "symbol");
    }
    for r in folding_ranges(&analysis, &doc) {
        assert_in_text(text, r, "fold");
    }
    let edits = fix_all(&analysis, &doc, &settings);
    for pair in edits.windows(2) {
        assert!(
            pair[0].range.end <= pair[1].range.start,
            "fix-all edits overlap"
        );
    }
    let mut fixed = text.to_string();
    for e in edits.iter().rev() {
        assert_in_text(text, e.range, "fix-all");
        fixed.replace_range(e.range.start..e.range.end, &e.new_text);
    }
    // Fix-all never leaves a finding that was not there before.
    if !edits.is_empty() {
        let keys = |a: &Analysis| -> std::collections::HashSet<_> {
            a.diagnostics().map(|d| (d.code, d.subject)).collect()
        };
        let before = keys(&analysis);
        let after = keys(&analyze(&Document::new(&fixed), &settings));
        let new: Vec<_> = after.difference(&before).collect();
        assert!(new.is_empty(), "fix-all brought new findings: {new:?}");
    }
}

/// Arbitrary bytes read as UTF-8 (lossy) and as GB18030, each through [`check_text`].
pub fn check_bytes(data: &[u8]) {
    check_text(&String::from_utf8_lossy(data));
    let (gb, _) = encoding_rs::GB18030.decode_without_bom_handling(data);
    check_text(&gb);
}

/// Arbitrary bytes read as a PDF: no panic escapes, and when text comes out, its source
/// map points into it in order and the text is checked (through [`check_text`]). (A panic
/// the PDF library raises on a damaged page is caught by the reader and is an error for
/// that file: not a crash.)
pub fn read_pdf(data: &[u8]) {
    read_converted(nianbao_formats::Kind::Pdf, data);
}

/// Arbitrary bytes read as a Word (.docx) file, as [`read_pdf`].
pub fn read_docx(data: &[u8]) {
    read_converted(nianbao_formats::Kind::Docx, data);
}

fn read_converted(kind: nianbao_formats::Kind, data: &[u8]) {
    let Ok(converted) = nianbao_formats::convert(kind, data.to_vec()) else {
        return;
    };
    let text = &converted.text;
    let mut last = 0;
    for offset in (0..=text.len()).step_by(97) {
        if let Some(origin) = converted.map.at(offset) {
            let _ = origin.to_string();
        }
        last = last.max(offset);
    }
    let back = nianbao_formats::Converted::from_bytes(&converted.to_bytes()).expect("round trip");
    assert_eq!(&back.text, text);
    check_text(text);
}

const BASES: &[&str] = &[
    "",
    "规章\t𠀀😀\t12\r\n第二行\u{2028}仍是\r第三行\n",
    include_str!("fixtures/valid/示例市2020年度报告.md"),
    include_str!("fixtures/seeds/001_d96056d888965bac.txt"),
    // Seed 004 flattened (`examples/flatten.rs … 0.7 3`): read through `flat`.
    include_str!("fixtures/flattened/004-glued.txt"),
    // Two reports in one document, as a city's with a department's appended.
    concat!(
        include_str!("fixtures/valid/示例市2020年度报告.md"),
        "\n",
        include_str!("fixtures/valid/示例市2020年度报告.md")
    ),
];

const FRAGMENTS: &[&str] = &[
    "",
    "\t",
    "|",
    "\n",
    "\r\n",
    "\r",
    "𠀀",
    "😀",
    "１",
    "｜",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "0",
    "<td>",
    "一、总体情况\n",
    "\u{0}",
];

/// A random edit sequence through the LSP position path: the bytes choose an encoding, a
/// starting text and edits (positions may be past the end of a line or of the text, or
/// inside a surrogate pair: they are clamped). After every edit the document's text is the
/// same as the same edit applied to a plain string; now and then, and at the end, the
/// incremental analysis equals a full one; at the end the blocks equal a full parse.
pub fn lsp_edits(data: &[u8]) {
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next();
    let encoding = if next().unwrap_or(0) % 2 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let mut text = BASES[usize::from(next().unwrap_or(0)) % BASES.len()].to_string();
    let mut buffer = Buffer::new(&text);
    let mut published = Published::default();
    let mut edits = 0;
    while let (Some(a), Some(b), Some(c), Some(d), Some(e)) =
        (next(), next(), next(), next(), next())
    {
        let lines = text.matches('\n').count() as u32 + 2;
        let start = Position::new(u32::from(a) % lines, u32::from(b) % 40);
        let end = Position::new(start.line + u32::from(c) % 3, u32::from(d) % 40);
        let insert = FRAGMENTS[usize::from(e) % FRAGMENTS.len()];
        let doc = buffer.document();
        let range = from_proto::text_range(doc.rope(), Range::new(start, end), encoding);
        assert_in_text(&text, range, "converted range");
        // Round trip: a byte offset that is a character boundary maps back to itself.
        let index = nianbao_syntax::LineIndex::new(doc.rope());
        let back = from_proto::offset(
            doc.rope(),
            to_proto::position(&index, range.start, encoding),
            encoding,
        );
        assert_eq!(back, range.start, "position round trip");
        buffer
            .apply_edit(&Edit {
                range: range.start..range.end,
                text: insert.to_string(),
            })
            .unwrap_or_else(|err| panic!("{err}"));
        text.replace_range(range.start..range.end, insert);
        if std::env::var_os("NIANBAO_DEBUG").is_some() {
            eprintln!("edit {:?} {:?} -> {:?}", range, insert, text);
        }
        assert_eq!(buffer.document().text(), text);
        edits += 1;
        // Analyse between edits too, so that edits apply to analysed reports.
        if edits % 3 == 0 {
            assert_same_analysis(&mut buffer, &text);
            assert_same_published(&mut buffer, &mut published, encoding);
        }
    }
    assert_eq!(
        buffer.document().blocks(),
        &parse_str(&text)[..],
        "incremental differs from a full parse"
    );
    assert_same_analysis(&mut buffer, &text);
    assert_same_published(&mut buffer, &mut published, encoding);
}

/// The findings as the server publishes them, reused report by report since the last
/// call, equal a conversion from scratch.
fn assert_same_published(buffer: &mut Buffer, published: &mut Published, encoding: Encoding) {
    let settings = Settings {
        check_all_documents: true,
        ..Settings::default()
    };
    let analysis = buffer.analyze(&settings);
    let rope = buffer.document().rope();
    let flat =
        |reports: Vec<(usize, std::sync::Arc<Vec<nianbao_lsp::publish::Finding>>)>| -> Vec<_> {
            reports
                .iter()
                .flat_map(|(i, r)| r.iter().map(move |f| (*i, f.clone())))
                .collect()
        };
    assert_eq!(
        flat(published.update(&analysis, rope, encoding)),
        flat(Published::default().update(&analysis, rope, encoding)),
        "published findings differ from a fresh conversion"
    );
}

/// The buffer's incremental analysis is the full analysis of its text: the same reports
/// (same blocks, same model) and the same findings.
pub fn assert_same_analysis(buffer: &mut Buffer, text: &str) {
    let settings = Settings {
        check_all_documents: true,
        ..Settings::default()
    };
    let incremental = buffer.analyze(&settings);
    let full = analyze(&Document::new(text), &settings);
    assert_eq!(
        summary(&incremental),
        summary(&full),
        "incremental analysis differs from a full one"
    );
}

fn summary(analysis: &Analysis) -> String {
    let reports: Vec<String> = analysis
        .reports()
        .iter()
        .map(|r| format!("{:?} {:?} {:?}", r.blocks, r.range, r.report()))
        .collect();
    let diagnostics: Vec<String> = analysis.diagnostics().map(|d| format!("{d:?}")).collect();
    format!("{}\n{reports:#?}\n{diagnostics:#?}", analysis.checked)
}
