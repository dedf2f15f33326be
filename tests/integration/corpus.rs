//! The real reports of `../shared/corpus/` (next to the checkout; fetched from public
//! repositories, so not copied into the project): each read with the values
//! `../shared/corpus/README.md` gives, and exactly the findings a person found. When the
//! folder is absent (a user's fresh clone) each test is recorded as skipped
//! (`nianbao_tests::skip`) and passes.

use nianbao_checks::Diagnostic;
use nianbao_model::template::T3_ROWS;
use nianbao_model::Report;
use nianbao_tests::check_document;

pub use nianbao_tests::skip::corpus;

/// A text file of the corpus, as it is (`None`, the test skipped, without the corpus).
fn corpus_text(name: &str) -> Option<String> {
    Some(std::fs::read_to_string(corpus()?.join(name)).expect("a corpus file"))
}

/// A corpus file's text (a PDF or Word file converted as `nianbao check` converts it),
/// with its report and findings.
fn read(name: &str) -> Option<(Report, Vec<Diagnostic>)> {
    let bytes = std::fs::read(corpus()?.join(name)).expect("a corpus file");
    let extension = name.rsplit('.').next().unwrap_or("");
    let text = match nianbao_formats::sniff(&bytes, extension) {
        nianbao_formats::Kind::Text => String::from_utf8(bytes).expect("UTF-8"),
        kind => {
            nianbao_formats::convert(kind, bytes)
                .expect("converted")
                .text
        }
    };
    let (mut reports, found) = check_document(&text);
    assert_eq!(reports.len(), 1, "{name} is one report");
    Some((reports.remove(0), found))
}

/// The cells of table 三's row whose template label starts with `label`.
fn t3(report: &Report, label: &str) -> Vec<String> {
    let table = &report.tables3[0];
    let row = table
        .rows
        .iter()
        .find(|r| T3_ROWS[r.def].label.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}"));
    row.cells.iter().map(|c| c.text.to_string()).collect()
}

fn t4(report: &Report) -> Vec<String> {
    let row = report.tables4[0].row.as_ref().expect("table 四's row");
    row.cells.iter().map(|c| c.text.to_string()).collect()
}

