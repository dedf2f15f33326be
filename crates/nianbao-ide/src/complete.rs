//! Completion: the official skeleton of a missing table (table 三, table 四, the
//! 第二十条 blocks) on an empty line of the part that lacks it, in the table style the
//! document already uses (Markdown pipes when it has none); the standard heading of a
//! part that is due at the start of a line; the template's row labels inside table 三.
//! Every skeleton is built from the template (`nianbao_model::template`), with zeros.

use nianbao_model::template::{
    a20_caption, a20_specs, t3_holds_numbers, Format, Part, T3Kind, PARTS, T3_ROWS, T4_GROUPS,
    T4_RESULTS,
};
use nianbao_model::Report;
use nianbao_syntax::{Block, BlockKind, Document, TableEncoding, TextRange};

use crate::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A whole table.
    Skeleton,
    /// A part heading.
    Heading,
    /// A row label of table 三.
    RowLabel,
    /// A sentence to complete: its placeholder is to be replaced by a fact.
    Sentence,
}

/// The sentence completion offers in a part 六 that does not report the 信息处理费: its
/// amount a placeholder (`fee-statement-missing` says it unfilled until it is replaced).
pub const FEE_SENTENCE: &str = "本年度收取信息处理费（金额）元。";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// 「插入表三（2021 年版）」
    pub label: String,
    pub detail: String,
    pub kind: CompletionKind,
    /// What replaces `range`.
    pub insert: String,
    pub range: TextRange,
}

/// How the document writes its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Tabs,
    Pipes,
}

fn style_of(doc: &Document) -> Style {
    let mut tabs = false;
    for block in doc.blocks() {
        if let BlockKind::Table(t) = &block.kind {
            match t.encoding {
                TableEncoding::Pipes => return Style::Pipes,
                TableEncoding::Tabs => tabs = true,
                _ => {}
            }
        }
    }
    if tabs {
        Style::Tabs
    } else {
        Style::Pipes
    }
}

