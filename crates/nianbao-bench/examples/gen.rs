//! Writes a generated workload to a file, for trying the CLI or an editor on it:
//! `cargo run --release -p nianbao-bench --example gen -- BYTES FILE [one-line-html]`
//! (`one-line-html`: a report whose table 三 is one HTML table on a single line, with
//! thousands of findings on it — `time nianbao check --format json FILE` then shows that
//! columns cost the same on a long line).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(bytes), Some(path)) = (args.get(1).and_then(|b| b.parse().ok()), args.get(2)) else {
        eprintln!("usage: gen BYTES FILE");
        std::process::exit(2);
    };
    let w = match args.get(3).map(String::as_str) {
        Some("one-line-html") => nianbao_bench::html_table_report(bytes, true),
        _ => nianbao_bench::workload(42, bytes),
    };
    if let Err(err) = std::fs::write(path, &w.text) {
        eprintln!("gen: {path}: {err}");
        std::process::exit(2);
    }
}
