//! How long reading a flattened report takes, by step:
//! `cargo run --release -p nianbao-model --example relay_time FILE`.
#![allow(clippy::print_stdout)]
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let blocks = nianbao_syntax::parse_str(&text);
    let t = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(nianbao_model::flat::relay(&text, None));
    }
    println!("relay: {:?}", t.elapsed() / 20);
    let t = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(nianbao_model::build_text(&text, &Default::default()));
    }
    println!("build_text: {:?}", t.elapsed() / 20);
    let t = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(nianbao_model::build(&blocks, &Default::default()));
    }
    println!("build (as prose): {:?}", t.elapsed() / 20);
}