fn render(rows: &[Vec<String>], style: Style) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        match style {
            Style::Tabs => out.push_str(&row.join("\t")),
            Style::Pipes => {
                out.push_str("| ");
                out.push_str(&row.join(" | "));
                out.push_str(" |");
                if i == 0 {
                    out.push('\n');
                    out.push_str(&format!("|{}", "---|".repeat(row.len())));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Table 三 of `format`, every template row with zeros, as the template lays it out: three
/// label columns (一/二/三/四, the result or group, the group's leaves) and seven counts.
pub fn table3_skeleton(format: Format, style: Style) -> String {
    let s = String::new;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "申请人情况",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
        .map(String::from)
        .to_vec(),
        [
            "",
            "",
            "",
            "自然人",
            "法人或其他组织",
            "",
            "",
            "",
            "",
            "总计",
        ]
        .map(String::from)
        .to_vec(),
        [
            "",
            "",
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let defs: Vec<usize> = (0..T3_ROWS.len())
        .filter(|&d| T3_ROWS[d].only.includes(format))
        .collect();
    let is_group = |d: usize| defs.iter().any(|&x| T3_ROWS[x].group == Some(d));
    let zeros = || vec!["0".to_string(); 7];
    let (mut results, mut group): (Option<String>, Option<String>) = (None, None);
    for &d in &defs {
        let def = &T3_ROWS[d];
        if def.kind == T3Kind::ResultsHeader {
            results = Some(def.label.to_string());
            continue;
        }
        if is_group(d) {
            group = Some(def.label.to_string());
            continue;
        }
        let mut row = match (def.kind, def.group) {
            (T3Kind::Inflow | T3Kind::CarriedOver, _) => vec![def.label.to_string(), s(), s()],
            (_, Some(_)) => vec![
                results.take().unwrap_or_default(),
                group.take().unwrap_or_default(),
                def.label.to_string(),
            ],
            (_, None) => vec![
                results.take().unwrap_or_default(),
                def.label.to_string(),
                s(),
            ],
        };
        row.extend(zeros());
        rows.push(row);
    }
    render(&rows, style)
}

/// Table 四: its three groups of five, and a row of zeros.
pub fn table4_skeleton(style: Style) -> String {
    let blank = |n: usize| vec![String::new(); n];
    let mut first = vec![T4_GROUPS[0].to_string()];
    first.extend(blank(4));
    first.push("行政诉讼".to_string());
    first.extend(blank(9));
    let mut second: Vec<String> = T4_RESULTS.iter().map(|s| s.to_string()).collect();
    second.push("未经复议直接起诉".to_string());
    second.extend(blank(4));
    second.push("复议后起诉".to_string());
    second.extend(blank(4));
    let mut third = blank(5);
    for _ in 0..2 {
        third.extend(T4_RESULTS.iter().map(|s| s.to_string()));
    }
    let zeros = vec!["0".to_string(); 15];
    render(&[first, second, third, zeros], style)
}

/// The 第二十条 blocks of `format` that `have` does not hold (items), each its caption,
/// header and rows with zeros.
pub fn article20_skeleton(format: Format, style: Style, have: &[u8]) -> String {
    let mut out = String::new();
    for spec in a20_specs(format).iter().filter(|s| !have.contains(&s.item)) {
        out.push_str(&a20_caption(spec.item));
        out.push_str("\n\n");
        let mut rows = vec![std::iter::once("信息内容".to_string())
            .chain(spec.columns.iter().map(|c| c.name.to_string()))
            .collect::<Vec<_>>()];
        for label in spec.rows {
            let mut row = vec![label.to_string()];
            row.extend(spec.columns.iter().map(|_| "0".to_string()));
            rows.push(row);
        }
        out.push_str(&render(&rows, style));
        out.push('\n');
    }
    out
}

fn year_label(format: Format) -> &'static str {
    match format {
        Format::F2019 => "2019 年版",
        Format::F2021 => "2021 年版",
    }
}

/// Whether part 六 of `report` says nothing of the 信息处理费, or says it only loosely
/// (`fee-statement-missing`); not when a placeholder is already there to fill in.
fn fee_unreported(report: &Report) -> bool {
    use nianbao_model::text::Fee;
    report
        .texts
        .iter()
        .find(|t| t.part == Part::Other)
        .is_some_and(|t| matches!(t.fee().0, Fee::None | Fee::Loose))
}

/// The part the text at `offset` is in.
fn part_at(report: &Report, offset: usize) -> Option<Part> {
    report
        .parts
        .iter()
        .filter(|p| p.range.start <= offset)
        .max_by_key(|p| p.range.start)
        .map(|p| p.part)
}

/// What to offer at byte `offset`.
pub fn completions(analysis: &Analysis, doc: &Document, offset: usize) -> Vec<Completion> {
    let mut out = Vec::new();
    if !analysis.checked {
        return out;
    }
    let Some(view) = analysis.report_at(offset) else {
        return out;
    };
    let report = view.report();
    let rope = doc.rope();
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let line_text = rope.line(line).to_string();
    let line_text = line_text.trim_end_matches(['\n', '\r']);
    let line_end = line_start + line_text.len();
    let before = line_text.get(..offset - line_start).unwrap_or("");
    let after = line_text.get(offset - line_start..).unwrap_or("");
    let style = style_of(doc);
    let format = report.format;
    let part = part_at(&report, offset);
    let blank = line_text.trim().is_empty();
    let line_range = TextRange::new(line_start, line_end);

    if blank {
        match part.map(Part::number) {
            Some(3) if report.tables3.is_empty() => out.push(Completion {
                label: format!("插入表三（{}）", year_label(format)),
                detail: "收到和处理政府信息公开申请情况：模板的全部行和列，数字为 0".to_string(),
                kind: CompletionKind::Skeleton,
                insert: table3_skeleton(format, style),
                range: line_range,
            }),
            Some(4) if report.tables4.is_empty() => out.push(Completion {
                label: format!("插入表四（{}）", year_label(format)),
                detail: "政府信息公开行政复议、行政诉讼情况：三组十五格，数字为 0".to_string(),
                kind: CompletionKind::Skeleton,
                insert: table4_skeleton(style),
                range: line_range,
            }),
            Some(2) => {
                let have: Vec<u8> = report.article20.iter().filter_map(|b| b.item).collect();
                let skeleton = article20_skeleton(format, style, &have);
                if !skeleton.is_empty() {
                    out.push(Completion {
                        label: format!("插入第二十条各表（{}）", year_label(format)),
                        detail: "主动公开政府信息情况：缺少的第二十条各项表格，数字为 0"
                            .to_string(),
                        kind: CompletionKind::Skeleton,
                        insert: skeleton,
                        range: line_range,
                    });
                }
            }
            Some(6) if format == Format::F2021 && fee_unreported(&report) => out.push(Completion {
                label: "信息处理费的收取情况（句式）".to_string(),
                detail: "依据《政府信息公开信息处理费管理办法》专门报告：请把「（金额）」换成实际金额；未收取的写「本年度未收取信息处理费。」".to_string(),
                kind: CompletionKind::Sentence,
                insert: FEE_SENTENCE.to_string(),
                range: line_range,
            }),
            _ => {}
        }
    }

    // The heading of a part that is due here: missing, after the part the cursor is in
    // and before the next part the report has.
    let typed = before.trim_start_matches('#').trim();
    if after.trim().is_empty() && typed.chars().count() <= 12 {
        let current = part.map_or(0, Part::number);
        let next = report
            .parts
            .iter()
            .map(|p| p.part.number())
            .filter(|&n| n > current)
            .min()
            .unwrap_or(7);
        let marks: String = report
            .parts
            .first()
            .and_then(|p| {
                let start = p.range.start.min(rope.len_bytes());
                let end = p.text_range.start.min(rope.len_bytes()).max(start);
                rope.get_byte_slice(start..end).map(|s| s.to_string())
            })
            .unwrap_or_default();
        let marks = if marks.trim().chars().all(|c| c == '#') {
            marks
        } else {
            String::new()
        };
        for p in PARTS
            .iter()
            .filter(|p| p.number() > current && p.number() < next)
        {
            let title = p.full_title();
            if !typed.is_empty() && !title.starts_with(typed) {
                continue;
            }
            out.push(Completion {
                label: title.clone(),
                detail: format!("第{}部分的标准标题", p.numeral()),
                kind: CompletionKind::Heading,
                insert: format!("{marks}{title}"),
                range: TextRange::new(line_start, offset),
            });
        }
    }

    // Inside table 三, where a row's label is being typed (nothing but the label's start
    // before the cursor on the line, nothing after it): the template rows it lacks, each
    // with its cells, so that the row is read at once.
    if let Some(table) = report
        .tables3
        .iter()
        .find(|t| t.range.start <= offset && offset <= t.range.end)
    {
        // What is typed of the label: after a pipe table's first `|`, and spaces.
        let pipe = before.trim_start().starts_with('|');
        let typed_from = if pipe {
            before.find('|').map_or(0, |i| i + 1)
        } else {
            0
        };
        let typed = &before[typed_from..];
        let label_start = line_start + typed_from + (typed.len() - typed.trim_start().len());
        let typed = typed.trim();
        let only_label = !typed.contains(['|', '\t'])
            && !nianbao_syntax::is_numeric_token(typed)
            && typed.chars().count() <= 12
            && after
                .trim_matches(|c: char| c == '|' || c.is_whitespace())
                .is_empty();
        let style = match doc
            .blocks()
            .iter()
            .find(|b| b.range.start <= offset && offset <= b.range.end)
        {
            Some(Block {
                kind: BlockKind::Table(t),
                ..
            }) if t.encoding == TableEncoding::Tabs => Style::Tabs,
            Some(Block {
                kind: BlockKind::Table(t),
                ..
            }) if t.encoding == TableEncoding::Pipes => Style::Pipes,
            _ if pipe => Style::Pipes,
            _ => style,
        };
        if only_label {
            for (d, def) in T3_ROWS.iter().enumerate() {
                // Only rows with numbers of their own: not 三、本年度办理结果, nor the
                // groups whose leaves carry the numbers in this format.
                if !t3_holds_numbers(d, format) || table.rows.iter().any(|r| r.def == d) {
                    continue;
                }
                let zeros = vec!["0"; table.width()];
                let insert = match style {
                    Style::Tabs => format!("{}\t{}", def.label, zeros.join("\t")),
                    Style::Pipes => format!("{} | {} |", def.label, zeros.join(" | ")),
                };
                out.push(Completion {
                    label: def.label.to_string(),
                    detail: format!("表三的模板行（{}），各格为 0", year_label(format)),
                    kind: CompletionKind::RowLabel,
                    insert,
                    range: TextRange::new(label_start, line_end),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Settings};
    use nianbao_checks::{check, Config};

    const VALID_2019: &str = include_str!("../../nianbao-checks/test_data/valid_2019.txt");
    const VALID_2021: &str = include_str!("../../nianbao-checks/test_data/valid_2021.txt");

    /// `text` without the lines of part `part`'s body (its heading kept), an empty line
    /// in their place; and the offset of that line.
    fn without_body(text: &str, heading: &str, next: &str) -> (String, usize) {
        let start = text.find(heading).expect("heading") + heading.len() + 1;
        let end = text.find(next).expect("next");
        let out = format!("{}\n\n\n{}", &text[..start], &text[end..]);
        (out, start + 1)
    }

    fn complete_and_apply(text: &str, offset: usize, label: &str) -> String {
        let doc = Document::new(text);
        let analysis = analyze(&doc, &Settings::default());
        let items = completions(&analysis, &doc, offset);
        let item = items
            .iter()
            .find(|c| c.label == label)
            .unwrap_or_else(|| panic!("no {label} in {items:?}"));
        let mut out = text.to_string();
        out.replace_range(item.range.start..item.range.end, &item.insert);
        out
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let report = nianbao_model::build(Document::new(text).blocks(), &Default::default());
        check(&report, &Config::default())
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn table3_skeleton_reads_as_every_template_row_of_its_format() {
        for (text, format, label) in [
            (VALID_2019, Format::F2019, "插入表三（2019 年版）"),
            (VALID_2021, Format::F2021, "插入表三（2021 年版）"),
        ] {
            let (lacking, at) =
                without_body(text, "三、收到和处理政府信息公开申请情况\n", "## 四、");
            assert!(codes(&lacking).contains(&"missing-table"));
            let done = complete_and_apply(&lacking, at, label);
            let report = nianbao_model::build(Document::new(&done).blocks(), &Default::default());
            assert_eq!(report.tables3.len(), 1, "{done}");
            // Every template row with numbers: all but 三、本年度办理结果 and the group
            // labels, which stand in the skeleton as labels of their first leaf.
            let defs: Vec<usize> = (0..T3_ROWS.len())
                .filter(|&d| T3_ROWS[d].only.includes(format))
                .collect();
            let want: Vec<usize> = defs
                .iter()
                .copied()
                .filter(|&d| T3_ROWS[d].kind != T3Kind::ResultsHeader)
                .filter(|&d| !defs.iter().any(|&x| T3_ROWS[x].group == Some(d)))
                .collect();
            let mut got: Vec<usize> = report.tables3[0].rows.iter().map(|r| r.def).collect();
            got.sort_unstable();
            assert_eq!(got, want);
            let found = codes(&done);
            for code in [
                "missing-row",
                "unknown-row",
                "wrong-cell-count",
                "missing-table",
                "other-format-row",
            ] {
                assert!(!found.contains(&code), "{code} in {found:?}\n{done}");
            }
        }
    }

    #[test]
    fn table4_and_article20_skeletons_read_as_their_tables() {
        let (lacking, at) = without_body(
            VALID_2021,
            "四、政府信息公开行政复议、行政诉讼情况\n",
            "## 五、",
        );
        let done = complete_and_apply(&lacking, at, "插入表四（2021 年版）");
        let report = nianbao_model::build(Document::new(&done).blocks(), &Default::default());
        assert_eq!(report.tables4.len(), 1);
        assert!(
            report.tables4[0]
                .row
                .as_ref()
                .is_some_and(|r| r.is_mapped()),
            "{done}"
        );
        assert!(codes(&done).is_empty(), "{:?}", codes(&done));
        let (lacking, at) = without_body(VALID_2021, "二、主动公开政府信息情况\n", "## 三、");
        let done = complete_and_apply(&lacking, at, "插入第二十条各表（2021 年版）");
        assert!(codes(&done).is_empty(), "{:?}\n{done}", codes(&done));
    }

    #[test]
    fn a_row_label_in_a_pipe_table_keeps_the_pipe() {
        let skeleton = table3_skeleton(Format::F2021, Style::Pipes);
        let row = skeleton
            .lines()
            .find(|l| l.contains("二、上年结转"))
            .expect("row 二");
        let text = format!(
            "# 某局2022年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n{}",
            skeleton.replace(row, "| 二")
        );
        let at = text.find("| 二").expect("typed") + "| 二".len();
        let doc = Document::new(&text);
        let analysis = analyze(&doc, &Settings::default());
        let items = completions(&analysis, &doc, at);
        let item = items
            .iter()
            .find(|c| c.label == "二、上年结转政府信息公开申请数量")
            .unwrap_or_else(|| panic!("{items:?}"));
        assert_eq!(&text[item.range.start..item.range.end], "二");
        // Applied, the row is read with its cells: nothing is missing any more.
        let mut done = text.clone();
        done.replace_range(item.range.start..item.range.end, &item.insert);
        let after = codes(&done);
        assert!(!after.contains(&"missing-row"), "{after:?}\n{done}");
        assert!(!after.iter().any(|c| c.ends_with("-mismatch")), "{after:?}");
        // Only missing rows are offered: no group label, nothing that is there.
        let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["二、上年结转政府信息公开申请数量"], "{labels:?}");
    }

    #[test]
    fn no_row_labels_on_the_cells_of_a_complete_table() {
        for text in [VALID_2019, VALID_2021] {
            let doc = Document::new(text);
            let analysis = analyze(&doc, &Settings::default());
            let table = &analysis.reports()[0].report().tables3[0].clone();
            for row in &table.rows {
                for cell in &row.cells {
                    for at in [cell.range.start, cell.range.end] {
                        let items = completions(&analysis, &doc, at);
                        assert!(
                            items.iter().all(|c| c.kind != CompletionKind::RowLabel),
                            "{items:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_missing_row_typed_in_a_tab_table_gets_its_cells() {
        let line = VALID_2021
            .lines()
            .find(|l| l.contains("4.保护第三方合法权益"))
            .expect("row");
        let text = VALID_2021.replace(&format!("{line}\n"), "4.保\n");
        assert!(codes(&text).contains(&"missing-row"));
        let at = text.find("4.保\n").expect("typed") + "4.保".len();
        let done = complete_and_apply(&text, at, "4.保护第三方合法权益");
        // The row is read, with zeros where the report had its figures: the sums say so.
        let after = codes(&done);
        assert!(!after.contains(&"missing-row"), "{after:?}");
        assert!(!after.contains(&"wrong-cell-count"), "{after:?}");
        let report = nianbao_model::build(Document::new(&done).blocks(), &Default::default());
        let def = T3_ROWS
            .iter()
            .position(|d| d.label == "4.保护第三方合法权益")
            .expect("template row");
        let table = &report.tables3[0];
        let (_, row) = table.row(def).expect("row read");
        assert!(table.is_mapped(row));
    }

    #[test]
    fn the_heading_of_a_missing_part_at_the_start_of_a_line() {
        let (lacking, _) = without_body(VALID_2021, "五、存在的主要问题及改进情况\n", "## 六、");
        let lacking = lacking.replace("## 五、存在的主要问题及改进情况\n", "");
        let at = lacking.find("## 六、").expect("六");
        let text = format!("{}\n{}", &lacking[..at], &lacking[at..]);
        let done = complete_and_apply(&text, at, "五、存在的主要问题及改进情况");
        assert!(done.contains("## 五、存在的主要问题及改进情况\n"), "{done}");
    }

    #[test]
    fn a_fee_sentence_with_a_placeholder_in_a_part_six_without_one() {
        const LABEL: &str = "信息处理费的收取情况（句式）";
        let fee = |t: &str| {
            let report = nianbao_model::build(Document::new(t).blocks(), &Default::default());
            check(&report, &Config::default())
                .into_iter()
                .filter(|d| d.code == "fee-statement-missing")
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
        };
        let text = VALID_2021.replace("本年度未收取信息处理费。", "无其他需要报告的事项。\n\n");
        assert_eq!(fee(&text).len(), 1);
        let at =
            text.find("无其他需要报告的事项。").expect("六") + "无其他需要报告的事项。\n\n".len();
        let done = complete_and_apply(&text, at, LABEL);
        assert!(done.contains(FEE_SENTENCE), "{done}");
        // The amount is still a placeholder: said unfilled, not taken for a statement.
        assert!(
            fee(&done)[0].contains("只有占位文字「信息处理费（金额）」"),
            "{:?}",
            fee(&done)
        );
        assert_eq!(fee(&done.replace("（金额）", " 0 ")), Vec::<String>::new());
        // Not where part 六 states the fee, nor in another part, nor in the 2019 format.
        let offered = |t: &str, at: usize| {
            let doc = Document::new(t);
            completions(&analyze(&doc, &Settings::default()), &doc, at)
                .iter()
                .any(|c| c.label == LABEL)
        };
        let stated = format!("{VALID_2021}\n\n");
        assert!(!offered(&stated, stated.len() - 1));
        let five = text.find("## 六、").expect("六") - 1;
        assert!(!offered(
            &format!("{}\n{}", &text[..five], &text[five..]),
            five + 1
        ));
        let old = VALID_2019.replace("本年度未收取信息处理费。", "无其他需要报告的事项。\n\n");
        let at =
            old.find("无其他需要报告的事项。").expect("六") + "无其他需要报告的事项。\n\n".len();
        assert!(!offered(&old, at));
    }
}
