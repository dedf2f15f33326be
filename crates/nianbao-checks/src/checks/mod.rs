//! Every check, one module each, and the registry.

use nianbao_model::arith::CellAt;
use nianbao_model::recover::{RowReading, UnreadRow};
use nianbao_model::{Decimal, ValueCell};

use crate::{Check, Reported, TextEdit};

/// Declares each check's module and lists its `CHECK` in [`ALL`], in the order given:
/// adding a check is its file plus one line here.
macro_rules! registry {
    ($($check:ident,)*) => {
        $(mod $check;)*

        /// Every check, in the order of `docs/checks.md`: sums, cells, table shape, parts,
        /// 第二十条.
        pub static ALL: &[&Check] = &[$(&$check::CHECK),*];
    };
}

registry! {
    row_total_mismatch,
    column_total_mismatch,
    balance_mismatch,
    subtotal_mismatch,
    review_litigation_total_mismatch,
    unfilled_cell,
    invalid_count,
    cells_run_together,
    recovered_cells,
    number_style,
    wrong_cell_count,
    unknown_row,
    unreadable_table,
    flattened_text,
    ambiguous_cells,
    prose_table_mismatch,
    last_year_mismatch,
    last_year_in_force,
    copied_from_last_year,
    fee_statement_missing,
    overview_too_long,
    problems_part_thin,
    missing_row,
    duplicate_row,
    other_format_row,
    format_mismatch,
    missing_part,
    part_out_of_order,
    duplicate_part,
    nonstandard_part_title,
    missing_table,
    table_outside_part,
    article20_unknown_caption,
    article20_missing_block,
    article20_other_format,
    article20_row_label,
    article20_unknown_header,
    article20_value_count,
    article20_not_a_number,
    article20_negative,
    article20_decimal_count,
    article20_misplaced_row,
    article20_missing_row,
    article20_unit_mismatch,
}

/// What a row whose cells ran together and could not be cut says (`ambiguous-cells`,
/// `cells-run-together`), and `then`: what follows for the checks.
pub(crate) fn unread_message(row: &UnreadRow, then: &str) -> String {
    // A hostile run of digits is not written out whole.
    let digits = match row.digits.char_indices().nth(40) {
        Some((at, _)) => format!("{}…（共 {} 位）", &row.digits[..at], row.digits.len()),
        None => row.digits.clone(),
    };
    let what = &row.what;
    match &row.reading {
        RowReading::Ambiguous(readings) => {
            let shown: Vec<String> = readings.iter().take(3).map(|r| r.join("、")).collect();
            let more = if readings.len() > 3 { " 等" } else { "" };
            format!(
                "{what}的数字「{digits}」连在一起，可以有多种分法（{}{more}），无法确定各单元格；{then}",
                shown.join("；或 ")
            )
        }
        RowReading::Inconsistent => format!(
            "{what}的数字「{digits}」连在一起，没有一种分法能满足合计关系：可能合计有误，或缺少单元格；{then}"
        ),
        RowReading::TooLong => {
            format!("{what}的数字「{digits}」连在一起且过长，无法逐一尝试各种分法；{then}")
        }
    }
}

/// The edit of every sum check's fix: write the computed total into the cell that states
/// it, replacing only its digits. It trusts the addends: the checks declare it unsafe.
pub(crate) fn recompute_edit(cell: &ValueCell, expected: Decimal) -> Option<TextEdit> {
    if cell.range.is_empty() {
        return None;
    }
    Some(TextEdit {
        range: cell.range,
        new_text: nianbao_syntax::format_compact!("{expected}"),
    })
}

/// What a sum or balance finding explained by a culprit cell adds (see
/// `Table3::culprit`): the sentence that names the cell and what holds once it is
/// changed, the fix's title and its edit.
/// `cache` holds the table's culprit (computed once, at its first failing equation); the
/// result is `None` when there is none or it does not explain this finding (`explains`).
pub(crate) fn culprit_says(
    cache: &mut Option<Option<nianbao_model::arith::Culprit>>,
    table: &nianbao_model::Table3,
    explains: impl Fn(&nianbao_model::arith::Culprit) -> bool,
) -> Option<(String, String, Option<TextEdit>)> {
    use nianbao_model::arith::{Equation, Rule};
    let culprit = cache
        .get_or_insert_with(|| table.culprit())
        .as_ref()
        .filter(|c| explains(c))?;
    let cell = table
        .rows
        .get(culprit.at.row)
        .and_then(|r| r.cells.get(culprit.at.cell));
    let row = |r: usize| crate::labels::t3_row(table.rows[r].def);
    let name = format!(
        "{}「{}」",
        row(culprit.at.row),
        table.column_label(culprit.at.cell)
    );
    let holds: Vec<String> = culprit
        .explains
        .iter()
        .map(|e| match e {
            Equation::Sum(s) if s.rule == Rule::T3Row => format!("{}行总计", row(s.total.row)),
            Equation::Sum(s) if s.rule == Rule::T3Sum => {
                format!("「{}」列（七）总计", table.column_label(s.total.cell))
            }
            Equation::Sum(s) => format!(
                "{}「{}」小计",
                row(s.total.row),
                table.column_label(s.total.cell)
            ),
            Equation::Balance(b) => format!(
                "「{}」列「第一项加第二项之和，等于第三项加第四项之和」",
                table.column_label(table.cell_index(b.column))
            ),
        })
        .collect();
    let (from, to) = (culprit.stated, culprit.value);
    Some((
        format!(
            "；只需把{name}由 {from} 改为 {to}，{}即同时成立",
            holds.join("与")
        ),
        format!("将{name}由 {from} 改为 {to}"),
        cell.and_then(|c| recompute_edit(c, to)),
    ))
}

