//! PDF and Word files as the text nianbao reads.
//!
//! A published report is mostly a PDF, a drafted one a Word file. Neither is text, so this
//! crate turns each into the text the parser already reads — paragraphs as lines, tables
//! as `<table>` markup whose rows and cells (with their spans) come from the file's own
//! structure: a Word table's `w:tr`/`w:tc`, a PDF table's ruling lines — and a
//! [`SourceMap`] that says where each line came from (a PDF's page, a Word file's
//! paragraph or table row). The model and the checks never know the file type; only the
//! command-line checker links this crate (the language server edits text).
//!
//! Nothing here panics on any input: a damaged, encrypted or scanned file is an
//! [`Error`] with a message for people.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod docx;
mod out;
mod pdf;

use std::fmt;

pub use out::{Origin, SourceMap};

/// What a file is, from its first bytes (and, for the old binary formats, its name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text: Markdown, plain text, HTML — read by the text parser as it is.
    Text,
    Pdf,
    Docx,
    /// Old binary Word (`.doc`) or WPS (`.wps`): an OLE compound file.
    OldWord {
        wps: bool,
    },
    /// A zip that is no Word document (an `.xlsx`, an `.odt`…).
    OtherZip,
}

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The kind of a file from its bytes, whatever its name says: a text report named `.pdf`
/// is text, a PDF named `.txt` a PDF. `extension` (lowercase, without the dot) only tells
/// `.wps` from `.doc`, and a PDF whose header is damaged (binary bytes named `.pdf`) from
/// text.
pub fn sniff(bytes: &[u8], extension: &str) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        if docx::is_word(bytes) {
            Kind::Docx
        } else {
            Kind::OtherZip
        }
    } else if bytes.starts_with(OLE_MAGIC) || matches!(extension, "doc" | "wps") {
        Kind::OldWord {
            wps: extension == "wps",
        }
    } else if extension == "pdf" && !looks_like_text(bytes) {
        Kind::Pdf
    } else {
        Kind::Text
    }
}

/// Whether a file's first bytes read as text: no NUL, and UTF-8 (a character cut at the
/// end of the sample allowed) or GB18030.
fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return false;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() || gb18030_prefix(sample),
    }
}

fn gb18030_prefix(sample: &[u8]) -> bool {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(sample.len() * 2);
    let (result, _, had_errors) = decoder.decode_to_string(sample, &mut out, false);
    result == encoding_rs::CoderResult::InputEmpty && !had_errors
}

/// Why a file could not be read. Its `Display` is the one-line message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The PDF needs a password.
    Encrypted,
    /// The PDF's pages are images: `images` drawn, no text.
    Scanned {
        pages: usize,
        images: usize,
    },
    /// The PDF has glyphs but most have no Unicode (fonts without a ToUnicode map).
    NoUnicode {
        glyphs: usize,
        unmapped: usize,
    },
    /// The file is not a readable PDF or Word document: what went wrong.
    Damaged(String),
    OldWord {
        wps: bool,
    },
    OtherZip,
    /// A Word document whose text is encrypted (needs a password).
    WordEncrypted,
    /// The file ends before its structure does (a download cut short).
    Truncated,
    /// The file asks for more than any report holds (what, where).
    TooMuch(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encrypted => write!(f, "PDF 文件已加密（需要密码），无法读取；请提供未加密的文件"),
            Error::Scanned { pages, images } => write!(
                f,
                "PDF 没有文字层（{pages} 页中只有 {images} 幅图像，可能是扫描件），无法读取文字；请先做文字识别（OCR）或提供原始文件"
            ),
            Error::NoUnicode { glyphs, unmapped } => write!(
                f,
                "PDF 的文字无法还原（{glyphs} 个字中有 {unmapped} 个的字体没有 Unicode 映射），无法读取；请提供原始文件"
            ),
            Error::Damaged(why) => write!(f, "文件已损坏，无法读取（{why}）"),
            Error::OldWord { wps: true } => write!(
                f,
                "这是 WPS 文字（.wps）文件，无法读取；请另存为 .docx 或 PDF 后再检查"
            ),
            Error::OldWord { wps: false } => write!(
                f,
                "这是旧版 Word（.doc）文件，无法读取；请另存为 .docx 或 PDF 后再检查"
            ),
            Error::OtherZip => write!(
                f,
                "这是一个 zip 文件，但不是 Word 文档（.docx），无法读取"
            ),
            Error::WordEncrypted => write!(
                f,
                "Word 文档已加密（需要密码），无法读取；请提供未加密的文件"
            ),
            Error::Truncated => write!(
                f,
                "文件不完整（可能下载中断或被截断），无法读取；请重新获取文件"
            ),
            Error::TooMuch(what) => write!(
                f,
                "文件内容超出读取上限（{what}），已停止读取；年度报告不会有这么多内容，文件可能有问题"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// A PDF or Word file as text, with where each line came from.
#[derive(Debug)]
pub struct Converted {
    pub text: String,
    pub map: SourceMap,
}

/// Converts a file of `kind` (not [`Kind::Text`], which needs no conversion).
pub fn convert(kind: Kind, bytes: Vec<u8>) -> Result<Converted, Error> {
    match kind {
        Kind::Pdf => pdf::convert(bytes),
        Kind::Docx => docx::convert(&bytes),
        Kind::OldWord { wps } => Err(Error::OldWord { wps }),
        Kind::OtherZip => Err(Error::OtherZip),
        Kind::Text => Err(Error::Damaged("文本文件不需要转换".to_string())),
    }
}

/// A table cell's text as HTML, for the `<table>` markup tables are written in.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            ch => out.push(ch),
        }
    }
    out
}

/// Two pieces of a cell's text (or of a wrapped line) joined as a person reads them: CJK
/// text runs on, Latin words and numbers keep a space between them.
fn join_into(out: &mut String, piece: &str) {
    let piece = piece.trim();
    if piece.is_empty() {
        return;
    }
    let spaced = out
        .chars()
        .next_back()
        .zip(piece.chars().next())
        .is_some_and(|(a, b)| a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric());
    if spaced {
        out.push(' ');
    }
    out.push_str(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n", "txt"), Kind::Pdf);
        assert_eq!(sniff(b"\x00\x01garbage", "pdf"), Kind::Pdf);
        assert_eq!(sniff("一、总体情况".as_bytes(), "pdf"), Kind::Text);
        let (gb, _, _) = encoding_rs::GB18030.encode("一、总体情况");
        assert_eq!(sniff(&gb, "pdf"), Kind::Text);
        assert_eq!(sniff(OLE_MAGIC, "doc"), Kind::OldWord { wps: false });
        assert_eq!(sniff(OLE_MAGIC, "wps"), Kind::OldWord { wps: true });
        assert_eq!(sniff(b"", "wps"), Kind::OldWord { wps: true });
        assert_eq!(sniff("一、总体情况".as_bytes(), "md"), Kind::Text);
        assert_eq!(sniff(b"PK\x03\x04 not really", "docx"), Kind::OtherZip);
    }

    #[test]
    fn joining_pieces() {
        let mut s = String::from("申请人无正当理由");
        join_into(&mut s, " 逾期不补正 ");
        assert_eq!(s, "申请人无正当理由逾期不补正");
        let mut s = String::from("PDF");
        join_into(&mut s, "2024");
        assert_eq!(s, "PDF 2024");
        assert_eq!(escape("a<b>&\tc"), "a&lt;b&gt;&amp; c");
    }
}
