//! Re-laying a report's tables out the way real conversions do, to test the reader on
//! every layout with findings known in advance: a seed's tables, as nianbao reads them,
//! are written anew in a layout and put back in place of the originals; the seed's
//! findings must stay the same. Also: a report wrapped into a portal-like web page.

use nianbao_model::template::{
    a20_caption, a20_spec, T3Kind, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS,
};
use nianbao_model::Report;

/// A 第二十条 block as data: its item, header cells, rows of (label, values).
pub type A20Data = (u8, Vec<String>, Vec<(String, Vec<String>)>);

/// A seed's tables as data.
pub struct Tables {
    /// Table 三's rows: (template row, cells as written).
    pub t3: Vec<(usize, Vec<String>)>,
    /// Table 四's 15 cells.
    pub t4: Option<Vec<String>>,
    /// 第二十条 blocks: (item, header cells, rows of (label, values)).
    pub a20: Vec<A20Data>,
}

impl Tables {
    pub fn of(report: &Report) -> Tables {
        let t3 = report
            .tables3
            .first()
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| (r.def, r.cells.iter().map(|c| c.text.to_string()).collect()))
                    .collect()
            })
            .unwrap_or_default();
        let t4 = report
            .tables4
            .first()
            .and_then(|t| t.row.as_ref())
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect());
        let a20 = report
            .article20
            .iter()
            .filter_map(|b| {
                let item = b.item?;
                let own: Vec<String> = b
                    .header
                    .as_ref()
                    .map(|h| h.cells.iter().map(|c| c.text.to_string()).collect())
                    .unwrap_or_default();
                // A header whose names ran over several cells ("2019年新" | "制作数量")
                // cannot be written as one cell a column: the template's names stand in.
                let header = match a20_spec(report.format, item) {
                    Some(spec)
                        if own.len() != spec.columns.len()
                            || own.iter().any(|c| c.contains(char::is_whitespace)) =>
                    {
                        spec.columns.iter().map(|c| c.name.to_string()).collect()
                    }
                    _ => own,
                };
                Some((
                    item,
                    header,
                    b.rows
                        .iter()
                        .map(|r| {
                            (
                                r.label_text.to_string(),
                                r.values.iter().map(|v| v.text.to_string()).collect(),
                            )
                        })
                        .collect(),
                ))
            })
            .collect();
        Tables { t3, t4, a20 }
    }
}

/// Where each table stands in the text: (start, end) of tables 三, 四 and 第二十条.
fn regions(report: &Report) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    if let Some(t) = report.tables3.first() {
        out.push((t.range.start, t.range.end, "t3"));
    }
    if let Some(t) = report.tables4.first() {
        out.push((t.range.start, t.range.end, "t4"));
    }
    if let (Some(first), Some(last)) = (report.article20.first(), report.article20.last()) {
        out.push((first.range.start, last.range.end, "a20"));
    }
    out.sort();
    out
}

/// A way of writing the tables.
pub struct Layout {
    pub name: &'static str,
    pub t3: fn(&Tables) -> String,
    pub t4: fn(&Tables) -> String,
    pub a20: fn(&Tables) -> String,
}

/// `text` with its tables written in `layout`.
pub fn relay(text: &str, report: &Report, layout: &Layout) -> String {
    let tables = Tables::of(report);
    let mut out = text.to_string();
    for (start, end, which) in regions(report).into_iter().rev() {
        let new = match which {
            "t3" => (layout.t3)(&tables),
            "t4" => (layout.t4)(&tables),
            _ => (layout.a20)(&tables),
        };
        out.replace_range(start..end, &new);
    }
    out
}

// ---- Pieces ------------------------------------------------------------------------

const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn label(def: usize) -> &'static str {
    T3_ROWS[def].label
}

fn tabs(cells: &[String]) -> String {
    cells.join("\t")
}

