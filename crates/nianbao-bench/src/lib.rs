//! Deterministic workloads for the benchmarks: realistic reports built from the structure
//! of the real ones (`nianbao_tests::synthetic`) at any size. A city-level document is
//! the city's report with its departments' reports appended.

use std::fmt::Write;

pub use nianbao_tests::synthetic::{report, Encoding, Rng};

/// A document of about `bytes` bytes: reports appended until the size is reached.
pub struct Workload {
    pub text: String,
    /// The byte offset of the 自然人 cell of 「（一）予以公开」 in table 三 of a report
    /// near the middle: a keystroke in a table.
    pub table_cell: usize,
    /// A byte offset in part 五 of the same report, far from any table.
    pub prose: usize,
}

pub fn workload(seed: u64, bytes: usize) -> Workload {
    let mut rng = Rng::new(seed);
    let mut reports = Vec::new();
    let mut size = 0;
    let encodings = [Encoding::Tabs, Encoding::Pipes, Encoding::Html];
    while size < bytes || reports.is_empty() {
        let r = report(
            &mut rng,
            encodings[reports.len() % 3],
            reports.len() % 4 == 1,
        );
        size += r.len();
        reports.push(r);
    }
    // The edited report is the same kind at every size: in the tab encoding (the cell is
    // a plain number) and without a planted error (rebuilding a report with findings costs
    // more: its messages are written again), as the single report of 40 KB is.
    let middle = (reports.len() / 2) / 12 * 12;
    let start: usize = reports[..middle].iter().map(String::len).sum();
    let text = reports.concat();
    let m = &reports[middle];
    let row = m.find("（一）予以公开\t").unwrap_or(0) + "（一）予以公开\t".len();
    let prose = m.find("## 五").map_or(0, |i| i + 200);
    let prose = (0..4)
        .map(|k| prose + k)
        .find(|&p| m.is_char_boundary(p))
        .unwrap_or(0);
    Workload {
        table_cell: start + row,
        prose: start + prose,
        text,
    }
}

/// A report whose table 三 is one HTML table of about `bytes`: its data rows repeated
/// until the size is reached, each repeat a `duplicate-row` finding and every
/// 「4.保护第三方合法权益」 row a `row-total-mismatch` — many findings on the table's lines.
/// With `one_line` the whole table is a single line, as crawled pages are; without, a row
/// per line. `table_cell` is the first 「（一）予以公开」 row's 自然人 cell.
pub fn html_table_report(bytes: usize, one_line: bool) -> Workload {
    let mut text = String::from(
        "# 某局2020年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 三、收到和处理政府信息公开申请情况\n\n",
    );
    let end = if one_line { "" } else { "\n" };
    text.push_str("<table>");
    text.push_str(end);
    let header = "<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>";
    text.push_str(header);
    text.push_str(end);
    let rows = [
        ("（一）予以公开", [20, 2, 1, 0, 1, 0], 24),
        ("4.保护第三方合法权益", [2, 0, 0, 0, 0, 0], 0),
        ("2.重复申请", [1, 0, 0, 0, 0, 0], 1),
    ];
    let mut table_cell = 0;
    while text.len() < bytes {
        for (label, cells, total) in rows {
            let _ = write!(text, "<tr><td>{label}</td>");
            for (i, c) in cells.iter().enumerate() {
                if table_cell == 0 && i == 0 {
                    table_cell = text.len() + "<td>".len();
                }
                let _ = write!(text, "<td>{c}</td>");
            }
            let _ = write!(text, "<td>{total}</td></tr>{end}");
        }
    }
    text.push_str("</table>\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n正文。\n");
    Workload {
        text,
        table_cell,
        prose: 0,
    }
}

