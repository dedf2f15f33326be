//! The server's round trip, in the style of quick-lint-js's "incremental-change-wait": start
//! `nianbao lsp` over stdio, open a document, then N times send a one-character `didChange`
//! in a table cell (a digit typed, then deleted) and wait for the `publishDiagnostics` of
//! that version (diagnostics delay 0). Prints p50, p99 and max at 40 KB and 1 MB; the same
//! for a 1 MB HTML table written on one line and a row per line (`long-line`: the first
//! within 2× of the second); and the server's peak RSS with a 10 MB and a 50 MB document
//! open (the budget: 5× the document plus 50 MB).
//!
//! `cargo run --release -p nianbao-bench --bin lsp_latency -- [SERVER] [ITERATIONS] [ONLY]`
//! (default: target/release/nianbao, 300; ONLY is one of `40KB`, `1MB`, `long-line`,
//! `rss` to run only that part, e.g. under `perf record`).

#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nianbao_bench::{html_table_report, workload, Workload};
use nianbao_tests::lsp_client::{position, Client};
use serde_json::json;

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let server = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/release/nianbao".into()),
    );
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(300);
    let only = args.next();
    let runs = |name: &str| only.as_deref().is_none_or(|o| o == name);
    for (name, bytes) in [("40KB", 1), ("1MB", 1 << 20)] {
        if runs(name) {
            let w = workload(42, bytes);
            round_trips(&server, name, &w, iterations);
        }
    }
    if runs("long-line") {
        let rows = round_trips(
            &server,
            "html-table-1MB-row-per-line",
            &html_table_report(1 << 20, false),
            iterations,
        );
        let line = round_trips(
            &server,
            "html-table-1MB-one-line",
            &html_table_report(1 << 20, true),
            iterations,
        );
        println!(
            "lsp-latency/long-line: one line vs a row per line, p50 {:.2}× (target ≤ 2×)",
            line.as_secs_f64() / rows.as_secs_f64()
        );
    }
    if !runs("rss") {
        return;
    }
    for (name, bytes) in [("10MB", 10usize << 20), ("50MB", 50 << 20)] {
        let w = workload(42, bytes);
        let mut c = Client::spawn(&server);
        c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
        c.open("file:///bench/big.md", &w.text);
        c.diagnostics("file:///bench/big.md", 1);
        let rss = peak_rss_kb(c.child.id()).unwrap_or(0) as f64 / 1024.0;
        let mb = w.text.len() as f64 / (1 << 20) as f64;
        let budget = 5.0 * mb + 50.0;
        println!(
            "lsp-rss/{name}: {} bytes open, peak RSS {rss:.1} MB (budget 5× + 50 MB = {budget:.0} MB: {})",
            w.text.len(),
            if rss <= budget { "met" } else { "MISSED" }
        );
        let _ = c.shutdown_and_exit();
    }
}

/// `iterations` one-character edits in `w`'s table cell, each waited for until its
/// publication has been read; prints the percentiles and returns the median.
fn round_trips(server: &std::path::Path, name: &str, w: &Workload, iterations: usize) -> Duration {
    let mut c = Client::spawn(server);
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    let uri = "file:///bench/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.md";
    c.open(uri, &w.text);
    c.diagnostics(uri, 1);
    let at = position(&w.text, w.table_cell, true);
    let after =
        json!({ "line": at["line"], "character": at["character"].as_u64().unwrap_or(0) + 1 });
    let mut times = Vec::with_capacity(iterations);
    // The findings each publication carried: fewest and most.
    let (mut fewest, mut most) = (usize::MAX, 0);
    for i in 0..iterations {
        let version = i as i64 + 2;
        let change = if i % 2 == 0 {
            json!({ "range": { "start": at, "end": at }, "text": "7" })
        } else {
            json!({ "range": { "start": at, "end": after }, "text": "" })
        };
        let start = Instant::now();
        c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
        let published = c.wait_publish(uri, version);
        fewest = fewest.min(published);
        most = most.max(published);
        times.push(start.elapsed());
        c.seen.clear();
    }
    times.sort();
    let p50 = percentile(&times, 0.5);
    println!(
        "lsp-latency/{name}: {} bytes, {iterations} edits, {fewest}–{most} findings published per edit: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        w.text.len(),
        p50.as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    let _ = c.shutdown_and_exit();
    p50
}
