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
    if let Some(log) = std::env::var_os("NIANBAO_SKIP_LOG") {
        record(std::path::Path::new(&log), test, why);
    }
}

/// Appends `test: why` to the log (a line is appended whole: tests run on many threads).
fn record(log: &std::path::Path, test: &str, why: &str) {
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let _ = file.write_all(format!("{test}: {why}\n").as_bytes());
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_skipped_test_is_written_to_the_log_by_name() {
        let log = std::env::temp_dir().join(format!("nianbao-skip-{}", std::process::id()));
        let _ = std::fs::remove_file(&log);
        super::record(&log, "corpus::huaian", "../shared/corpus not present");
        super::record(&log, "prose::flattened", "../shared/corpus not present");
        let text = std::fs::read_to_string(&log).unwrap();
        assert_eq!(
            text,
            "corpus::huaian: ../shared/corpus not present\nprose::flattened: ../shared/corpus not present\n"
        );
        let _ = std::fs::remove_file(&log);
    }

    #[test]
    fn the_test_command_lists_the_skipped_tests_and_says_how_to_install_what_it_skips() {
        let script = include_str!("../scripts/test-all.sh");
        assert!(script.contains("NIANBAO_SKIP_LOG"));
        assert!(script.contains("skipped+=(\"test $line\")"));
        assert!(script.contains("apt-get install neovim"));
        assert!(script.contains("--loglevel=error"));
    }

    /// fuzz/Cargo.lock holds every package the fuzz targets need: building them changes
    /// no tracked file (the test command leaves `git status` clean).
    #[test]
    fn the_fuzz_lock_file_is_complete() {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/Cargo.toml");
        let out = std::process::Command::new(env!("CARGO"))
            .args([
                "metadata",
                "--locked",
                "--offline",
                "--format-version",
                "1",
                "--manifest-path",
            ])
            .arg(&manifest)
            .output()
            .expect("cargo metadata");
        let err = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() && !err.contains("needs to be updated") {
            // Offline and a package of the fuzz targets not downloaded yet: nothing to tell.
            super::skipped(
                "the fuzz targets' packages are not downloaded (cargo metadata --offline)",
            );
            return;
        }
        assert!(out.status.success(), "{err}");
    }
}
