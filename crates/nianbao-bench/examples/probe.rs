//! A quick look at where a keystroke's time goes — the edits alone, then edits with
//! re-analysis: `cargo run --release -p nianbao-bench --example probe`.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::time::{Duration, Instant};

use nianbao_ide::{Buffer, Edit, Settings};

/// The mean time of `n` digits typed at `at` and deleted again, analysing after each edit
/// when `analyse` is set.
fn pairs(buffer: &mut Buffer, at: usize, n: u32, analyse: bool) -> Duration {
    let settings = Settings::default();
    let edits = [
        Edit {
            range: at..at,
            text: "7".into(),
        },
        Edit {
            range: at..at + 1,
            text: String::new(),
        },
    ];
    let t = Instant::now();
    for _ in 0..n {
        for edit in &edits {
            buffer.apply_edit(edit).expect("the edit lies in the text");
            if analyse {
                std::hint::black_box(buffer.analyze(&settings).diagnostics().count());
            }
        }
    }
    t.elapsed() / n
}

fn main() {
    for bytes in [1usize, 1 << 20, 10 << 20] {
        let w = nianbao_bench::workload(42, bytes);
        let mut buffer = Buffer::new(&w.text);
        buffer.analyze(&Settings::default());
        let edits = pairs(&mut buffer, w.table_cell, 200, false);
        let keystroke = pairs(&mut buffer, w.table_cell, 200, true);
        let blocks = buffer.document().blocks().len();
        println!(
            "{bytes} bytes, {blocks} blocks: edits only {edits:?}, keystroke pair {keystroke:?}"
        );
    }
}
