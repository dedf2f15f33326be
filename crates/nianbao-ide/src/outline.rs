//! The outline (the six parts with their standard names, their subsections and tables)
//! and folding ranges.

use nianbao_model::template::{a20_caption, T3_ROWS};
use nianbao_model::{Placement, Report, Subsection, Table3};
use nianbao_syntax::{Block, BlockKind, Document, TextRange};

use crate::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// One report of a document that holds several.
    Report,
    Part,
    Subsection,
    Table,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    /// The heading as written, when it differs from `name`.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// All of it: a part runs to the last block before the next part.
    pub range: TextRange,
    /// What to select: the heading line, the caption, the first row.
    pub selection_range: TextRange,
    pub children: Vec<Symbol>,
}

/// The end of the last block that starts in `from..before` (at least `min_end`).
fn extent(blocks: &[Block], from: usize, before: usize, min_end: usize) -> usize {
    let i = blocks.partition_point(|b| b.range.start < from);
    blocks[i..]
        .iter()
        .take_while(|b| b.range.start < before)
        .map(|b| b.range.end)
        .max()
        .unwrap_or(min_end)
        .max(min_end)
}

/// The extent of each part heading: to the end of the last block before the next part.
fn part_ranges(report: &Report, blocks: &[Block]) -> Vec<TextRange> {
    report
        .parts
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            let next = report
                .parts
                .get(i + 1)
                .map_or(usize::MAX, |p| p.range.start);
            let end = extent(blocks, heading.range.start, next, heading.range.end);
            TextRange::new(heading.range.start, end)
        })
        .collect()
}

/// The outline of a document: the parts of its report, or, when it holds several
/// reports, one symbol per report with its parts inside.
pub fn outline(analysis: &Analysis, doc: &Document) -> Vec<Symbol> {
    if !analysis.checked {
        return Vec::new();
    }
    let reports = analysis.reports();
    if let [only] = reports {
        return report_outline(&only.report(), doc, &doc.blocks()[only.blocks.clone()]);
    }
    reports
        .iter()
        .enumerate()
        .map(|(i, view)| {
            let report = view.report();
            let (name, selection_range) = match &report.title {
                Some(t) => (t.text.trim().to_string(), t.range),
                None => (format!("报告 {}", i + 1), report.anchor),
            };
            let children = report_outline(&report, doc, &doc.blocks()[view.blocks.clone()]);
            Symbol {
                name,
                detail: None,
                kind: SymbolKind::Report,
                range: view.range,
                selection_range,
                children,
            }
        })
        .collect()
}

pub(crate) fn report_outline(report: &Report, doc: &Document, blocks: &[Block]) -> Vec<Symbol> {
    let ranges = part_ranges(report, blocks);
    let mut tables: Vec<Symbol> = Vec::new();
    for block in &report.article20 {
        let name = block
            .item
            .map_or_else(|| block.caption.trim().to_string(), a20_caption);
        tables.push(leaf(
            name,
            SymbolKind::Table,
            block.range,
            block.caption_range,
        ));
    }
    for t in &report.tables3 {
        let mut symbol = leaf(
            "表三 收到和处理政府信息公开申请情况".into(),
            SymbolKind::Table,
            t.range,
            t.first_row,
        );
        symbol.detail = t3_reading(t, doc);
        tables.push(symbol);
    }
    for t in &report.tables4 {
        tables.push(leaf(
            "表四 政府信息公开行政复议、行政诉讼情况".into(),
            SymbolKind::Table,
            t.range,
            t.first_row,
        ));
    }
    report
        .parts
        .iter()
        .zip(&ranges)
        .map(|(heading, &range)| {
            let inside = |r: TextRange| r.start > heading.range.start && r.start < range.end;
            let subsections: Vec<&Subsection> = report
                .subsections
                .iter()
                .filter(|s| inside(s.range))
                .collect();
            let mut children = sections(&subsections, blocks, range.end);
            for table in tables.iter().filter(|t| inside(t.range)) {
                place(&mut children, table.clone());
            }
            let name = heading.part.full_title();
            let written = heading.text.trim();
            Symbol {
                detail: (written != name).then(|| written.to_string()),
                name,
                kind: SymbolKind::Part,
                range,
                selection_range: heading.range,
                children,
            }
        })
        .collect()
}

