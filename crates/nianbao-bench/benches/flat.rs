//! Flattened reports (criterion): `cargo bench -p nianbao-bench --bench flat`.
//!
//! - `flat/40KB`, `flat/1MB`: the generated reports (`workload`), each flattened as a
//!   crawler leaves it (`layouts::flatten`, every separator between numbers dropped),
//!   checked whole — parts found in the line, cells cut by the arithmetic;
//! - `split/…`: the search for a row's cuts on hostile runs of digits — 84 ones (every
//!   cut of table 三's seven cells is tried), 300 digits (the bound), table 四's fifteen
//!   cells over 45 digits;
//! - `flat/hostile-line`: a flattened report whose table 三 rows are each followed by a
//!   kilobyte of digits.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_bench::{check, workload};
use nianbao_model::recover::split::{readings, Shape};
use nianbao_tests::{check_document, layouts};

/// The workload's reports, each flattened, appended until `bytes`.
fn flattened(bytes: usize) -> String {
    let w = workload(7, 1);
    let (reports, _) = check_document(&w.text);
    let one = layouts::flatten(&w.text, &reports[0], 1.0, 1);
    let mut out = String::new();
    while out.len() < bytes {
        out.push_str(&one);
        out.push('\n');
    }
    out
}

fn flat(c: &mut Criterion) {
    let mut group = c.benchmark_group("flat");
    for (name, bytes) in [("40KB", 1), ("1MB", 1 << 20)] {
        let text = flattened(bytes);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(if bytes > 100_000 { 10 } else { 30 });
        group.bench_with_input(BenchmarkId::new("check", name), &text, |b, t| {
            b.iter(|| check(black_box(t)))
        });
    }
    // Every row of table 三 followed by a kilobyte of digits.
    let hostile = {
        let text = flattened(1);
        let digits = "1234567890".repeat(100);
        text.replace("申请数量", &format!("申请数量{digits}"))
            .replace("予以公开", &format!("予以公开{digits}"))
    };
    group.throughput(Throughput::Bytes(hostile.len() as u64));
    group.sample_size(10);
    group.bench_function("hostile-line", |b| b.iter(|| check(black_box(&hostile))));
    group.finish();
}

fn split(c: &mut Criterion) {
    let t3 = Shape {
        groups: 1,
        addends: 6,
        totals: true,
    };
    let t4 = Shape {
        groups: 3,
        addends: 4,
        totals: true,
    };
    let mut group = c.benchmark_group("split");
    group.sample_size(20);
    let cases = [
        ("t3-84-ones", "1".repeat(84), t3),
        (
            "t3-300-digits",
            "123456789".repeat(34)[..300].to_string(),
            t3,
        ),
        ("t4-45-digits", "1203".repeat(12)[..45].to_string(), t4),
    ];
    for (name, digits, shape) in cases {
        group.bench_with_input(BenchmarkId::from_parameter(name), &digits, |b, d| {
            b.iter(|| readings(black_box(d.as_bytes()), shape))
        });
    }
    group.finish();
}

criterion_group!(benches, flat, split);
criterion_main!(benches);
