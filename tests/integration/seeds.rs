//! The seeds: what each must and must not report.

use nianbao_checks::Diagnostic;
use nianbao_model::Report;
use nianbao_tests::check_document;

const SEED_000: &str = include_str!("../fixtures/seeds/000_1054c5726d89645b.txt");
const SEED_001: &str = include_str!("../fixtures/seeds/001_d96056d888965bac.txt");
const SEED_002: &str = include_str!("../fixtures/seeds/002_06f82d3c865ffb02.txt");
const SEED_003: &str = include_str!("../fixtures/seeds/003_adbb303f957dc0c3.txt");
const SEED_004: &str = include_str!("../fixtures/seeds/004_2a4738e891b759f6.txt");

const ARITHMETIC: [&str; 5] = [
    "row-total-mismatch",
    "column-total-mismatch",
    "balance-mismatch",
    "subtotal-mismatch",
    "review-litigation-total-mismatch",
];

fn run(text: &str) -> (Report, Vec<Diagnostic>) {
    let (mut reports, diagnostics) = check_document(text);
    assert_eq!(reports.len(), 1, "each seed is one report");
    (reports.remove(0), diagnostics)
}

fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    nianbao_checks::render(text, diagnostics)
}

fn codes<'a>(diagnostics: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).collect()
}

fn cell_text<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    &text[d.range.start..d.range.end]
}

