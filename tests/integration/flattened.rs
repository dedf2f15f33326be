//! Flattened copies of the seeds (`layouts::flatten`: one line, table cells glued at
//! random): each must read as its seed does — the same parts, and the same findings, or
//! a finding that says why a row could not be read (`ambiguous-cells`), in which case
//! the findings that row would have given may be missing and no other may appear.

use nianbao_tests::synthetic::{report, Encoding, Rng};
use nianbao_tests::{check_document, layouts, SEEDS};

fn seeds() -> Vec<(String, String)> {
    SEEDS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

/// Synthetic reports as the benchmarks build them: each encoding of table 三, with and
/// without a wrong row total.
fn synthetic() -> Vec<(String, String)> {
    let mut rng = Rng::new(17);
    let mut out = Vec::new();
    for encoding in [Encoding::Tabs, Encoding::Pipes, Encoding::Html] {
        for errors in [false, true] {
            let text = report(&mut rng, encoding, errors);
            out.push((format!("synthetic {encoding:?} errors={errors}"), text));
        }
    }
    out
}

#[derive(Default, Debug)]
struct Tally {
    reports: usize,
    rows_recovered: usize,
    rows_unread: usize,
    /// Of those, rows of a 第二十条 table (no arithmetic to cut by).
    rows_unread_article20: usize,
    reports_with_unread: usize,
    /// Tables (三, 四, each 第二十条 block) with rows glued: every such row cut one way
    /// only; some row with several readings; some row with none (or too long to try).
    tables_unique: usize,
    tables_ambiguous: usize,
    tables_none: usize,
}

impl Tally {
    fn count_tables(&mut self, report: &nianbao_model::Report) {
        use nianbao_model::recover::RowReading;
        use nianbao_syntax::TextRange;
        let Some(recovery) = &report.recovery else {
            return;
        };
        let ranges = report
            .tables3
            .iter()
            .map(|t| t.range)
            .chain(report.tables4.iter().map(|t| t.range))
            .chain(report.article20.iter().map(|b| b.range));
        let inside = |t: TextRange, r: TextRange| t.start <= r.start && r.end <= t.end;
        for table in ranges {
            let unread: Vec<&RowReading> = recovery
                .unread
                .iter()
                .filter(|u| inside(table, u.range))
                .map(|u| &u.reading)
                .collect();
            if unread
                .iter()
                .any(|r| !matches!(r, RowReading::Ambiguous(_)))
            {
                self.tables_none += 1;
            } else if !unread.is_empty() {
                self.tables_ambiguous += 1;
            } else if recovery.recovered.iter().any(|r| inside(table, *r)) {
                self.tables_unique += 1;
            }
        }
    }

    fn say(&self, what: &str) {
        eprintln!(
            "{what}: {} reports; tables with glued rows: {} recovered uniquely, {} ambiguous, {} with no consistent reading; rows: {} cut uniquely by the arithmetic, {} unread ({} of them 第二十条 rows, which have no arithmetic) in {} reports",
            self.reports,
            self.tables_unique,
            self.tables_ambiguous,
            self.tables_none,
            self.rows_recovered,
            self.rows_unread,
            self.rows_unread_article20,
            self.reports_with_unread
        );
    }
}

fn findings(d: &[nianbao_checks::Diagnostic]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = d
        .iter()
        // The notes of how the copy was read are its own (checked below).
        .filter(|d| !["flattened-text", "ambiguous-cells", "recovered-cells"].contains(&d.code))
        // The flattened copy writes a blank cell 「/」 (see `layouts::flatten`).
        .map(|d| (d.code.to_string(), d.message.replace("「/」", "（空白）")))
        .collect();
    out.sort();
    out
}

fn flattened_reads_as_its_seed(
    originals: &[(String, String)],
    drop: f64,
    rounds: u64,
    tally: &mut Tally,
) {
    for (name, text) in originals {
        let (reports, found) = check_document(text);
        let report = &reports[0];
        let want_parts: Vec<u8> = report.parts.iter().map(|p| p.part.number()).collect();
        if want_parts.len() < 3 {
            // A report with fewer than three part titles is not told from prose when
            // flattened (seed 002, a provincial summary of tables only).
            continue;
        }
        let want = findings(&found);
        for seed in 0..rounds {
            let flat = layouts::flatten(text, report, drop, seed);
            let (got_reports, got_found) = check_document(&flat);
            let got = &got_reports[0];
            let parts: Vec<u8> = got.parts.iter().map(|p| p.part.number()).collect();
            assert_eq!(parts, want_parts, "{name} seed {seed}: parts\n{flat}");
            let recovery = got
                .recovery
                .as_ref()
                .unwrap_or_else(|| panic!("{name} seed {seed}: not read as flattened"));
            tally.reports += 1;
            tally.count_tables(got);
            tally.rows_recovered += recovery.recovered.len();
            tally.rows_unread += recovery.unread.len();
            tally.rows_unread_article20 += recovery
                .unread
                .iter()
                .filter(|u| u.what.starts_with("第二十条"))
                .count();
            // Each table with rows cut by the arithmetic says so once.
            let notes = got_found
                .iter()
                .filter(|d| d.code == "recovered-cells")
                .count();
            assert_eq!(
                notes > 0,
                !recovery.recovered.is_empty(),
                "{name} seed {seed}: recovered-cells notes"
            );
            assert!(notes <= got.tables3.len() + got.tables4.len() + got.article20.len());
            // Tables 三 and 四 have arithmetic to cut by: every row is read, and the sums
            // say what the seed's say (seeds 000 and 004 have errors), whatever the
            // gluing. Only 第二十条 rows, which have none, may be left unread.
            assert_eq!(
                unread_table_rows(got),
                Vec::<String>::new(),
                "{name} seed {seed}"
            );
            assert_eq!(
                sum_findings(&got_found),
                sum_findings(&found),
                "{name} seed {seed}"
            );
            let have = findings(&got_found);
            if recovery.unread.is_empty() {
                assert_eq!(have, want, "{name} seed {seed}\n{flat}");
            } else {
                tally.reports_with_unread += 1;
                for f in &have {
                    assert!(
                        want.contains(f),
                        "{name} seed {seed}: {f:?} is not the seed's, and rows were unread: {:?}\n{flat}",
                        recovery.unread
                    );
                }
            }
        }
    }
}

#[test]
fn flattened_seeds_with_every_separator_kept_read_as_the_seeds() {
    let mut tally = Tally::default();
    flattened_reads_as_its_seed(&seeds(), 0.0, 1, &mut tally);
    flattened_reads_as_its_seed(&synthetic(), 0.0, 1, &mut tally);
    assert_eq!(tally.rows_unread, 0, "{tally:?}");
}

#[test]
fn flattened_seeds_with_cells_glued_at_random_read_as_the_seeds_or_say_why() {
    let mut tally = Tally::default();
    for drop in [0.3, 0.7, 1.0] {
        flattened_reads_as_its_seed(&seeds(), drop, 5, &mut tally);
    }
    tally.say("flattened seeds");
    assert!(tally.rows_recovered > tally.rows_unread, "{tally:?}");
    assert!(tally.tables_unique > 0, "{tally:?}");
}

#[test]
fn flattened_synthetic_reports_read_as_the_originals_or_say_why() {
    let mut tally = Tally::default();
    let originals = synthetic();
    for drop in [0.3, 0.7, 1.0] {
        flattened_reads_as_its_seed(&originals, drop, 3, &mut tally);
    }
    tally.say("flattened synthetic reports");
    assert_eq!(tally.reports, originals.len() * 9);
    assert!(tally.rows_recovered > tally.rows_unread, "{tally:?}");
    assert!(tally.tables_unique > 0, "{tally:?}");
}

#[test]
fn a_tidy_report_whose_introduction_lists_its_parts_is_read_as_it_is() {
    let (_, text) = SEEDS[4];
    let (_, found) = check_document(text);
    // A 1,000-byte introduction naming all six parts, before the report's own headings.
    let intro = format!(
        "本报告分为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。{}\n\n",
        "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止，本报告的电子版可在门户网站下载。".repeat(6)
    );
    let at = text.find("一、总体情况").expect("part 一");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let with_intro = format!("{}{intro}{}", &text[..line_start], &text[line_start..]);
    let (reports, got) = check_document(&with_intro);
    assert!(reports[0].recovery.is_none(), "read as flattened");
    assert_eq!(findings(&got), findings(&found));
}

#[test]
fn a_second_wrong_row_is_found_beside_the_seeds_error() {
    // Seed 004 flattened with every separator dropped: 「4.保护第三方合法权益2000000」
    // has no cut that adds up (its total is the seed's real error); planted beside it, a
    // row written apart with a wrong total (「3 0 0 0 0 0 4」). The table is read the one
    // way that breaks the fewest equations, and every broken one is said.
    let (_, text) = SEEDS[4];
    let (reports, _) = check_document(text);
    let flat = layouts::flatten(text, &reports[0], 1.0, 0).replacen(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）3000003",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）3 0 0 0 0 0 4",
        1,
    );
    assert!(flat.contains("3 0 0 0 0 0 4"), "the row as flattened");
    let (_, found) = check_document(&flat);
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    let has = |code: &str, text: &str| said.iter().any(|&(c, m)| c == code && m.contains(text));
    assert!(has("row-total-mismatch", "「（二）部分公开"), "{said:?}");
    assert!(
        has(
            "row-total-mismatch",
            "「4.保护第三方合法权益」行「总计」应为 2"
        ),
        "{said:?}"
    );
    assert!(
        has("column-total-mismatch", "「自然人」列应为 53"),
        "{said:?}"
    );
    assert!(
        has("recovered-cells", "满足最多合计关系的分法只有一种"),
        "{said:?}"
    );
    assert!(
        !said
            .iter()
            .any(|&(c, m)| c == "ambiguous-cells" && m.contains("表三")),
        "{said:?}"
    );
}

#[test]
fn a_row_whose_cells_a_crawl_left_blank_is_unfilled_not_missing() {
    // A crawl drops empty cells: a row left blank in the report is its label with the
    // next label right after it (「…3.要求提供公开出版物4.无正当理由…」).
    let (_, text) = SEEDS[4];
    let (reports, _) = check_document(text);
    let flat = layouts::flatten(text, &reports[0], 1.0, 0);
    let row = "3.要求提供公开出版物";
    let at = flat.find(row).expect("the row as flattened") + row.len();
    let digits = flat[at..].bytes().take_while(u8::is_ascii_digit).count();
    assert_eq!(&flat[at..at + digits], "0000000", "the seed's row of zeros");
    let blank = format!("{}{}", &flat[..at], &flat[at + digits..]);
    let (_, found) = check_document(&blank);
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    assert!(
        !found.iter().any(|d| d.code == "missing-row"),
        "not missing: {said:?}"
    );
    assert!(
        found.iter().any(|d| d.code == "unfilled-cell"
            && d.message.starts_with("表三有 7 个单元格未填数字")
            && d.message.contains(row)),
        "its seven cells blank: {said:?}"
    );
}

#[test]
fn a_minus_sign_starts_the_change_of_a_2019_article_20_row() {
    // 「行政许可899-310589」: 上一年项目数量 899, 本年增/减 -310, 处理决定数量 589 with
    // every separator dropped. The minus sign is a boundary; the rest has several cuts
    // and no arithmetic: said once, no error made of one value.
    let (_, text) = SEEDS[4];
    let (reports, _) = check_document(text);
    let flat = layouts::flatten(text, &reports[0], 1.0, 0);
    let glued = flat.replacen("899 -310 589", "899-310589", 1);
    assert_ne!(glued, flat, "the row as flattened");
    let (_, found) = check_document(&glued);
    let about: Vec<(&str, &str)> = found
        .iter()
        .filter(|d| d.message.contains("行政许可"))
        .map(|d| (d.code, &*d.message))
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    assert_eq!(about[0].0, "ambiguous-cells");
    assert!(about[0].1.contains("899、-310、589"), "{about:?}");
}

#[test]
fn a_variant_part_title_in_running_text_is_nonstandard_not_missing() {
    let (_, text) = SEEDS[4];
    let (reports, _) = check_document(text);
    let flat = layouts::flatten(text, &reports[0], 1.0, 0);
    let variant = flat.replacen(
        "五、存在的主要问题及改进情况",
        "五、存在的主要问题及改进措施",
        1,
    );
    assert_ne!(variant, flat, "the title as flattened");
    let (reports, found) = check_document(&variant);
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    assert!(
        !found
            .iter()
            .any(|d| d.code == "missing-part" || d.code == "missing-table"),
        "{said:?}"
    );
    assert!(
        found.iter().any(|d| d.code == "nonstandard-part-title"
            && d.message.contains("「五、存在的主要问题及改进措施」")),
        "{said:?}"
    );
    assert_eq!(reports[0].parts.len(), 6);
    assert_eq!(reports[0].tables4.len(), 1);

    // Shorter than the standard title: the title ends at the space, and table 四's
    // header after it is still found.
    let shorter = flat.replacen(
        "四、政府信息公开行政复议、行政诉讼情况 ",
        "四、政府信息公开行政复议、行政诉讼 ",
        1,
    );
    assert_ne!(shorter, flat, "the title as flattened");
    let (reports, found) = check_document(&shorter);
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    assert!(
        found.iter().any(|d| d.code == "nonstandard-part-title"
            && d.message.contains("「四、政府信息公开行政复议、行政诉讼」")),
        "{said:?}"
    );
    assert_eq!(reports[0].tables4.len(), 1, "{said:?}");

    // A part 五 with no text before 六's title: part 六 is not eaten by 五's.
    let empty = variant.replacen("五、存在的主要问题及改进措施", "五、存在的主要问题", 1);
    let at = empty.find("五、存在的主要问题").expect("五") + "五、存在的主要问题".len();
    let six = empty.find("六、").expect("六");
    let empty = format!("{}{}", &empty[..at], &empty[six..]);
    let (reports, found) = check_document(&empty);
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.code, &*d.message)).collect();
    assert_eq!(reports[0].parts.len(), 6, "{said:?}");
    assert!(!found.iter().any(|d| d.code == "missing-part"), "{said:?}");
}