/// How table 三's rows were read, when not all by their labels as the template writes
/// them: the labels in another writing (`「4，保护第三方合法权益」读作「4.保护第三方合法权益」`),
/// how many were joined from pieces or placed by their order.
fn t3_reading(table: &Table3, doc: &Document) -> Option<String> {
    let mut said = Vec::new();
    let variants: Vec<String> = table
        .rows
        .iter()
        .filter(|r| r.placement == Placement::Variant && !r.label_range.is_empty())
        .map(|r| {
            let written: String = doc
                .rope()
                .byte_slice(r.label_range.start..r.label_range.end)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            format!("「{written}」读作「{}」", T3_ROWS[r.def].label)
        })
        .collect();
    if !variants.is_empty() {
        let shown = variants.len().min(3);
        let more = if variants.len() > shown {
            format!(" 等 {} 行", variants.len())
        } else {
            String::new()
        };
        said.push(format!("{}{more}", variants[..shown].join("、")));
    }
    let count = |p: Placement| table.rows.iter().filter(|r| r.placement == p).count();
    match count(Placement::Joined) {
        0 => {}
        n => said.push(format!("{n} 行的标签由断开的几段拼合")),
    }
    match count(Placement::Order) {
        0 => {}
        n => said.push(format!("{n} 行按上下行的位置对应")),
    }
    (!said.is_empty()).then(|| said.join("；"))
}

/// The subsections of a part, nested by level: each holds the deeper ones after it, and
/// covers its section — up to the next subsection of its level or above, or the part's
/// end.
fn sections(subsections: &[&Subsection], blocks: &[Block], part_end: usize) -> Vec<Symbol> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < subsections.len() {
        let s = subsections[i];
        let mut j = i + 1;
        while j < subsections.len() && subsections[j].level > s.level {
            j += 1;
        }
        let before = subsections.get(j).map_or(part_end, |n| n.range.start);
        let end = extent(blocks, s.range.start, before, s.range.end);
        out.push(Symbol {
            name: s.text.clone(),
            detail: None,
            kind: SymbolKind::Subsection,
            range: TextRange::new(s.range.start, end),
            selection_range: s.range,
            children: sections(&subsections[i + 1..j], blocks, end),
        });
        i = j;
    }
    out
}

/// Puts a table into the deepest section that holds it, else among `symbols`, in order.
fn place(symbols: &mut Vec<Symbol>, table: Symbol) {
    let holder = symbols.iter_mut().find(|s| {
        s.kind == SymbolKind::Subsection
            && s.range.start <= table.range.start
            && table.range.start < s.range.end
    });
    match holder {
        Some(section) => place(&mut section.children, table),
        None => {
            let at = symbols.partition_point(|s| s.range.start <= table.range.start);
            symbols.insert(at, table);
        }
    }
}

fn leaf(name: String, kind: SymbolKind, range: TextRange, selection_range: TextRange) -> Symbol {
    Symbol {
        name,
        detail: None,
        kind,
        range,
        selection_range,
        children: Vec::new(),
    }
}

/// Ranges worth folding: each report of several, each part, each table.
pub fn folding_ranges(analysis: &Analysis, doc: &Document) -> Vec<TextRange> {
    if !analysis.checked {
        return Vec::new();
    }
    let reports = analysis.reports();
    let mut ranges: Vec<TextRange> = if reports.len() > 1 {
        reports.iter().map(|r| r.range).collect()
    } else {
        Vec::new()
    };
    for view in reports {
        ranges.extend(report_folding_ranges(
            &view.report(),
            &doc.blocks()[view.blocks.clone()],
        ));
    }
    ranges.sort();
    ranges.dedup();
    ranges
}

fn report_folding_ranges(report: &Report, blocks: &[Block]) -> Vec<TextRange> {
    let mut ranges = part_ranges(report, blocks);
    ranges.extend(
        blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Table(_)))
            .map(|b| b.range),
    );
    ranges.extend(report.tables3.iter().map(|t| t.range));
    ranges.extend(report.tables4.iter().map(|t| t.range));
    ranges.sort();
    ranges.dedup();
    ranges
}

#[cfg(test)]
mod tests {
    use nianbao_syntax::Document;

    use super::*;
    use crate::{analyze, Settings};

