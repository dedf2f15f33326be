//! `nianbao check`'s peak memory on the inputs that once made it grow without bound: a
//! folder of 16 MB of part headings (every one a finding, once built into 474 MB of JSON
//! in memory), the same 16 MB as one file, and a 16 MB generated workload — each with
//! `--format json`. The budget: 5× the largest input file plus 50 MB. The peak is the
//! process's own `VmHWM`, which `nianbao` logs at debug level when it ends.
//!
//! `cargo build --release -p nianbao -p nianbao-bench && target/release/cli_memory target/release/nianbao`

#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::path::{Path, PathBuf};
use std::process::Command;

const PARTS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// About `bytes` of a report title and then part headings, in a fixed pseudo-random order.
fn headings(bytes: usize, seed: u64) -> String {
    let mut text = String::from("某局2020年政府信息公开工作年度报告\n\n");
    let mut x = seed;
    while text.len() < bytes {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str("## ");
        text.push_str(PARTS[(x >> 33) as usize % 6]);
        text.push_str("\n\n");
    }
    text
}

fn run(server: &Path, what: &str, path: &Path, largest: u64) -> std::io::Result<()> {
    let out = Command::new(server)
        .args(["check", "--format", "json"])
        .arg(path)
        .env("NIANBAO_LOG", "nianbao=debug")
        .output()?;
    let log = String::from_utf8_lossy(&out.stderr);
    let kb: u64 = log
        .split("peak_rss_kb=")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mb = kb as f64 / 1024.0;
    let budget = 5.0 * largest as f64 / (1 << 20) as f64 + 50.0;
    println!(
        "cli-memory/{what}: {:.1} MB of JSON written, peak RSS {mb:.1} MB (budget {budget:.0} MB: {})",
        out.stdout.len() as f64 / (1 << 20) as f64,
        if mb <= budget { "met" } else { "MISSED" }
    );
    Ok(())
}

fn main() -> std::io::Result<()> {
    let server = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/release/nianbao".into()),
    );
    let dir = std::env::temp_dir().join("nianbao-cli-memory");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("folder"))?;
    let mut largest = 0;
    for k in 0..4 {
        let text = headings(4 << 20, k);
        largest = largest.max(text.len() as u64);
        std::fs::write(dir.join(format!("folder/r{k}.md")), text)?;
    }
    run(
        &server,
        "folder-of-16MB-of-headings",
        &dir.join("folder"),
        largest,
    )?;
    let one = headings(16 << 20, 7);
    std::fs::write(dir.join("one.md"), &one)?;
    run(
        &server,
        "16MB-of-headings-in-one-file",
        &dir.join("one.md"),
        one.len() as u64,
    )?;
    let w = nianbao_bench::workload(42, 16 << 20);
    std::fs::write(dir.join("reports.md"), &w.text)?;
    run(
        &server,
        "16MB-of-reports",
        &dir.join("reports.md"),
        w.text.len() as u64,
    )
}
