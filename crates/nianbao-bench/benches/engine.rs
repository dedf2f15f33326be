//! The engine benchmarks (criterion): `cargo bench -p nianbao-bench`.
//!
//! - `full/SIZE`: parse + model + every check of a whole document (throughput in bytes);
//! - `floor/SIZE`: one pass over the same bytes that only finds line ends and splits cells
//!   on tabs and `|` — the cheapest work any table checker must do — measured in the same
//!   run, as the reference for `full`;
//! - `keystroke/SIZE`: a digit typed into a table-三 cell and deleted again, each applied to
//!   the rope, reparsed incrementally and re-checked — every finding of the document
//!   produced, as the server publishes them (the time is for the pair);
//! - `keystroke-in-prose/SIZE`: the same in a paragraph far from any table.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_bench::{floor, workload};
use nianbao_ide::{Buffer, Edit, Settings};

/// `workload` appends whole reports until the size is reached: one report is about 40 KB.
const SIZES: [(&str, usize); 3] = [("40KB", 1), ("1MB", 1 << 20), ("10MB", 10 << 20)];

/// Parse, model and every check, from the text, as `nianbao check` does it.
fn full(text: &str) -> usize {
    nianbao_bench::check(text)
}

fn throughput(c: &mut Criterion) {
    for (name, bytes) in SIZES.iter().take(2) {
        let w = workload(42, *bytes);
        let mut group = c.benchmark_group("throughput");
        group.throughput(Throughput::Bytes(w.text.len() as u64));
        group.sample_size(if *bytes > 100_000 { 10 } else { 50 });
        group.bench_with_input(BenchmarkId::new("full", name), &w.text, |b, t| {
            b.iter(|| full(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("floor", name), &w.text, |b, t| {
            b.iter(|| floor(black_box(t)))
        });
        group.finish();
    }
}

fn keystrokes(c: &mut Criterion) {
    let settings = Settings::default();
    for (name, bytes) in SIZES {
        let w = workload(42, bytes);
        let mut buffer = Buffer::new(&w.text);
        buffer.analyze(&settings);
        let mut group = c.benchmark_group("keystroke");
        group.sample_size(10);
        for (kind, at) in [("keystroke", w.table_cell), ("keystroke-in-prose", w.prose)] {
            group.bench_function(BenchmarkId::new(kind, name), |b| {
                b.iter(|| {
                    buffer
                        .apply_edit(&Edit {
                            range: at..at,
                            text: "7".into(),
                        })
                        .ok();
                    black_box(buffer.analyze(&settings).diagnostics().count());
                    buffer
                        .apply_edit(&Edit {
                            range: at..at + 1,
                            text: String::new(),
                        })
                        .ok();
                    black_box(buffer.analyze(&settings).diagnostics().count())
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, throughput, keystrokes);
criterion_main!(benches);
