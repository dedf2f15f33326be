//! The engine benchmark's figures against issue 5's targets, from the last
//! `cargo bench -p nianbao-bench --bench engine`: criterion's medians, read from its
//! `estimates.json` files, and the ratios between figures of that same run.
//!
//! `cargo run --release -p nianbao-bench --bin ratios -- [CRITERION_DIR]` (default:
//! `$CARGO_TARGET_DIR/criterion`, else `target/criterion`). Exits 0 when every target is
//! met, 1 when one is missed, 2 when a figure is missing (the bench was not run).

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark reports on stdout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

/// One benchmark's median in nanoseconds and, for throughput benchmarks, its bytes.
struct Figure {
    median_ns: f64,
    bytes: Option<u64>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn figure(dir: &Path, id: &str) -> Result<Figure, String> {
    let new = dir.join(id).join("new");
    let estimates = read_json(&new.join("estimates.json"))?;
    let median_ns = estimates["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{id}: no median in estimates.json"))?;
    let bytes = read_json(&new.join("benchmark.json"))
        .ok()
        .and_then(|b| b["throughput"]["Bytes"].as_u64());
    Ok(Figure { median_ns, bytes })
}

fn time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn rate(f: &Figure) -> String {
    match f.bytes {
        Some(bytes) => {
            let per_s = bytes as f64 / (f.median_ns / 1e9);
            format!(" ({:.1} MiB/s)", per_s / (1024.0 * 1024.0))
        }
        None => String::new(),
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn run(dir: &Path) -> Result<bool, String> {
    let mut all_met = true;
    println!("criterion medians from {}", dir.display());
    for size in ["40KB", "1MB"] {
        let full = figure(dir, &format!("throughput/full/{size}"))?;
        let floor = figure(dir, &format!("throughput/floor/{size}"))?;
        let ratio = floor.median_ns / full.median_ns;
        let met = ratio >= 0.25;
        all_met &= met;
        println!(
            "full/{size} {}{}, floor {}{}: full is {:.1} % of floor (target ≥ 25 %: {})",
            time(full.median_ns),
            rate(&full),
            time(floor.median_ns),
            rate(&floor),
            ratio * 100.0,
            verdict(met)
        );
    }
    for kind in ["keystroke", "keystroke-in-prose"] {
        let base = figure(dir, &format!("keystroke/{kind}/40KB"))?;
        let mut line = format!("{kind}: 40KB {}", time(base.median_ns));
        for size in ["1MB", "10MB"] {
            let f = figure(dir, &format!("keystroke/{kind}/{size}"))?;
            let times = f.median_ns / base.median_ns;
            let met = times <= 2.0;
            all_met &= met;
            line += &format!(
                ", {size} {} ({times:.2}× — target ≤ 2×: {})",
                time(f.median_ns),
                verdict(met)
            );
        }
        println!("{line}");
    }
    Ok(all_met)
}

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| PathBuf::from("target"), PathBuf::from)
                .join("criterion")
        });
    match run(&dir) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("ratios: {e} (run `cargo bench -p nianbao-bench --bench engine` first)");
            ExitCode::from(2)
        }
    }
}