#[test]
fn the_2019_row_label_and_a_mistyped_header_in_a_2021_crawl() {
    // 「规范性文件」 under 第二十条第（一）项 of a 2021 report, and the header typo
    // 「先行有效件数」: the row is read with a note of its format, the header said;
    // nothing swallowed.
    const VALID_2021: &str = include_str!("../../crates/nianbao-checks/test_data/valid_2021.txt");
    let (reports, _) = check_document(VALID_2021);
    let flat = layouts::flatten(VALID_2021, &reports[0], 1.0, 0);
    let odd = flat.replacen("行政规范性文件", "规范性文件", 1).replacen(
        "现行有效件数",
        "先行有效件数",
        1,
    );
    assert!(odd.contains("先行有效件数") && odd.len() < flat.len());
    let (_, found) = check_document(&odd);
    let said: Vec<(&str, &str)> = found
        .iter()
        .filter(|d| d.code.starts_with("article20"))
        .map(|d| (d.code, &*d.message))
        .collect();
    assert_eq!(
        said,
        [
            (
                "article20-unknown-header",
                "表头「先行有效件数」不是第二十条表格的列名；此列应为「现行有效件数」"
            ),
            (
                "article20-row-label",
                "「规范性文件」是 2019 年版格式的行名；本报告适用 2021 年版格式，此行应为「行政规范性文件」（已按此行读取）"
            )
        ]
    );
}

