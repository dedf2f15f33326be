//! Flattened copies of the seeds (`layouts::flatten`: one line, table cells glued at
//! random): each must read as its seed does — the same parts, and the same findings, or
//! a finding that says why a row could not be read (`ambiguous-cells`), in which case
//! the findings that row would have given may be missing and no other may appear.

use nianbao_tests::{check_document, layouts};

/// Every seed, as (name, text).
fn seeds() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "000",
            include_str!("../fixtures/seeds/000_1054c5726d89645b.txt"),
        ),
        (
            "001",
            include_str!("../fixtures/seeds/001_d96056d888965bac.txt"),
        ),
        (
            "002",
            include_str!("../fixtures/seeds/002_06f82d3c865ffb02.txt"),
        ),
        (
            "003",
            include_str!("../fixtures/seeds/003_adbb303f957dc0c3.txt"),
        ),
        (
            "004",
            include_str!("../fixtures/seeds/004_2a4738e891b759f6.txt"),
        ),
    ]
}

#[derive(Default, Debug)]
struct Tally {
    reports: usize,
    rows_recovered: usize,
    rows_unread: usize,
    /// Of those, rows of a 第二十条 table (no arithmetic to cut by).
    rows_unread_article20: usize,
    reports_with_unread: usize,
}

fn findings(d: &[nianbao_checks::Diagnostic]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = d
        .iter()
        .filter(|d| !["flattened-text", "ambiguous-cells"].contains(&d.code))
        // The flattened copy writes a blank cell 「/」 (see `layouts::flatten`).
        .map(|d| (d.code.to_string(), d.message.replace("「/」", "（空白）")))
        .collect();
    out.sort();
    out
}

fn flattened_reads_as_its_seed(drop: f64, rounds: u64, tally: &mut Tally) {
    for (name, text) in seeds() {
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
            tally.rows_recovered += recovery.recovered;
            tally.rows_unread += recovery.unread.len();
            tally.rows_unread_article20 += recovery
                .unread
                .iter()
                .filter(|u| u.what.starts_with("第二十条"))
                .count();
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
    flattened_reads_as_its_seed(0.0, 1, &mut tally);
    assert_eq!(tally.rows_unread, 0, "{tally:?}");
}

#[test]
fn flattened_seeds_with_cells_glued_at_random_read_as_the_seeds_or_say_why() {
    let mut tally = Tally::default();
    for drop in [0.3, 0.7, 1.0] {
        flattened_reads_as_its_seed(drop, 8, &mut tally);
    }
    eprintln!(
        "flattened seeds: {} reports; {} rows cut uniquely by the arithmetic, {} rows unread ({} of them 第二十条 rows, which have no arithmetic) in {} reports",
        tally.reports,
        tally.rows_recovered,
        tally.rows_unread,
        tally.rows_unread_article20,
        tally.reports_with_unread
    );
    assert!(tally.rows_recovered > tally.rows_unread, "{tally:?}");
}
