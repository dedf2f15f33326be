//! Finding the files to check and reading them.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker): `.gitignore` and hidden
//! files are honoured, and directory symlinks are not followed unless asked (`--follow`,
//! with loop detection), so no folder can make the walk endless. Only regular files are
//! read: a FIFO, a socket or a device is skipped with a note, whether named or found, and
//! never opened (opening a FIFO blocks). A file over the size limit is refused before it
//! is read, and a file is never read past the limit (one that grows, `/proc` files).
//!
//! A file's kind is told by its first bytes (`nianbao_formats::sniff`): a PDF or Word
//! (.docx) file is converted to text by `nianbao_formats`, with a source map saying where
//! each line came from; an old `.doc`/`.wps` file is refused with a "save it as .docx or
//! PDF" message. Text is decoded as UTF-8 (with or without a BOM), else GB18030, which
//! many Chinese government documents are saved in; other binary files are refused with a
//! clear message.

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The files a folder's walk checks: text, PDF and Word — and the old Word formats, to
/// say that they must be saved anew rather than pass over them in silence.
const EXTENSIONS: [&str; 8] = ["md", "txt", "html", "htm", "pdf", "docx", "doc", "wps"];

/// A file to check.
pub struct Input {
    pub path: PathBuf,
    /// Named on the command line (checked whatever it looks like), or found in a folder.
    pub named: bool,
}

/// Something the walk could not use, said on stderr.
pub enum Problem {
    /// A named path that could not be used: counts as a file that could not be read.
    Failed(String),
    /// Skipped, with the reason (a FIFO in a folder, a symlink loop).
    Note(String),
}

/// How folders are walked and files read.
pub struct Walk {
    pub follow_links: bool,
    /// Honour `.gitignore` and skip hidden files (the default).
    pub ignore: bool,
    pub max_size: u64,
}

/// The files named or found under the folders named, in a stable order, and what could
/// not be used (in the order met).
pub fn collect(paths: &[PathBuf], walk: &Walk) -> (Vec<Input>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, walk, &mut files, &mut problems),
            Ok(meta) if meta.is_file() => files.push(Input {
                path: path.clone(),
                named: true,
            }),
            Ok(meta) => problems.push(Problem::Failed(format!(
                "{}: {}，已跳过",
                shown(path),
                special(&meta)
            ))),
            Err(err) => problems.push(Problem::Failed(format!(
                "{}: {}",
                shown(path),
                describe(&err)
            ))),
        }
    }
    (files, problems)
}

fn walk_dir(dir: &Path, walk: &Walk, files: &mut Vec<Input>, problems: &mut Vec<Problem>) {
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(walk.follow_links)
        .standard_filters(walk.ignore)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(Problem::Note(walk_error(&err)));
                continue;
            }
        };
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() || !wanted {
            continue;
        }
        // A symlink not followed is looked through once: to a regular file it is read, to
        // anything else it is skipped.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                problems.push(Problem::Note(format!(
                    "{}: {}",
                    shown(path),
                    describe(&err)
                )));
                continue;
            }
        };
        if meta.is_file() {
            files.push(Input {
                path: path.to_path_buf(),
                named: false,
            });
        } else if !meta.is_dir() {
            problems.push(Problem::Note(format!(
                "{}: {}，已跳过",
                shown(path),
                special(&meta)
            )));
        }
    }
}

fn walk_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { path, err } => format!("{}: {}", shown(path), walk_error(err)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::Loop { child, .. } => {
            format!("{}: 符号链接形成循环，已跳过", shown(child))
        }
        ignore::Error::Io(err) => describe(err),
        other => format!("无法读取目录（{other}）"),
    }
}

/// What a path that is no regular file is, in Chinese.
fn special(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "是命名管道（FIFO），不是普通文件";
        }
        if t.is_socket() {
            return "是套接字，不是普通文件";
        }
        if t.is_char_device() || t.is_block_device() {
            return "是设备文件，不是普通文件";
        }
    }
    let _ = meta;
    "不是普通文件"
}