/// The findings of the table sums (T3-ROW, T3-SUM, T3-ID, T4-SUM), with their messages.
fn sum_findings(d: &[nianbao_checks::Diagnostic]) -> Vec<(String, String)> {
    const SUMS: [&str; 4] = [
        "row-total-mismatch",
        "column-total-mismatch",
        "balance-mismatch",
        "review-litigation-total-mismatch",
    ];
    findings(d)
        .into_iter()
        .filter(|(code, _)| SUMS.contains(&code.as_str()))
        .collect()
}

/// Rows of tables 三 and 四 a flattened report left unread.
fn unread_table_rows(report: &nianbao_model::Report) -> Vec<String> {
    report
        .recovery
        .iter()
        .flat_map(|r| &r.unread)
        .filter(|u| u.what.starts_with("表三") || u.what.starts_with("表四"))
        .map(|u| format!("{} {:?}", u.what, u.reading))
        .collect()
}

#[test]
fn every_seed_flattened_completely_gives_its_own_sum_findings() {
    // Every line break and separator dropped: 004's row-total and column-total errors
    // with the culprit cell, 000's three balance errors — read by the reading that
    // breaks the fewest equations, not left ambiguous.
    let mut with_errors = 0;
    for (name, text) in seeds() {
        let (reports, found) = check_document(&text);
        if reports[0].parts.len() < 3 {
            continue;
        }
        let want = sum_findings(&found);
        with_errors += usize::from(!want.is_empty());
        let flat = layouts::flatten(&text, &reports[0], 1.0, 0);
        let (got_reports, got) = check_document(&flat);
        assert_eq!(
            unread_table_rows(&got_reports[0]),
            Vec::<String>::new(),
            "{name}"
        );
        assert_eq!(sum_findings(&got), want, "{name}");
    }
    assert_eq!(with_errors, 2, "seeds 000 and 004 have sum errors");
}

