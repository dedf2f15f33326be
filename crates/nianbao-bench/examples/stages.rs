//! Where a full check's time goes, stage by stage, against the floor:
//! `cargo run --release -p nianbao-bench --example stages`. Each figure is the fastest of
//! 50 runs: on a shared machine the fastest run is the one least disturbed.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::time::{Duration, Instant};

fn main() {
    let w = nianbao_bench::workload(42, 1 << 20);
    let mut best = [Duration::MAX; 5];
    for _ in 0..50 {
        let mut lap = {
            let mut t = Instant::now();
            move |stage: usize, best: &mut [Duration; 5]| {
                best[stage] = best[stage].min(t.elapsed());
                t = Instant::now();
            }
        };
        let blocks = nianbao_syntax::parse_str(&w.text);
        lap(0, &mut best);
        let reports = nianbao_model::build_all(&blocks, &Default::default());
        lap(1, &mut best);
        let findings: usize = reports
            .iter()
            .map(|r| nianbao_checks::check(r, &Default::default()).len())
            .sum();
        std::hint::black_box(findings);
        lap(2, &mut best);
        drop((blocks, reports));
        lap(3, &mut best);
        let t = Instant::now();
        std::hint::black_box(nianbao_bench::floor(std::hint::black_box(&w.text)));
        best[4] = best[4].min(t.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let full: f64 = best[..4].iter().map(|&d| ms(d)).sum();
    println!(
        "1 MB, fastest of 50: parse {:.2} ms, model {:.2} ms, checks {:.2} ms, freeing {:.2} ms = {full:.2} ms; floor {:.2} ms ({:.1} %)",
        ms(best[0]),
        ms(best[1]),
        ms(best[2]),
        ms(best[3]),
        ms(best[4]),
        100.0 * ms(best[4]) / full
    );
}
