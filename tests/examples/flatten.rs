//! Writes a seed flattened as `layouts::flatten` does (for looking at one by hand):
//! `cargo run -p nianbao-tests --example flatten -- SEED.txt [DROP] [SEED]`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A tool that writes a file to stdout.

use nianbao_tests::{check_document, layouts};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: flatten SEED.txt [DROP] [SEED]");
        std::process::exit(2);
    };
    let drop: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(2);
    };
    let (reports, _) = check_document(&text);
    match reports.first() {
        Some(report) => print!("{}", layouts::flatten(&text, report, drop, seed)),
        None => print!("{text}"),
    }
}
