//! Word (`.docx`): `word/document.xml` read in order — paragraphs as lines (a heading
//! style or outline level as `#` headings), tables as `<table>` markup with Word's own
//! rows and cells: `w:gridSpan` is a colspan, a `w:vMerge` run of cells a rowspan, so
//! no separator is ever guessed. Text boxes are paragraphs of their own; tracked changes
//! read as accepted (deletions and moved-from text dropped); field codes, footnote
//! bodies, headers and footers are not part of the report's text.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::out::{GridCell, Origin, TextOut};
use crate::{join_into, Converted, Error};

mod grid;
mod styles;
use grid::grid;
use styles::heading_styles;

/// The largest XML part read (uncompressed), against zip bombs.
const MAX_PART: u64 = 256 << 20;

/// The deepest nesting of XML elements read (a real document nests a few dozen levels;
/// tables inside tables left open are a memory bomb).
const MAX_DEPTH: usize = 256;

/// Whether a zip holds a Word document: its directory names `word/document.xml`, or —
/// when the directory cannot be read (the file is cut short, or bytes follow it) — a
/// local header does, so that reading it says what is wrong with it.
pub(crate) fn is_word(bytes: &[u8]) -> bool {
    match zip::ZipArchive::new(Cursor::new(archive(bytes))) {
        Ok(z) => z.index_for_name("word/document.xml").is_some(),
        Err(_) => memchr::memmem::find(bytes, b"word/document.xml").is_some(),
    }
}

/// A zip's bytes up to the end of its directory: bytes appended after it (a download
/// page's tail, padding) are not part of it. The zip crate looks for the directory's end
/// only in the last 64 KiB; this looks in the whole file, from its end.
fn archive(bytes: &[u8]) -> &[u8] {
    const EOCD: &[u8] = b"PK\x05\x06";
    const EOCD_LEN: usize = 22;
    let le = |at: usize, n: usize| {
        bytes.get(at..at + n).map(|b| {
            b.iter()
                .rev()
                .fold(0usize, |v, &x| (v << 8) | usize::from(x))
        })
    };
    for at in memchr::memmem::rfind_iter(bytes, EOCD) {
        let (Some(size), Some(offset), Some(comment)) =
            (le(at + 12, 4), le(at + 16, 4), le(at + 20, 2))
        else {
            continue;
        };
        // The directory ends where this record starts (zip64 archives keep 0xFFFFFFFF
        // here: those are left to the zip crate whole).
        if offset.checked_add(size) == Some(at) || offset == 0xFFFF_FFFF {
            let end = (at + EOCD_LEN + comment).min(bytes.len());
            return &bytes[..end];
        }
    }
    bytes
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Error> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(why))
            if why == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            return Err(Error::WordEncrypted)
        }
        Err(zip::result::ZipError::InvalidPassword) => return Err(Error::WordEncrypted),
        Err(e) => return Err(Error::Damaged(format!("{name} 无法读取：{e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Damaged(format!("{name} 无法解压：{e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(Error::Damaged(format!("{name} 解压后超过 256 MiB")));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

pub(crate) fn convert(bytes: &[u8]) -> Result<Converted, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive(bytes))).map_err(|e| {
        // No directory at all: the file stops before its end.
        if memchr::memmem::rfind(bytes, b"PK\x05\x06").is_none() {
            Error::Truncated
        } else {
            Error::Damaged(format!("不是有效的 zip/.docx 文件：{e}"))
        }
    })?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| Error::Damaged("缺少 word/document.xml".to_string()))?;
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|s| heading_styles(&s))
        .unwrap_or_default();
    read_document(&document, &styles)
}

/// An element's or attribute's name without its namespace prefix.
fn local(name: &str) -> &[u8] {
    match name.rfind(':') {
        Some(i) => &name.as_bytes()[i + 1..],
        None => name.as_bytes(),
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name.as_bytes())
        .map(|a| a.value.to_string())
}

fn reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    r.config_mut().expand_empty_elements = true;
    r.config_mut().check_end_names = false;
    r
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    No,
    Restart,
    Continue,
}

struct Tc {
    text: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Tr {
    before: usize,
    cells: Vec<Tc>,
}

#[derive(Default)]
struct Tbl {
    rows: Vec<Tr>,
}

struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    /// Whether it is inside a table cell (of the innermost table when it started).
    in_cell: bool,
}

