//! Table 四: one data row of 15 numbers under a header of 行政复议 and 行政诉讼 — or, as
//! conversions lay it out, three rows of five, one per group, each under a header or a
//! heading that names its group (`行政复议`, `行政诉讼（未经复议直接起诉）`,
//! `行政诉讼（复议后起诉）`); rows of five with no such name take the groups in order.

use nianbao_syntax::TextRange;

use crate::template;
use crate::{CellValue, T4Row, Table4, ValueCell};

use super::rows::is_valueish;
use super::{LogicalRow, Reader};

/// Table 四 being assembled from rows of five.
#[derive(Default)]
pub(super) struct T4Groups {
    /// The group the last heading or header named.
    pub(super) named: Option<usize>,
    cells: [Option<(Vec<ValueCell>, TextRange)>; 3],
}

/// The group a text names: 0 行政复议, 1 行政诉讼（未经复议直接起诉）, 2 （复议后起诉）.
pub(super) fn named_group(folded: &str) -> Option<usize> {
    if folded.contains("复议后起诉") {
        Some(2)
    } else if folded.contains("未经复议") || folded.contains("直接起诉") {
        Some(1)
    } else if folded.contains("行政复议") && !folded.contains("行政诉讼") {
        Some(0)
    } else {
        None
    }
}

impl Reader {
    pub(super) fn t4_row(&mut self, row: &LogicalRow<'_, '_>) {
        let Some(table) = self.out.tables4.last_mut() else {
            return;
        };
        table.range = table.range.cover(row.range);
        let classes = &row.classes;
        let all_blank = classes.iter().all(|c| *c == CellValue::Empty);
        let blank_group = self.t4.named.is_some() && classes.len() == 5 && all_blank;
        // Fifteen blank cells under the header: the data row, left unfilled.
        let blank_row = classes.len() == template::T4_CELLS
            && all_blank
            && table.row.is_none()
            && self.t4.cells.iter().all(Option::is_none);
        if classes.iter().filter(|c| is_valueish(c)).count() < 5 && !blank_group && !blank_row {
            // A header: it may name a group. (A row of five blank cells under a group's
            // name is that group's row, left unfilled.)
            if let Some(g) = row.folded.iter().find_map(|f| named_group(f)) {
                self.t4.named = Some(g);
            }
            return;
        }
        let last_text = classes.iter().rposition(|c| *c == CellValue::Text);
        let from = last_text.map_or(0, |i| i + 1);
        let mut cells: Vec<ValueCell> =
            (from..row.cells.len()).map(|i| row.value_cell(i)).collect();
        while !blank_group
            && !blank_row
            && cells.last().is_some_and(|v| v.value == CellValue::Empty)
        {
            cells.pop();
        }
        while cells.len() > template::T4_CELLS
            && cells.first().is_some_and(|v| v.value == CellValue::Empty)
        {
            cells.remove(0);
        }
        if cells.len() == 5 {
            // One group's row: the one named, else the next still empty.
            let label = last_text.and_then(|i| named_group(&row.folded[i]));
            let group = label
                .or(self.t4.named.take())
                .or_else(|| self.t4.cells.iter().position(Option::is_none));
            if let Some(g) = group.filter(|&g| self.t4.cells[g].is_none()) {
                self.t4.cells[g] = Some((cells, row.range));
                self.t4_complete();
                return;
            }
        }
        self.set_t4_row(T4Row {
            range: row.range,
            cells,
        });
    }

    /// When all three groups have their rows, they make the table's row.
    fn t4_complete(&mut self) {
        if self.t4.cells.iter().all(Option::is_some) {
            let groups = std::mem::take(&mut self.t4.cells);
            self.finish_t4_groups(groups);
        }
    }

    /// Ends table 四's groups: what was read of them, if anything, is the table's row
    /// (fewer than 15 cells when a group is missing).
    pub(super) fn finish_t4(&mut self) {
        let groups = std::mem::take(&mut self.t4.cells);
        self.t4.named = None;
        if groups.iter().any(Option::is_some) {
            self.finish_t4_groups(groups);
        }
    }

    fn finish_t4_groups(&mut self, groups: [Option<(Vec<ValueCell>, TextRange)>; 3]) {
        let mut cells = Vec::with_capacity(template::T4_CELLS);
        let mut range: Option<TextRange> = None;
        for (group_cells, r) in groups.into_iter().flatten() {
            cells.extend(group_cells);
            range = Some(range.map_or(r, |p| p.cover(r)));
        }
        if let Some(range) = range {
            self.set_t4_row(T4Row { range, cells });
        }
    }

    fn set_t4_row(&mut self, row: T4Row) {
        if self.out.tables4.last().is_some_and(|t| t.row.is_some()) {
            self.out.tables4.push(Table4 {
                range: row.range,
                first_row: row.range,
                part: self.part,
                row: None,
                recovered_rows: Vec::new(),
                recovered_with_errors: Vec::new(),
                unread_rows: Vec::new(),
            });
        }
        if let Some(table) = self.out.tables4.last_mut() {
            table.range = table.range.cover(row.range);
            table.row = Some(row);
        }
    }
}
