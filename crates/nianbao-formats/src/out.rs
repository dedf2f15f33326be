//! The text a conversion writes, line by line, each with where it came from; tables as
//! `<table>` markup, one `<tr>` a line.

use std::fmt;

use crate::escape;

/// Where a line of converted text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A PDF's page (1-based).
    Page(u32),
    /// A Word file's paragraph outside tables (1-based, counting the paragraphs that hold
    /// text, as a person counts them).
    Paragraph(u32),
    /// A Word file's table and row (both 1-based).
    TableRow { table: u32, row: u32 },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Page(p) => write!(f, "第{p}页"),
            Origin::Paragraph(p) => write!(f, "第{p}段"),
            Origin::TableRow { table, row } => write!(f, "表格{table}第{row}行"),
        }
    }
}

/// For each line of a converted text, where it came from.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    /// (byte offset of a line's start, its origin), in order.
    lines: Vec<(usize, Origin)>,
}

impl SourceMap {
    /// The origin of the line that holds byte `offset` of the converted text.
    pub fn at(&self, offset: usize) -> Option<Origin> {
        let i = self.lines.partition_point(|&(start, _)| start <= offset);
        self.lines.get(i.checked_sub(1)?).map(|&(_, o)| o)
    }
}

/// A table's cell as written: its text and how many grid rows and columns it spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

/// Text being written, with its source map.
#[derive(Default)]
pub struct TextOut {
    pub text: String,
    pub map: SourceMap,
}

impl TextOut {
    /// One line (its text has no line break: any is written as a space).
    pub fn line(&mut self, text: &str, origin: Origin) {
        self.map.lines.push((self.text.len(), origin));
        self.text.extend(
            text.chars()
                .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
        );
        self.text.push('\n');
    }

    /// A blank line, unless the text ends with one already (or is empty).
    pub fn blank(&mut self, origin: Origin) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.line("", origin);
        }
    }

    /// A table: each row's cells, which start in that row, with their spans; `origin`
    /// says where row `i` came from.
    pub fn table(&mut self, rows: &[Vec<GridCell>], origin: impl Fn(usize) -> Origin) {
        if rows.is_empty() {
            return;
        }
        self.blank(origin(0));
        self.line("<table>", origin(0));
        for (i, row) in rows.iter().enumerate() {
            let mut tr = String::from("<tr>");
            for cell in row {
                tr.push_str("<td");
                if cell.rowspan > 1 {
                    tr.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
                }
                if cell.colspan > 1 {
                    tr.push_str(&format!(" colspan=\"{}\"", cell.colspan));
                }
                tr.push('>');
                tr.push_str(&escape(&cell.text));
                tr.push_str("</td>");
            }
            tr.push_str("</tr>");
            self.line(&tr, origin(i));
        }
        self.line("</table>", origin(rows.len() - 1));
        self.blank(origin(rows.len() - 1));
    }

    pub fn finish(self) -> crate::Converted {
        crate::Converted {
            text: self.text,
            map: self.map,
        }
    }
}

impl crate::Converted {
    /// The text and its source map as bytes, for another process (`nianbao check` reads
    /// PDF and Word files in a child process): the text's length and bytes, then each
    /// line's offset and origin, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 16 + self.map.lines.len() * 17);
        out.extend_from_slice(&(self.text.len() as u64).to_le_bytes());
        out.extend_from_slice(self.text.as_bytes());
        out.extend_from_slice(&(self.map.lines.len() as u64).to_le_bytes());
        for &(offset, origin) in &self.map.lines {
            let (tag, a, b) = match origin {
                Origin::Page(p) => (0u8, p, 0),
                Origin::Paragraph(p) => (1, p, 0),
                Origin::TableRow { table, row } => (2, table, row),
            };
            out.extend_from_slice(&(offset as u64).to_le_bytes());
            out.push(tag);
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }

    /// What [`Converted::to_bytes`] wrote; `None` for bytes it cannot have written.
    pub fn from_bytes(bytes: &[u8]) -> Option<crate::Converted> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[u8]> {
            let piece = bytes.get(at..at.checked_add(n)?)?;
            at += n;
            Some(piece)
        };
        let u64_at = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
        let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
        let len = usize::try_from(u64_at(take(8)?)).ok()?;
        let text = std::str::from_utf8(take(len)?).ok()?.to_string();
        let count = usize::try_from(u64_at(take(8)?)).ok()?;
        let mut lines = Vec::with_capacity(count.min(bytes.len() / 17));
        for _ in 0..count {
            let offset = usize::try_from(u64_at(take(8)?)).ok()?;
            let tag = take(1)?[0];
            let (a, b) = (u32_at(take(4)?), u32_at(take(4)?));
            let origin = match tag {
                0 => Origin::Page(a),
                1 => Origin::Paragraph(a),
                2 => Origin::TableRow { table: a, row: b },
                _ => return None,
            };
            lines.push((offset, origin));
        }
        (at == bytes.len()).then_some(crate::Converted {
            text,
            map: SourceMap { lines },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_tables_with_origins() {
        let mut out = TextOut::default();
        out.line("一、总体情况", Origin::Page(1));
        let cell = |t: &str, rowspan| GridCell {
            text: t.to_string(),
            rowspan,
            colspan: 1,
        };
        out.table(
            &[vec![cell("规章", 2), cell("1", 1)], vec![cell("2<3", 1)]],
            |row| Origin::TableRow {
                table: 1,
                row: row as u32 + 1,
            },
        );
        assert_eq!(
            out.text,
            "一、总体情况\n\n<table>\n<tr><td rowspan=\"2\">规章</td><td>1</td></tr>\n<tr><td>2&lt;3</td></tr>\n</table>\n\n"
        );
        let at = |needle: &str| out.map.at(out.text.find(needle).unwrap());
        assert_eq!(at("总体"), Some(Origin::Page(1)));
        assert_eq!(at("规章"), Some(Origin::TableRow { table: 1, row: 1 }));
        assert_eq!(at("2&lt;3"), Some(Origin::TableRow { table: 1, row: 2 }));
        assert_eq!(
            Origin::TableRow { table: 1, row: 2 }.to_string(),
            "表格1第2行"
        );
        // Through bytes and back, as between processes.
        let converted = out.finish();
        let back = crate::Converted::from_bytes(&converted.to_bytes()).expect("read back");
        assert_eq!(back.text, converted.text);
        assert_eq!(back.map.lines, converted.map.lines);
        let bytes = converted.to_bytes();
        assert!(crate::Converted::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    }
}
