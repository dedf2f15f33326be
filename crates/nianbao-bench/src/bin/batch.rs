//! The batch benchmark: 1,000 distinct generated reports (about 40 KB each) in a folder,
//! checked by `nianbao check --format json FOLDER` five times. Prints the median wall time,
//! reports per second and the CPU use (user + system time of the child over wall time: 2.0
//! means both cores busy all the time).
//!
//! `cargo run --release -p nianbao-bench --bin batch -- [SERVER] [FOLDER]`
//! (default: target/release/nianbao, a folder under the system temp dir, kept for reuse).

#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use nianbao_bench::workload;

/// User + system CPU seconds of all finished children, from /proc/self/stat.
fn children_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 16 and 17 (cutime, cstime) counted from the state field at index 0 = field 3.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(13) + ticks(14)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let server = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/release/nianbao".into()),
    );
    let folder = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("nianbao-batch-1000"));
    if !folder.join("0999年度报告.md").exists() {
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for i in 0..1000u64 {
            let w = workload(i + 1, 1);
            std::fs::write(folder.join(format!("{i:04}年度报告.md")), w.text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let bytes: u64 = std::fs::read_dir(&folder)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    // `check --format json`, then `extract` (CSV), each the median of five runs.
    for (what, args) in [
        ("check --format json", vec!["check", "--format", "json"]),
        ("extract (CSV)", vec!["extract"]),
    ] {
        let mut runs = Vec::new();
        for _ in 0..5 {
            let cpu_before = children_cpu_seconds();
            let start = Instant::now();
            let status = Command::new(&server)
                .args(&args)
                .arg(&folder)
                .stdout(Stdio::null())
                .status();
            let wall = start.elapsed().as_secs_f64();
            let cpu = children_cpu_seconds() - cpu_before;
            assert!(
                status
                    .map(|s| matches!(s.code(), Some(0 | 1)))
                    .unwrap_or(false),
                "nianbao {what} could not run"
            );
            runs.push((wall, cpu));
        }
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (wall, cpu) = runs[runs.len() / 2];
        println!(
            "batch, {what}: 1000 reports, {:.1} MB: median wall {:.3} s, {:.0} reports/s, {:.1} MB/s, CPU {:.2} cores",
            bytes as f64 / 1e6,
            wall,
            1000.0 / wall,
            bytes as f64 / 1e6 / wall,
            cpu / wall
        );
    }
    // The HTML page of the folder: how big a page for 1,000 reports is.
    let page = std::env::temp_dir().join("nianbao-batch-1000.html");
    let status = Command::new(&server)
        .args(["check", "--format", "html", "-o"])
        .arg(&page)
        .arg(&folder)
        .stdout(Stdio::null())
        .status();
    assert!(
        status.is_ok_and(|s| matches!(s.code(), Some(0 | 1))),
        "the page"
    );
    let size = std::fs::metadata(&page).map_or(0, |m| m.len());
    println!(
        "batch, check --format html: the page for 1000 reports is {:.1} MB (budget 10 MB: {})",
        size as f64 / 1e6,
        if size < 10_000_000 { "met" } else { "MISSED" }
    );
}
