//! The full check (`nianbao_bench::check`) over the 1 MB workload, 200 times: a steady load for `perf record`.
fn main() {
    let w = nianbao_bench::workload(42, 1 << 20);
    let mut n = 0;
    for _ in 0..200 {
        n += nianbao_bench::check(&w.text);
    }
    std::hint::black_box(n);
}
