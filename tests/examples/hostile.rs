//! Writes every crafted hostile file of `nianbao_tests::hostile` into a folder, to look
//! at or to run `nianbao check` on: `cargo run -p nianbao-tests --example hostile -- DIR
//! [FILTER…]` (only the files whose names contain a filter, when given).

#![allow(clippy::print_stdout)] // A tool that lists what it wrote.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: hostile DIR [FILTER…]");
        std::process::exit(2);
    };
    let filters: Vec<String> = args.collect();
    std::fs::create_dir_all(&dir).expect("the folder");
    for generator in nianbao_tests::hostile::GENERATORS {
        for (name, bytes) in (generator.make)() {
            if filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())) {
                let path = std::path::Path::new(&dir).join(&name);
                std::fs::write(&path, bytes).expect("write");
                println!("{} ({})", path.display(), generator.class);
            }
        }
    }
}
