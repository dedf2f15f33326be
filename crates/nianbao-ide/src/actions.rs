//! Recomputing totals: for one table or for the whole report, in dependency order — row
//! totals, then column totals and subtotals, then again — until nothing changes. Every
//! expected value comes from `nianbao_model::arith`, as in the checks.
//!
//! Recomputing trusts the addends, so it is offered only where it repairs the table: for
//! a table whose every equation (sums and the 一 + 二 = （七） + 四 balance) holds once the
//! new totals are written. Fix-all goes further and checks its result: it applies the
//! edits to each report's text, reads and checks the report again, and keeps them only if
//! the report then has no finding it did not have before (seed 004: recomputing the row
//! total and both column totals would break the balance, so nothing is applied there).

use std::collections::{BTreeMap, HashSet};

use nianbao_checks::{Subject, TextEdit};
use nianbao_model::arith::{balance_sides, evaluate, CellAt, Outcome, Rule, Sum};
use nianbao_model::template::T3_ROWS;
use nianbao_model::{Decimal, Report, Table3, Table4, ValueCell};
use nianbao_syntax::{Document, TextRange};

use crate::{Analysis, ReportView, Settings};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableAction {
    /// In Chinese: `重新计算本表全部合计`.
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// Which pass a sum belongs to: totals across a row first, then totals down a column.
fn pass(sum: &Sum) -> usize {
    let across_row = sum.addends.iter().all(|a| a.row == sum.total.row);
    match sum.rule {
        Rule::T3Row | Rule::T4Sum => 0,
        Rule::T3Sub if across_row => 0,
        Rule::T3Sub | Rule::T3Sum => 1,
    }
}

/// Applies the sums until they all hold (or a bound of passes is reached), returning the
/// new value of each total that changed.
fn settle(sums: &[Sum], value: impl Fn(CellAt) -> Option<Decimal>) -> BTreeMap<CellAt, Decimal> {
    let mut changed: BTreeMap<CellAt, Decimal> = BTreeMap::new();
    for _ in 0..8 {
        let mut any = false;
        for p in 0..2 {
            for sum in sums.iter().filter(|s| pass(s) == p) {
                let current = |a: CellAt| changed.get(&a).copied().or_else(|| value(a));
                if let Outcome::Mismatch { expected, .. } = evaluate(sum, current) {
                    changed.insert(sum.total, expected);
                    any = true;
                }
            }
        }
        if !any {
            break;
        }
    }
    changed
}

fn edits(
    changed: &BTreeMap<CellAt, Decimal>,
    cell: impl Fn(CellAt) -> Option<ValueCell>,
) -> Vec<TextEdit> {
    changed
        .iter()
        .filter_map(|(&at, &value)| {
            let c = cell(at)?;
            (!c.range.is_empty() && c.count() != Some(value)).then(|| TextEdit {
                range: c.range,
                new_text: nianbao_syntax::format_compact!("{value}"),
            })
        })
        .collect()
}

/// The edits that make every equation of table 三 hold: the one culprit cell changed
/// when there is one (`Table3::culprit`: a wrong addend, not wrong totals), else the new
/// totals, if writing them makes every equation of the table hold.
fn table3_edits(t: &Table3) -> Vec<TextEdit> {
    if let Some(c) = t.culprit() {
        let mut changed = BTreeMap::new();
        changed.insert(c.at, c.value);
        return edits(&changed, |a| t.rows.get(a.row)?.cells.get(a.cell).cloned());
    }
    let sums = t.sums();
    let changed = settle(&sums, |a| t.value(a));
    let value = |a: CellAt| changed.get(&a).copied().or_else(|| t.value(a));
    let sums_hold = sums
        .iter()
        .all(|s| !matches!(evaluate(s, value), Outcome::Mismatch { .. }));
    let balances_hold = t
        .balances()
        .iter()
        .all(|b| balance_sides(b, value).is_none_or(|(lhs, rhs)| lhs == rhs));
    if !(sums_hold && balances_hold) {
        return Vec::new();
    }
    edits(&changed, |a| t.rows.get(a.row)?.cells.get(a.cell).cloned())
}

fn table4_edits(t: &Table4) -> Vec<TextEdit> {
    let changed = settle(&t.sums(), |a| t.value(a));
    edits(&changed, |a| t.row.as_ref()?.cells.get(a.cell).cloned())
}

/// "Recompute every total in this table", for the table 三 or 四 at `offset`, when that
/// leaves every equation of the table satisfied.
pub fn table_actions(analysis: &Analysis, offset: usize) -> Option<TableAction> {
    report_table_actions(&analysis.report_at(offset)?.report(), offset)
}

fn report_table_actions(report: &Report, offset: usize) -> Option<TableAction> {
    let inside = |r: TextRange| r.start <= offset && offset <= r.end;
    let mut title = "重新计算本表全部合计".to_string();
    let edits = if let Some(t) = report.tables3.iter().find(|t| inside(t.range)) {
        // (A culprit that is a total is what recomputing writes.)
        let is_total = |c: &nianbao_model::arith::Culprit| {
            c.explains.iter().any(|e| match e {
                nianbao_model::arith::Equation::Sum(s) => s.total == c.at,
                nianbao_model::arith::Equation::Balance(_) => false,
            })
        };
        if let Some(c) = t.culprit().filter(|c| !is_total(c)) {
            let row = t.rows.get(c.at.row).map_or("?", |r| T3_ROWS[r.def].label);
            title = format!(
                "将「{row}」「{}」由 {} 改为 {}（本表各等式随之成立）",
                t.column_label(c.at.cell),
                c.stated,
                c.value
            );
        }
        table3_edits(t)
    } else {
        table4_edits(report.tables4.iter().find(|t| inside(t.range))?)
    };
    (!edits.is_empty()).then(|| TableAction { title, edits })
}

/// Every total of every table recomputed, as one set of edits (sorted, not overlapping):
/// of each table whose equations the new totals satisfy, and only where the report,
/// checked again with the edits applied, has no finding it did not have.
pub fn fix_all(analysis: &Analysis, doc: &Document, settings: &Settings) -> Vec<TextEdit> {
    if !analysis.checked {
        return Vec::new();
    }
    analysis
        .reports()
        .iter()
        .flat_map(|view| report_fix_all(view, doc, settings))
        .collect()
}

/// The edits of each table of a report, sorted.
fn tables_edits(report: &Report) -> Vec<Vec<TextEdit>> {
    report
        .tables3
        .iter()
        .map(table3_edits)
        .chain(report.tables4.iter().map(table4_edits))
        .filter(|e| !e.is_empty())
        .collect()
}

fn report_fix_all(view: &ReportView, doc: &Document, settings: &Settings) -> Vec<TextEdit> {
    let report = view.report();
    let per_table = tables_edits(&report);
    if per_table.is_empty() {
        return Vec::new();
    }
    let before: HashSet<(&'static str, Subject)> =
        view.diagnostics().map(|d| (d.code, d.subject)).collect();
    let introduces_nothing = |edits: &[TextEdit]| {
        let after = recheck(view, doc, settings, edits);
        after.iter().all(|key| before.contains(key))
    };
    let mut all: Vec<TextEdit> = per_table.iter().flatten().cloned().collect();
    all.sort_by_key(|e| e.range.start);
    all.dedup_by_key(|e| e.range);
    if introduces_nothing(&all) {
        return all;
    }
    // Some table's totals make things worse: keep the tables that are safe alone.
    let mut kept: Vec<TextEdit> = per_table
        .into_iter()
        .filter(|edits| introduces_nothing(edits))
        .flatten()
        .collect();
    kept.sort_by_key(|e| e.range.start);
    kept.dedup_by_key(|e| e.range);
    if introduces_nothing(&kept) {
        kept
    } else {
        Vec::new()
    }
}

/// The findings of the report of `view` with `edits` applied to its text, as
/// (code, subject). A report's findings depend on its own blocks alone, so its text is
/// read by itself, from the start of its first line.
fn recheck(
    view: &ReportView,
    doc: &Document,
    settings: &Settings,
    edits: &[TextEdit],
) -> Vec<(&'static str, Subject)> {
    let rope = doc.rope();
    let end = view.range.end.min(rope.len_bytes());
    let start = rope.line_to_byte(rope.byte_to_line(view.range.start.min(end)));
    let mut text = rope.byte_slice(start..end).to_string();
    for e in edits.iter().rev() {
        if e.range.start < start || e.range.end > end {
            continue;
        }
        text.replace_range(e.range.start - start..e.range.end - start, &e.new_text);
    }
    let (options, config) = settings.options_and_config();
    nianbao_model::build_text(&text, &options)
        .iter()
        .flat_map(|r| nianbao_checks::check(r, &config))
        .map(|d| (d.code, d.subject))
        .collect()
}

#[cfg(test)]
mod tests {
    use nianbao_checks::{check, Config};
    use nianbao_syntax::Document;

    use super::*;

    const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");
    const VALID: &str = include_str!("../../../tests/fixtures/valid/示例市2020年度报告.md");

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.start..e.range.end, &e.new_text);
        }
        out
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let doc = Document::new(text);
        let report = nianbao_model::build(doc.blocks(), &Default::default());
        check(&report, &Config::default())
            .iter()
            .map(|d| d.code)
            .collect()
    }

    fn fix_all_of(text: &str) -> Vec<TextEdit> {
        let doc = Document::new(text);
        let settings = Settings::default();
        fix_all(&crate::analyze(&doc, &settings), &doc, &settings)
    }

    /// Seed 004: recomputing the row total (0 → 2) and then both column totals
    /// (51 → 53, 53 → 55) would leave 一 + 二 ≠ （七） + 四. One cell explains both
    /// failing sums — 「4.保护第三方合法权益」「自然人」, 2 where 0 makes both hold — and
    /// that is what fix-all and the table's action change; no table-三 finding is left.
    #[test]
    fn fix_all_changes_the_culprit_cell_of_seed_004() {
        let edits = fix_all_of(SEED_004);
        assert_eq!(edits.len(), 1, "{edits:?}");
        assert_eq!(edits[0].new_text.as_str(), "0");
        let line = SEED_004[..edits[0].range.start]
            .lines()
            .last()
            .unwrap_or("");
        assert!(line.contains("保护第三方合法权益"), "{line}");
        let fixed = apply(SEED_004, &edits);
        let before = codes(SEED_004);
        let after = codes(&fixed);
        for gone in [
            "row-total-mismatch",
            "column-total-mismatch",
            "balance-mismatch",
        ] {
            assert!(before.contains(&gone) || gone == "balance-mismatch");
            assert!(!after.contains(&gone), "{after:?}");
        }
        assert!(after.iter().all(|c| before.contains(c)));
        let doc = Document::new(SEED_004);
        let analysis = crate::analyze(&doc, &Default::default());
        let inside = SEED_004.find("(七) 总计").unwrap();
        let action = table_actions(&analysis, inside).expect("an action");
        assert_eq!(action.edits, edits);
        assert!(action.title.contains("由 2 改为 0"), "{}", action.title);
    }

    /// Two wrong addends in two rows: no one cell explains the failing sums, and
    /// recomputing the totals would break 一 + 二 = （七） + 四. Fix-all leaves it alone.
    #[test]
    fn fix_all_never_leaves_a_finding_that_was_not_there() {
        let broken = VALID
            .replace("（一）予以公开\t\t20\t", "（一）予以公开\t\t21\t")
            .replace("权益\t2\t0\t0\t0\t0\t0\t2", "权益\t4\t0\t0\t0\t0\t0\t2");
        assert_eq!(
            codes(&broken),
            [
                "row-total-mismatch",
                "row-total-mismatch",
                "column-total-mismatch"
            ]
        );
        assert!(fix_all_of(&broken).is_empty());
    }

    /// A total that alone is wrong is recomputed, rows then columns, in one edit set; a
    /// second fix-all changes nothing. In seed 004 the same wrong row total sits in a table
    /// whose other errors the totals cannot repair: nothing is offered there.
    #[test]
    fn fix_all_settles_rows_then_columns_where_that_repairs_the_table() {
        let broken = VALID.replace(
            "2.重复申请\t1\t0\t0\t0\t0\t0\t1",
            "2.重复申请\t1\t0\t0\t0\t0\t0\t3",
        );
        assert_ne!(broken, VALID);
        assert_eq!(
            codes(&broken),
            ["row-total-mismatch", "column-total-mismatch"]
        );
        let edits = fix_all_of(&broken);
        let new: Vec<&str> = edits.iter().map(|e| e.new_text.as_str()).collect();
        assert_eq!(new, ["1"]);
        let fixed = apply(&broken, &edits);
        assert!(codes(&fixed).is_empty());
        assert!(
            fix_all_of(&fixed).is_empty(),
            "a second fix-all changes nothing"
        );
        // Two wrong column totals (自然人 and 总计 of （七）) are recomputed together.
        let broken = VALID.replace(
            "（七）总计\t\t38\t5\t1\t0\t2\t1\t47",
            "（七）总计\t\t36\t5\t1\t0\t2\t1\t45",
        );
        assert_ne!(broken, VALID);
        let fixed = apply(&broken, &fix_all_of(&broken));
        assert!(codes(&fixed).is_empty(), "{:?}", codes(&fixed));
        let broken = SEED_004.replace(
            "(六) 其他处理\t8\t0\t0\t0\t0\t0\t8",
            "(六) 其他处理\t8\t0\t0\t0\t0\t0\t9",
        );
        assert_ne!(broken, SEED_004);
        assert!(fix_all_of(&broken).is_empty());
    }

    #[test]
    fn table_action_only_inside_a_table_it_repairs() {
        let text = VALID.replace(
            "2.重复申请\t1\t0\t0\t0\t0\t0\t1",
            "2.重复申请\t1\t0\t0\t0\t0\t0\t3",
        );
        assert_ne!(text, VALID);
        let doc = Document::new(&text);
        let analysis = crate::analyze(&doc, &Default::default());
        let inside = text.find("（七）总计").unwrap();
        assert_eq!(table_actions(&analysis, inside).unwrap().edits.len(), 1);
        assert!(table_actions(&analysis, 10).is_none());
    }
}
