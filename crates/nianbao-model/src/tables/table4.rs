//! Table 四: one data row of 15 numbers under a header of 行政复议 and 行政诉讼.

use crate::template;
use crate::{CellValue, T4Row, Table4, ValueCell};

use super::rows::is_valueish;
use super::{LogicalRow, Reader};

impl Reader {
    pub(super) fn t4_row(&mut self, row: &LogicalRow<'_, '_>) {
        let Some(table) = self.out.tables4.last_mut() else {
            return;
        };
        table.range = table.range.cover(row.range);
        let classes = &row.classes;
        if classes.iter().filter(|c| is_valueish(c)).count() < 5 {
            return;
        }
        let last_text = classes.iter().rposition(|c| *c == CellValue::Text);
        let from = last_text.map_or(0, |i| i + 1);
        let mut cells: Vec<ValueCell> =
            (from..row.cells.len()).map(|i| row.value_cell(i)).collect();
        while cells.last().is_some_and(|v| v.value == CellValue::Empty) {
            cells.pop();
        }
        while cells.len() > template::T4_CELLS
            && cells.first().is_some_and(|v| v.value == CellValue::Empty)
        {
            cells.remove(0);
        }
        if table.row.is_some() {
            self.out.tables4.push(Table4 {
                range: row.range,
                first_row: row.range,
                part: self.part,
                row: None,
            });
        }
        if let Some(table) = self.out.tables4.last_mut() {
            table.row = Some(T4Row {
                range: row.range,
                cells,
            });
        }
    }
}