    #[test]
    fn parts_with_standard_names_and_their_children() {
        let text = "# 某局2020年政府信息公开工作年度报告\n\n## 一、总体情况\n\n（一）主动公开情况\n\n正文。\n\n## 四、政府信息公开行政复议与行政诉讼情况\n\n行政复议\t行政诉讼\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        let doc = Document::new(text);
        let analysis = crate::analyze(&doc, &Default::default());
        let symbols = outline(&analysis, &doc);
        let names: Vec<(&str, Option<&str>, Vec<&str>)> = symbols
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.detail.as_deref(),
                    s.children.iter().map(|c| c.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("一、总体情况", None, vec!["（一）主动公开情况"]),
                (
                    "四、政府信息公开行政复议、行政诉讼情况",
                    Some("四、政府信息公开行政复议与行政诉讼情况"),
                    vec!["表四 政府信息公开行政复议、行政诉讼情况"]
                ),
            ]
        );
        assert_eq!(
            &text[symbols[0].range.start..symbols[0].range.end],
            "## 一、总体情况\n\n（一）主动公开情况\n\n正文。"
        );
        assert!(folding_ranges(&analysis, &doc).len() >= 3);
    }

    /// `（一）`, `1.` and `（1）` nest, each section covering its body; a table sits in the
    /// section that holds it.
    #[test]
    fn subsections_nest_and_cover_their_sections() {
        let text = "# 某局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n（一）主动公开情况\n\n1. 基本情况。本年度主动公开信息 12 条。\n\n(1) 市政府网站。网站发布信息 10 条。\n\n正文一。\n\n(2) 政务微博。发布 2 条。\n\n2. 工作措施\n\n正文二。\n\n（二）依申请公开情况\n\n正文三。\n\n二、主动公开政府信息情况\n\n正文四。\n";
        let doc = Document::new(text);
        let analysis = crate::analyze(&doc, &Default::default());
        let symbols = outline(&analysis, &doc);
        fn tree(s: &Symbol, text: &str, out: &mut Vec<String>, depth: usize) {
            let body = &text[s.range.start..s.range.end];
            out.push(format!(
                "{}{} [{}]",
                "  ".repeat(depth),
                s.name,
                body.lines().filter(|l| !l.trim().is_empty()).count()
            ));
            for c in &s.children {
                tree(c, text, out, depth + 1);
            }
        }
        let mut lines = Vec::new();
        for s in &symbols {
            tree(s, text, &mut lines, 0);
        }
        assert_eq!(
            lines,
            [
                "一、总体情况 [10]",
                "  （一）主动公开情况 [7]",
                "    1. 基本情况 [4]",
                "      (1) 市政府网站 [2]",
                "      (2) 政务微博 [1]",
                "    2. 工作措施 [2]",
                "  （二）依申请公开情况 [2]",
                "二、主动公开政府信息情况 [2]",
            ]
        );
    }

    #[test]
    fn a_document_that_is_no_report_has_no_outline_and_no_folds() {
        let text = "# 会议纪要\n\n一、总体情况\n\n讨论了表格。\n\n二、主动公开\n\n正文。\n";
        let doc = Document::new(text);
        let analysis = crate::analyze(&doc, &Default::default());
        assert!(!analysis.checked);
        assert!(outline(&analysis, &doc).is_empty());
        assert!(folding_ranges(&analysis, &doc).is_empty());
    }

    #[test]
    fn several_reports_each_with_its_parts() {
        let one = "# 某局2020年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 二、主动公开政府信息情况\n\n正文。\n\n";
        let text = format!("{one}{}", one.replace("某局", "某委"));
        let doc = Document::new(&text);
        let analysis = crate::analyze(&doc, &Default::default());
        let symbols = outline(&analysis, &doc);
        let names: Vec<(&str, usize)> = symbols
            .iter()
            .map(|s| (s.name.as_str(), s.children.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("某局2020年政府信息公开工作年度报告", 2),
                ("某委2020年政府信息公开工作年度报告", 2)
            ]
        );
        assert!(symbols.iter().all(|s| s.kind == SymbolKind::Report));
        assert_eq!(symbols[1].range.start, text.find("# 某委").unwrap());
        // Each report's parts are its own: no part is reported twice.
        let codes: Vec<&str> = analysis.diagnostics().map(|d| d.code).collect();
        assert!(!codes.contains(&"duplicate-part"), "{codes:?}");
    }

    #[test]
    fn table_three_says_how_its_rows_were_read() {
        let valid = include_str!("../../nianbao-checks/test_data/valid_2021.txt");
        let doc = Document::new(valid);
        let analysis = analyze(&doc, &Settings::default());
        let detail = |symbols: &[Symbol]| -> Option<String> {
            fn find(symbols: &[Symbol]) -> Option<&Symbol> {
                symbols.iter().find_map(|s| {
                    if s.name.starts_with("表三") {
                        Some(s)
                    } else {
                        find(&s.children)
                    }
                })
            }
            find(symbols)
                .expect("table 三 in the outline")
                .detail
                .clone()
        };
        assert_eq!(detail(&outline(&analysis, &doc)), None);
        let typo = valid.replacen("2.其他法律行政法规禁止公开", "2.其他法律行政止公开", 1);
        assert_ne!(typo, valid);
        let doc = Document::new(&typo);
        let analysis = analyze(&doc, &Settings::default());
        assert_eq!(analysis.diagnostics().count(), 0, "a variant is no error");
        assert_eq!(
            detail(&outline(&analysis, &doc)).as_deref(),
            Some("「2.其他法律行政止公开」读作「2.其他法律行政法规禁止公开」")
        );
    }
}
