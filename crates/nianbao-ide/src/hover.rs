//! What the editor explains where the cursor rests (hover), and the computed totals it
//! writes beside stated ones (inlay hints). Every value comes from
//! `nianbao_model::arith`, as in the checks: a hover writes out the same equations the
//! checks evaluate.

use std::fmt::Write;

use nianbao_model::arith::{balance_sides, expected_total, CellAt, Equation, Rule, Sum};
use nianbao_model::normalize::fold;
use nianbao_model::template::{
    a20_caption, a20_spec, Format, Part, T3Kind, ValueKind, T3_COLUMNS, T3_LEGAL_PERSON_COLUMN,
    T3_ROWS, T4_RESULTS,
};
use nianbao_model::{Decimal, Placement, Report, Table3, Table4, ValueCell};
use nianbao_syntax::{BlockKind, Document, TextRange};

use crate::Analysis;

/// A hover: Markdown (Chinese) about what is at `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

/// A computed value written beside a stated total: `= 53` after the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint stands: the end of the total's cell.
    pub offset: usize,
    pub label: String,
    /// Whether the stated total disagrees with it.
    pub mismatch: bool,
}

fn inside(range: TextRange, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// What to show for the cursor at byte `offset`.
pub fn hover(analysis: &Analysis, doc: &Document, offset: usize) -> Option<Hover> {
    if !analysis.checked {
        return None;
    }
    let view = analysis.report_at(offset)?;
    let report = view.report();
    table3_cell(&report, offset)
        .or_else(|| table4_cell(&report, offset))
        .or_else(|| table3_label(&report, doc, offset))
        .or_else(|| header(&report, doc, offset))
        .or_else(|| part_heading(&report, doc, offset))
        .or_else(|| article20(&report, offset))
}

// ---- Numbers ------------------------------------------------------------------------

fn shown(cell: Option<&ValueCell>) -> String {
    match cell {
        Some(c) if c.count().is_some() => c.text.trim().to_string(),
        Some(c) if c.text.trim().is_empty() => "（空白）".to_string(),
        Some(c) => format!("「{}」", c.text.trim()),
        None => "（缺）".to_string(),
    }
}

fn verdict(stated: Option<Decimal>, computed: Option<Decimal>) -> String {
    match (stated, computed) {
        (Some(s), Some(c)) if s == c => format!("= **{c}**，表中为 **{s}** ✓"),
        (Some(s), Some(c)) => format!("= **{c}**，表中为 **{s}** ✗"),
        _ => "：有单元格空白或无法读取，不计算".to_string(),
    }
}

fn t3_row_label(table: &Table3, row: usize) -> &'static str {
    table.rows.get(row).map_or("?", |r| T3_ROWS[r.def].label)
}

/// One equation of table 三, written out.
fn write_t3_equation(table: &Table3, e: &Equation, out: &mut String) {
    let value = |at: CellAt| table.value(at);
    let cell = |at: CellAt| table.rows.get(at.row).and_then(|r| r.cells.get(at.cell));
    match e {
        Equation::Sum(sum) => {
            let (title, name): (String, Box<dyn Fn(CellAt) -> String>) = match sum.rule {
                Rule::T3Row => (
                    format!("「{}」行总计（T3-ROW）", t3_row_label(table, sum.total.row)),
                    Box::new(|a: CellAt| table.column_label(a.cell).to_string()),
                ),
                Rule::T3Sum => (
                    format!(
                        "「（七）总计」行「{}」列（T3-SUM）",
                        table.column_label(sum.total.cell)
                    ),
                    Box::new(|a: CellAt| format!("「{}」", t3_row_label(table, a.row))),
                ),
                _ => (
                    format!(
                        "「{}」「{}」小计（T3-SUB）",
                        t3_row_label(table, sum.total.row),
                        table.column_label(sum.total.cell)
                    ),
                    Box::new(|a: CellAt| {
                        if a.row == sum.total.row {
                            table.column_label(a.cell).to_string()
                        } else {
                            format!("「{}」", t3_row_label(table, a.row))
                        }
                    }),
                ),
            };
            let terms: Vec<String> = sum
                .addends
                .iter()
                .map(|&a| format!("{} {}", name(a), shown(cell(a))))
                .collect();
            let computed = expected_total(sum.addends.iter().map(|&a| value(a)));
            let _ = writeln!(
                out,
                "- {title}：{} {}",
                terms.join(" + "),
                verdict(value(sum.total), computed)
            );
        }
        Equation::Balance(b) => {
            let column = table.column_label(table.cell_index(b.column));
            let (lhs, rhs) = match balance_sides(b, value) {
                Some((l, r)) => (l.to_string(), r.to_string()),
                None => ("?".to_string(), "?".to_string()),
            };
            let mark = match balance_sides(b, value) {
                Some((l, r)) if l == r => "✓",
                Some(_) => "✗",
                None => "（有单元格空白或无法读取，不计算）",
            };
            let _ = writeln!(
                out,
                "- 「{column}」列 一 + 二 = （七） + 四（T3-ID）：{} + {} = **{lhs}**；{} + {} = **{rhs}** {mark}",
                shown(cell(b.new)),
                shown(cell(b.carried_in)),
                shown(cell(b.total)),
                shown(cell(b.carried_over)),
            );
        }
    }
}

