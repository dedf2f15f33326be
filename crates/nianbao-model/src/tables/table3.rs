//! Table 三: rows mapped to template rows by their *last* matching label. Cells before it
//! are vertical group labels (`三、本年`, `度 办 理 结 果`, `果`) or the group the row
//! belongs to. Numbers are taken from the first number on; a row whose count of cells is
//! not the template's is kept but never used in arithmetic.

use nianbao_syntax::TextRange;

use crate::labels::match_t3_label;
use crate::template::{self, Part, T3Kind, T3_ROWS};
use crate::{CellValue, T3Row, Table3, UnmappedRow, ValueCell};

use super::rows::is_valueish;
use super::{LogicalRow, Reader, State};

impl Reader {
    /// The template row this row maps to, and how many value cells it has.
    pub(super) fn t3_match(&self, row: &LogicalRow<'_, '_>) -> Option<(usize, usize)> {
        let (labels, values) = split_t3(row);
        let mut group = self.group;
        let mut matched = None;
        for i in labels {
            if let Some(def) = match_t3_label(&row.folded[i], group) {
                if T3_ROWS[def].kind == T3Kind::Group {
                    group = Some(def);
                }
                matched = Some(def);
            }
        }
        matched.map(|def| (def, values.len()))
    }

    pub(super) fn t3_row(&mut self, row: &LogicalRow<'_, '_>) {
        let (labels, values) = split_t3(row);
        let mut matched: Option<(usize, TextRange)> = None;
        for &i in &labels {
            let cell = row.cells[i];
            if let Some(def) = match_t3_label(&row.folded[i], self.group) {
                match T3_ROWS[def].kind {
                    T3Kind::Group => self.group = Some(def),
                    T3Kind::ResultsHeader | T3Kind::Inflow | T3Kind::CarriedOver => {
                        self.group = None
                    }
                    _ => {}
                }
                matched = Some((def, cell.range));
            }
        }
        if matched.is_some_and(|(def, _)| def == template::T3_NEW)
            && self.out.tables3.last().is_some_and(|t| !t.rows.is_empty())
        {
            self.leave();
            self.state = State::Table3;
            self.out.tables3.push(new_table3(row.range, self.part));
        }
        let Some(table) = self.out.tables3.last_mut() else {
            return;
        };
        table.range = table.range.cover(row.range);
        if values.is_empty() {
            // A header, a group label or the second line of a broken label.
            return;
        }
        let cells: Vec<ValueCell> = values.map(|i| row.value_cell(i)).collect();
        match matched {
            Some((def, label_range)) if T3_ROWS[def].kind != T3Kind::ResultsHeader => {
                let duplicate = table.rows.iter().any(|r| r.def == def);
                let subtotal = T3_ROWS[def].kind == T3Kind::Group;
                table.rows.push(T3Row {
                    def,
                    subtotal,
                    duplicate,
                    range: row.range,
                    label_range,
                    cells,
                });
            }
            _ => {
                let label_cell = labels
                    .iter()
                    .rev()
                    .map(|&i| row.cells[i])
                    .find(|c| !c.is_empty());
                table.unmapped.push(UnmappedRow {
                    range: row.range,
                    label: label_cell.map(|c| c.text.clone()).unwrap_or_default(),
                    label_range: label_cell.map_or(TextRange::empty(row.range.start), |c| c.range),
                });
            }
        }
    }
}

pub(super) fn new_table3(range: TextRange, part: Option<Part>) -> Table3 {
    Table3 {
        range,
        first_row: range,
        part,
        legal_person_column: false,
        run_together: false,
        rows: Vec::new(),
        unmapped: Vec::new(),
    }
}

pub(super) fn finish_table3(table: &mut Table3) {
    let count = |n: usize| table.rows.iter().filter(|r| r.cells.len() == n).count();
    table.legal_person_column = count(8) > count(7) && count(8) >= 3;
    table.run_together = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.value == CellValue::RunTogether);
    let split_other = table
        .rows
        .iter()
        .any(|r| template::T3_OTHER_LEAVES.contains(&r.def));
    for row in &mut table.rows {
        if row.def == template::T3_OTHER && split_other {
            row.subtotal = true;
        }
    }
}

/// Splits a table 三 row into its label cells and its value cells (as indices): the
/// values start at the first number (or `/`, `—`); trailing empty cells are dropped.
pub(super) fn split_t3(row: &LogicalRow<'_, '_>) -> (Vec<usize>, std::ops::Range<usize>) {
    let first_value = row
        .classes
        .iter()
        .position(is_valueish)
        .unwrap_or(row.cells.len());
    let labels: Vec<usize> = (0..first_value)
        .filter(|&i| !row.cells[i].is_empty())
        .collect();
    let mut end = row.cells.len();
    while end > first_value && row.cells[end - 1].is_empty() {
        end -= 1;
    }
    (labels, first_value..end)
}