fn summary(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

fn cells(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn shuyang_county_2025_every_table_read_and_only_its_long_overview() {
    let Some((report, found)) = read("web/shuyang-county_2025.md") else {
        return;
    };
    assert_eq!(report.parts.len(), 6);
    assert_eq!(t3(&report, "一、"), cells("705 3 0 0 5 0 713"));
    assert_eq!(t3(&report, "二、"), cells("36 0 0 0 0 0 36"));
    assert_eq!(t3(&report, "（七）"), cells("710 3 0 0 5 0 718"));
    assert_eq!(t3(&report, "四、"), cells("31 0 0 0 0 0 31"));
    assert_eq!(
        report.tables3[0].rows.len(),
        25,
        "every row of the 2021 format"
    );
    assert!(report.tables3[0].unmapped.is_empty());
    assert_eq!(t4(&report), cells("27 10 9 15 61 3 0 0 0 3 8 0 1 1 10"));
    assert_eq!(
        report.article20.iter().map(|b| b.item).collect::<Vec<_>>(),
        [Some(1), Some(5), Some(6), Some(8)]
    );
    // No table finding is due. Part 一 runs from 「一、总体情况」 to 「二、主动公开政府信息情况」
    // (lines 14–60): 2,735 characters but whitespace, 33 of them the `###` of its
    // subheadings. The 2021 notice asks 「篇幅原则上不超过一千字」.
    assert_eq!(
        summary(&found),
        ["overview-too-long 第一部分「总体情况」正文 2702 字，超过 2021 年版格式「篇幅原则上不超过一千字」的要求"]
    );
}

#[test]
fn shanghai_govt_office_2025_read_and_its_real_findings() {
    let Some((report, found)) = read("web/shanghai-govt-office_2025.txt") else {
        return;
    };
    assert_eq!(t3(&report, "一、"), cells("1259 36 0 0 0 0 1295"));
    assert_eq!(t3(&report, "二、"), cells("170 15 0 0 4 0 189"));
    assert_eq!(t3(&report, "（七）"), cells("1139 48 0 0 4 0 1191"));
    assert_eq!(t3(&report, "四、"), cells("290 3 0 0 0 0 293"));
    assert_eq!(report.tables3[0].rows.len(), 25);
    assert!(report.tables3[0].unmapped.is_empty());
    assert_eq!(t4(&report), cells("40 0 10 5 55 2 0 4 6 12 6 0 9 7 22"));
    assert_eq!(
        summary(&found),
        [
            "missing-part 缺少第五部分「五、存在的主要问题及改进情况」",
            // Lines 5–22, counted by hand without whitespace.
            "overview-too-long 第一部分「总体情况」正文 1305 字，超过 2021 年版格式「篇幅原则上不超过一千字」的要求",
            "article20-value-count 「规章」行有 2 个数值，应为 3 个（本年制发件数、本年废止件数、现行有效件数）",
            "article20-value-count 「行政规范性文件」行有 2 个数值，应为 3 个（本年制发件数、本年废止件数、现行有效件数）",
            // Line 217 says 「信息公开处理费」, not the 办法's 「信息处理费」: the fee is
            // reported loosely, and the sentence is quoted.
            "fee-statement-missing 第六部分说到收费（「2025 年度本机关未收取信息公开处理费。」），但没有写明「信息处理费」：2021 年版格式要求在此专门报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，请用《办法》的名称写明",
        ]
    );
}

#[test]
fn shuyang_ndrc_2023_web_page_read_and_its_real_findings() {
    let Some((report, found)) = read("web/shuyang-ndrc_2023.html") else {
        return;
    };
    assert_eq!(report.parts.len(), 6, "the six parts, as <p> paragraphs");
    assert_eq!(t3(&report, "一、"), ["26", "", "", "", "", "", "26"]);
    assert_eq!(t4(&report), cells("0 0 0 1 1 0 0 0 0 0 0 0 0 0 0"));
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            // Line 35: 「规范性文件」, the 2019 format's row label, in a 2023 report (a
            // note; the row is read).
            "article20-row-label",
            "unfilled-cell",
            "nonstandard-part-title",
            "fee-statement-missing"
        ]
    );
    assert!(found[0]
        .message
        .starts_with("「规范性文件」是 2019 年版格式的行名"));
    assert!(found[1].message.starts_with("表三有 125 个单元格未填数字"));
    assert!(found[2].message.contains("五、存在的主要问题及整改措施"));
    // Part 六 says 「政府信息公开未发生收费情况」: of fees, never of the 信息处理费.
    assert!(found[3].message.starts_with(
        "第六部分说到收费（「2023年度，县发展和改革局政府信息公开未发生收费情况。」）"
    ));
}

/// Every cell of every row of table 三 is a number.
fn t3_complete(report: &Report) {
    let table = &report.tables3[0];
    assert!(table.unmapped.is_empty(), "{:?}", table.unmapped);
    for row in &table.rows {
        assert_eq!(row.cells.len(), 7, "{}", T3_ROWS[row.def].label);
        assert!(
            row.cells.iter().all(|c| c.count().is_some()),
            "{}: {:?}",
            T3_ROWS[row.def].label,
            row.cells
        );
    }
}

fn a20(report: &Report, label: &str) -> Vec<String> {
    let row = report
        .article20
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.label_text == label)
        .unwrap_or_else(|| panic!("no 第二十条 row {label}"));
    row.values.iter().map(|c| c.text.to_string()).collect()
}