fn table3_cell(report: &Report, offset: usize) -> Option<Hover> {
    for table in &report.tables3 {
        if !inside(table.range, offset) {
            continue;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let Some((c, cell)) = row
                .cells
                .iter()
                .enumerate()
                .find(|(_, c)| inside(c.range, offset))
            else {
                continue;
            };
            let at = CellAt { row: r, cell: c };
            let mut md = format!(
                "**表三 「{}」·「{}」**：{}\n\n",
                T3_ROWS[row.def].label,
                table.column_label(c),
                shown(Some(cell))
            );
            let equations: Vec<Equation> = table
                .equations()
                .into_iter()
                .filter(|e| e.cells().contains(&at))
                .collect();
            if equations.is_empty() {
                md.push_str(not_summed(table, row));
            } else {
                md.push_str("本格所在的等式：\n\n");
                for e in &equations {
                    write_t3_equation(table, e, &mut md);
                }
            }
            return Some(Hover {
                range: cell.range,
                markdown: md,
            });
        }
    }
    None
}

fn not_summed(table: &Table3, row: &nianbao_model::T3Row) -> &'static str {
    if table.run_together {
        "本表有单元格连在一起，无法逐格读取，不做合计校验。"
    } else if !table.is_mapped(row) {
        "本行单元格数不对，无法确定各数值所属的列，不参与合计校验。"
    } else {
        "本格不参与合计校验。"
    }
}

fn table4_cell(report: &Report, offset: usize) -> Option<Hover> {
    for table in &report.tables4 {
        let Some(row) = &table.row else { continue };
        let Some((c, cell)) = row
            .cells
            .iter()
            .enumerate()
            .find(|(_, c)| inside(c.range, offset))
        else {
            continue;
        };
        let label = |i: usize| nianbao_model::template::t4_column_label(i);
        let mut md = format!("**表四 「{}」**：{}\n\n", label(c), shown(Some(cell)));
        let sums: Vec<Sum> = table
            .sums()
            .into_iter()
            .filter(|s| s.total.cell == c || s.addends.iter().any(|a| a.cell == c))
            .collect();
        if sums.is_empty() {
            md.push_str(if row.is_mapped() {
                "本格不参与合计校验。"
            } else {
                "表四应有 15 个单元格；单元格数不对时不做合计校验。"
            });
        } else {
            md.push_str("本格所在的等式：\n\n");
            for sum in &sums {
                write_t4_sum(table, sum, &mut md);
            }
        }
        return Some(Hover {
            range: cell.range,
            markdown: md,
        });
    }
    None
}

fn write_t4_sum(table: &Table4, sum: &Sum, out: &mut String) {
    let cell = |at: CellAt| table.row.as_ref().and_then(|r| r.cells.get(at.cell));
    let terms: Vec<String> = sum
        .addends
        .iter()
        .map(|&a| format!("{} {}", T4_RESULTS[a.cell % 5], shown(cell(a))))
        .collect();
    let computed = expected_total(sum.addends.iter().map(|&a| table.value(a)));
    let group = nianbao_model::template::T4_GROUPS[sum.total.cell / 5];
    let _ = writeln!(
        out,
        "- 「{group}」总计（T4-SUM）：{} {}",
        terms.join(" + "),
        verdict(table.value(sum.total), computed)
    );
}

