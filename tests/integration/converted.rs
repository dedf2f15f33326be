//! The seeds as they are published: each seed's tables written as a Word file and a ruled
//! PDF by LibreOffice (`scripts/convert-seeds.sh`, committed in `fixtures/converted/`),
//! read back by nianbao-formats. Each must give its seed's own findings, message for
//! message; and the files nianbao cannot read must each say why in one line.

use std::path::{Path, PathBuf};

use nianbao_formats::{convert, sniff, Error, Kind, Origin};
use nianbao_tests::{check_document, said as findings};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn seed(n: &str) -> PathBuf {
    std::fs::read_dir(fixtures().join("seeds"))
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(n) && name.ends_with(".txt")
        })
        .expect("the seed")
}

fn read(path: &Path) -> Result<nianbao_formats::Converted, Error> {
    let bytes = std::fs::read(path).expect("a fixture");
    let ext = path.extension().unwrap().to_string_lossy().into_owned();
    let kind = sniff(&bytes, &ext);
    assert_ne!(kind, Kind::Text, "{} is not text", path.display());
    convert(kind, bytes)
}

fn same_as_seed(n: &str, ext: &str) {
    let text = std::fs::read_to_string(seed(n)).unwrap();
    let want = findings(&text);
    let converted = read(&fixtures().join(format!("converted/{n}.{ext}")))
        .unwrap_or_else(|e| panic!("{n}.{ext}: {e}"));
    assert_eq!(findings(&converted.text), want, "{n}.{ext}");
}

#[test]
fn every_seed_as_word_gives_its_own_findings() {
    for n in ["000", "001", "002", "003", "004"] {
        same_as_seed(n, "docx");
    }
}

#[test]
fn every_seed_as_pdf_gives_its_own_findings() {
    for n in ["000", "001", "002", "003", "004"] {
        same_as_seed(n, "pdf");
    }
}

#[test]
fn a_pdf_finding_knows_its_page_and_a_word_finding_its_table_row() {
    let pdf = read(&fixtures().join("converted/004.pdf")).unwrap();
    let (_, found) = check_document(&pdf.text);
    let row = found
        .iter()
        .find(|d| d.code == "row-total-mismatch")
        .expect("seed 004's row error");
    let page = pdf.map.at(row.range.start).expect("an origin");
    assert!(matches!(page, Origin::Page(n) if n >= 2), "{page:?}");

    let docx = read(&fixtures().join("converted/004.docx")).unwrap();
    let (_, found) = check_document(&docx.text);
    let row = found
        .iter()
        .find(|d| d.code == "row-total-mismatch")
        .expect("seed 004's row error");
    let origin = docx.map.at(row.range.start).expect("an origin");
    // The row 「4.保护第三方合法权益」: the 11th row of the document's second table (seed
    // 004's 第二十条 tables are text, not a Word table), as the CLI test says too.
    assert_eq!(origin, Origin::TableRow { table: 2, row: 11 });
    assert!(origin.to_string().starts_with("表格"), "{origin}");
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let cases = [
        ("encrypted.pdf", "加密"),
        ("damaged.pdf", "损坏"),
        ("scanned.pdf", "扫描件"),
        ("old-word.doc", "另存为 .docx 或 PDF"),
        ("wps-writer.wps", "另存为 .docx 或 PDF"),
    ];
    for (name, says) in cases {
        let err = read(&fixtures().join("converted").join(name))
            .err()
            .unwrap_or_else(|| panic!("{name} read"));
        let line = err.to_string();
        assert!(line.contains(says), "{name}: {line}");
        assert!(!line.contains('\n'), "{name}: one line: {line}");
    }
}