struct Doc<'s> {
    styles: &'s HashMap<String, u8>,
    out: TextOut,
    paras: Vec<Para>,
    tables: Vec<Tbl>,
    /// How many `w:tc` are open.
    open_cells: usize,
    /// Depth inside content that is not the report's text (deleted, field code…).
    skip: usize,
    in_run: usize,
    paragraph_no: u32,
    table_no: u32,
}

/// Elements whose content is not read: deletions and moves away (tracked changes read as
/// accepted), field instructions, the fallback copy of alternate content, a paragraph
/// mark's properties.
const SKIPPED: [&[u8]; 6] = [
    b"del",
    b"moveFrom",
    b"instrText",
    b"delInstrText",
    b"Fallback",
    b"rPr",
];

fn read_document(xml: &str, styles: &HashMap<String, u8>) -> Result<Converted, Error> {
    let mut doc = Doc {
        styles,
        out: TextOut::default(),
        paras: Vec::new(),
        tables: Vec::new(),
        open_cells: 0,
        skip: 0,
        in_run: 0,
        paragraph_no: 0,
        table_no: 0,
    };
    let mut r = reader(xml);
    let mut seen_body = false;
    let mut depth = 0usize;
    loop {
        let event = r
            .read_event()
            .map_err(|e| Error::Damaged(format!("word/document.xml 不是有效的 XML：{e}")))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::TooMuch(format!(
                        "word/document.xml 的元素嵌套超过 {MAX_DEPTH} 层"
                    )));
                }
                let name = local(e.name().as_ref()).to_vec();
                seen_body |= name == b"body";
                if doc.skip > 0 || SKIPPED.contains(&name.as_slice()) {
                    doc.skip += 1;
                    continue;
                }
                doc.start(&name, &e);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = local(e.name().as_ref()).to_vec();
                if doc.skip > 0 {
                    doc.skip -= 1;
                    continue;
                }
                doc.end(&name);
            }
            Event::Text(t) if doc.skip == 0 => {
                let text = t.xml10_content();
                doc.text(&text);
            }
            Event::CData(t) if doc.skip == 0 => {
                let text = t.xml10_content();
                doc.text(&text);
            }
            Event::GeneralRef(g) if doc.skip == 0 => {
                let ch = match g.resolve_char_ref() {
                    Ok(Some(ch)) => Some(ch),
                    _ => match &*g {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(ch) = ch {
                    doc.text(ch.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_body {
        return Err(Error::Damaged(
            "word/document.xml 没有正文（w:body）".to_string(),
        ));
    }
    // Unclosed elements of a truncated file: what was read of them still counts.
    while !doc.paras.is_empty() {
        doc.end(b"p");
    }
    while !doc.tables.is_empty() {
        doc.end(b"tbl");
    }
    Ok(doc.out.finish())
}

impl Doc<'_> {
    /// Whether text goes into a paragraph being read (`w:t` inside a run of it).
    fn text(&mut self, text: &str) {
        if self.in_run == 0 {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, name: &[u8], e: &BytesStart<'_>) {
        match name {
            b"p" => self.paras.push(Para {
                text: String::new(),
                style: None,
                outline: None,
                in_cell: self.open_cells > 0 && !self.tables.is_empty(),
            }),
            b"r" => self.in_run += 1,
            b"t" => {} // text follows
            b"tab" if self.in_run > 0 => self.text("\t"),
            b"br" | b"cr" if self.in_run > 0 => self.text("\n"),
            b"noBreakHyphen" if self.in_run > 0 => self.text("-"),
            b"pStyle" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            b"outlineLvl" => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            b"tbl" => self.tables.push(Tbl::default()),
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Tr::default());
                }
            }
            b"gridBefore" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.before = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            b"tc" => {
                self.open_cells += 1;
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.cells.push(Tc {
                        text: String::new(),
                        span: 1,
                        vmerge: VMerge::No,
                    });
                }
            }
            b"gridSpan" => {
                if let Some(cell) = self.cell() {
                    cell.span = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            b"vMerge" => {
                let restart = attr(e, "val").as_deref() == Some("restart");
                if let Some(cell) = self.cell() {
                    cell.vmerge = if restart {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self) -> Option<&mut Tc> {
        if self.open_cells == 0 {
            return None;
        }
        self.tables.last_mut()?.rows.last_mut()?.cells.last_mut()
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.paragraph(p);
                }
            }
            b"r" => self.in_run = self.in_run.saturating_sub(1),
            b"tc" => self.open_cells = self.open_cells.saturating_sub(1),
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.table(t);
                }
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, p: Para) {
        if p.in_cell {
            if let Some(cell) = self.cell() {
                // Lines of a cell (paragraphs, breaks) run on as one text.
                for piece in p.text.split('\n') {
                    join_into(&mut cell.text, &piece.replace('\t', " "));
                }
                return;
            }
        }
        let text = p.text.trim_end();
        if text.trim().is_empty() {
            self.out.blank(Origin::Paragraph(self.paragraph_no.max(1)));
            return;
        }
        self.paragraph_no += 1;
        let origin = Origin::Paragraph(self.paragraph_no);
        let level = p
            .outline
            .filter(|&l| l < 9)
            .or_else(|| p.style.as_ref().and_then(|s| self.styles.get(s).copied()));
        for (i, line) in text.split('\n').enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() {
                continue;
            }
            match level {
                Some(l) if i == 0 => {
                    let hashes = "#".repeat(usize::from(l.min(5)) + 1);
                    self.out.line(&format!("{hashes} {}", line.trim()), origin);
                }
                _ => self.out.line(line, origin),
            }
        }
    }

    fn table(&mut self, t: Tbl) {
        if self.open_cells > 0 {
            // A table inside a cell: its text is the outer cell's.
            let text: Vec<&str> = t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
                .filter(|s| !s.is_empty())
                .collect();
            let joined = text.join(" ");
            if let Some(cell) = self.cell() {
                join_into(&mut cell.text, &joined);
            }
            return;
        }
        self.table_no += 1;
        let table = self.table_no;
        let rows = grid(t);
        self.out.table(&rows, |row| Origin::TableRow {
            table,
            row: row as u32 + 1,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        )
    }

    fn text_of(inner: &str) -> String {
        let styles = heading_styles(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="2"><w:name w:val="heading 1"/></w:style><w:style w:styleId="a5"><w:name w:val="我的标题"/><w:basedOn w:val="2"/></w:style></w:styles>"#,
        );
        read_document(&body(inner), &styles).unwrap().text
    }

    #[test]
    fn paragraphs_headings_and_tracked_changes() {
        let text = text_of(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:t>二、主动公开</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>（一）</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">本年 </w:t></w:r><w:del><w:r><w:delText>删去</w:delText><w:t>旧</w:t></w:r></w:del><w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>&lt;3&gt;</w:t></w:r></w:p>"#,
            r#"<w:p/>"#,
            r#"<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            text,
            "# 一、总体情况\n# 二、主动公开\n## （一）\n本年 新增<3>\n\n甲\n乙\n"
        );
    }

    #[test]
    fn text_boxes_are_their_own_paragraphs_and_fallbacks_are_skipped() {
        let text = text_of(
            r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        );
        assert_eq!(text, "文本框\n正文\n");
    }

    #[test]
    fn tables_keep_their_spans() {
        let tc = |attrs: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{attrs}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let two_paragraphs = r#"<w:tc><w:p><w:r><w:t>结果</w:t></w:r></w:p><w:p><w:r><w:t>维持</w:t></w:r></w:p></w:tc>"#;
        let xml = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "（一）予以公开"),
            two_paragraphs,
            tc("<w:vMerge/>", ""),
            tc("", "1.属于国家秘密"),
            tc("", "1"),
            tc("", "四、结转"),
            tc("", "2"),
        );
        let text = text_of(&xml);
        assert_eq!(
            text,
            "<table>\n\
             <tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>结果维持</td></tr>\n\
             <tr><td>1.属于国家秘密</td><td>1</td></tr>\n\
             <tr><td>四、结转</td><td>2</td></tr>\n\
             </table>\n\n"
        );
    }

    #[test]
    fn damaged_documents_are_errors_not_panics() {
        let styles = HashMap::new();
        // A zip that stops after its first header: cut short.
        assert_eq!(convert(b"PK\x03\x04junk").err(), Some(Error::Truncated));
        // Deeper than any document nests.
        let deep = format!(
            "<w:document><w:body>{}</w:body></w:document>",
            "<w:tbl><w:tr><w:tc>".repeat(MAX_DEPTH)
        );
        assert!(matches!(
            read_document(&deep, &styles),
            Err(Error::TooMuch(_))
        ));
        assert!(read_document("<w:document>", &styles).is_err());
        // Truncated inside a paragraph: what was read is kept.
        let text = read_document("<w:document><w:body><w:p><w:r><w:t>一、总体", &styles)
            .unwrap()
            .text;
        assert_eq!(text, "一、总体\n");
    }
}