// ---- Labels, headers, headings ------------------------------------------------------

fn format_of(report: &Report) -> &'static str {
    report.format.label()
}

fn table3_label(report: &Report, doc: &Document, offset: usize) -> Option<Hover> {
    for table in &report.tables3 {
        for row in &table.rows {
            if !inside(row.label_range, offset) || row.label_range.is_empty() {
                continue;
            }
            let def = &T3_ROWS[row.def];
            let rope = doc.rope();
            let end = row.label_range.end.min(rope.len_bytes());
            let written = rope
                .get_byte_slice(row.label_range.start.min(end)..end)
                .map(|s| s.to_string())
                .unwrap_or_default();
            let written = written.trim();
            let how = match row.placement {
                Placement::Label => String::new(),
                Placement::Variant => {
                    format!("\n\n文中写作「{written}」：与模板行相近，已识别为此行。")
                }
                Placement::Joined => "\n\n标签跨行或跨单元格书写，合并后识别为此行。".to_string(),
                Placement::Order => {
                    "\n\n此行没有完整的标签，按它在上下行之间的位置识别为此行。".to_string()
                }
            };
            let group = def
                .group
                .map(|g| format!("（属于「{}」）", T3_ROWS[g].label))
                .unwrap_or_default();
            return Some(Hover {
                range: row.label_range,
                markdown: format!(
                    "**表三模板行**（{}）：「{}」{group}{how}",
                    format_of(report),
                    def.label
                ),
            });
        }
    }
    // A label without numbers of its own: 「三、本年度办理结果」, a group 「（三）不予公开」.
    if !report.tables3.iter().any(|t| inside(t.range, offset)) {
        return None;
    }
    let (range, text) = block_cell(doc, offset)?;
    let def = nianbao_model::t3_row_named(&text)?;
    let leaves: Vec<&str> = T3_ROWS
        .iter()
        .filter(|d| d.group == Some(def) && d.only.includes(report.format))
        .map(|d| d.label)
        .collect();
    let what = match T3_ROWS[def].kind {
        T3Kind::ResultsHeader => {
            "（一）至（六）各项办理结果之和为（七）总计（T3-SUM）；本行没有数字。".to_string()
        }
        _ if !leaves.is_empty() => format!(
            "本组没有自己的数字，由其下各项计入（七）总计：{}。",
            leaves.join("、")
        ),
        _ => return None,
    };
    Some(Hover {
        range,
        markdown: format!(
            "**表三模板行**（{}）：「{}」\n\n{what}",
            format_of(report),
            T3_ROWS[def].label
        ),
    })
}

/// The cell of a table block at `offset`: its range in the document and its text.
fn block_cell(doc: &Document, offset: usize) -> Option<(TextRange, String)> {
    let block = doc.blocks().iter().find(|b| inside(b.range, offset))?;
    let BlockKind::Table(table) = &block.kind else {
        return None;
    };
    // (A table block's rows and cells are at offsets relative to the block.)
    let base = block.range.start as isize;
    table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| (c.range.shifted(base), c))
        .find(|(range, _)| inside(*range, offset) && !range.is_empty())
        .map(|(range, c)| (range, c.text.to_string()))
}

