//! Writes a synthetic report (`nianbao_tests::synthetic`, what the benchmarks and the
//! flattening property test use): `cargo run -p nianbao-tests --example synthetic --
//! [tabs|pipes|html] [SEED] [errors]`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A tool that writes a file to stdout.

use nianbao_tests::synthetic::{report, Encoding, Rng};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let encoding = match args.first().map(String::as_str) {
        None | Some("tabs") => Encoding::Tabs,
        Some("pipes") => Encoding::Pipes,
        Some("html") => Encoding::Html,
        Some(other) => {
            eprintln!("{other}: not tabs, pipes or html");
            std::process::exit(2);
        }
    };
    let seed = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(17);
    let errors = args.get(2).is_some_and(|a| a == "errors");
    print!("{}", report(&mut Rng::new(seed), encoding, errors));
}
