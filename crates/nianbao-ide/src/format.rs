//! Formatting: the columns of Markdown pipe tables aligned by display width (a CJK
//! character is two columns wide, `unicode-width`). Only the padding between the pipes
//! changes — never a cell's text — and only on tables whose every row is one line that
//! starts with `|`; formatting formatted text changes nothing.

use nianbao_checks::TextEdit;
use nianbao_syntax::{BlockKind, Document, TableEncoding, TextRange};
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    None,
    Left,
    Right,
    Center,
}

fn align_of(separator: &str) -> Align {
    let s = separator.trim();
    match (s.starts_with(':'), s.ends_with(':') && s.len() > 1) {
        (true, true) => Align::Center,
        (true, false) => Align::Left,
        (false, true) => Align::Right,
        (false, false) => Align::None,
    }
}

fn pad(text: &str, width: usize, align: Align) -> String {
    let gap = width.saturating_sub(text.width());
    match align {
        Align::Right => format!("{}{text}", " ".repeat(gap)),
        Align::Center => format!("{}{text}{}", " ".repeat(gap / 2), " ".repeat(gap - gap / 2)),
        Align::None | Align::Left => format!("{text}{}", " ".repeat(gap)),
    }
}

/// The edits that align every pipe table of `doc` overlapping `range` (the whole
/// document when `None`): one per line that changes.
pub fn format_tables(doc: &Document, range: Option<TextRange>) -> Vec<TextEdit> {
    let rope = doc.rope();
    let mut edits = Vec::new();
    for block in doc.blocks() {
        let BlockKind::Table(table) = &block.kind else {
            continue;
        };
        if table.encoding != TableEncoding::Pipes {
            continue;
        }
        if range.is_some_and(|r| block.range.end < r.start || r.end < block.range.start) {
            continue;
        }
        // Each row's line, and its cells as written.
        struct Line {
            range: TextRange,
            indent: String,
            text: String,
            cells: Vec<String>,
            separator: bool,
        }
        let mut lines: Vec<Line> = Vec::new();
        let mut ok = true;
        // (A table block's rows and cells are at offsets relative to the block.)
        let base = block.range.start;
        for row in &table.rows {
            let (row_start, row_end) = (base + row.range.start, base + row.range.end);
            let line = rope.byte_to_line(row_start.min(rope.len_bytes()));
            if rope.byte_to_line(row_end.min(rope.len_bytes())) != line {
                ok = false;
                break;
            }
            let start = rope.line_to_byte(line);
            let text = rope.line(line).to_string();
            let text = text.trim_end_matches(['\n', '\r']).to_string();
            let trimmed = text.trim_start();
            if !trimmed.starts_with('|') {
                ok = false;
                break;
            }
            let indent = text[..text.len() - trimmed.len()].to_string();
            let cells: Option<Vec<String>> = row
                .cells
                .iter()
                .map(|c| {
                    rope.get_byte_slice(base + c.range.start..base + c.range.end)
                        .map(|s| s.to_string().trim_matches([' ', '\t']).to_string())
                })
                .collect();
            // A tab inside a cell's text has no display width to align by.
            let Some(cells) = cells.filter(|cells| !cells.iter().any(|c| c.contains('\t'))) else {
                ok = false;
                break;
            };
            // A cell's text must be all there is between its pipes, or the line is not
            // one this formatter understands (and is left alone).
            let rebuilt: String = cells.iter().map(String::as_str).collect();
            // (Only ASCII white space is padding: an ideographic space U+3000 is text.)
            let bare: String = trimmed
                .chars()
                .filter(|c| *c != '|' && !c.is_ascii_whitespace())
                .collect();
            let rebuilt: String = rebuilt
                .chars()
                .filter(|c| *c != '|' && !c.is_ascii_whitespace())
                .collect();
            if bare != rebuilt && !row.separator {
                ok = false;
                break;
            }
            lines.push(Line {
                range: TextRange::new(start, start + text.len()),
                indent,
                text,
                cells,
                separator: row.separator,
            });
        }
        // A row with another number of cells than the others would gain or lose a column.
        if !ok || lines.is_empty() || lines.iter().any(|l| l.cells.len() != lines[0].cells.len()) {
            continue;
        }
        let columns = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
        let mut widths = vec![3usize; columns];
        let mut aligns = vec![Align::None; columns];
        for l in &lines {
            for (i, c) in l.cells.iter().enumerate() {
                if l.separator {
                    aligns[i] = align_of(c);
                } else {
                    widths[i] = widths[i].max(c.width());
                }
            }
        }
        for l in &lines {
            let mut out = l.indent.clone();
            out.push('|');
            for i in 0..columns {
                let cell = if l.separator {
                    let w = widths[i];
                    match aligns[i] {
                        Align::None => "-".repeat(w),
                        Align::Left => format!(":{}", "-".repeat(w - 1)),
                        Align::Right => format!("{}:", "-".repeat(w - 1)),
                        Align::Center => format!(":{}:", "-".repeat(w.saturating_sub(2).max(1))),
                    }
                } else {
                    pad(
                        l.cells.get(i).map_or("", String::as_str),
                        widths[i],
                        aligns[i],
                    )
                };
                out.push(' ');
                out.push_str(&cell);
                out.push_str(" |");
            }
            if out != l.text {
                edits.push(TextEdit {
                    range: l.range,
                    new_text: out.into(),
                });
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.start..e.range.end, &e.new_text);
        }
        out
    }

    fn cells(text: &str) -> Vec<Vec<String>> {
        let doc = Document::new(text);
        doc.blocks()
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .flat_map(|t| &t.rows)
            .filter(|r| !r.separator)
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    const MISALIGNED: &str = "# 表三\n\n| 申请人情况 | 自然人 | 商业企业 | 总计 |\n|---|:-:|---:|---|\n| 一、本年新收政府信息公开申请数量 | 40 | 5 | 45 |\n|（一）予以公开|20|2|22|\n\n正文。\n";

    #[test]
    fn aligns_by_display_width_and_keeps_every_cell() {
        let edits = format_tables(&Document::new(MISALIGNED), None);
        let formatted = apply(MISALIGNED, &edits);
        expect_test::expect![[r#"
            # 表三

            | 申请人情况                       | 自然人 | 商业企业 | 总计 |
            | -------------------------------- | :----: | -------: | ---- |
            | 一、本年新收政府信息公开申请数量 |   40   |        5 | 45   |
            | （一）予以公开                   |   20   |        2 | 22   |

            正文。
        "#]]
        .assert_eq(&formatted);
        assert_eq!(cells(&formatted), cells(MISALIGNED));
        // Every row has the same display width.
        let widths: Vec<usize> = formatted
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(UnicodeWidthStr::width)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}");
        // Idempotent.
        assert!(format_tables(&Document::new(&formatted), None).is_empty());
    }

    /// Random tables of CJK and ASCII cells, spaced at random: formatting keeps every
    /// cell, aligns every row, and a second formatting changes nothing.
    #[test]
    fn formatting_is_idempotent_and_keeps_cells_on_random_tables() {
        let words = [
            "自然人",
            "40",
            "（一）予以公开",
            "",
            "x",
            "法律服务机构",
            "1234567",
            "—",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut changed = 0;
        for _ in 0..200 {
            let columns = 1 + next(5);
            let mut text = String::from("前言\n\n");
            for r in 0..1 + next(5) {
                let row: Vec<String> = (0..columns)
                    .map(|_| {
                        format!(
                            "{}{}{}",
                            " ".repeat(next(3)),
                            words[next(words.len())],
                            " ".repeat(next(3))
                        )
                    })
                    .collect();
                text.push_str(&format!("|{}|\n", row.join("|")));
                if r == 0 {
                    let sep: Vec<&str> = (0..columns)
                        .map(|_| ["---", ":--", "--:", ":-:"][next(4)])
                        .collect();
                    text.push_str(&format!("|{}|\n", sep.join("|")));
                }
            }
            text.push_str("\n后记\n");
            let edits = format_tables(&Document::new(&text), None);
            changed += usize::from(!edits.is_empty());
            let once = apply(&text, &edits);
            assert_eq!(cells(&once), cells(&text), "{text}\n{once}");
            assert!(
                format_tables(&Document::new(&once), None).is_empty(),
                "{once}"
            );
        }
        assert!(changed > 100, "{changed} of 200 tables formatted");
    }

    #[test]
    fn ideographic_spaces_and_ragged_tables_are_kept() {
        let text = "| 申请人情况 | 总计 |\n|---|---|\n|　　（一）予以公开|1|\n";
        // The parser does not count U+3000 as the cell's text, the formatter does: such a
        // table is left as it is rather than lose the spaces.
        let once = apply(text, &format_tables(&Document::new(text), None));
        assert!(once.contains("　　（一）予以公开"), "{once}");
        let ragged = "| a | b | c |\n|---|---|\n| 1 | 2 |\n";
        assert!(format_tables(&Document::new(ragged), None).is_empty());
    }

    #[test]
    fn a_tab_between_the_pipes_is_padding() {
        for text in [
            "前言\n\n| 申请人情况\t| 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收 | 40 | 45 |\n",
            "前言\n\n|\t申请人情况\t|\t自然人\t|\t总计\t|\n|---|---|---|\n| 一、本年新收 | 40 | 45 |\n",
        ] {
            let once = apply(text, &format_tables(&Document::new(text), None));
            expect_test::expect![[r#"
                前言

                | 申请人情况   | 自然人 | 总计 |
                | ------------ | ------ | ---- |
                | 一、本年新收 | 40     | 45   |
            "#]]
            .assert_eq(&once);
        }
        // A tab inside a cell's text: the table is left as it is.
        let inside = "| 申请人\t情况 | 自然人 |\n|---|---|\n| 一、本年新收 | 40 |\n";
        assert!(format_tables(&Document::new(inside), None).is_empty());
    }

    #[test]
    fn other_tables_and_ranges_elsewhere_are_left_alone() {
        let tabs = "一、本年新收\t40\t5\n二、上年结转\t3\t1\n";
        assert!(format_tables(&Document::new(tabs), None).is_empty());
        // A range that does not reach the table.
        let edits = format_tables(&Document::new(MISALIGNED), Some(TextRange::new(0, 3)));
        assert!(edits.is_empty());
        let at = MISALIGNED.find("（一）").unwrap();
        assert!(
            !format_tables(&Document::new(MISALIGNED), Some(TextRange::new(at, at))).is_empty()
        );
    }
}