/// A header cell of table 三 or 四: the template's column it names.
fn header(report: &Report, doc: &Document, offset: usize) -> Option<Hover> {
    let in_table3 = report.tables3.iter().any(|t| inside(t.range, offset));
    let in_table4 = report.tables4.iter().any(|t| inside(t.range, offset));
    if !in_table3 && !in_table4 {
        return None;
    }
    let (range, text) = block_cell(doc, offset)?;
    let folded = fold(&text);
    let (what, official) = if in_table3 {
        let column = T3_COLUMNS
            .iter()
            .chain([&T3_LEGAL_PERSON_COLUMN])
            .find(|c| fold(c) == folded)?;
        let note = if *column == T3_LEGAL_PERSON_COLUMN {
            "：一些报告在自然人之后加的小计列，等于其后五列之和（T3-SUB）"
        } else if *column == "总计" {
            "：本行六类申请人之和（T3-ROW）"
        } else {
            "：申请人情况"
        };
        ("表三列", format!("「{column}」{note}"))
    } else {
        let result = T4_RESULTS.iter().find(|c| fold(c) == folded).map(|c| {
            let note = if *c == "总计" {
                "：本组前四项之和（T4-SUM）"
            } else {
                ""
            };
            format!("「{c}」{note}")
        });
        let group = nianbao_model::template::T4_GROUPS
            .iter()
            .find(|g| fold(g) == folded || folded.contains(fold(g).as_ref()))
            .map(|g| format!("「{g}」：五列，结果维持、结果纠正、其他结果、尚未审结、总计"));
        // The two 行政诉讼 groups under their shared header, by the words that tell them.
        let lawsuit = match folded.as_ref() {
            "未经复议直接起诉" => Some("「行政诉讼（未经复议直接起诉）」：未经行政复议、直接向法院起诉的案件；五列，结果维持、结果纠正、其他结果、尚未审结、总计".to_string()),
            "复议后起诉" => Some("「行政诉讼（复议后起诉）」：经行政复议后又向法院起诉的案件；五列，结果维持、结果纠正、其他结果、尚未审结、总计".to_string()),
            "行政诉讼" => Some("「行政诉讼」：分「未经复议直接起诉」与「复议后起诉」两组，各五列；两组总计之和为行政诉讼案件数".to_string()),
            _ => None,
        };
        ("表四列", result.or(lawsuit).or(group)?)
    };
    Some(Hover {
        range,
        markdown: format!("**{what}**（{}）{official}", format_of(report)),
    })
}

/// What each part must contain, in the report's format.
fn part_requires(part: Part, format: Format) -> &'static str {
    match (part.number(), format) {
        (1, Format::F2019) => "概述本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作情况。",
        (1, _) => "概述本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作情况；原则上不超过 1000 字。",
        (2, Format::F2019) => "第二十条第（一）（五）（六）（八）（九）项各表：规章和规范性文件、行政许可、行政处罚和行政强制、行政事业性收费、政府集中采购。",
        (2, _) => "第二十条第（一）（五）（六）（八）项各表：规章和行政规范性文件（本年制发、本年废止、现行有效件数）、行政许可、行政处罚和行政强制（本年处理决定数量）、行政事业性收费（本年收费金额，万元）。",
        (3, _) => "表三：申请人情况七列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）；行为一、本年新收，二、上年结转，三、本年度办理结果（一）至（七），四、结转下年度继续办理。每行总计等于六类之和，（七）总计等于各项办理结果之和，一加二等于（七）加四。",
        (4, _) => "表四：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组，每组结果维持、结果纠正、其他结果、尚未审结、总计五列；各组总计等于其前四项之和。",
        (5, Format::F2019) => "本年度政府信息公开工作存在的主要问题及改进情况。",
        (5, _) => "本年度政府信息公开工作存在的主要问题及改进情况，以及上一年度报告所列问题的改进情况。",
        (6, Format::F2019) => "其他需要报告的事项。",
        _ => "其他需要报告的事项，包括依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。",
    }
}

fn part_heading(report: &Report, doc: &Document, offset: usize) -> Option<Hover> {
    let heading = report.parts.iter().find(|p| inside(p.text_range, offset))?;
    let repeated = repeated_sentences(report, doc, heading.part);
    let standard = heading.part.full_title();
    let written = heading.text.trim();
    let variant = if fold(written) == fold(&standard) {
        String::new()
    } else {
        format!("\n\n文中写作「{written}」。")
    };
    Some(Hover {
        range: heading.text_range,
        markdown: format!(
            "**第{}部分**（{}）：「{standard}」{variant}\n\n应包含：{}{repeated}",
            heading.part.numeral(),
            format_of(report),
            part_requires(heading.part, report.format)
        ),
    })
}

