//! Writes a generated workload to a file, for trying the CLI or an editor on it:
//! `cargo run --release -p nianbao-bench --example gen -- BYTES FILE`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(bytes), Some(path)) = (args.get(1).and_then(|b| b.parse().ok()), args.get(2)) else {
        eprintln!("usage: gen BYTES FILE");
        std::process::exit(2);
    };
    let w = nianbao_bench::workload(42, bytes);
    if let Err(err) = std::fs::write(path, &w.text) {
        eprintln!("gen: {path}: {err}");
        std::process::exit(2);
    }
}