/// `text` with cell `cell` of the row at `range`-start changed from `v` to `v + 1`.
fn plant(text: &str, cell: &nianbao_model::ValueCell) -> Option<String> {
    let v: u64 = cell.text.trim().parse().ok()?;
    let r = cell.range;
    Some(format!("{}{}{}", &text[..r.start], v + 1, &text[r.end..]))
}

#[test]
fn a_wrong_cell_planted_in_any_row_of_a_flattened_correct_report_is_found() {
    // Seed 001 and the synthetic reports without errors: in each row of table 三 and in
    // table 四, one cell made wrong (a different column each row). Flattened completely,
    // the copy gives the same sum findings as the tidy report with the same wrong cell.
    let originals: Vec<(String, String)> = seeds()
        .into_iter()
        .filter(|(n, _)| n == "001")
        .chain(
            synthetic()
                .into_iter()
                .filter(|(n, _)| n.ends_with("errors=false")),
        )
        .collect();
    let mut planted = 0;
    for (name, text) in &originals {
        let (reports, found) = check_document(text);
        assert_eq!(sum_findings(&found), Vec::new(), "{name} is correct");
        let report = &reports[0];
        let mut cells: Vec<(String, &nianbao_model::ValueCell)> = Vec::new();
        for (i, row) in report.tables3[0].rows.iter().enumerate() {
            if let Some(c) = row.cells.get(i % 7) {
                cells.push((format!("表三 row {i}"), c));
            }
        }
        if let Some(row) = report.tables4.first().and_then(|t| t.row.as_ref()) {
            for c in [0, 6, 14] {
                if let Some(cell) = row.cells.get(c) {
                    cells.push((format!("表四 cell {c}"), cell));
                }
            }
        }
        for (what, cell) in cells {
            let Some(wrong) = plant(text, cell) else {
                continue;
            };
            let (wrong_reports, tidy) = check_document(&wrong);
            let want = sum_findings(&tidy);
            assert!(
                !want.is_empty(),
                "{name} {what}: the planted cell breaks a sum"
            );
            let flat = layouts::flatten(&wrong, &wrong_reports[0], 1.0, 0);
            let (got_reports, got) = check_document(&flat);
            assert_eq!(
                unread_table_rows(&got_reports[0]),
                Vec::<String>::new(),
                "{name} {what}"
            );
            assert_eq!(sum_findings(&got), want, "{name} {what}");
            planted += 1;
        }
    }
    eprintln!("{planted} wrong cells planted, each found as in the tidy report");
    assert!(planted > 50, "{planted} cells planted");
}