/// The sentences of `part` that last year's report of the body has in the same part
/// (`copied-from-last-year`), as a list under a line that gives the share; empty when
/// there is no last year's report at hand or no sentence is the same.
fn repeated_sentences(report: &Report, doc: &Document, part: Part) -> String {
    /// The most sentences listed, and the most characters shown of each.
    const LISTED: usize = 20;
    const SHOWN: usize = 80;
    let Some(last) = report.last_year.as_ref() else {
        return String::new();
    };
    let (Some(now), Some(before)) = (
        report.texts.iter().find(|t| t.part == part),
        last.parts.iter().find(|p| p.part == part),
    ) else {
        return String::new();
    };
    let same: Vec<TextRange> = now
        .sentences()
        .filter(|s| before.keys().binary_search(&s.key).is_ok())
        .map(|s| s.range)
        .collect();
    if same.is_empty() {
        return String::new();
    }
    let rope = doc.rope();
    let mut out = format!(
        "\n\n---\n\n{} 句中有 {} 句与 {} 年报告的同一部分相同（去掉空白和年份后逐句比较）：\n",
        now.sentences().count(),
        same.len(),
        last.year
    );
    for range in same.iter().take(LISTED) {
        let text = rope
            .get_byte_slice(range.start.min(rope.len_bytes())..range.end.min(rope.len_bytes()))
            .map(|s| s.to_string())
            .unwrap_or_default();
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown: String = text.chars().take(SHOWN).collect();
        let more = if shown.len() < text.len() {
            "……"
        } else {
            ""
        };
        out.push_str(&format!("\n- {shown}{more}"));
    }
    if same.len() > LISTED {
        out.push_str(&format!("\n- ……另有 {} 句", same.len() - LISTED));
    }
    out
}

/// What item N of Art. 20 of 《政府信息公开条例》 asks to disclose.
fn article20_item(item: u8) -> &'static str {
    match item {
        1 => "行政法规、规章和规范性文件",
        5 => "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        6 => "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        8 => "行政事业性收费项目及其依据、标准",
        9 => "政府集中采购项目的目录、标准及实施情况",
        _ => "（模板中没有这一项的表）",
    }
}

/// What a 第二十条 column holds.
fn value_kind(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Count => "件数（非负整数）",
        ValueKind::Delta => "增减数（整数，可为负）",
        ValueKind::Amount => "金额（可有小数；单位见表头，2021 年版为万元）",
    }
}

fn article20(report: &Report, offset: usize) -> Option<Hover> {
    let block = report.article20.iter().find(|b| inside(b.range, offset))?;
    let item = block.item?;
    let spec = a20_spec(report.format, item);
    let row = block.rows.iter().find(|r| inside(r.range, offset));
    // A value: its row and column named, and what the column holds.
    if let Some((row, spec)) = row.zip(spec) {
        let at = row
            .values
            .iter()
            .chain(&row.blank_tail)
            .enumerate()
            .find(|(_, c)| inside(c.range, offset) && !inside(row.label_range, offset));
        if let Some((i, cell)) = at {
            let column = spec.columns.get(i);
            let name = column.map_or("（模板中没有这一列）", |c| c.name);
            let mut md = format!(
                "**{}**（{}）：「{}」行「{name}」列",
                a20_caption(item),
                format_of(report),
                row.label_text.trim()
            );
            if let Some(c) = column {
                let _ = write!(md, "，{}", value_kind(c.kind));
            }
            let _ = write!(md, "\n\n本格：「{}」", cell.text.trim());
            return Some(Hover {
                range: cell.range,
                markdown: md,
            });
        }
    }
    // A column header: the template's column it names.
    if let Some(cell) = block
        .header
        .as_ref()
        .and_then(|h| h.cells.iter().find(|c| inside(c.range, offset)))
    {
        let named = cell
            .names
            .iter()
            .find(|(f, _)| *f == report.format)
            .or(cell.names.first());
        let column = named.and_then(|(f, name)| {
            a20_spec(*f, item)?
                .columns
                .iter()
                .find(|c| c.name == *name)
                .map(|c| (*f, c))
        });
        let md = match column {
            Some((f, c)) => {
                let other = if f == report.format {
                    String::new()
                } else {
                    format!("（{}的表头，本报告按{}）", f.label(), format_of(report))
                };
                format!(
                    "**{}表列**（{}）：「{}」，{}{other}",
                    a20_caption(item),
                    format_of(report),
                    c.name,
                    value_kind(c.kind)
                )
            }
            None if fold(&cell.text) == "信息内容" => format!(
                "**{}表列**（{}）：「信息内容」，各行的事项名称",
                a20_caption(item),
                format_of(report)
            ),
            None => return None,
        };
        return Some(Hover {
            range: cell.range,
            markdown: md,
        });
    }
    let range = match row {
        Some(r) => r.label_range,
        None if inside(block.caption_range, offset) => block.caption_range,
        None => return None,
    };
    let mut md = format!(
        "**《政府信息公开条例》{}**：{}",
        a20_caption(item),
        article20_item(item)
    );
    match spec {
        Some(spec) => {
            let _ = write!(md, "\n\n{}的各列：\n\n", format_of(report));
            for column in spec.columns {
                let _ = writeln!(md, "- {}：{}", column.name, value_kind(column.kind));
            }
        }
        None => {
            let _ = write!(md, "\n\n{}没有这一项的表。", format_of(report));
        }
    }
    if let Some(r) = row {
        let _ = write!(md, "\n本行：「{}」", r.label_text.trim());
    }
    Some(Hover {
        range,
        markdown: md,
    })
}