/// The fix of a sum finding: the culprit cell's change when one explains it (see
/// [`culprit_says`]), else the recomputed total.
pub(crate) fn sum_fix(
    d: &mut Reported<'_>,
    culprit: Option<(String, String, Option<TextEdit>)>,
    total: &ValueCell,
    expected: Decimal,
    recompute: bool,
) {
    match culprit {
        Some((_, title, Some(edit))) => {
            d.fix(title, vec![edit]);
        }
        _ if recompute => {
            if let Some(edit) = recompute_edit(total, expected) {
                d.fix(format!("将总计改为 {expected}"), vec![edit]);
            }
        }
        _ => {}
    }
}

/// Whether some rows of `table` were cut from glued digits the way that breaks the fewest
/// of its sums (`recover::solve`): their cells are the reading that fits best, not what
/// the report wrote apart, so no fix recomputes a total from them — only a culprit cell,
/// where one explains the broken sums, is offered.
/// `table` is the table's range, `own` its rows read so (`Table3`/`Table4::
/// recovered_with_errors`); a flattened report's are in its `Recovery`.
pub(crate) fn read_with_errors(
    report: &nianbao_model::Report,
    table: nianbao_syntax::TextRange,
    own: &[nianbao_syntax::TextRange],
) -> bool {
    !own.is_empty()
        || report.recovery.as_ref().is_some_and(|r| {
            r.recovered_with_errors
                .iter()
                .any(|x| table.contains_range(*x))
        })
}

/// The standard column (0 = 自然人 … 6 = 总计) of cell index `cell` of a table 三 row.
pub(crate) fn standard_column(table: &nianbao_model::Table3, cell: usize) -> u8 {
    let column = match (table.legal_person_column, cell) {
        (true, 0) => 0,
        // The 法人或其他组织 subtotal column is no standard column: it goes with 商业企业.
        (true, c) => c.saturating_sub(1),
        (false, c) => c,
    };
    column.min(6) as u8
}

/// Adds each addend of a sum as related information: `「自然人」：2`.
pub(crate) fn relate_addends<'t>(
    d: &mut Reported<'_>,
    addends: &[CellAt],
    cell: impl Fn(CellAt) -> Option<(&'t ValueCell, String)>,
) {
    for &at in addends {
        if let Some((c, label)) = cell(at) {
            d.related(c.range, format!("{label}：{}", c.text.trim()));
        }
    }
}

/// Helpers shared by the 第二十条 checks: which template block a block is read against.
pub(crate) mod article20 {
    use nianbao_model::template::{a20_spec, A20Spec};
    use nianbao_model::{A20Block, A20Row, Format, Report, ValueCell};

    /// The spec a block is checked against: that of its header's format when the header
    /// is one format's, else the report's format, else the other format's.
    pub fn spec(report: &Report, block: &A20Block) -> Option<(Format, &'static A20Spec)> {
        let item = block.item?;
        let header_format = block.header.as_ref().and_then(|h| h.format(item));
        [
            header_format,
            Some(report.format),
            Some(report.format.other()),
        ]
        .into_iter()
        .flatten()
        .find_map(|f| a20_spec(f, item).map(|s| (f, s)))
    }

    /// Every row of every block that has a spec, with that spec.
    pub fn rows<'r>(
        report: &'r Report,
    ) -> impl Iterator<Item = (&'r A20Block, &'static A20Spec, &'r A20Row)> + 'r {
        report
            .article20
            .iter()
            .filter_map(move |b| Some((b, spec(report, b)?.1)))
            .flat_map(|(b, s)| b.rows.iter().map(move |r| (b, s, r)))
    }

    /// Whether a row has the number of cells its columns need: its values, or its values
    /// and the blank cells after them (which are then unfilled values).
    pub fn has_its_cells(row: &A20Row, spec: &A20Spec) -> bool {
        let want = spec.columns.len();
        row.values.len() == want
            || (row.values.len() < want && row.values.len() + row.blank_tail.len() >= want)
    }

    /// Every value that has a column in its block's spec: (row, spec, column index, cell);
    /// the blank cells after the last value too when the row needs them for its columns.
    pub fn values<'r>(
        report: &'r Report,
    ) -> impl Iterator<Item = (&'r A20Row, &'static A20Spec, usize, &'r ValueCell)> + 'r {
        rows(report).flat_map(|(_, spec, row)| {
            let tail = if has_its_cells(row, spec) {
                &row.blank_tail[..]
            } else {
                &[]
            };
            row.values
                .iter()
                .chain(tail)
                .take(spec.columns.len())
                .enumerate()
                .map(move |(i, c)| (row, spec, i, c))
        })
    }

    /// `「规章」行「本年新制作数量」列`
    pub fn cell_label(row: &nianbao_model::A20Row, spec: &A20Spec, index: usize) -> String {
        let column = spec.columns.get(index).map_or("?", |c| c.name);
        format!("「{}」行「{}」列", row.label_text, column)
    }
}
