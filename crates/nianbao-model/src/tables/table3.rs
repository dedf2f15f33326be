//! Table 三, read in two steps.
//!
//! **Collecting.** Each row of the table, in document order, is kept as an item: a row
//! with numbers (its label cells and its value cells), or a piece of text that holds no
//! number — a line of a wrapped label, a cell of a vertical group label, a header. A row
//! whose label names a template row is placed at once, by its *last* matching label cell
//! (cells before it are group labels: `三、本年`, `度 办 理 结 果`, `果`).
//!
//! **Assembling**, when the table ends. A row whose label is missing or only a piece of
//! one is placed by joining pieces: its own label (or, with none, a nearby piece), then
//! the pieces before and after it that continue it exactly — `（二）部分公开（区分处理的，
//! 只计这一情` + `447 7 0 …` + `形，不计其他情形）`, with the vertical group label's
//! characters in between skipped because they continue nothing. The join must cover most
//! of one template label and clearly more than of any other. A row still unplaced is
//! placed by order when the rows placed around it leave exactly one template row for it
//! (and for the others between them). Anything else stays unmapped: a row is never
//! guessed, and no sum is evaluated on an unmapped row.

use nianbao_syntax::TextRange;

use crate::labels::{match_t3, t3_key, t3_template_key};
use crate::template::{self, Part, T3Kind, T3_ROWS};
use crate::{CellValue, Placement, T3Row, Table3, UnmappedRow, ValueCell};

use super::rows::is_valueish;
use super::{LogicalRow, Reader, State};

mod place;
use place::*;

/// A row or a piece of text of the table 三 being read.
pub(super) enum T3Item {
    Row(RowItem),
    Piece(Piece),
}

pub(super) struct RowItem {
    range: TextRange,
    /// The label cells: their texts and ranges.
    labels: Vec<(String, TextRange)>,
    cells: Vec<ValueCell>,
    /// Placed at once by its label: the template row, the label's range and how.
    matched: Option<(usize, TextRange, Placement)>,
}

/// Text with no number: a line of a wrapped label, a group label's character, a header.
pub(super) struct Piece {
    key: String,
    range: TextRange,
}

impl Reader {
    /// The template row this row maps to, and how many value cells it has.
    /// Rows with fewer than `min_values` value cells are not matched (`None`).
    pub(super) fn t3_match(
        &self,
        row: &LogicalRow<'_, '_>,
        min_values: usize,
    ) -> Option<(usize, usize)> {
        let (labels, values) = split_t3(row);
        if values.len() < min_values {
            return None;
        }
        let mut group = self.group;
        let mut matched = None;
        for i in labels {
            if let Some((def, _)) = match_t3(&row.folded[i], group) {
                if T3_ROWS[def].kind == T3Kind::Group {
                    group = Some(def);
                }
                matched = Some(def);
            }
        }
        matched.map(|def| (def, values.len()))
    }

    /// Collects a row of table 三.
    pub(super) fn t3_row(&mut self, row: &LogicalRow<'_, '_>) {
        let (labels, mut values) = split_t3(row);
        let mut matched: Option<(usize, TextRange, Placement)> = None;
        for &i in &labels {
            let cell = row.cells[i];
            if let Some((def, how)) = match_t3(&row.folded[i], self.group) {
                match T3_ROWS[def].kind {
                    T3Kind::Group => self.group = Some(def),
                    T3Kind::ResultsHeader | T3Kind::Inflow | T3Kind::CarriedOver => {
                        self.group = None
                    }
                    _ => {}
                }
                matched = Some((def, cell.range, how));
            }
        }
        // 一、本年新收 after rows of its own: the next report's table, or a table appended.
        if matched.is_some_and(|(def, _, _)| def == template::T3_NEW)
            && self
                .t3
                .iter()
                .any(|i| matches!(i, T3Item::Row(r) if r.matched.is_some()))
        {
            self.leave();
            self.state = State::Table3;
            self.out.tables3.push(new_table3(row.range, self.part));
        }
        let Some(table) = self.out.tables3.last_mut() else {
            return;
        };
        table.range = table.range.cover(row.range);
        // A row whose label names a data row, followed by exactly a row's width of empty
        // cells: the row, left unfilled (a blank template, as Word and HTML give it).
        if values.is_empty() && matched.is_some_and(|(def, ..)| is_data_row(def)) {
            if let Some(&last) = labels.last() {
                let blank = row.cells.len() - last - 1;
                if blank == 7 || blank == 8 {
                    values = last + 1..row.cells.len();
                }
            }
        }
        let numbers = values
            .clone()
            .filter(|&i| {
                matches!(
                    row.classes[i],
                    CellValue::Number(_) | CellValue::RunTogether
                )
            })
            .count();
        // A row of markers only (`| - | - |`) under a heading of its own is no data row
        // unless its label names one.
        if values.is_empty() || (numbers == 0 && matched.is_none()) {
            // A header, a group label, a piece of a wrapped label: pieces to join.
            let header = labels.len() >= 3;
            if !header {
                for &i in &labels {
                    self.t3_piece(&row.folded[i], row.cells[i].range);
                }
            }
            return;
        }
        let cells: Vec<ValueCell> = values.map(|i| row.value_cell(i)).collect();
        let labels = labels
            .iter()
            .map(|&i| (row.folded[i].to_string(), row.cells[i].range))
            .collect();
        self.t3.push(T3Item::Row(RowItem {
            range: row.range,
            labels,
            cells,
            matched: matched.filter(|(def, _, _)| T3_ROWS[*def].kind != T3Kind::ResultsHeader),
        }));
    }