// ---- Inlay hints --------------------------------------------------------------------

/// The computed value beside each stated total in `range` that disagrees with its
/// addends, or (`all`) beside every total that can be computed.
pub fn inlay_hints(analysis: &Analysis, range: TextRange, all: bool) -> Vec<InlayHint> {
    let mut out = Vec::new();
    if !analysis.checked {
        return out;
    }
    let overlaps = |r: TextRange| r.start <= range.end && range.start <= r.end;
    for view in analysis.reports() {
        if !overlaps(view.range) {
            continue;
        }
        let report = view.report();
        for table in report.tables3.iter().filter(|t| overlaps(t.range)) {
            let cell = |at: CellAt| table.rows.get(at.row).and_then(|r| r.cells.get(at.cell));
            hints_of(
                &table.sums(),
                |a| table.value(a),
                cell,
                range,
                all,
                &mut out,
            );
        }
        for table in report.tables4.iter().filter(|t| overlaps(t.range)) {
            let cell = |at: CellAt| table.row.as_ref().and_then(|r| r.cells.get(at.cell));
            hints_of(
                &table.sums(),
                |a| table.value(a),
                cell,
                range,
                all,
                &mut out,
            );
        }
    }
    out.sort_by_key(|h| h.offset);
    out.dedup_by_key(|h| h.offset);
    out
}

