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

mod labels;
use labels::{article20, header, part_heading, table3_label};

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
        .or_else(|| part_heading(&report, offset))
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
