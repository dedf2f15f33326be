//! Last year's report of an open document (`last-year-mismatch`, `last-year-in-force`).
//!
//! A document's reports name their body and year in their titles; the same body's report
//! of the year before is looked for among the other open documents and, for files not
//! open, among the files of the document's folder on disk. The folder is read when the
//! document is opened or saved, or when its titles name another body or year — never on
//! a keystroke — and only its report files (`.md`, `.txt`, `.html`, UTF-8, at most
//! [`MAX_FILES`] of at most [`MAX_FILE_BYTES`], [`MAX_SCAN_BYTES`] in all), each read again only when its size or
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

/// The most files of a folder that are read.
pub const MAX_FILES: usize = 256;
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
                    .carried_over
                    .iter()
                    .chain(&h.in_force)
                    .flatten()
                    .map(|s| (s.range, to_proto::range(&index, s.range, encoding)))
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
    match uri.to_file_path() {
        Some(path) => path.to_string_lossy().into(),
        None => uri.as_str().into(),
    }
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
    /// The cached files of `folder`, for a scan to start from.
    pub fn of_folder(&self, folder: &Path) -> HashMap<PathBuf, Cached> {
        self.files
            .iter()
            .filter(|(p, _)| p.parent() == Some(folder))
            .map(|(p, c)| (p.clone(), c.clone()))
            .collect()
    }

    /// Replaces what is known of `folder` by a scan of it.
    pub fn store(&mut self, folder: &Path, scanned: HashMap<PathBuf, Cached>) {
        self.files.retain(|p, _| p.parent() != Some(folder));
        self.files.extend(scanned);
    }
}

/// Reads the report files of `folder` (see the module doc), reusing `cache` for files
/// that did not change. Files that cannot be read are left out, silently: they are other
/// documents, not the one being edited.
pub fn scan(
    folder: &Path,
    mut cache: HashMap<PathBuf, Cached>,
    encoding: Encoding,
) -> HashMap<PathBuf, Cached> {
    let mut out = HashMap::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["md", "markdown", "txt", "html", "htm"].contains(&e.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    paths.sort();
    paths.truncate(MAX_FILES);
    let mut budget = MAX_SCAN_BYTES;
    for path in paths {
        // `metadata` follows links: what is read is a regular file of bounded size.
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
