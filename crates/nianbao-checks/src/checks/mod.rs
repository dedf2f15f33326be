//! Every check, one module each, and the registry.

use nianbao_model::arith::CellAt;
use nianbao_model::{Decimal, ValueCell};

use crate::{Check, Reported, TextEdit};

mod article20_decimal_count;
mod article20_misplaced_row;
mod article20_missing_block;
mod article20_missing_row;
mod article20_negative;
mod article20_not_a_number;
mod article20_other_format;
mod article20_unit_mismatch;
mod article20_unknown_caption;
mod article20_unknown_header;
mod article20_value_count;
mod balance_mismatch;
mod cells_run_together;
mod column_total_mismatch;
mod duplicate_part;
mod duplicate_row;
mod format_mismatch;
mod invalid_count;
mod missing_part;
mod missing_row;
mod missing_table;
mod nonstandard_part_title;
mod number_style;
mod other_format_row;
mod part_out_of_order;
mod review_litigation_total_mismatch;
mod row_total_mismatch;
mod subtotal_mismatch;
mod table_outside_part;
mod unfilled_cell;
mod unknown_row;
mod wrong_cell_count;

/// Every check, in the order of `docs/checks.md`: sums, cells, table shape, parts,
/// 第二十条.
pub static ALL: &[&Check] = &[
    &row_total_mismatch::CHECK,
    &column_total_mismatch::CHECK,
    &balance_mismatch::CHECK,
    &subtotal_mismatch::CHECK,
    &review_litigation_total_mismatch::CHECK,
    &unfilled_cell::CHECK,
    &invalid_count::CHECK,
    &cells_run_together::CHECK,
    &number_style::CHECK,
    &wrong_cell_count::CHECK,
    &unknown_row::CHECK,
    &missing_row::CHECK,
    &duplicate_row::CHECK,
    &other_format_row::CHECK,
    &format_mismatch::CHECK,
    &missing_part::CHECK,
    &part_out_of_order::CHECK,
    &duplicate_part::CHECK,
    &nonstandard_part_title::CHECK,
    &missing_table::CHECK,
    &table_outside_part::CHECK,
    &article20_unknown_caption::CHECK,
    &article20_missing_block::CHECK,
    &article20_other_format::CHECK,
    &article20_unknown_header::CHECK,
    &article20_value_count::CHECK,
    &article20_not_a_number::CHECK,
    &article20_negative::CHECK,
    &article20_decimal_count::CHECK,
    &article20_misplaced_row::CHECK,
    &article20_missing_row::CHECK,
    &article20_unit_mismatch::CHECK,
];

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

    /// Every value that has a column in its block's spec: (row, spec, column index, cell).
    pub fn values<'r>(
        report: &'r Report,
    ) -> impl Iterator<Item = (&'r A20Row, &'static A20Spec, usize, &'r ValueCell)> + 'r {
        rows(report).flat_map(|(_, spec, row)| {
            row.values
                .iter()
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