fn hints_of<'t>(
    sums: &[Sum],
    value: impl Fn(CellAt) -> Option<Decimal>,
    cell: impl Fn(CellAt) -> Option<&'t ValueCell>,
    range: TextRange,
    all: bool,
    out: &mut Vec<InlayHint>,
) {
    for sum in sums {
        let Some(total) = cell(sum.total) else {
            continue;
        };
        if total.range.end < range.start || total.range.end > range.end {
            continue;
        }
        let Some(computed) = expected_total(sum.addends.iter().map(|&a| value(a))) else {
            continue;
        };
        let mismatch = value(sum.total) != Some(computed);
        if mismatch || all {
            out.push(InlayHint {
                offset: total.range.end,
                label: format!("= {computed}"),
                mismatch,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Settings};

    const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");

    fn at(text: &str, needle: &str, skip: usize) -> usize {
        text.find(needle).expect("needle") + skip
    }

    #[test]
    fn hover_on_a_wrong_row_total_writes_out_its_equations() {
        let doc = Document::new(SEED_004);
        let analysis = analyze(&doc, &Settings::default());
        let row = at(SEED_004, "4. 保护第三方合法权益\t2\t0\t0\t0\t0\t0\t0", 0);
        let total = row + "4. 保护第三方合法权益\t2\t0\t0\t0\t0\t0\t".len();
        let h = hover(&analysis, &doc, total).expect("a hover");
        assert_eq!(&SEED_004[h.range.start..h.range.end], "0");
        let md = &h.markdown;
        assert!(md.contains("「4.保护第三方合法权益」行总计（T3-ROW）：自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = **2**，表中为 **0** ✗"), "{md}");
        // The 总计 column's （七） total takes it too.
        assert!(md.contains("「（七）总计」行「总计」列（T3-SUM）"), "{md}");
        // On the 自然人 cell of the same row: its row, its column and its balance.
        let h = hover(&analysis, &doc, row + "4. 保护第三方合法权益\t".len()).expect("a hover");
        assert!(
            h.markdown
                .contains("「（七）总计」行「自然人」列（T3-SUM）"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains("= **53**，表中为 **51** ✗"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn hover_on_labels_headings_and_article20() {
        let doc = Document::new(SEED_004);
        let analysis = analyze(&doc, &Settings::default());
        let label =
            hover(&analysis, &doc, at(SEED_004, "4. 保护第三方合法权益", 3)).expect("label");
        assert!(
            label
                .markdown
                .contains("「4.保护第三方合法权益」（属于「（三）不予公开」）"),
            "{}",
            label.markdown
        );
        let heading =
            hover(&analysis, &doc, at(SEED_004, "四、政府信息公开行政复议", 3)).expect("heading");
        assert!(heading.markdown.contains("表四"), "{}", heading.markdown);
        let header = hover(&analysis, &doc, at(SEED_004, "商业企业", 3)).expect("header");
        assert!(
            header.markdown.contains("**表三列**"),
            "{}",
            header.markdown
        );
        assert_eq!(&SEED_004[header.range.start..header.range.end], "商业企业");
        let a20 = hover(&analysis, &doc, at(SEED_004, "行政许可", 1)).expect("第二十条");
        assert!(
            a20.markdown.contains("第二十条第（五）项"),
            "{}",
            a20.markdown
        );
    }

    #[test]
    fn inlay_hints_beside_the_wrong_totals() {
        let doc = Document::new(SEED_004);
        let analysis = analyze(&doc, &Settings::default());
        let whole = TextRange::new(0, SEED_004.len());
        let hints = inlay_hints(&analysis, whole, false);
        let labels: Vec<(&str, &str)> = hints
            .iter()
            .map(|h| {
                let line = SEED_004[..h.offset].lines().last().unwrap_or("");
                let cell = line.rsplit('\t').next().unwrap_or("");
                (cell, h.label.as_str())
            })
            .collect();
        assert_eq!(labels, [("0", "= 2"), ("51", "= 53")]);
        let every = inlay_hints(&analysis, whole, true);
        assert!(every.len() > 20, "{}", every.len());
        assert_eq!(every.iter().filter(|h| h.mismatch).count(), 2);
    }

    #[test]
    fn hover_on_a_part_heading_lists_the_sentences_of_last_years_report() {
        const VALID_2021: &str = include_str!("../../nianbao-checks/test_data/valid_2021.txt");
        // Last year's report: the year before in the title, part 五 the same, but one
        // sentence.
        let last = VALID_2021
            .replacen("2022 年", "2021 年", 1)
            .replace("下一步将加强培训，完善制度。", "下一步将建立月度通报制度。");
        let last = nianbao_model::build_text(&last, &Default::default()).remove(0);
        let handed = nianbao_model::years::handed_on(&last, "2021.txt".into()).expect("handed on");
        let settings = Settings {
            last_years: vec![std::sync::Arc::new(handed)],
            ..Settings::default()
        };
        let doc = Document::new(VALID_2021);
        let analysis = analyze(&doc, &settings);
        let h = hover(&analysis, &doc, at(VALID_2021, "五、存在的主要问题", 3)).expect("a hover");
        expect_test::expect![[r#"
            **第五部分**（2021 年版格式）：「五、存在的主要问题及改进情况」

            应包含：本年度政府信息公开工作存在的主要问题及改进情况，以及上一年度报告所列问题的改进情况。

            ---

            3 句中有 2 句与 2021 年报告的同一部分相同（去掉空白和年份后逐句比较）：

            - 一是公开内容不够全面；
            - 二是解读回应不够及时。"#]].assert_eq(&h.markdown);
        // Without last year's report: no list.
        let analysis = analyze(&doc, &Settings::default());
        let h = hover(&analysis, &doc, at(VALID_2021, "五、存在的主要问题", 3)).expect("a hover");
        assert!(!h.markdown.contains("相同"), "{}", h.markdown);
    }
}
