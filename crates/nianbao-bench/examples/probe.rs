//! A quick look at where a keystroke's time goes: `cargo run --release -p nianbao-bench --example probe`.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::time::Instant;

use nianbao_ide::{Buffer, Edit, Settings};

fn main() {
    let settings = Settings::default();
    for bytes in [1usize, 1 << 20, 10 << 20] {
        let w = nianbao_bench::workload(42, bytes);
        let mut buffer = Buffer::new(&w.text);
        buffer.analyze(&settings);
        let at = w.table_cell;
        let n = 200;
        let t = Instant::now();
        for _ in 0..n {
            buffer
                .apply_edit(&Edit {
                    range: at..at,
                    text: "7".into(),
                })
                .unwrap();
            buffer
                .apply_edit(&Edit {
                    range: at..at + 1,
                    text: String::new(),
                })
                .unwrap();
        }
        let edits = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n {
            buffer
                .apply_edit(&Edit {
                    range: at..at,
                    text: "7".into(),
                })
                .unwrap();
            std::hint::black_box(buffer.analyze(&settings).diagnostics().count());
            buffer
                .apply_edit(&Edit {
                    range: at..at + 1,
                    text: String::new(),
                })
                .unwrap();
            std::hint::black_box(buffer.analyze(&settings).diagnostics().count());
        }
        let pair = t.elapsed() / n;
        println!(
            "{bytes}: blocks {} edits only {edits:?}, keystroke pair {pair:?}",
            buffer.document().blocks().len()
        );
    }
}