#[test]
fn huaian_city_2024_pdf_every_table_read_from_its_rules_and_only_its_long_overview() {
    let Some((report, found)) = read("pdf/huaian-city_2024.pdf") else {
        return;
    };
    assert_eq!(report.parts.len(), 6);
    assert_eq!(report.year(), Some(2024));
    assert_eq!(
        report.tables3[0].rows.len(),
        25,
        "every row of the 2021 format"
    );
    t3_complete(&report);
    assert_eq!(t3(&report, "一、"), cells("3001 53 0 0 61 4 3119"));
    assert_eq!(t3(&report, "二、"), cells("34 0 0 0 0 0 34"));
    assert_eq!(t3(&report, "（七）"), cells("2932 53 0 0 61 4 3050"));
    assert_eq!(t3(&report, "四、"), cells("103 0 0 0 0 0 103"));
    // Labels the PDF wraps over two and three lines, and 「1、」 for 「1.」.
    assert_eq!(t3(&report, "（二）"), cells("447 7 0 0 0 0 454"));
    assert_eq!(t3(&report, "5.要求行政机关"), cells("1 0 0 0 0 0 1"));
    assert_eq!(t3(&report, "1.申请人无正当理由"), cells("67 3 0 0 1 0 71"));
    assert_eq!(
        t4(&report),
        cells("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20")
    );
    assert_eq!(a20(&report, "规章"), cells("1 0 11"));
    assert_eq!(a20(&report, "行政规范性文件"), cells("8 26 66"));
    assert_eq!(a20(&report, "行政许可"), cells("447228"));
    assert_eq!(a20(&report, "行政处罚"), cells("3985758"));
    assert_eq!(a20(&report, "行政强制"), cells("88283"));
    assert_eq!(a20(&report, "行政事业性收费"), cells("96171.6"));
    // No arithmetic finding. Part 一 of the PDF's text, whitespace not counted: 1,290.
    assert_eq!(
        summary(&found),
        ["overview-too-long 第一部分「总体情况」正文 1290 字，超过 2021 年版格式「篇幅原则上不超过一千字」的要求"]
    );
}

#[test]
fn blank_2021_word_template_every_part_and_table_and_its_blank_cells_once_each() {
    let Some((report, found)) = read("docx/format-2021_blank-template.docx") else {
        return;
    };
    assert_eq!(report.parts.len(), 6);
    assert_eq!(
        report.article20.iter().map(|b| b.item).collect::<Vec<_>>(),
        [Some(1), Some(5), Some(6), Some(8)]
    );
    assert_eq!(report.tables3[0].rows.len(), 25, "every row of table 三");
    assert!(report.tables3[0].unmapped.is_empty());
    assert_eq!(
        report.tables4[0].row.as_ref().map(|r| r.cells.len()),
        Some(15)
    );
    let said: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d.code, d.message.split('：').next().unwrap_or("")))
        .collect();
    assert_eq!(
        said,
        [
            ("unfilled-cell", "第二十条第（一）项表有 6 个单元格未填数字"),
            ("unfilled-cell", "第二十条第（五）项表有 1 个单元格未填数字"),
            ("unfilled-cell", "第二十条第（六）项表有 2 个单元格未填数字"),
            ("unfilled-cell", "第二十条第（八）项表有 1 个单元格未填数字"),
            ("unfilled-cell", "表三有 175 个单元格未填数字"),
            ("unfilled-cell", "表四有 15 个单元格未填数字"),
            // Parts 五 and 六 hold the template's placeholders, said unfilled.
            (
                "problems-part-thin",
                "第五部分「存在的主要问题及改进情况」只有模板的占位文字「（文字描述）」，尚未填写"
            ),
            (
                "fee-statement-missing",
                "第六部分关于信息处理费只有占位文字「（文字描述，收取信息处理费情况在此处报告。）」，尚未报告信息处理费的收取情况"
            ),
        ]
    );
}

