//! Recomputing totals: for one table or for the whole report, in dependency order — row
//! totals, then column totals and subtotals, then again — until nothing changes. Every
//! expected value comes from `nianbao_model::arith::evaluate`, as in the checks.

use crate::Analysis;
use std::collections::BTreeMap;

use nianbao_checks::TextEdit;
use nianbao_model::arith::{evaluate, CellAt, Outcome, Rule, Sum};
use nianbao_model::{Decimal, Report, Table3, Table4, ValueCell};
use nianbao_syntax::TextRange;

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
    changed: BTreeMap<CellAt, Decimal>,
    cell: impl Fn(CellAt) -> Option<ValueCell>,
) -> Vec<TextEdit> {
    changed
        .into_iter()
        .filter_map(|(at, value)| {
            let c = cell(at)?;
            (!c.range.is_empty() && c.count() != Some(value)).then(|| TextEdit {
                range: c.range,
                new_text: nianbao_syntax::format_compact!("{value}"),
            })
        })
        .collect()
}

fn table3_edits(t: &Table3) -> Vec<TextEdit> {
    let changed = settle(&t.sums(), |a| t.value(a));
    edits(changed, |a| t.rows.get(a.row)?.cells.get(a.cell).cloned())
}

fn table4_edits(t: &Table4) -> Vec<TextEdit> {
    let changed = settle(&t.sums(), |a| t.value(a));
    edits(changed, |a| t.row.as_ref()?.cells.get(a.cell).cloned())
}

/// "Recompute every total in this table", for the table 三 or 四 at `offset`.
pub fn table_actions(analysis: &Analysis, offset: usize) -> Option<TableAction> {
    report_table_actions(&analysis.report_at(offset)?.report(), offset)
}

fn report_table_actions(report: &Report, offset: usize) -> Option<TableAction> {
    let inside = |r: TextRange| r.start <= offset && offset <= r.end;
    let edits = if let Some(t) = report.tables3.iter().find(|t| inside(t.range)) {
        table3_edits(t)
    } else {
        table4_edits(report.tables4.iter().find(|t| inside(t.range))?)
    };
    (!edits.is_empty()).then(|| TableAction {
        title: "重新计算本表全部合计".to_string(),
        edits,
    })
}

/// Every total of every table of every report recomputed, as one set of edits (sorted,
/// not overlapping).
pub fn fix_all(analysis: &Analysis) -> Vec<TextEdit> {
    analysis
        .reports()
        .iter()
        .flat_map(|view| report_fix_all(&view.report()))
        .collect()
}

fn report_fix_all(report: &Report) -> Vec<TextEdit> {
    let mut all: Vec<TextEdit> = report
        .tables3
        .iter()
        .flat_map(table3_edits)
        .chain(report.tables4.iter().flat_map(table4_edits))
        .collect();
    all.sort_by_key(|e| e.range.start);
    all.dedup_by_key(|e| e.range);
    all
}

#[cfg(test)]
mod tests {
    use nianbao_checks::{check, Config};
    use nianbao_syntax::Document;

    use super::*;

    const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.start..e.range.end, &e.new_text);
        }
        out
    }

    #[test]
    fn fix_all_settles_rows_then_columns() {
        let doc = Document::new(SEED_004);
        let edits = fix_all(&crate::analyze(&doc, &Default::default()));
        let new: Vec<&str> = edits.iter().map(|e| e.new_text.as_str()).collect();
        // 4.保护第三方合法权益 总计 0 → 2, then （七）总计 自然人 51 → 53 and its 总计 53 → 55.
        assert_eq!(new, ["2", "53", "55"]);
        let fixed = apply(SEED_004, &edits);
        let doc = Document::new(&fixed);
        let report = nianbao_model::build(doc.blocks(), &Default::default());
        let left: Vec<&str> = check(&report, &Config::default())
            .iter()
            .map(|d| d.code)
            .collect();
        assert!(
            !left
                .iter()
                .any(|c| matches!(*c, "row-total-mismatch" | "column-total-mismatch")),
            "{left:?}"
        );
        assert!(
            report_fix_all(&report).is_empty(),
            "a second fix-all changes nothing"
        );
    }

    #[test]
    fn table_action_only_inside_a_table() {
        let doc = Document::new(SEED_004);
        let analysis = crate::analyze(&doc, &Default::default());
        let inside = SEED_004.find("(七) 总计").unwrap();
        assert_eq!(table_actions(&analysis, inside).unwrap().edits.len(), 3);
        assert!(table_actions(&analysis, 10).is_none());
    }
}
