//! Writes a report's text as a plain HTML document — headings as `<h1>`–`<h3>`, paragraphs
//! as `<p>`, every table as a bordered `<table>` with one cell per cell — for
//! `scripts/convert-seeds.sh`, which has LibreOffice turn it into the `.docx` and `.pdf`
//! fixtures: a Word table and a ruled PDF table, cell for cell the text's.
//!
//! A table written one cell a line has no rows of its own (the model cuts it by the
//! template): such a seed's tables are first re-laid as tab rows (`layouts::PLAIN`).
//!
//! usage: cargo run -p nianbao-tests --example seed_html -- SEED.txt > SEED.html
//! (`SEED_HTML_TEXT=1`: the re-laid text instead of the HTML, to check it.)

#![allow(clippy::print_stdout, clippy::print_stderr)] // A tool that writes a file to stdout.

use nianbao_syntax::{parse_str, BlockKind, TableEncoding};
use nianbao_tests::{check_document, layouts};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: seed_html SEED.txt");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(2);
        }
    };
    let one_cell_a_line = parse_str(&text).iter().any(
        |b| matches!(&b.kind, BlockKind::Table(t) if t.encoding == TableEncoding::CellPerLine),
    );
    let text = if one_cell_a_line {
        let (reports, _) = check_document(&text);
        match reports.first() {
            // The lone `|` between cells that the tables' ranges leave behind go too.
            Some(report) => layouts::relay(&text, report, &layouts::PLAIN)
                .lines()
                .filter(|line| line.trim() != "|")
                .collect::<Vec<_>>()
                .join("\n"),
            None => text,
        }
    } else {
        text
    };
    if std::env::var_os("SEED_HTML_TEXT").is_some() {
        print!("{text}");
        return;
    }
    let mut out = String::from(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\">\n\
         <style>body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10.5pt }\n\
         table { border-collapse: collapse } td { border: 1px solid black; padding: 2px }</style>\n\
         </head>\n<body>\n",
    );
    for block in parse_str(&text) {
        match &block.kind {
            BlockKind::Heading(h) => {
                let level = h.level.unwrap_or(3).clamp(1, 3);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(&h.text)));
            }
            BlockKind::Paragraph { text, .. } => {
                out.push_str(&format!("<p>{}</p>\n", escape(text)));
            }
            BlockKind::Table(table) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n");
                for row in table.rows.iter().filter(|r| !r.separator) {
                    out.push_str("<tr>");
                    for cell in &row.cells {
                        out.push_str(&format!("<td>{}</td>", escape(&cell.text)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            _ => {}
        }
    }
    out.push_str("</body>\n</html>\n");
    print!("{out}");
}