/// `fee-statement-missing` on every 2021-format report of the corpus and the seeds, each
/// checked by hand (`../shared/corpus/README.md`, 「Part 六 and the 信息处理费」): what part
/// 六 says of the fee, and so what the check says.
#[test]
fn the_fee_statement_of_every_2021_format_report() {
    let Some(_) = corpus() else {
        return;
    };
    let by_hand: [(&str, Option<&str>); 8] = [
        // 「…收取信息处理费共计380元…」
        ("web/shuyang-county_2025.md", None),
        // 「2025 年度本机关未收取信息公开处理费。」: not the 办法's word.
        ("web/shanghai-govt-office_2025.txt", Some("说到收费")),
        // 「…政府信息公开未发生收费情况。」
        ("web/shuyang-ndrc_2023.html", Some("说到收费")),
        // 「全年收取政府信息公开信息处理费3940 元」
        ("pdf/huaian-city_2024.pdf", None),
        ("docx/format-2021_blank-template.docx", Some("只有占位文字")),
        // 「2021年，无收取信息处理费情况。」 in 六, and the fee in part 一 too.
        ("flattened/03_pingtan-zone_2021.txt", None),
        ("flattened/05_pingtan-zone_2023.txt", None),
        ("flattened/06_pingtan-zone_2024.txt", None),
    ];
    for (name, says) in by_hand {
        let (report, found) = read(name).expect("a corpus file");
        assert_eq!(report.format, nianbao_model::Format::F2021, "{name}");
        let fee: Vec<&str> = found
            .iter()
            .filter(|d| d.code == "fee-statement-missing")
            .map(|d| &*d.message)
            .collect();
        match says {
            None => assert!(fee.is_empty(), "{name}: {fee:?}"),
            Some(says) => {
                assert_eq!(fee.len(), 1, "{name}: {fee:?}");
                assert!(fee[0].contains(says), "{name}: {}", fee[0]);
            }
        }
    }
    // The seeds are 2019-format reports: the check does not apply.
    for (_, seed) in nianbao_tests::SEEDS {
        let (reports, found) = check_document(seed);
        assert!(reports
            .iter()
            .all(|r| r.format != nianbao_model::Format::F2021));
        assert!(!found.iter().any(|d| d.code == "fee-statement-missing"));
    }
}

/// A flattened report: all six parts, in order; no part or table said missing; no sum
/// error; the note that it was read again.
fn flattened(name: &str) -> Option<(Report, Vec<Diagnostic>)> {
    let (report, found) = read(&format!("flattened/{name}"))?;
    let parts: Vec<u8> = report.parts.iter().map(|p| p.part.number()).collect();
    assert_eq!(parts, [1, 2, 3, 4, 5, 6], "{name}: the six parts in order");
    for d in &found {
        assert!(
            !["missing-part", "missing-table", "missing-row"].contains(&d.code)
                && !d.code.ends_with("-mismatch"),
            "{name}: {} {}",
            d.code,
            d.message
        );
    }
    assert!(
        found.iter().any(|d| d.code == "flattened-text"),
        "{name}: said to be flattened"
    );
    assert!(report.recovery.is_some());
    Some((report, found))
}

#[test]
fn pingtan_zone_2021_flattened_read_by_its_arithmetic() {
    let Some((report, _)) = flattened("03_pingtan-zone_2021.txt") else {
        return;
    };
    t3_complete(&report);
    assert_eq!(t3(&report, "一、"), cells("64 0 0 2 0 4 70"));
    assert_eq!(t3(&report, "（七）"), cells("63 0 0 2 0 4 69"));
    assert_eq!(t3(&report, "四、"), cells("1 0 0 0 0 0 1"));
    // Glued digits that the row alone cannot cut (2+7+0+0+20+1 = 27+0+0+2+0+1 = 30),
    // decided by the columns: the leaves add to （七）.
    assert_eq!(t3(&report, "（一）"), cells("27 0 0 2 0 1 30"));
    assert_eq!(t3(&report, "1.本机关不掌握"), cells("22 0 0 0 0 3 25"));
    assert_eq!(t4(&report), cells("1 0 2 0 3 12 0 0 0 12 0 0 0 0 0"));
}

