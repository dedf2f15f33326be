//! The outline (the six parts with their standard names, their subsections and tables)
//! and folding ranges.

use nianbao_model::template::a20_caption;
use nianbao_model::Report;
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
            let end = blocks
                .iter()
                .filter(|b| b.range.start >= heading.range.start && b.range.start < next)
                .map(|b| b.range.end)
                .max()
                .unwrap_or(heading.range.end);
            TextRange::new(heading.range.start, end.max(heading.range.end))
        })
        .collect()
}

/// The outline of a document: the parts of its report, or, when it holds several
/// reports, one symbol per report with its parts inside.
pub fn outline(analysis: &Analysis, doc: &Document) -> Vec<Symbol> {
    let reports = analysis.reports();
    if let [only] = reports {
        return report_outline(&only.report(), &doc.blocks()[only.blocks.clone()]);
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
            let children = report_outline(&report, &doc.blocks()[view.blocks.clone()]);
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

pub(crate) fn report_outline(report: &Report, blocks: &[Block]) -> Vec<Symbol> {
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
        tables.push(leaf(
            "表三 收到和处理政府信息公开申请情况".into(),
            SymbolKind::Table,
            t.range,
            t.first_row,
        ));
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
            let mut children: Vec<Symbol> = report
                .subsections
                .iter()
                .filter(|s| inside(s.range))
                .map(|s| {
                    leaf(
                        s.text.trim().to_string(),
                        SymbolKind::Subsection,
                        s.range,
                        s.range,
                    )
                })
                .chain(tables.iter().filter(|t| inside(t.range)).cloned())
                .collect();
            children.sort_by_key(|c| c.range.start);
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
}