/// Seed 004 flattened completely, with `from` replaced by `to` (which must be there).
fn seed_004_flattened_with(from: &str, to: &str) -> (String, Vec<nianbao_checks::Diagnostic>) {
    let (_, text) = SEEDS[4];
    let (reports, _) = check_document(text);
    let flat = layouts::flatten(text, &reports[0], 1.0, 0);
    assert!(flat.contains(from), "{from} as flattened");
    let changed = flat.replacen(from, to, 1);
    let (_, found) = check_document(&changed);
    (changed, found)
}

/// The findings whose message names one of `names`: (code, message).
fn about<'a>(found: &'a [nianbao_checks::Diagnostic], names: &[&str]) -> Vec<(&'a str, &'a str)> {
    found
        .iter()
        .filter(|d| names.iter().any(|n| d.message.contains(n)))
        .map(|d| (d.code, &*d.message))
        .collect()
}

#[test]
fn a_count_and_an_amount_written_with_their_units_are_read() {
    // 「85笔 18228.47584万元」: a count with its measure word and an amount with its unit
    // — a style note, not 「应为数字」.
    let (_, found) = seed_004_flattened_with(
        "政府集中采购 85 18228.47584",
        "政府集中采购 85笔 18228.47584万元",
    );
    assert_eq!(
        about(&found, &["85笔", "政府集中采购"]),
        [(
            "number-style",
            "数字「85笔」使用了量词「笔」；建议写作「85」"
        )]
    );
}

