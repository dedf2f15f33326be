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
    }
}
