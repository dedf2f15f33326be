//! PDF and Word input (criterion): `cargo bench -p nianbao-bench --bench formats`.
//!
//! - `pdf/huaian-2024`: the whole of `../shared/corpus/pdf/huaian-city_2024.pdf` (a real
//!   report of 6 pages, CID fonts) read, its lines and table rows rebuilt, and every check
//!   run — what `nianbao check` does with the file after reading its bytes. Skipped, with a
//!   note, when the corpus folder is absent.
//! - `pdf/seed-NNN`, `docx/seed-NNN`: the seeds as LibreOffice writes them
//!   (`tests/fixtures/converted/`), the same way.
//! - `convert-only/…`: the conversion alone, without the checks.

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

fn convert(bytes: &[u8], ext: &str) -> String {
    let kind = nianbao_formats::sniff(bytes, ext);
    nianbao_formats::convert(kind, bytes.to_vec())
        .expect("a readable file")
        .text
}

fn inputs() -> Vec<(String, &'static str, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let huaian = root.join("../shared/corpus/pdf/huaian-city_2024.pdf");
    match std::fs::read(&huaian) {
        Ok(bytes) => out.push(("huaian-2024".to_string(), "pdf", bytes)),
        Err(_) => eprintln!("skipped pdf/huaian-2024: ../shared/corpus not present"),
    }
    for n in ["000", "004"] {
        for ext in ["pdf", "docx"] {
            let path = root.join(format!("tests/fixtures/converted/{n}.{ext}"));
            let bytes = std::fs::read(&path).expect("the converted seeds");
            out.push((format!("seed-{n}"), ext, bytes));
        }
    }
    out
}

fn formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("formats");
    group.sample_size(20);
    for (name, ext, bytes) in inputs() {
        group.bench_with_input(BenchmarkId::new(ext, &name), &bytes, |b, bytes| {
            b.iter(|| nianbao_bench::check(&convert(black_box(bytes), ext)))
        });
        group.bench_with_input(
            BenchmarkId::new(format!("convert-only/{ext}"), &name),
            &bytes,
            |b, bytes| b.iter(|| convert(black_box(bytes), ext).len()),
        );
    }
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
