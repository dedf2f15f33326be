//! Reading the three official tables out of the document's table blocks.
//!
//! Rows are read in document order by a small state machine: a `第二十条第（N）项` caption
//! starts a 第二十条 block, a header with 勾稽关系/申请人情况/自然人 starts table 三, one
//! with 行政复议/行政诉讼 starts table 四, and a part heading ends whatever was open. A
//! table may thus span several blocks (a page break, a repeated header) and one block may
//! hold several tables.
//!
//! - `rows`: a table block's logical rows, each cell folded and classified once;
//! - `article20`, `table3`, `table4`: what a row means in each table;
//! - `shape`: the format the tables' shape implies.

mod article20;
mod rows;
mod shape;
mod table3;
mod table4;

use nianbao_syntax::{Block, BlockKind, Cell};

use crate::normalize::folded_starts_with;
use crate::parts::PartHeading;
use crate::template::{Part, T3Kind, T3_ROWS};
use crate::{A20Block, Table3, Table4};

use article20::{a20_header, caption_item};
use rows::{logical_rows, CellRef, LogicalRow, Rows};
pub(crate) use shape::shape_evidence;
use table3::{finish_table3, new_table3};

pub(crate) struct Tables {
    pub article20: Vec<A20Block>,
    pub tables3: Vec<Table3>,
    pub tables4: Vec<Table4>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Idle,
    Article20,
    Table3,
    Table4,
}

/// The state machine: what is open, in which part, under which table 三 group.
struct Reader {
    out: Tables,
    state: State,
    part: Option<Part>,
    /// The table 三 group the last rows were under (an index into `T3_ROWS`).
    group: Option<usize>,
}

pub(crate) fn read(blocks: &[Block], parts: &[PartHeading]) -> Tables {
    let mut reader = Reader {
        out: Tables {
            article20: Vec::new(),
            tables3: Vec::new(),
            tables4: Vec::new(),
        },
        state: State::Idle,
        part: None,
        group: None,
    };
    let mut next_part = 0;
    for block in blocks {
        while next_part < parts.len() && parts[next_part].range.start <= block.range.start {
            if parts[next_part].range == block.range {
                reader.enter_part(parts[next_part].part);
            }
            next_part += 1;
        }
        match &block.kind {
            BlockKind::Table(table) => {
                for row in logical_rows(table, block.range.start).iter() {
                    reader.row(&row);
                }
            }
            // Outside tab and pipe tables a caption is a line of its own.
            BlockKind::Paragraph { text, .. } if folded_starts_with(text, "第二十条第") => {
                let cell = Cell {
                    range: block.range,
                    text: text.as_str().into(),
                    rowspan: 1,
                    colspan: 1,
                };
                let mut rows = Rows::with_capacity(1, 1);
                rows.push(CellRef {
                    cell: &cell,
                    range: block.range,
                });
                rows.end_row(Some(block.range));
                for row in rows.iter() {
                    reader.row(&row);
                }
            }
            _ => {}
        }
    }
    reader.leave();
    reader.out
}

impl Reader {
    pub(super) fn enter_part(&mut self, part: Part) {
        self.leave();
        self.part = Some(part);
    }

    /// Ends whatever table is open.
    pub(super) fn leave(&mut self) {
        if self.state == State::Table3 {
            if let Some(t) = self.out.tables3.last_mut() {
                finish_table3(t);
            }
        }
        self.state = State::Idle;
        self.group = None;
    }

    pub(super) fn switch(&mut self, state: State) {
        if self.state != state {
            self.leave();
            self.state = state;
        }
    }

    pub(super) fn row(&mut self, row: &LogicalRow<'_, '_>) {
        let folded = &row.folded;
        if let Some(i) = folded.iter().position(|f| f.starts_with("第二十条")) {
            self.switch(State::Article20);
            let cell = row.cells[i];
            self.out.article20.push(A20Block {
                item: caption_item(&folded[i]),
                caption: cell.text.clone(),
                caption_range: cell.range,
                header: None,
                rows: Vec::new(),
                part: self.part,
                range: row.range,
            });
            return;
        }
        let first = row.cells.iter().position(|c| !c.is_empty());
        if let Some(first) = first.filter(|&i| folded[i].starts_with("信息内容")) {
            if self.state == State::Article20 {
                if let Some(block) = self.out.article20.last_mut() {
                    block.range = block.range.cover(row.range);
                    if block.header.is_none() {
                        block.header = Some(a20_header(row, first));
                    }
                }
            }
            return;
        }
        // The words below are Chinese: cells of ASCII only (numbers) cannot hold them.
        let words = || folded.iter().filter(|f| !f.is_ascii());
        let mentions = |needle: &str| words().any(|f| f.contains(needle));
        // Table 四's header has cells of its own for 行政复议 and 行政诉讼; no label of
        // table 三 holds those words.
        let t4_header = words()
            .any(|f| f.chars().count() <= 12 && (f.contains("行政复议") || f.contains("行政诉讼")));
        if t4_header {
            let open_empty = self.state == State::Table4
                && self.out.tables4.last().is_some_and(|t| t.row.is_none());
            self.switch(State::Table4);
            if !open_empty {
                self.out.tables4.push(Table4 {
                    range: row.range,
                    first_row: row.range,
                    part: self.part,
                    row: None,
                });
            }
        } else if self.state != State::Table3
            && (mentions("勾稽关系")
                || mentions("申请人情况")
                || folded.iter().any(|f| f == "自然人"))
        {
            self.switch(State::Table3);
            self.out.tables3.push(new_table3(row.range, self.part));
        }
        match self.state {
            State::Article20 => {
                if self
                    .t3_match(row)
                    .is_some_and(|(def, values)| values >= 5 && T3_ROWS[def].kind != T3Kind::Group)
                {
                    self.switch(State::Table3);
                    self.out.tables3.push(new_table3(row.range, self.part));
                    self.t3_row(row);
                } else {
                    self.a20_row(row);
                }
            }
            State::Table3 => self.t3_row(row),
            State::Table4 => self.t4_row(row),
            State::Idle => {
                if self.t3_match(row).is_some_and(|(_, values)| values > 0) {
                    self.switch(State::Table3);
                    self.out.tables3.push(new_table3(row.range, self.part));
                    self.t3_row(row);
                }
            }
        }
    }
}