pub fn describe(err: &std::io::Error) -> String {
    if is_loop(err) {
        return "符号链接形成循环，已跳过".to_string();
    }
    match err.kind() {
        std::io::ErrorKind::NotFound => "找不到文件或目录".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => format!("无法读取（{err}）"),
    }
}

/// Whether the error, or one it wraps (the walker wraps I/O errors), is ELOOP: a symlink
/// that leads back to itself.
fn is_loop(err: &std::io::Error) -> bool {
    const ELOOP: i32 = 40;
    let mut current: Option<&(dyn std::error::Error + 'static)> = err.get_ref().map(|e| e as _);
    if cfg!(target_os = "linux") && err.raw_os_error() == Some(ELOOP) {
        return true;
    }
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if cfg!(target_os = "linux") && io.raw_os_error() == Some(ELOOP) {
                return true;
            }
        }
        current = e.source();
    }
    false
}

/// A path as written in messages: control characters and bytes that are not UTF-8
/// escaped (`\n`, `\xff`), so that one file is one line.
pub fn shown(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            if ch.is_control() {
                out.extend(ch.escape_default());
            } else {
                out.push(ch);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

pub struct Decoded {
    pub text: String,
    /// Said to the user on stderr: how the file was decoded when not plain UTF-8.
    pub note: Option<String>,
    /// For a PDF or Word file, where each line of `text` came from.
    pub map: Option<nianbao_formats::SourceMap>,
}

/// Reads a regular file of at most `max_size` bytes and decodes it; a PDF or Word file is
/// converted within `limits`.
pub fn read(
    path: &Path,
    max_size: u64,
    limits: &crate::sandbox::Limits,
) -> Result<Decoded, String> {
    let too_big = |size: u64| {
        format!(
            "文件过大（{:.1} MiB，上限 {:.0} MiB），未读取；可用 --max-size 调整上限",
            size as f64 / (1 << 20) as f64,
            max_size as f64 / (1 << 20) as f64
        )
    };
    let file = std::fs::File::open(path).map_err(|e| describe(&e))?;
    let meta = file.metadata().map_err(|e| describe(&e))?;
    if !meta.is_file() {
        return Err(format!("{}，已跳过", special(&meta)));
    }
    if meta.len() > max_size {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(too_big(bytes.len() as u64));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match nianbao_formats::sniff(&bytes, &extension) {
        nianbao_formats::Kind::Text => decode(bytes),
        kind => convert(kind, bytes, limits),
    }
}

/// A PDF or Word file as text, read in a child process with `limits` (see `sandbox`).
fn convert(
    kind: nianbao_formats::Kind,
    bytes: Vec<u8>,
    limits: &crate::sandbox::Limits,
) -> Result<Decoded, String> {
    let converted = crate::sandbox::convert(kind, bytes, limits)?;
    Ok(Decoded {
        text: converted.text,
        note: None,
        map: Some(converted.map),
    })
}

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("不是文本文件（含有 NUL 字节），已跳过".to_string());
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            note: None,
            map: None,
        }),
        Err(err) => {
            let bytes = err.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors {
                return Err("既不是 UTF-8 也不是 GB18030 编码的文本，无法读取".to_string());
            }
            Ok(Decoded {
                text: text.into_owned(),
                note: Some("不是 UTF-8 编码，已按 GB18030 解码".to_string()),
                map: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xE4\xB8\x80".to_vec()).unwrap().text,
            "一"
        );
        let (gb, _, _) = encoding_rs::GB18030.encode("一、总体情况");
        let decoded = decode(gb.into_owned()).unwrap();
        assert_eq!(decoded.text, "一、总体情况");
        assert!(decoded.note.is_some());
        assert!(decode(b"\x00\x01binary".to_vec()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn paths_are_shown_on_one_line() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"a\nb\xff\xfe.md"));
        assert_eq!(shown(path), "a\\nb\\xff\\xfe.md");
        assert_eq!(shown(Path::new("报告 2020.md")), "报告 2020.md");
    }
}
