//! The fixed workloads whose instructions `scripts/perf-guard.sh` counts under valgrind
//! (callgrind, collecting only inside [`measured`]: the setup — generating a document,
//! opening it — is not counted). Instruction counts, unlike seconds, do not move with
//! the machine's load.
//!
//! `perf_workload NAME` runs one:
//! - `check-40k`, `check-1m`: a whole check (parse, model, every check) of the generated
//!   40 KB report and 1 MB document;
//! - `keys-40k`, `keys-1m`: ten keystroke pairs (a digit typed into a table-三 cell and
//!   deleted) through `nianbao_ide::Buffer`, each edit analysed, then ten in a paragraph
//!   of part 五 — with the body's report of the year before at hand, the same text (the
//!   cross-year checks run, and every sentence is compared and found the same);
//! - `pdf`: reading a PDF (seed 004 as LibreOffice writes it) and checking its text;
//! - `floor-40k`, `floor-1m`: the floor (`nianbao_bench::floor`) over the same documents
//!   as `check-*`, for full / floor in instructions (not in the guard).
//!
//! `perf_workload batch-folder DIR` writes the batch folder: 50 bodies' reports of two
//! years each (the cross-year pairs), which the script checks with
//! `nianbao check --format json DIR`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A tool that says what it did.

use std::path::Path;

use nianbao_bench::workload;
use nianbao_ide::{Buffer, Edit, Settings};

/// The code whose instructions are counted: kept out of line so that callgrind finds it.
#[inline(never)]
fn measured(work: &mut dyn FnMut() -> usize) -> usize {
    work()
}

fn keystrokes(bytes: usize) -> usize {
    let w = workload(42, bytes);
    let mut buffer = Buffer::new(&w.text);
    let settings = Settings {
        last_years: last_year(&w.text).into_iter().collect(),
        ..Settings::default()
    };
    buffer.analyze(&settings);
    assert!(
        !settings.last_years.is_empty(),
        "the workload's report has a body and year"
    );
    let mut work = || {
        let mut n = 0;
        for at in [w.table_cell, w.prose] {
            for _ in 0..10 {
                for edit in [
                    Edit {
                        range: at..at,
                        text: "7".into(),
                    },
                    Edit {
                        range: at..at + 1,
                        text: String::new(),
                    },
                ] {
                    if buffer.apply_edit(&edit).is_ok() {
                        n += buffer.analyze(&settings).diagnostics().count();
                    }
                }
            }
        }
        n
    };
    measured(&mut work)
}

/// `text`'s report handed on as the year before's: the same text, a year earlier.
fn last_year(text: &str) -> Option<std::sync::Arc<nianbao_model::years::HandedOn>> {
    let report = nianbao_model::build_text(text, &Default::default())
        .into_iter()
        .next()?;
    let mut handed = nianbao_model::years::handed_on(&report, "last.md".into())?;
    handed.year -= 1;
    Some(std::sync::Arc::new(handed))
}

fn check(bytes: usize) -> usize {
    let w = workload(42, bytes);
    measured(&mut || nianbao_bench::check(&w.text))
}

fn floor(bytes: usize) -> usize {
    let w = workload(42, bytes);
    measured(&mut || nianbao_bench::floor(&w.text))
}

fn pdf() -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/converted/004.pdf");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    measured(
        &mut || match nianbao_formats::convert(nianbao_formats::Kind::Pdf, bytes.clone()) {
            Ok(converted) => nianbao_bench::check(&converted.text),
            Err(_) => 0,
        },
    )
}

/// Fifty bodies, each with this year's report and the year before's (carrying over
/// what this year's carries in), as an auditor's folder of two years holds them.
fn batch_folder(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut written = 0;
    for i in 0..50u64 {
        let text = workload(i + 1, 1).text;
        // A body of its own for each: its number before the place in the title.
        let text = text.replacen("# ", &format!("# 第{i}"), 1);
        let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
        let carried =
            nianbao_tests::years::carried_in(&report).unwrap_or([nianbao_model::Decimal::ZERO; 7]);
        let before =
            nianbao_tests::years::year_before(&text, &carried).unwrap_or_else(|| text.clone());
        std::fs::write(dir.join(format!("{i:02}-this.md")), &text)
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join(format!("{i:02}-last.md")), before)
            .unwrap_or_else(|e| panic!("{e}"));
        written += 2;
    }
    println!("{written} reports in {}", dir.display());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = match args.first().map(String::as_str) {
        Some("check-40k") => check(1),
        Some("check-1m") => check(1 << 20),
        Some("keys-40k") => keystrokes(1),
        Some("keys-1m") => keystrokes(1 << 20),
        Some("pdf") => pdf(),
        Some("floor-40k") => floor(1),
        Some("floor-1m") => floor(1 << 20),
        Some("batch-folder") => {
            batch_folder(Path::new(args.get(1).map_or("perf-batch", String::as_str)));
            return;
        }
        _ => {
            eprintln!(
                "usage: perf_workload check-40k|check-1m|keys-40k|keys-1m|pdf|floor-40k|floor-1m|batch-folder DIR"
            );
            std::process::exit(2);
        }
    };
    std::hint::black_box(n);
}