/// The full check of a whole text, as `nianbao check` runs it: the document's blocks
/// (`Document::read_only`: no rope), `nianbao_ide::analyze` — every report modelled and
/// checked — and the text's line starts for the findings' positions (`TextLines`).
/// Returns the number of findings.
pub fn check(text: &str) -> usize {
    let text: std::sync::Arc<str> = text.into();
    let doc = nianbao_ide::Document::read_only(text.clone());
    let settings = nianbao_ide::Settings {
        check_all_documents: true,
        ..nianbao_ide::Settings::default()
    };
    let findings = nianbao_ide::analyze(&doc, &settings).diagnostics().count();
    // The CLI keeps the text's line starts for the findings' lines and columns.
    std::hint::black_box(nianbao_syntax::TextLines::new(text));
    findings
}

/// The floor: one pass over the bytes that only finds line ends and splits cells on tabs
/// and `|` — the cheapest work any table checker must do. It returns the number of cells.
/// One copy, not inlined, for every benchmark that compares with it.
#[inline(never)]
pub fn floor(text: &str) -> usize {
    let mut cells = 0;
    for line in text.as_bytes().split(|&b| b == b'\n') {
        cells += 1 + line.iter().filter(|&&b| b == b'\t' || b == b'|').count();
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_report_is_read_like_a_real_one() {
        let w = workload(1, 1);
        assert!(
            (32 * 1024..48 * 1024).contains(&w.text.len()),
            "one report of about 40 KB: {}",
            w.text.len()
        );
        let doc = nianbao_ide::Document::new(&w.text);
        let analysis = nianbao_ide::analyze(&doc, &Default::default());
        assert!(analysis.checked);
        let [report] = analysis.reports() else {
            panic!("one report")
        };
        let report = report.report();
        assert_eq!(report.parts.len(), 6);
        assert_eq!(report.tables3[0].rows.len(), 23);
        let codes: Vec<&str> = analysis.diagnostics().map(|d| d.code).collect();
        assert!(codes.is_empty(), "{codes:?}");
        assert!(w.text[w.table_cell..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit()));
        // Deterministic.
        assert_eq!(workload(1, 1).text, w.text);
    }

    #[test]
    fn the_floor_counts_cells_split_on_tabs_and_pipes() {
        assert_eq!(floor(""), 1);
        assert_eq!(floor("一\t二|三\n四"), 4);
        assert_eq!(floor("| 1 | 2 |\r\n\n"), 6);
    }

    #[test]
    fn the_edited_report_is_a_clean_tab_report_at_every_size() {
        for bytes in [1, 800 * 1024, 1 << 20] {
            let w = workload(42, bytes);
            let doc = nianbao_ide::Document::new(&w.text);
            let analysis = nianbao_ide::analyze(&doc, &Default::default());
            let edited = analysis.report_at(w.table_cell).expect("a report");
            assert!(
                (edited.range.start..edited.range.end).contains(&w.prose),
                "{bytes}: prose in the same report"
            );
            assert_eq!(edited.diagnostic_count(), 0, "{bytes}: no finding in it");
            let line_end = w.text[w.table_cell..].find('\n').unwrap_or(0);
            assert!(
                w.text[w.table_cell..w.table_cell + line_end].contains('\t'),
                "{bytes}: tab encoding"
            );
        }
    }

    #[test]
    fn every_encoding_reads_and_errors_are_found() {
        let w = workload(7, 200 * 1024);
        let doc = nianbao_ide::Document::new(&w.text);
        let analysis = nianbao_ide::analyze(&doc, &Default::default());
        // A report per department, each with its own table 三.
        let reports: Vec<_> = analysis.reports().iter().map(|r| r.report()).collect();
        assert!(reports.len() >= 4);
        assert!(reports
            .iter()
            .all(|r| r.tables3.len() == 1 && r.tables3[0].rows.len() == 23 && r.parts.len() == 6));
        let codes: Vec<&str> = analysis.diagnostics().map(|d| d.code).collect();
        assert!(codes.contains(&"row-total-mismatch"));
        assert!(!codes.contains(&"duplicate-part"), "{codes:?}");
    }
}