#[test]
fn pingtan_zone_2023_flattened_read_by_its_arithmetic() {
    let Some((report, found)) = flattened("05_pingtan-zone_2023.txt") else {
        return;
    };
    t3_complete(&report);
    assert_eq!(t3(&report, "一、"), cells("80 1 0 0 0 0 81"));
    assert_eq!(t3(&report, "（七）"), cells("80 1 0 0 0 0 81"));
    assert_eq!(t4(&report), cells("1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"));
    // 第二十条 has no arithmetic: 「77132470」 in three cells is said, not guessed.
    let ambiguous: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "ambiguous-cells")
        .map(|d| &*d.message)
        .collect();
    assert_eq!(ambiguous.len(), 1, "{ambiguous:?}");
    assert!(ambiguous[0].contains("「行政规范性文件」的数字「77132470」"));
    assert_eq!(a20(&report, "规章"), cells("0 0 0"));
    assert_eq!(a20(&report, "行政许可"), cells("2629"));
}

#[test]
fn pingtan_zone_2023_flattened_with_a_wrong_carry_in_still_read() {
    // 二、上年结转 changed from 0000000 to 1000001: the row still adds up (1 = 1) but
    // breaks 一 + 二 = （七） + 四 in 自然人 and 总计. Table 三 is read, those two balances
    // are said, and no row is left ambiguous.
    let Some(text) = corpus_text("flattened/05_pingtan-zone_2023.txt") else {
        return;
    };
    let row = "二、上年结转政府信息公开申请数量";
    assert!(text.contains(&format!("{row}0000000")));
    let planted = text.replacen(&format!("{row}0000000"), &format!("{row}1000001"), 1);
    let (reports, found) = check_document(&planted);
    let report = &reports[0];
    t3_complete(report);
    assert_eq!(t3(report, "二、"), cells("1 0 0 0 0 0 1"));
    assert_eq!(t3(report, "一、"), cells("80 1 0 0 0 0 81"));
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    let balances: Vec<&str> = said
        .iter()
        .filter(|(c, _)| *c == "balance-mismatch")
        .map(|(_, m)| *m)
        .collect();
    assert_eq!(balances.len(), 2, "{said:?}");
    assert!(balances[0].starts_with("「自然人」列不平衡：第一项加第二项之和为 81"));
    assert!(balances[1].starts_with("「总计」列不平衡：第一项加第二项之和为 82"));
    assert!(
        !said
            .iter()
            .any(|(c, m)| *c == "ambiguous-cells" && m.contains("表三")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(c, m)| *c == "recovered-cells" && m.contains("满足最多合计关系的分法只有一种")),
        "{said:?}"
    );
}

#[test]
fn pingtan_zone_2023_flattened_with_one_row_for_other_handling_keeps_table_four() {
    // （六）其他处理 written as one row (the 2019 way) in this 2021-format crawl: the row
    // is read and said to be the other format's, and table 四 after it is still found.
    let Some(text) = corpus_text("flattened/05_pingtan-zone_2023.txt") else {
        return;
    };
    let three = "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请10000012.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他1000001（七）";
    assert!(text.contains(three));
    let one = text.replacen(three, "（六）其他处理2000002（七）", 1);
    let (reports, found) = check_document(&one);
    let report = &reports[0];
    assert_eq!(t4(report), cells("1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"));
    assert_eq!(t3(report, "（六）"), cells("2 0 0 0 0 0 2"));
    let codes: Vec<&str> = found
        .iter()
        .filter(|d| d.severity != nianbao_checks::Severity::Info)
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["ambiguous-cells", "other-format-row"], "{found:?}");
}

