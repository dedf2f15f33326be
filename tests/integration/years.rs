//! The cross-year checks on pairs made from the seeds (`nianbao_tests::years`): a report
//! and the same body's report of the year before, which carries over what this year's
//! carries in — then differing in one column, which must be the one finding.

use std::sync::Arc;

use nianbao_ide::{analyze, Document, Settings};
use nianbao_model::template::T3_COLUMNS;
use nianbao_model::years::handed_on;
use nianbao_model::Decimal;
use nianbao_model::Part;
use nianbao_tests::years::{carried_in, prose_rewritten, year_before};
use nianbao_tests::SEEDS;

/// The `last-year-mismatch` findings of `text` checked beside `last`: their messages.
fn mismatches(text: &str, last: &str) -> Vec<String> {
    found(text, last, "last-year-mismatch")
}

/// The findings of `code` of `text` checked beside `last`: their messages.
pub fn found(text: &str, last: &str, code: &str) -> Vec<String> {
    let last_report = nianbao_model::build_text(last, &Default::default()).remove(0);
    let handed = handed_on(&last_report, "去年.txt".into()).expect("the copy has a body and year");
    let settings = Settings {
        check_all_documents: true,
        last_years: vec![Arc::new(handed)],
        ..Settings::default()
    };
    analyze(&Document::new(text), &settings)
        .diagnostics()
        .filter(|d| d.code == code)
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

#[test]
fn a_pair_made_from_a_seed_finds_the_part_kept_from_the_year_before() {
    let mut pairs = 0;
    for (name, text) in SEEDS {
        let report = nianbao_model::build_text(text, &Default::default()).remove(0);
        let (Some(carried), Some(year)) = (carried_in(&report), report.year()) else {
            continue;
        };
        let Some(before) = year_before(text, &carried) else {
            continue;
        };
        let problems = report
            .texts
            .iter()
            .find(|t| t.part == Part::Problems)
            .expect("a part 五");
        let n = problems.sentences().count();
        assert!(n >= 3, "{name}: part 五 has {n} sentences");
        pairs += 1;
        // Everything written anew but part 五: part 五 is said, with its share.
        let kept = prose_rewritten(&before, &[Part::Problems]);
        assert_eq!(
            found(text, &kept, "copied-from-last-year"),
            [format!(
                "第五部分 {n} 句中有 {n} 句与 {} 年报告相同（去掉年份后逐句比较）：年度报告应按本年度情况撰写，不得照抄上一年度",
                year - 1
            )],
            "{name}"
        );
        // Part 五 written anew too: nothing.
        let rewritten = prose_rewritten(&before, &[]);
        assert_eq!(
            found(text, &rewritten, "copied-from-last-year"),
            Vec::<String>::new(),
            "{name}"
        );
        // Nothing written anew: every part of three sentences or more is said.
        let all = found(text, &before, "copied-from-last-year");
        let long = report
            .texts
            .iter()
            .filter(|t| t.sentences().count() >= 3)
            .count();
        assert_eq!(all.len(), long, "{name}: {all:?}");
    }
    assert_eq!(pairs, 2, "seeds 000 and 004, as above");
}

/// The 2021-format test report flattened completely (its 「行政规范性文件12340」 has
/// several cuts), and the same body's report of the year before, whose
/// 行政规范性文件 was `in_force_before` in force at the end of the year.
fn flattened_2021_and_its_year_before(in_force_before: u32) -> (String, String) {
    const VALID_2021: &str = include_str!("../../crates/nianbao-checks/test_data/valid_2021.txt");
    let (reports, _) = nianbao_tests::check_document(VALID_2021);
    let flat = nianbao_tests::layouts::flatten(VALID_2021, &reports[0], 1.0, 0);
    assert!(flat.contains("行政规范性文件12340"), "the row as flattened");
    let last = VALID_2021
        .replace("2022 年", "2021 年")
        .replacen("规章\t1\t0\t5", "规章\t1\t0\t4", 1)
        .replacen(
            "行政规范性文件\t12\t3\t40",
            &format!("行政规范性文件\t5\t1\t{in_force_before}"),
            1,
        );
    assert_ne!(last, VALID_2021);
    (flat, last)
}

#[test]
fn last_years_documents_in_force_cut_a_flattened_row_no_arithmetic_could() {
    // Last year 31 in force: of the cuts of 「12340」 only 12、3、40 gives 31 + 12 − 3 = 40.
    let (flat, last) = flattened_2021_and_its_year_before(31);
    let ambiguous = |text: &str, last: Option<&str>| -> Vec<String> {
        match last {
            Some(last) => found(text, last, "ambiguous-cells"),
            None => nianbao_tests::check_document(text)
                .1
                .iter()
                .filter(|d| d.code == "ambiguous-cells")
                .map(|d| d.message.to_string())
                .collect(),
        }
    };
    assert!(ambiguous(&flat, None)
        .iter()
        .any(|m| m.contains("「行政规范性文件」的数字「12340」")));
    assert_eq!(ambiguous(&flat, Some(&last)), Vec::<String>::new());
    assert_eq!(
        found(&flat, &last, "last-year-in-force"),
        Vec::<String>::new()
    );
    // A figure that fits no cut decides nothing: the row stays ambiguous, unguessed.
    let (flat, last) = flattened_2021_and_its_year_before(1000);
    assert!(ambiguous(&flat, Some(&last))
        .iter()
        .any(|m| m.contains("「行政规范性文件」的数字「12340」")));
}
