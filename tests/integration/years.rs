//! The cross-year checks on pairs made from the seeds (`nianbao_tests::years`): a report
//! and the same body's report of the year before, which carries over what this year's
//! carries in — then differing in one column, which must be the one finding.

use std::sync::Arc;

use nianbao_ide::{analyze, Document, Settings};
use nianbao_model::template::T3_COLUMNS;
use nianbao_model::years::handed_on;
use nianbao_model::Decimal;
use nianbao_tests::years::{carried_in, year_before};
use nianbao_tests::SEEDS;

/// The `last-year-mismatch` findings of `text` checked beside `last`: (line, message).
fn mismatches(text: &str, last: &str) -> Vec<String> {
    let last_report = nianbao_model::build_text(last, &Default::default()).remove(0);
    let handed = handed_on(&last_report, "去年.txt".into()).expect("the copy has a body and year");
    let settings = Settings {
        check_all_documents: true,
        last_years: vec![Arc::new(handed)],
        ..Settings::default()
    };
    analyze(&Document::new(text), &settings)
        .diagnostics()
        .filter(|d| d.code == "last-year-mismatch")
        .map(|d| d.message.to_string())
        .collect()
}

#[test]
fn a_pair_made_from_a_seed_finds_exactly_the_column_that_differs() {
    let mut pairs = 0;
    for (name, text) in SEEDS {
        let report = nianbao_model::build_text(text, &Default::default()).remove(0);
        let Some(carried) = carried_in(&report) else {
            eprintln!("{name}: no 上年结转 row of counts, no pair made");
            continue;
        };
        let Some(agreeing) = year_before(text, &carried) else {
            eprintln!("{name}: no title year or 结转下年度 row, no pair made");
            continue;
        };
        pairs += 1;
        assert_eq!(mismatches(text, &agreeing), Vec::<String>::new(), "{name}");
        for (col, column) in T3_COLUMNS.iter().enumerate() {
            let mut differing = carried;
            differing[col] = carried[col].checked_add(Decimal::from_int(3)).unwrap();
            let last = year_before(text, &differing).unwrap();
            let found = mismatches(text, &last);
            assert_eq!(found.len(), 1, "{name} column {column}: {found:?}");
            assert!(
                found[0].contains(&format!("「{column}」为 {}", carried[col]))
                    && found[0].contains(&format!("为 {}：", differing[col])),
                "{name}: {}",
                found[0]
            );
        }
        // Not the same body, or not the year before: nothing.
        let other = year_before(
            text,
            &carried.map(|v| v.checked_add(Decimal::from_int(1)).unwrap()),
        )
        .unwrap();
        let two_years = other.replacen(
            &format!("{}", report.year().unwrap() - 1),
            &format!("{}", report.year().unwrap() - 2),
            1,
        );
        assert_eq!(mismatches(text, &two_years), Vec::<String>::new(), "{name}");
    }
    // 000 and 004 have a title with body and year and both rows of counts (003's
    // 结转下年度 row has six cells, 002's 上年结转 row is blank, 001 has no title).
    assert_eq!(pairs, 2);
}
