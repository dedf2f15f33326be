//! Tidiness as a test (after rust-analyzer's `tidy.rs`): no `unwrap()` or `expect()` in the
//! code that handles documents and client messages — every crate's `src/` outside
//! `#[cfg(test)]` modules, and outside `tests.rs` files (a `#[cfg(test)] mod tests;` of
//! their own). (Each crate also denies the clippy lints for it.)

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The Rust files of every crate's `src/`.
fn crate_sources() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    assert!(files.len() > 20, "found the sources");
    files
}

#[test]
fn no_unwrap_or_expect_outside_tests() {
    let files = crate_sources();
    let mut offenders = Vec::new();
    for file in files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break; // test modules come last in every file
            }
            if line.contains(".unwrap()") || line.contains(".expect(") {
                offenders.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "unwrap/expect outside tests:\n{}",
        offenders.join("\n")
    );
}

/// The most lines a module of a crate's `src/` may have before its tests: one over it
/// has more than one job, and is split where the jobs part.
const MAX_MODULE_LINES: usize = 500;

#[test]
fn no_module_over_500_lines_besides_its_tests() {
    let files = crate_sources();
    let mut long: Vec<String> = files
        .iter()
        .filter(|f| f.file_name().is_none_or(|n| n != "tests.rs"))
        .filter_map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let lines = text
                .lines()
                .take_while(|l| !l.trim_start().starts_with("#[cfg(test)]"))
                .count();
            (lines > MAX_MODULE_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "modules over {MAX_MODULE_LINES} lines besides their tests:\n{}",
        long.join("\n")
    );
}
