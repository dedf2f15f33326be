//! Every seed with its tables re-laid out the way real conversions write them
//! (`nianbao_tests::layouts`), and wrapped into a portal's web page: the findings stay the
//! seed's own, code for code and message for message.

use nianbao_tests::layouts::{relay, web_page, LAYOUTS};
use nianbao_tests::{check_document, said, SEEDS};

/// Seeds with all three tables (002 is a 2019-format report without table 四's row; 001
/// is the empty file).
fn seeds() -> impl Iterator<Item = (&'static str, &'static str)> {
    SEEDS.into_iter().filter(|(n, _)| *n != "001")
}

#[test]
fn relaid_tables_give_the_seeds_findings() {
    let mut failures = Vec::new();
    for (name, text) in seeds() {
        let (reports, _) = check_document(text);
        let expected = said(text);
        for layout in LAYOUTS {
            let relaid = relay(text, &reports[0], layout);
            let got = said(&relaid);
            if got != expected {
                failures.push(format!(
                    "seed {name}, {}:\n  expected {expected:?}\n  got      {got:?}",
                    layout.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_seed_as_a_web_page_gives_its_findings() {
    let mut failures = Vec::new();
    for (name, text) in seeds() {
        let expected = said(text);
        let got = said(&web_page(text));
        if got != expected {
            failures.push(format!(
                "seed {name}:\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_layout_changes_the_text() {
    // A layout that wrote the tables as they were would test nothing.
    let (name, text) = SEEDS[0];
    let (reports, _) = check_document(text);
    for layout in LAYOUTS {
        assert_ne!(
            relay(text, &reports[0], layout),
            text,
            "seed {name}, {}",
            layout.name
        );
    }
}
