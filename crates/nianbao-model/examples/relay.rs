//! Prints a flattened report laid out again: `cargo run -p nianbao-model --example relay FILE`.
#![allow(clippy::print_stdout)]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    print!("{}", nianbao_model::flat::relay(&text, None));
}
