//! Hover on words: a table 三 label (its template row and what it counts), a header, a
//! part heading (what the part must hold; the sentences last year's report has too), a
//! 第二十条 row or value (the article's item and the column).

use super::*;

pub(super) fn format_of(report: &Report) -> &'static str {
    report.format.label()
}

pub(super) fn table3_label(report: &Report, doc: &Document, offset: usize) -> Option<Hover> {
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
pub(super) fn block_cell(doc: &Document, offset: usize) -> Option<(TextRange, String)> {
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
pub(super) fn header(report: &Report, doc: &Document, offset: usize) -> Option<Hover> {
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
pub(super) fn part_requires(part: Part, format: Format) -> &'static str {
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

pub(super) fn part_heading(report: &Report, offset: usize) -> Option<Hover> {
    let heading = report.parts.iter().find(|p| inside(p.text_range, offset))?;
    let repeated = repeated_sentences(report, heading.part);
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
pub(super) fn repeated_sentences(report: &Report, part: Part) -> String {
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
    let same: Vec<&str> = now
        .sentence_texts()
        .filter(|(s, _)| before.keys().binary_search(&s.key).is_ok())
        .map(|(_, text)| text)
        .collect();
    if same.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n\n---\n\n{} 句中有 {} 句与 {} 年报告的同一部分相同（去掉空白和年份后逐句比较）：\n",
        now.sentences().count(),
        same.len(),
        last.year
    );
    for text in same.iter().take(LISTED) {
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
pub(super) fn article20_item(item: u8) -> &'static str {
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
pub(super) fn value_kind(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Count => "件数（非负整数）",
        ValueKind::Delta => "增减数（整数，可为负）",
        ValueKind::Amount => "金额（可有小数；单位见表头，2021 年版为万元）",
    }
}

pub(super) fn article20(report: &Report, offset: usize) -> Option<Hover> {
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