#[test]
fn a_subheading_after_a_blocks_last_row_ends_the_row() {
    // 「行政事业性收费52-19（二）主动公开政府信息的主要类别」: the row's cells stop where
    // the subheading starts; the minus sign still starts 本年增/减.
    let (_, found) = seed_004_flattened_with(
        "行政事业性收费 52 -19 ",
        "行政事业性收费52-19（二）主动公开政府信息的主要类别 ",
    );
    assert_eq!(about(&found, &["行政事业性收费", "主要类别"]), []);
    let (_, text) = SEEDS[4];
    let (_, seed) = check_document(text);
    assert_eq!(sum_findings(&found), sum_findings(&seed));
}

#[test]
fn part_three_right_after_an_amount_and_its_unit_in_a_2019_crawl() {
    // 「政府集中采购85 18228.47584万元三、收到和处理…」: part 三's heading glued to the last
    // 第二十条 row; the part, its table and the seed's sum findings are all there.
    let (changed, found) = seed_004_flattened_with(
        "政府集中采购 85 18228.47584 三、",
        "政府集中采购85 18228.47584万元三、",
    );
    let (reports, _) = check_document(&changed);
    let parts: Vec<u8> = reports[0].parts.iter().map(|p| p.part.number()).collect();
    assert_eq!(parts, [1, 2, 3, 4, 5, 6]);
    assert!(
        !found.iter().any(|d| d.code.starts_with("missing")),
        "{found:?}"
    );
    let (_, text) = SEEDS[4];
    let (_, seed) = check_document(text);
    assert_eq!(sum_findings(&found), sum_findings(&seed));
}