#[test]
fn seed_000_fuzhou_2019() {
    let (report, found) = run(SEED_000);
    // All six parts, from level-2 to level-4 headings and a bold 六.
    assert_eq!(
        report
            .parts
            .iter()
            .map(|p| p.part.number())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    // Every 第二十条 block read, the header variants accepted.
    assert_eq!(
        report.article20.iter().map(|b| b.item).collect::<Vec<_>>(),
        [Some(1), Some(5), Some(6), Some(8), Some(9)]
    );
    for block in &report.article20 {
        let header = block.header.as_ref().expect("header");
        assert_eq!(
            header.format(block.item.unwrap()),
            Some(nianbao_model::Format::F2019),
            "{}",
            block.caption
        );
    }
    // T3-ID fails in exactly three columns; 总计 and the others balance.
    let balance = codes(&found, "balance-mismatch");
    let columns: Vec<&str> = balance
        .iter()
        .map(|d| {
            d.message
                .split('」')
                .next()
                .unwrap()
                .trim_start_matches('「')
        })
        .collect();
    assert_eq!(columns, ["自然人", "商业企业", "其他"]);
    assert!(balance[0].message.contains("2668") && balance[0].message.contains("2655"));
    assert!(balance[1].message.contains("58") && balance[1].message.contains("57"));
    assert!(balance[2].message.contains("10") && balance[2].message.contains("24"));
    // The diagnostic sits on the 四、结转 cell with the other three cells related.
    assert_eq!(cell_text(SEED_000, balance[0]), "57");
    assert_eq!(
        balance[0]
            .related
            .iter()
            .map(|r| cell_text(
                SEED_000,
                &Diagnostic {
                    range: r.range,
                    ..balance[0].clone()
                }
            ))
            .collect::<Vec<_>>(),
        ["2652", "16", "2598"]
    );
    // Table 四's five empty 行政复议 cells are blanks, with no sum error.
    let blanks = codes(&found, "unfilled-cell");
    assert_eq!(blanks.len(), 1);
    assert!(blanks[0].message.starts_with("表四有 5 个单元格"));
    let arithmetic: Vec<_> = found
        .iter()
        .filter(|d| ARITHMETIC.contains(&d.code) && d.code != "balance-mismatch")
        .collect();
    assert!(arithmetic.is_empty(), "{arithmetic:?}");
    assert_eq!(found.len(), 4, "{}", render(SEED_000, &found));
    expect_test::expect_file!["../fixtures/seeds/000_1054c5726d89645b.expected"]
        .assert_eq(&render(SEED_000, &found));
}

#[test]
fn seed_001_one_cell_per_line() {
    let (report, found) = run(SEED_001);
    assert_eq!(report.tables3.len(), 1);
    let t3 = &report.tables3[0];
    assert_eq!(t3.rows.len(), 23);
    assert!(t3
        .rows
        .iter()
        .all(|r| t3.is_mapped(r) && r.cells.iter().all(|c| c.text == "0")));
    assert!(t3.unmapped.is_empty());
    let t4 = report.tables4[0].row.as_ref().expect("table 四 row");
    assert_eq!(t4.cells.len(), 15);
    assert_eq!(report.article20.len(), 5);
    assert_eq!(
        report.article20.iter().map(|b| b.rows.len()).sum::<usize>(),
        8
    );
    assert_eq!(render(SEED_001, &found), "");
    expect_test::expect_file!["../fixtures/seeds/001_d96056d888965bac.expected"]
        .assert_eq(&render(SEED_001, &found));
}

#[test]
fn seed_002_provincial_summary() {
    let (_, found) = run(SEED_002);
    assert_eq!(codes(&found, "missing-part").len(), 6);
    assert_eq!(codes(&found, "missing-table").len(), 3);
    assert_eq!(found.len(), 9, "{}", render(SEED_002, &found));
    expect_test::expect_file!["../fixtures/seeds/002_06f82d3c865ffb02.expected"]
        .assert_eq(&render(SEED_002, &found));
}

#[test]
fn seed_003_page_break_and_short_row() {
    let (report, found) = run(SEED_003);
    // One table across the page break and repeated header.
    assert_eq!(report.tables3.len(), 1);
    assert_eq!(report.tables3[0].rows.len(), 23);
    let short = codes(&found, "wrong-cell-count");
    assert_eq!(short.len(), 1);
    assert!(
        short[0]
            .message
            .starts_with("「四、结转下年度继续办理」行有 6 个数值，应为 7 个"),
        "{}",
        short[0].message
    );
    assert!(found.iter().all(|d| !ARITHMETIC.contains(&d.code)));
    assert_eq!(found.len(), 1, "{}", render(SEED_003, &found));
    expect_test::expect_file!["../fixtures/seeds/003_adbb303f957dc0c3.expected"]
        .assert_eq(&render(SEED_003, &found));
}

#[test]
fn seed_004_quangang_2020() {
    let (report, found) = run(SEED_004);
    let row = codes(&found, "row-total-mismatch");
    assert_eq!(row.len(), 1);
    assert!(
        row[0]
            .message
            .starts_with("「4.保护第三方合法权益」行「总计」应为 2"),
        "{}",
        row[0].message
    );
    assert_eq!(cell_text(SEED_004, row[0]), "0");
    let fix = row[0].fix.as_ref().expect("a fix");
    // The one cell that explains the row's and the 自然人 column's sums.
    assert_eq!(
        (&*fix.title, fix.edits[0].new_text.as_str()),
        ("将「4.保护第三方合法权益」「自然人」由 2 改为 0", "0")
    );
    let column = codes(&found, "column-total-mismatch");
    assert_eq!(column.len(), 1);
    assert!(
        column[0].message.contains("「自然人」列应为 53") && column[0].message.contains("实为 51")
    );
    assert_eq!(cell_text(SEED_004, column[0]), "51");
    assert_eq!(codes(&found, "unfilled-cell").len(), 1);
    // 采购总金额（万元） 18228.47584 read exactly and accepted.
    let purchase = report.article20.iter().find(|b| b.item == Some(9)).unwrap();
    assert_eq!(
        purchase.rows[0].values[1]
            .number()
            .unwrap()
            .value
            .to_string(),
        "18228.47584"
    );
    assert_eq!(found.len(), 3, "{}", render(SEED_004, &found));
    expect_test::expect_file!["../fixtures/seeds/004_2a4738e891b759f6.expected"]
        .assert_eq(&render(SEED_004, &found));
}

#[test]
fn applying_the_row_fix_to_seed_004_clears_it() {
    let (_, found) = run(SEED_004);
    let fix = codes(&found, "row-total-mismatch")[0].fix.clone().unwrap();
    let mut text = SEED_004.to_string();
    for edit in fix.edits.iter().rev() {
        text.replace_range(edit.range.start..edit.range.end, &edit.new_text);
    }
    let (_, after) = run(&text);
    // The fix changes the one cell that explains both sums: no table-三 finding is left.
    for code in [
        "row-total-mismatch",
        "column-total-mismatch",
        "balance-mismatch",
    ] {
        assert!(codes(&after, code).is_empty(), "{code}");
    }
    assert!(text.contains("4. 保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0\t"));
}
