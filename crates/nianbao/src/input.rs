//! Finding the files to check and reading them: UTF-8 (with or without a BOM), else
//! GB18030, which many Chinese government documents are saved in; binary files are
//! refused with a clear message.

use std::path::{Path, PathBuf};

const EXTENSIONS: [&str; 4] = ["md", "txt", "html", "htm"];

/// The files named or found under the folders named, in a stable order, and how many
/// paths could not be used (each already reported on stderr).
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut failed = 0;
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut failed),
            Ok(_) => files.push(path.clone()),
            Err(err) => {
                eprintln!("nianbao: {}: {}", path.display(), describe(&err));
                failed += 1;
            }
        }
    }
    (files, failed)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            eprintln!("nianbao: {}: {}", dir.display(), describe(&err));
            *failed += 1;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, failed);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        }
    }
}

fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "找不到文件或目录".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => format!("无法读取（{err}）"),
    }
}

pub struct Decoded {
    pub text: String,
    /// Said to the user on stderr: how the file was decoded when not plain UTF-8.
    pub note: Option<String>,
}

pub fn read(path: &Path) -> Result<Decoded, String> {
    let bytes = std::fs::read(path).map_err(|e| describe(&e))?;
    decode(bytes)
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
        Ok(text) => Ok(Decoded { text, note: None }),
        Err(err) => {
            let bytes = err.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors {
                return Err("既不是 UTF-8 也不是 GB18030 编码的文本，无法读取".to_string());
            }
            Ok(Decoded {
                text: text.into_owned(),
                note: Some("不是 UTF-8 编码，已按 GB18030 解码".to_string()),
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
}
