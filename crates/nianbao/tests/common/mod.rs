//! What the binary's test files share: the checkout's root, running `nianbao`, its output
//! as text, a fresh temporary folder. (Each test file is its own crate and uses part of it.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `nianbao ARGS`, run in the checkout's root.
pub fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run nianbao")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An empty folder of its own under the temporary folder, for the test `name` of the
/// file `file` (so that test files running at once never share one).
pub fn temp_dir(file: &str, name: &str) -> Scratch {
    let dir = tempfile::Builder::new()
        .prefix(&format!("nianbao-{file}-{name}-"))
        .tempdir()
        .unwrap();
    Scratch(dir)
}

/// A test's own folder under the temporary directory, removed when the test ends (a run of
/// the suite left some 400 folders behind before).
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}
