//! The typed tables of a report: table 三 with its rows placed on the template's, table
//! 四's row of fifteen, the 第二十条 blocks with their headers and rows.

use super::*;

// ---- Table 三 -----------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Table3 {
    pub range: TextRange,
    /// The table's first row, where findings about the table as a whole go.
    pub first_row: TextRange,
    pub part: Option<Part>,
    /// The report adds a 法人或其他组织 subtotal column after 自然人 (8 columns).
    pub legal_person_column: bool,
    /// Some cell ran together with its neighbours (`230 000023`): no cell of the table can
    /// be trusted, and no sum is evaluated.
    pub run_together: bool,
    /// Rows whose cells ran together and were cut by the arithmetic, one way only
    /// (`recover`): the range of their digits.
    pub recovered_rows: Vec<TextRange>,
    /// Of those, rows read the way that breaks the fewest of the table's equations, none
    /// adding up (`recover::solve`): the broken ones are said by the sum checks.
    pub recovered_with_errors: Vec<TextRange>,
    /// Rows whose cells ran together and could not be cut one way only.
    pub unread_rows: Vec<recover::UnreadRow>,
    pub rows: Vec<T3Row>,
    /// Rows with numbers whose label could not be mapped to a template row.
    pub unmapped: Vec<UnmappedRow>,
}

/// How a row of table 三 was placed on its template row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Its label is the template's (in any dress: spaces, full-width, `、` for `.`).
    Label,
    /// Its label is close to the template's, and to no other row's: another punctuation
    /// (`，` for `、`), a small typo (`其他法律行政止公开`).
    Variant,
    /// Its label was broken over lines or cells, and the pieces joined give exactly one
    /// template row.
    Joined,
    /// It had no label of its own (or only a piece of one), and its place between the rows
    /// around it leaves exactly one template row for it.
    Order,
}

#[derive(Clone, Debug)]
pub struct T3Row {
    /// Index into [`template::T3_ROWS`].
    pub def: usize,
    /// How it was placed there.
    pub placement: Placement,
    /// Numbers on a group label (（三）不予公开 …): a subtotal the template does not have.
    pub subtotal: bool,
    /// A second row for the same template row; only the first takes part in sums.
    pub duplicate: bool,
    pub range: TextRange,
    pub label_range: TextRange,
    /// The cells after the label, leading and trailing empty cells dropped.
    pub cells: Vec<ValueCell>,
}

#[derive(Clone, Debug)]
pub struct UnmappedRow {
    pub range: TextRange,
    pub label: CompactString,
    pub label_range: TextRange,
}

impl Table3 {
    /// Whether the （七）总计 column sums (T3-SUM) are evaluated: not when a row could not
    /// be mapped, since it may be one of the leaves they add up.
    pub fn column_totals_checked(&self) -> bool {
        self.unmapped.is_empty()
    }

    /// Whether the table could not be read: fewer of its data rows match a template row
    /// than match none. Then it is one finding (`unreadable-table`), not a missing row for
    /// each template row and an unknown row for each of its own.
    pub fn unreadable(&self) -> bool {
        self.rows.len() < self.unmapped.len()
    }

    /// How many cells a data row must have.
    pub fn width(&self) -> usize {
        if self.legal_person_column {
            8
        } else {
            7
        }
    }

    /// The cell index of standard column `col` (0 = 自然人 … 6 = 总计).
    pub fn cell_index(&self, col: usize) -> usize {
        if self.legal_person_column && col >= 1 {
            col + 1
        } else {
            col
        }
    }

    pub fn is_mapped(&self, row: &T3Row) -> bool {
        row.cells.len() == self.width()
    }

    /// The first, non-duplicate row for template row `def`.
    pub fn row(&self, def: usize) -> Option<(usize, &T3Row)> {
        self.rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.def == def && !r.duplicate)
    }

    /// The column label of cell index `cell`.
    pub fn column_label(&self, cell: usize) -> &'static str {
        if self.legal_person_column {
            match cell {
                0 => template::T3_COLUMNS[0],
                1 => template::T3_LEGAL_PERSON_COLUMN,
                c => template::T3_COLUMNS.get(c - 1).copied().unwrap_or("?"),
            }
        } else {
            template::T3_COLUMNS.get(cell).copied().unwrap_or("?")
        }
    }
}

// ---- Table 四 -----------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Table4 {
    pub range: TextRange,
    /// The table's first row, where findings about the table as a whole go.
    pub first_row: TextRange,
    pub part: Option<Part>,
    /// The data row: 15 cells when it could be read.
    pub row: Option<T4Row>,
    /// The row's cells ran together and were cut by the arithmetic (`recover`).
    pub recovered_rows: Vec<TextRange>,
    /// Of those, rows read the way that breaks the fewest of the table's equations, none
    /// adding up (`recover::solve`): the broken ones are said by the sum checks.
    pub recovered_with_errors: Vec<TextRange>,
    /// The row's cells ran together and could not be cut one way only.
    pub unread_rows: Vec<recover::UnreadRow>,
}

#[derive(Clone, Debug)]
pub struct T4Row {
    pub range: TextRange,
    pub cells: Vec<ValueCell>,
}

impl T4Row {
    pub fn is_mapped(&self) -> bool {
        self.cells.len() == template::T4_CELLS
    }

    pub fn run_together(&self) -> bool {
        self.cells.iter().any(|c| c.value == CellValue::RunTogether)
    }
}

// ---- 第二十条 -----------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct A20Block {
    /// N of `第二十条第（N）项`; `None` when the caption names no item.
    pub item: Option<u8>,
    pub caption: CompactString,
    pub caption_range: TextRange,
    pub header: Option<A20Header>,
    pub rows: Vec<A20Row>,
    pub part: Option<Part>,
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct A20Header {
    pub range: TextRange,
    pub cells: Vec<HeaderCell>,
}

#[derive(Clone, Debug)]
pub struct HeaderCell {
    pub text: CompactString,
    pub range: TextRange,
    /// The template columns this header names: (format, column name).
    pub names: Vec<(Format, &'static str)>,
    /// A unit the header gives (`采购总金额（万元）`).
    pub unit: Option<Unit>,
}

#[derive(Clone, Debug)]
pub struct A20Row {
    /// The label, folded.
    pub label: String,
    pub label_text: CompactString,
    pub label_range: TextRange,
    pub range: TextRange,
    /// The values after the label; an empty trailing cell is not a value.
    pub values: Vec<ValueCell>,
    /// The empty cells after the last value: the row's unfilled values when, with them,
    /// it has the cells its columns need (a blank template: `规章` and three empty cells).
    pub blank_tail: Vec<ValueCell>,
}

impl A20Header {
    /// The format whose header for `item` this is, cell by cell.
    pub fn format(&self, item: u8) -> Option<Format> {
        [Format::F2019, Format::F2021].into_iter().find(|&f| {
            template::a20_spec(f, item).is_some_and(|spec| {
                spec.columns.len() == self.cells.len()
                    && spec
                        .columns
                        .iter()
                        .zip(&self.cells)
                        .all(|(col, cell)| cell.names.contains(&(f, col.name)))
            })
        })
    }
}