fn pipes(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn owned(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A label cut into `n` pieces of about equal length (by characters).
fn pieces(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let size = chars.len().div_ceil(n).max(1);
    chars.chunks(size).map(|c| c.iter().collect()).collect()
}

/// The group label a row sits under, for vertical group labels.
fn group_label(def: usize) -> Option<&'static str> {
    T3_ROWS[def].group.map(|g| T3_ROWS[g].label)
}

fn header_tabs() -> String {
    let mut h = vec![NOTE.to_string()];
    h.extend(T3_COLUMNS.iter().map(|c| c.to_string()));
    tabs(&h)
}

// ---- Table 三 layouts ---------------------------------------------------------------

/// Tab rows; labels longer than ten characters wrapped over two or three lines, the
/// numbers on the line `at` (0 first, 1 middle, 2 last).
fn t3_wrapped(t: &Tables, at: usize) -> String {
    let mut out = vec![header_tabs()];
    for (def, cells) in &t.t3 {
        let l = label(*def);
        if l.chars().count() <= 10 {
            out.push(format!("{l}\t{}", tabs(cells)));
            continue;
        }
        let parts = pieces(l, if l.chars().count() > 24 { 3 } else { 2 });
        let numbers_on = at.min(parts.len() - 1);
        for (i, p) in parts.iter().enumerate() {
            if i == numbers_on {
                out.push(format!("{p}\t{}", tabs(cells)));
            } else {
                out.push(p.clone());
            }
        }
    }
    out.join("\n")
}

fn t3_wrapped_first(t: &Tables) -> String {
    t3_wrapped(t, 0)
}

fn t3_wrapped_middle(t: &Tables) -> String {
    t3_wrapped(t, 1)
}

fn t3_wrapped_last(t: &Tables) -> String {
    t3_wrapped(t, 2)
}

/// Pipe rows whose long labels are split across two cells.
fn t3_split_cells(t: &Tables) -> String {
    let mut out = vec![pipes(&[NOTE.to_string(), T3_COLUMNS.join(" | ")])];
    for (def, cells) in &t.t3 {
        let l = label(*def);
        let mut row: Vec<String> = if l.chars().count() > 12 {
            pieces(l, 2)
        } else {
            vec![l.to_string()]
        };
        row.extend(cells.iter().cloned());
        out.push(pipes(&row));
    }
    out.join("\n")
}

/// As Markdown extracted from a PDF writes a table whose long labels wrap in their cells
/// (`../shared/corpus/web/shanghai-govt-office_2025.txt`): pipe rows, but a label over
/// 14 characters leaves the table as two lines of text, its numbers a pipe row of their
/// own that starts the next table.
fn t3_labels_apart(t: &Tables) -> String {
    let separator = |n: usize| pipes(&vec!["---".to_string(); n]);
    let mut out = vec![pipes(&[NOTE.to_string(), T3_COLUMNS.join(" | ")])];
    out.push(separator(2));
    for (def, cells) in &t.t3 {
        let l = label(*def);
        if l.chars().count() > 14 && !cells.is_empty() {
            out.push(String::new());
            out.extend(pieces(l, 2));
            out.push(pipes(cells));
            out.push(separator(cells.len()));
        } else {
            let mut row = vec![l.to_string()];
            row.extend(cells.iter().cloned());
            out.push(pipes(&row));
        }
    }
    out.join("\n")
}

/// Group labels set vertically: one character per line (or two per cell) before or
/// inside the rows they span.
fn t3_vertical(t: &Tables, in_cells: bool) -> String {
    let mut out = vec![header_tabs()];
    let mut spelled: Vec<char> = Vec::new();
    let mut current: Option<&str> = None;
    for (def, cells) in &t.t3 {
        let group = group_label(*def).or(match T3_ROWS[*def].kind {
            T3Kind::Leaf | T3Kind::Total => Some("三、本年度办理结果"),
            _ => None,
        });
        if group != current {
            current = group;
            spelled = group.map(|g| g.chars().collect()).unwrap_or_default();
            spelled.reverse();
        }
        let chunk: String = (0..if in_cells { 2 } else { 1 })
            .filter_map(|_| spelled.pop())
            .collect();
        if in_cells {
            out.push(format!("{chunk}\t{}\t{}", label(*def), tabs(cells)));
        } else {
            if !chunk.is_empty() {
                out.push(chunk);
            }
            out.push(format!("{}\t{}", label(*def), tabs(cells)));
        }
    }
    out.join("\n")
}

fn t3_vertical_lines(t: &Tables) -> String {
    t3_vertical(t, false)
}

fn t3_vertical_cells(t: &Tables) -> String {
    t3_vertical(t, true)
}

/// A header over three lines, generic column names, and the header repeated halfway.
fn t3_headers(t: &Tables) -> String {
    let generic = pipes(&owned(&[
        "类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计",
    ]));
    let mut out = vec![
        "（本列数据的勾稽关系为：第一项加第二项之和，".to_string(),
        "等于第三项加第四项之和）".to_string(),
        "申请人情况".to_string(),
        generic.clone(),
        pipes(&owned(&["---"; 8])),
    ];
    let half = t.t3.len() / 2;
    for (i, (def, cells)) in t.t3.iter().enumerate() {
        if i == half {
            out.push(String::new());
            out.push("- 2 -".to_string());
            out.push(String::new());
            out.push(generic.clone());
            out.push(pipes(&owned(&["---"; 8])));
        }
        let mut row = vec![label(*def).to_string()];
        row.extend(cells.iter().cloned());
        out.push(pipes(&row));
    }
    out.join("\n")
}

/// One pipe table per row, each under a heading of its own, as a PDF→Markdown tool writes.
fn t3_table_per_block(t: &Tables) -> String {
    let mut out = vec![format!("({})", &NOTE[3..NOTE.len() - 3])];
    for (def, cells) in &t.t3 {
        out.push(String::new());
        out.push(format!("### {}", label(*def)));
        out.push(pipes(&owned(&[
            "类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计",
        ])));
        out.push(pipes(&owned(&["---"; 8])));
        let mut row = vec![label(*def).to_string()];
        row.extend(cells.iter().cloned());
        out.push(pipes(&row));
    }
    out.join("\n")
}

/// Page footers inside the table.
fn t3_footers(t: &Tables) -> String {
    let mut out = vec![header_tabs()];
    for (i, (def, cells)) in t.t3.iter().enumerate() {
        if i % 7 == 3 {
            out.push(["— 3 —", "- 4 -", "第 5 页 共 12 页"][i % 3].to_string());
        }
        out.push(format!("{}\t{}", label(*def), tabs(cells)));
    }
    out.join("\n")
}

/// Labels in another dress: `，` for `、`, `1、` for `1.`, half-width brackets, a typo.
fn t3_punctuation(t: &Tables) -> String {
    let mut out = vec![header_tabs()];
    for (def, cells) in &t.t3 {
        let l = label(*def)
            .replace('、', "，")
            .replacen('.', "、", 1)
            .replace('（', "(")
            .replace('）', ")")
            .replace("法律行政法规禁止", "法律行政止");
        out.push(format!("{l}\t{}", tabs(cells)));
    }
    out.join("\n")
}

fn t3_plain(t: &Tables) -> String {
    let mut out = vec![header_tabs()];
    for (def, cells) in &t.t3 {
        out.push(format!("{}\t{}", label(*def), tabs(cells)));
    }
    out.join("\n")
}

// ---- Table 四 layouts ---------------------------------------------------------------

fn t4_plain(t: &Tables) -> String {
    let Some(cells) = &t.t4 else {
        return String::new();
    };
    format!(
        "行政复议\t\t\t\t\t行政诉讼\n{}\n{}",
        tabs(&owned(&T4_RESULTS)),
        tabs(cells)
    )
}

/// Three pipe tables, one per group, each under a heading naming it.
fn t4_three_tables(t: &Tables) -> String {
    let Some(cells) = &t.t4 else {
        return String::new();
    };
    let mut out = Vec::new();
    for (g, name) in T4_GROUPS.iter().enumerate() {
        out.push(format!("### {name}"));
        out.push(pipes(&owned(&T4_RESULTS)));
        out.push(pipes(&owned(&["---"; 5])));
        out.push(pipes(&cells[g * 5..g * 5 + 5]));
        out.push(String::new());
    }
    out.join("\n")
}

/// One row of 15 numbers under a header line and a header row of fewer cells.
fn t4_short_header(t: &Tables) -> String {
    let Some(cells) = &t.t4 else {
        return String::new();
    };
    format!(
        "行政复议行政诉讼\n{}\n{}\n{}",
        pipes(&owned(&["维持", "纠正", "结果", "审结", "总计", "总计"])),
        pipes(&owned(&["---"; 6])),
        pipes(cells)
    )
}

// ---- 第二十条 layouts ---------------------------------------------------------------

fn a20_plain(t: &Tables) -> String {
    let mut out = Vec::new();
    for (item, header, rows) in &t.a20 {
        out.push(a20_caption(*item));
        out.push(format!("信息内容\t{}", tabs(header)));
        for (l, values) in rows {
            out.push(format!("{l}\t{}", tabs(values)));
        }
    }
    out.join("\n")
}

/// Each block under a Markdown heading; rows of one value as `行政许可 97` lines.
fn a20_headings(t: &Tables) -> String {
    let mut out = Vec::new();
    for (item, header, rows) in &t.a20 {
        out.push(format!("### {}", a20_caption(*item)));
        let mut h = vec!["信息内容".to_string()];
        h.extend(header.iter().cloned());
        out.push(pipes(&h));
        out.push(pipes(&vec!["---".to_string(); h.len()]));
        for (l, values) in rows {
            if values.len() == 1 {
                out.push(String::new());
                out.push(format!("{l} {}", values[0]));
                out.push(String::new());
            } else {
                let mut r = vec![l.clone()];
                r.extend(values.iter().cloned());
                out.push(pipes(&r));
            }
        }
        out.push(String::new());
    }
    out.join("\n")
}

/// Tab rows with the template's labels: the tidiest layout, for writing a seed's tables
/// anew when its own layout has no rows to copy (one cell a line).
pub const PLAIN: Layout = Layout {
    name: "tab rows",
    t3: t3_plain,
    t4: t4_plain,
    a20: a20_plain,
};

pub const LAYOUTS: &[Layout] = &[
    Layout {
        name: "label wrapped, numbers on the first line",
        t3: t3_wrapped_first,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "label wrapped, numbers on the middle line",
        t3: t3_wrapped_middle,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "label wrapped, numbers on the last line",
        t3: t3_wrapped_last,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "long labels as lines of text, their numbers a row of their own",
        t3: t3_labels_apart,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "label split across cells",
        t3: t3_split_cells,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "group labels vertical, a character per line",
        t3: t3_vertical_lines,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "group labels vertical, two characters per cell",
        t3: t3_vertical_cells,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "header over lines, generic, repeated halfway",
        t3: t3_headers,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "table 三 one table per block; table 四 three tables",
        t3: t3_table_per_block,
        t4: t4_three_tables,
        a20: a20_plain,
    },
    Layout {
        name: "table 四 one row of 15 under a short header",
        t3: t3_plain,
        t4: t4_short_header,
        a20: a20_plain,
    },
    Layout {
        name: "第二十条 under headings, rows as lines",
        t3: t3_plain,
        t4: t4_plain,
        a20: a20_headings,
    },
    Layout {
        name: "page footers inside the table",
        t3: t3_footers,
        t4: t4_plain,
        a20: a20_plain,
    },
    Layout {
        name: "labels in another punctuation, with a typo",
        t3: t3_punctuation,
        t4: t4_plain,
        a20: a20_plain,
    },
];

// ---- A web page --------------------------------------------------------------------

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` as a portal's web page: a head with a title, a script and a style; navigation
/// links (one to last year's report); headings as `<p><strong>`, paragraphs as Word's
/// `<p class=MsoNormal>` with `<o:p>`; tables as Word-exported HTML (cells wrapped in
/// `<p>`); a footer.
pub fn web_page(text: &str) -> String {
    let blocks = nianbao_syntax::parse_str(text);
    let mut out = String::from(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>年度报告 - 政务公开</title>\n\
         <script type=\"text/javascript\">\nvar nav = \"<p>一、总体情况</p>\";\nfunction go() { return 1 < 2; }\n</script>\n\
         <style>\np.MsoNormal { margin: 0 }\n</style>\n</head>\n<body>\n\
         <nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/gk\">政务公开</a></li>\
         <li><a href=\"/nb/2018\">2018年政府信息公开工作年度报告</a></li></ul></nav>\n\
         <div class=\"article\">\n",
    );
    for block in &blocks {
        match &block.kind {
            nianbao_syntax::BlockKind::Heading(h) => {
                out.push_str(&format!(
                    "<p><strong><span style=\"font-family:黑体\">{}</span></strong></p>\n",
                    escape(&h.text)
                ));
            }
            nianbao_syntax::BlockKind::Paragraph { text, .. } => {
                out.push_str(&format!("<p class=MsoNormal style=\"text-indent:2em\"><!--[if !supportLists]--><span>{}</span><o:p></o:p></p>\n", escape(text)));
            }
            nianbao_syntax::BlockKind::Table(table) => {
                out.push_str("<table class=MsoNormalTable border=1>\n");
                for row in table.rows.iter().filter(|r| !r.separator) {
                    out.push_str("<tr>");
                    for cell in &row.cells {
                        out.push_str(&format!(
                            "<td style=\"mso-border-alt:solid\"><p class=MsoNormal><span>{}</span><o:p></o:p></p></td>",
                            escape(&cell.text)
                        ));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            _ => {}
        }
    }
    out.push_str(
        "</div>\n<footer><p>主办单位：某某人民政府办公室</p><p>网站标识码 3500000001</p></footer>\n\
         <script>\ndocument.write(\"<p>二、主动公开政府信息情况</p>\");\n</script>\n</body>\n</html>\n",
    );
    out
}

/// A report as a crawler's HTML → text leaves it: the title on its line, everything else
/// joined into one line (part headings after a space, as in `../shared/corpus/flattened/`),
/// Markdown marks gone, and in each table row the separators between number cells dropped
/// with probability `drop` (a space kept otherwise). Rows holding a cell that is not a
/// number keep their separators as spaces, a blank cell written 「/」. The tables
/// are first laid out as tab rows (`PLAIN`), so every seed flattens the same way; what
/// is left of an HTML table's tags goes.
/// `seed` makes it deterministic.
pub fn flatten(text: &str, report: &Report, drop: f64, seed: u64) -> String {
    let tidy = relay(text, report, &PLAIN);
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        | 1;
    let mut coin = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let x = state.wrapping_mul(0x2545F4914F6CDD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    // (The lone `|` a one-cell-a-line seed leaves between its tables go too, and the
    // `<table>` lines an HTML table keeps around its rows: a crawler leaves no tags.)
    let tag = |l: &str| l.starts_with('<') && l.ends_with('>');
    let mut lines = tidy
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != "|" && !tag(l.trim()));
    let mut out = String::new();
    // The title line (and what stands before it) keeps its line.
    for line in lines.by_ref() {
        out.push_str(line.trim_start_matches('#').trim());
        out.push('\n');
        if line.contains("年度报告") {
            break;
        }
    }
    let mut first = true;
    for line in lines {
        let line = line.trim_start_matches('#').replace("**", "");
        let line = line.trim_matches(' ');
        if !first {
            out.push(' ');
        }
        first = false;
        // A blank cell is written 「/」: a crawler drops it, and the row's cells with it,
        // which is another report (one whose cells are missing).
        let number = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        let data = line.split('\t').filter(|c| number(c.trim())).count() >= 2;
        let leading = line.starts_with('\t');
        let cells: Vec<&str> = line
            .split('\t')
            .enumerate()
            .filter(|&(i, c)| !(i == 0 && c.is_empty() && !leading))
            .map(|(_, c)| if data && c.trim().is_empty() { "/" } else { c })
            .collect();
        let numbers = |c: &&str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        // (A row with a blank cell keeps its separators: only numbers are glued.)
        let glue = cells.len() > 1 && cells.iter().skip(1).all(numbers);
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                let between_numbers = i > 1 || numbers(&cells[0]);
                if glue && between_numbers && coin() < drop {
                    // dropped
                } else if glue && i == 1 && !numbers(&cells[0]) {
                    // label and first number: a crawler glues those always
                } else {
                    out.push(' ');
                }
            }
            out.push_str(cell.trim());
        }
    }
    out.push('\n');
    out
}