    /// A piece of text inside table 三 that holds no number.
    pub(super) fn t3_piece(&mut self, folded: &str, range: TextRange) {
        let key = t3_key(folded);
        if key.is_empty() || key.chars().count() > 60 {
            return;
        }
        if let Some(table) = self.out.tables3.last_mut() {
            table.range = table.range.cover(range);
        }
        self.t3.push(T3Item::Piece(Piece { key, range }));
    }

    /// Assembles the collected items into the table being closed.
    pub(super) fn finish_t3(&mut self) {
        let items = std::mem::take(&mut self.t3);
        if let Some(table) = self.out.tables3.last_mut() {
            assemble(items, table);
            finish_table3(table);
        }
    }
}

/// Where each row item was placed: (template row, label range, how).
type Placed = Option<(usize, TextRange, Placement)>;

fn assemble(items: Vec<T3Item>, table: &mut Table3) {
    let mut placed: Vec<Placed> = items
        .iter()
        .map(|i| match i {
            T3Item::Row(r) => r.matched,
            T3Item::Piece(_) => None,
        })
        .collect();
    let mut consumed = vec![false; items.len()];
    // Joining pieces, row by row.
    for i in 0..items.len() {
        let T3Item::Row(row) = &items[i] else {
            continue;
        };
        if placed[i].is_some() {
            continue;
        }
        let taken: Vec<usize> = placed.iter().flatten().map(|p| p.0).collect();
        if let Some((def, range, used)) = join(&items, i, row, &consumed, &taken) {
            for u in used {
                consumed[u] = true;
            }
            placed[i] = Some((def, range, Placement::Joined));
        }
    }
    place_by_order(&items, &mut placed);
    for (item, place) in items.into_iter().zip(placed) {
        let T3Item::Row(row) = item else { continue };
        match place {
            Some((def, label_range, placement)) => {
                let duplicate = table.rows.iter().any(|r| r.def == def);
                table.rows.push(T3Row {
                    def,
                    placement,
                    subtotal: T3_ROWS[def].kind == T3Kind::Group,
                    duplicate,
                    range: row.range,
                    label_range,
                    cells: row.cells,
                });
            }
            None => {
                let label = row.labels.last();
                table.unmapped.push(UnmappedRow {
                    range: row.range,
                    label: label.map(|(t, _)| t.as_str().into()).unwrap_or_default(),
                    label_range: label.map_or(TextRange::empty(row.range.start), |(_, r)| *r),
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
        recovered_rows: Vec::new(),
        recovered_with_errors: Vec::new(),
        unread_rows: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_way_or_none() {
        let any = |_: usize, _: usize| true;
        assert_eq!(unique_assignment(&[0], &[5], any), Some(vec![5]));
        assert_eq!(unique_assignment(&[0], &[5, 6], any), None);
        assert_eq!(unique_assignment(&[0, 1], &[5, 6], any), Some(vec![5, 6]));
        // Row 1 fits only slot 6: row 0 then has only slot 5.
        let fits = |r: usize, s: usize| r == 0 || s == 6;
        assert_eq!(unique_assignment(&[0, 1], &[4, 5, 6], fits), None);
        let fits = |r: usize, s: usize| (r == 0 && s == 5) || (r == 1 && s == 6);
        assert_eq!(
            unique_assignment(&[0, 1], &[4, 5, 6], fits),
            Some(vec![5, 6])
        );
    }
}
