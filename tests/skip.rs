//! Tests that cannot run here say so where a person looks: a line on stderr, and a line
//! in the file `NIANBAO_SKIP_LOG` names (set by `scripts/test-all.sh`, which lists every
//! skipped test by name at the end of the run). The test harness itself has no way to
//! mark a test skipped at run time: without this, such a test prints `ok`.

use std::io::Write;
use std::path::PathBuf;

/// Records the running test as skipped, with the reason.
pub fn skipped(why: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("(unnamed test)");
    eprintln!("skipped: {test}: {why}");
    let Some(log) = std::env::var_os("NIANBAO_SKIP_LOG") else {
        return;
    };
    // Appends are atomic for a line this short: tests run on many threads at once.
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let _ = writeln!(file, "{test}: {why}");
    }
}

/// `../shared/corpus` (the real reports next to the checkout, which are not copied into
/// the project), or `None` with the running test recorded as skipped.
pub fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        skipped("../shared/corpus not present");
        None
    }
}