#[test]
fn pingtan_zone_2024_flattened_read_by_its_arithmetic() {
    let Some((report, _)) = flattened("06_pingtan-zone_2024.txt") else {
        return;
    };
    t3_complete(&report);
    assert_eq!(t3(&report, "一、"), cells("217 1 0 0 0 0 218"));
    assert_eq!(t3(&report, "（七）"), cells("217 1 0 0 0 0 218"));
    assert_eq!(t4(&report), cells("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
}

#[test]
fn pingtan_psb_2019_flattened_its_short_row_said_and_left_out_of_the_sums() {
    let Some((report, found)) = flattened("07_pingtan-public-security-bureau_2019.txt") else {
        return;
    };
    assert_eq!(report.format, nianbao_model::Format::F2019);
    // 「0 00000」: six digits for seven cells — one is missing, whatever the cut.
    let short: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "wrong-cell-count")
        .map(|d| &*d.message)
        .collect();
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(short[0].starts_with("「一、本年新收政府信息公开申请数量」行有 6 个数值，应为 7 个"));
    assert_eq!(t3(&report, "二、"), cells("0 0 0 0 0 0 0"));
    assert_eq!(t3(&report, "（七）"), cells("0 0 0 0 0 0 0"));
    assert_eq!(t4(&report), cells("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"));
}

/// The zone's 2023 and 2024 reports (`flattened/05`, `06`), the 2024 one checked with the
/// 2023 one at hand: their parts 五 are not the same. The crawls begin after the title,
/// so each gets back the title of its page (its `# source:` line) — without one no body
/// is known and no pair is made.
#[test]
fn pingtan_zone_2023_and_2024_no_part_copied() {
    let Some(dir) = corpus() else {
        return;
    };
    let text = |name: &str, year: u16| {
        let crawl =
            std::fs::read_to_string(dir.join("flattened").join(name)).expect("a corpus file");
        format!("平潭综合实验区{year}年度政府信息公开工作年度报告\n{crawl}")
    };
    let (before, now) = (
        text("05_pingtan-zone_2023.txt", 2023),
        text("06_pingtan-zone_2024.txt", 2024),
    );
    let last = nianbao_model::build_text(&before, &Default::default()).remove(0);
    let handed = nianbao_model::years::handed_on(&last, "05.txt".into()).expect("body and year");
    assert_eq!(handed.year, 2023);
    let settings = nianbao_ide::Settings {
        check_all_documents: true,
        last_years: vec![std::sync::Arc::new(handed)],
        ..Default::default()
    };
    let analysis = nianbao_ide::analyze(&nianbao_ide::Document::new(&now), &settings);
    let report = analysis.reports()[0].report();
    assert!(report.recovery.is_some(), "read as a crawl");
    assert!(
        report.last_year.is_some(),
        "the 2023 report is the year before"
    );
    let sentences = |r: &Report| {
        r.texts
            .iter()
            .find(|t| t.part == nianbao_model::Part::Problems)
            .map_or(0, |t| t.sentences().count())
    };
    // Both parts 五 have enough sentences to be compared.
    assert!(sentences(&report) >= 3 && sentences(&last) >= 3);
    let copied: Vec<String> = analysis
        .diagnostics()
        .filter(|d| d.code == "copied-from-last-year")
        .map(|d| d.message.to_string())
        .collect();
    assert_eq!(copied, Vec::<String>::new());
}

#[test]
fn pingtan_amr_2020_flattened_part_three_after_an_amount_and_no_error() {
    // Part 三's heading follows the last 第二十条 row: 「政府集中采购176586650.10元三、…」.
    let Some((report, found)) = flattened("08_pingtan-amr_2020.txt") else {
        return;
    };
    assert_eq!(report.format, nianbao_model::Format::F2019);
    t3_complete(&report);
    assert_eq!(t3(&report, "一、"), cells("5 0 0 0 0 0 5"));
    assert_eq!(t3(&report, "（七）"), cells("5 0 0 0 0 0 5"));
    assert_eq!(t3(&report, "四、"), cells("0 0 0 0 0 0 0"));
    assert_eq!(t4(&report), cells("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"));
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.severity == nianbao_checks::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    // The 政府集中采购 row's count and amount ran together: said, not guessed.
    assert!(found.iter().any(|d| d.code == "ambiguous-cells"
        && d.message
            .contains("「政府集中采购」的数字「176586650.10元」")));
}
