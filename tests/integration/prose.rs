//! The prose check (`prose-table-mismatch`) on the five seeds and on the flattened reports
//! of `../shared/corpus/flattened/`: every figure the prose states clearly, and every
//! warning. Each line was checked by hand against the report's tables: every statement
//! read agrees with its table, so no warning is given, except where noted.

use std::fmt::Write;
use std::path::PathBuf;

use nianbao_tests::{check_document, SEEDS};

fn statements(name: &str, text: &str, out: &mut String) {
    let (reports, found) = check_document(text);
    for report in &reports {
        for s in &report.statements {
            let _ = writeln!(out, "{name}: {:?} {} 「{}」", s.figure, s.value, s.text);
        }
    }
    for d in found.iter().filter(|d| d.code == "prose-table-mismatch") {
        let _ = writeln!(out, "{name}: WARNING {}", d.message);
    }
}

#[test]
fn the_seeds_prose_agrees_with_their_tables() {
    let mut out = String::new();
    for (name, text) in SEEDS {
        statements(name, text, &mut out);
    }
    expect_test::expect![[r#"
        000: Received 2738 「共收到政府信息公开申请2738件」
        000: Completed 2703 「已办理答复2703件」
        002: Completed 9124 「办结政府信息公开申请9124件」
        003: Received 25 「共收到政府信息公开申请25件」
        003: Completed 25 「已答复的信息公开申请 25 件」
        004: Received 53 「共受理政府信息公开申请53件」
    "#]]
    .assert_eq(&out);
}

#[test]
fn the_flattened_reports_prose_agrees_with_their_tables() {
    let Some(corpus) = nianbao_tests::skip::corpus() else {
        return;
    };
    let dir = corpus.join("flattened");
    let entries = std::fs::read_dir(&dir).expect("../shared/corpus/flattened");
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = String::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a flattened report");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        statements(&name, &text, &mut out);
    }
    expect_test::expect![[r#"
        03_pingtan-zone_2021.txt: Received 70 「共收到70件」
        03_pingtan-zone_2021.txt: Completed 69 「办结69件」
        05_pingtan-zone_2023.txt: DocumentsIssued 77 「制发的规范性文件77件」
        05_pingtan-zone_2023.txt: Completed 81 「办结依申请公开81件」
        05_pingtan-zone_2023.txt: Reviews 2 「行政复议案件2件」
        05_pingtan-zone_2023.txt: Lawsuits 7 「行政诉讼案件7件」
        06_pingtan-zone_2024.txt: DocumentsIssued 62 「制发行政规范性文件62件」
    "#]]
    .assert_eq(&out);
}
