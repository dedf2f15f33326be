//! Last year's report of an open document (`last-year-mismatch`, `last-year-in-force`).
//!
//! A document's reports name their body and year in their titles; the same body's report
//! of the year before is looked for among the other open documents and, for files not
//! open, among the files on disk of the document's workspace folder, where reports are
//! often kept a folder a year (or of its own folder alone, when it is in none). The files are read when the
//! document is opened or saved, or when its titles name another body or year — never on
//! a keystroke — and only report files (`.md`, `.txt`, `.html`, UTF-8, at most
//! [`MAX_DEPTH`] folders down, hidden and git-ignored ones skipped, among at most
//! [`MAX_ENTRIES`] entries, at most [`MAX_FILES`] of at most [`MAX_FILE_BYTES`],
//! [`MAX_SCAN_BYTES`] in all), each read again only when its size or
//! modification time changed. What a file hands on is kept with its cells' places in
//! the negotiated encoding, so that a finding can point into it without its text.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use nianbao_model::years::HandedOn;
use nianbao_syntax::{LineIndex, Rope, TextRange};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::{to_proto, Encoding};

/// The most files of a workspace that are read.
pub const MAX_FILES: usize = 256;
/// How many folders down a workspace is read.
pub const MAX_DEPTH: usize = 3;
/// The most entries (files and folders) of a workspace that are looked at.
pub const MAX_ENTRIES: usize = 20_000;
/// Larger files are not read.
pub const MAX_FILE_BYTES: u64 = 8 << 20;
/// A scan reads no more files once it has read this much.
pub const MAX_SCAN_BYTES: u64 = 64 << 20;

/// A report of another document or file that a document's report is compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Linked {
    pub handed: Arc<HandedOn>,
    pub uri: Uri,
    /// Where the cells of `handed` are in that document.
    pub places: Vec<(TextRange, lsp::Range)>,
}

impl Linked {
    /// What the reports of a document hand on, with where their cells are in `rope`.
    pub fn of_text(
        handed: Vec<HandedOn>,
        uri: &Uri,
        rope: &Rope,
        encoding: Encoding,
    ) -> Vec<Linked> {
        if handed.is_empty() {
            return Vec::new();
        }
        let index = LineIndex::new(rope);
        handed
            .into_iter()
            .map(|h| {
                let places = h
                    .places()
                    .map(|r| (r, to_proto::range(&index, r, encoding)))
                    .collect();
                Linked {
                    handed: Arc::new(h),
                    uri: uri.clone(),
                    places,
                }
            })
            .collect()
    }

    pub fn place(&self, range: TextRange) -> Option<lsp::Range> {
        self.places
            .iter()
            .find(|(r, _)| *r == range)
            .map(|(_, p)| *p)
    }
}

/// How a document names itself in `HandedOn::source` and `Related::file`: its path when
/// it is a file (messages show the file's name), else its URI.
pub fn source_of(uri: &Uri) -> Arc<str> {
    match file_path(uri) {
        Some(path) => path.to_string_lossy().into(),
        None => uri.as_str().into(),
    }
}

/// The file a `file:` URI names (an absolute path); `None` for other schemes
/// (`untitled:`), whose "paths" name no file.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let path = uri.to_file_path()?;
    path.is_absolute().then(|| path.into_owned())
}

/// A file of a folder as last read.
#[derive(Clone, Debug)]
pub struct Cached {
    stamp: (Option<SystemTime>, u64),
    pub found: Vec<Linked>,
}

/// The report files read from disk, by path.
#[derive(Default, Debug)]
pub struct Library {
    pub files: HashMap<PathBuf, Cached>,
}

impl Library {
    /// The cached files of `scope`, for a scan to start from.
    pub fn under(&self, scope: &Scope) -> HashMap<PathBuf, Cached> {
        self.files
            .iter()
            .filter(|(p, _)| scope.holds(p))
            .map(|(p, c)| (p.clone(), c.clone()))
            .collect()
    }

    /// Replaces what is known of `scope` by a scan of it.
    pub fn store(&mut self, scope: &Scope, scanned: HashMap<PathBuf, Cached>) {
        self.files.retain(|p, _| !scope.holds(p));
        self.files.extend(scanned);
    }
}

/// Where the files compared with a document are looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub root: PathBuf,
    /// How many folders down files are read.
    pub depth: usize,
}

impl Scope {
    /// The innermost workspace folder that holds the document, [`MAX_DEPTH`] folders
    /// down; else the document's own folder, alone.
    pub fn of(uri: &Uri, workspace: &[PathBuf]) -> Option<Scope> {
        let path = file_path(uri)?;
        let in_workspace = workspace
            .iter()
            .map(|w| Scope {
                root: w.clone(),
                depth: MAX_DEPTH,
            })
            .filter(|w| w.holds(&path))
            .max_by_key(|w| w.root.components().count());
        in_workspace.or_else(|| {
            Some(Scope {
                root: path.parent()?.to_path_buf(),
                depth: 0,
            })
        })
    }

    /// Whether `path` is a file a scan of the scope reads (by its place).
    pub fn holds(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|rest| rest.components().count() <= self.depth + 1)
    }
}

