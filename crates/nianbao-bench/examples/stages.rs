//! Where a full check's time goes, stage by stage, against the floor:
//! `cargo run --release -p nianbao-bench --example stages`.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::time::Instant;

fn main() {
    let w = nianbao_bench::workload(42, 1 << 20);
    let n = 30;
    let (mut p, mut m, mut c, mut f) = (0.0, 0.0, 0.0, 0.0);
    for _ in 0..n {
        let t = Instant::now();
        let blocks = nianbao_syntax::parse_str(&w.text);
        p += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let reports = nianbao_model::build_all(&blocks, &Default::default());
        m += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let findings: usize = reports
            .iter()
            .map(|r| nianbao_checks::check(r, &Default::default()).len())
            .sum();
        std::hint::black_box(findings);
        c += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut cells = 0;
        for line in w.text.as_bytes().split(|&b| b == b'\n') {
            cells += 1 + line.iter().filter(|&&b| b == b'\t' || b == b'|').count();
        }
        std::hint::black_box(cells);
        f += t.elapsed().as_secs_f64();
    }
    let ms = n as f64 / 1000.0;
    println!(
        "1 MB: parse {:.2} ms, model {:.2} ms, checks {:.2} ms; floor {:.2} ms",
        p / ms,
        m / ms,
        c / ms,
        f / ms
    );
}