/// Reads the report files under `scope` (see the module doc), reusing `cache` for files
/// that did not change. Files that cannot be read are left out, silently: they are other
/// documents, not the one being edited.
pub fn scan(
    scope: &Scope,
    mut cache: HashMap<PathBuf, Cached>,
    encoding: Encoding,
) -> HashMap<PathBuf, Cached> {
    let mut out = HashMap::new();
    // `ignore` walks as the CLI does: hidden and git-ignored folders (node_modules, …)
    // skipped, links not followed, in a stable order; and no more than MAX_ENTRIES
    // entries of a large tree.
    let walker = ignore::WalkBuilder::new(&scope.root)
        .max_depth(Some(scope.depth + 1))
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    let paths = walker
        .take(MAX_ENTRIES)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["md", "markdown", "txt", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
            })
        })
        .take(MAX_FILES);
    let mut budget = MAX_SCAN_BYTES;
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            continue;
        }
        let stamp = (meta.modified().ok(), meta.len());
        // A file changed within the last seconds may change again within its mtime's
        // resolution, unseen (as git's "racy" entries): it is read again.
        let settled = stamp.0.is_some_and(|m| {
            SystemTime::now()
                .duration_since(m)
                .is_ok_and(|age| age >= std::time::Duration::from_secs(2))
        });
        if let Some(cached) = cache.remove(&path).filter(|c| c.stamp == stamp && settled) {
            out.insert(path, cached);
            continue;
        }
        let Some(left) = budget.checked_sub(meta.len()) else {
            break;
        };
        budget = left;
        let found = read(&path, encoding).unwrap_or_default();
        out.insert(path, Cached { stamp, found });
    }
    out
}

fn read(path: &Path, encoding: Encoding) -> Option<Vec<Linked>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let uri = Uri::from_file_path(path)?;
    let source = source_of(&uri);
    let handed: Vec<HandedOn> = nianbao_model::build_text(text, &Default::default())
        .iter()
        .filter_map(|r| nianbao_model::years::handed_on(r, source.clone()))
        .collect();
    // The ranges are of the text without a BOM, as an editor shows it.
    let rope = Rope::from_str(text);
    Some(Linked::of_text(handed, &uri, &rope, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> Uri {
        Uri::from_file_path(path).unwrap()
    }

    #[test]
    fn the_scope_is_the_workspace_folder_else_the_documents_own() {
        let ws = vec![PathBuf::from("/w"), PathBuf::from("/w/inner")];
        let scope = Scope::of(&uri("/w/inner/2020/a.md"), &ws).unwrap();
        assert_eq!(
            (scope.root.as_path(), scope.depth),
            (Path::new("/w/inner"), MAX_DEPTH)
        );
        assert!(scope.holds(Path::new("/w/inner/2019/b.md")));
        assert!(!scope.holds(Path::new("/w/other/b.md")));
        assert!(!scope.holds(Path::new("/w/inner/1/2/3/4/b.md")));
        let alone = Scope::of(&uri("/elsewhere/a.md"), &ws).unwrap();
        assert_eq!(
            (alone.root.as_path(), alone.depth),
            (Path::new("/elsewhere"), 0)
        );
        assert!(alone.holds(Path::new("/elsewhere/b.md")));
        assert!(!alone.holds(Path::new("/elsewhere/sub/b.md")));
        assert_eq!(
            Scope::of(&"untitled:Untitled-1".parse().unwrap(), &ws),
            None
        );
    }

    #[test]
    fn a_scan_reads_only_report_files_it_can_and_reuses_what_did_not_change() {
        let dir = std::env::temp_dir().join(format!("nianbao-years-scan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let report = "# 某局2021年政府信息公开工作年度报告\n\n一、总体情况\n";
        std::fs::write(dir.join("a.md"), report).unwrap();
        std::fs::write(dir.join("b.pdf"), report).unwrap();
        std::fs::write(dir.join("c.txt"), b"\xff\xfe not utf-8").unwrap();
        std::fs::write(dir.join("sub/d.md"), report).unwrap();
        let scope = Scope {
            root: dir.clone(),
            depth: 0,
        };
        let scanned = scan(&scope, HashMap::new(), Encoding::Utf16);
        let mut names: Vec<_> = scanned
            .keys()
            .map(|p| p.file_name().unwrap().to_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "c.txt"]);
        let a = &scanned[&dir.join("a.md")];
        assert_eq!(a.found.len(), 1);
        assert_eq!(
            (a.found[0].handed.body.as_str(), a.found[0].handed.year),
            ("某局", 2021)
        );
        assert!(scanned[&dir.join("c.txt")].found.is_empty());
        // Deeper with a deeper scope.
        let deep = scan(
            &Scope {
                root: dir.clone(),
                depth: 1,
            },
            HashMap::new(),
            Encoding::Utf16,
        );
        assert!(deep.contains_key(&dir.join("sub/d.md")));
        // A cached entry whose stamp still matches and is settled is reused as is.
        let mut cache = scanned.clone();
        let stamp = cache[&dir.join("a.md")].stamp;
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(dir.join("a.md"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        let settled = (Some(old), stamp.1);
        cache.get_mut(&dir.join("a.md")).unwrap().stamp = settled;
        cache.get_mut(&dir.join("a.md")).unwrap().found.clear();
        let again = scan(&scope, cache, Encoding::Utf16);
        assert!(
            again[&dir.join("a.md")].found.is_empty(),
            "reused, not read again"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
