//! Reading the three official tables out of the document's blocks.
//!
//! Rows are read in document order by a small state machine: a `第二十条第（N）项` caption
//! (a line, a heading or a cell) starts a 第二十条 block, a header with
//! 勾稽关系/申请人情况/自然人 starts table 三, one with 行政复议/行政诉讼 starts table 四,
//! and a part heading ends whatever was open. A table may thus span several blocks (a
//! page break, a repeated header, one table per group of rows) and one block may hold
//! several tables. Lines of text inside a table are read too: in table 三 they are pieces
//! of wrapped labels, in a 第二十条 block rows written as lines (`行政许可 97`), and lines
//! that name a group of table 四 place its rows. Page footers (`— 3 —`) are skipped.
//!
//! - `rows`: a table block's (or a line's) logical rows, each cell folded and classified
//!   once;
//! - `article20`, `table3`, `table4`: what a row means in each table;
//! - `shape`: the format the tables' shape implies.

mod article20;
mod rows;
mod shape;
mod table3;
mod table4;

use nianbao_syntax::{is_page_number, Block, BlockKind, TextRange};

use crate::normalize::fold;
use crate::parts::PartHeading;
use crate::template::{Part, T3Kind, T3_ROWS};
use crate::{A20Block, Table3, Table4};

use article20::caption_item;
use rows::{line_row, logical_rows, LogicalRow};
pub(crate) use shape::shape_evidence;
use table3::{new_table3, T3Item};
use table4::{named_group, T4Groups};

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

/// A row label of a 第二十条 block (folded), in either format.
fn is_a20_label(folded: &str) -> bool {
    rows::A20_ROW_LABELS.contains(&folded)
}

/// The state machine: what is open, in which part, under which table 三 group.
struct Reader {
    out: Tables,
    state: State,
    part: Option<Part>,
    /// The table 三 group the last rows were under (an index into `T3_ROWS`).
    group: Option<usize>,
    /// The rows and pieces of the table 三 being read, assembled when it ends.
    t3: Vec<T3Item>,
    /// Table 四's rows of five being gathered.
    t4: T4Groups,
    /// The 第二十条 block rows go to, when a header moved them from the last one.
    a20_current: Option<usize>,
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
        t3: Vec::new(),
        t4: T4Groups::default(),
        a20_current: None,
    };
    let mut next_part = 0;
    for block in blocks {
        let mut is_part = false;
        while next_part < parts.len() && parts[next_part].range.start <= block.range.start {
            if parts[next_part].range == block.range {
                reader.enter_part(parts[next_part].part);
                is_part = true;
            }
            next_part += 1;
        }
        match &block.kind {
            BlockKind::Table(table) => {
                for row in logical_rows(table, block.range.start).iter() {
                    reader.row(&row);
                }
            }
            BlockKind::Paragraph {
                text,
                text_range,
                markup,
            } if !is_part => reader.line(text, *text_range, *markup),
            BlockKind::Heading(h) if !is_part => reader.line(&h.text, h.text_range, h.markup),
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
        match self.state {
            State::Table3 => self.finish_t3(),
            State::Table4 => self.finish_t4(),
            _ => {}
        }
        self.state = State::Idle;
        self.group = None;
        self.a20_current = None;
    }

    pub(super) fn switch(&mut self, state: State) {
        if self.state != state {
            self.leave();
            self.state = state;
        }
    }

    /// Starts table 四 (or goes on with one that has no row yet).
    fn start_t4(&mut self, range: TextRange) {
        let open_empty =
            self.state == State::Table4 && self.out.tables4.last().is_some_and(|t| t.row.is_none());
        self.switch(State::Table4);
        if !open_empty {
            self.out.tables4.push(Table4 {
                range,
                first_row: range,
                part: self.part,
                row: None,
                recovered_rows: Vec::new(),
                recovered_with_errors: Vec::new(),
                unread_rows: Vec::new(),
            });
        }
    }

    /// A line of text (a paragraph or a heading that is no part title).
    fn line(&mut self, text: &str, range: TextRange, markup: bool) {
        use crate::normalize::{folded_chars, folded_starts_with};
        if is_page_number(text) {
            return;
        }
        if folded_starts_with(text, "第二十条第") {
            // A caption, on its own line or as a heading.
            let rows = line_row(text, range, true);
            for row in rows.iter() {
                self.row(&row);
            }
            return;
        }
        // A line that names table 四 or one of its groups: `行政复议行政诉讼`,
        // `### 行政诉讼（未经复议直接起诉）` (no sentence: no punctuation, a short line).
        let names_t4 = ["行政复议", "行政诉讼", "复议后起诉", "未经复议"]
            .iter()
            .any(|w| folded_starts_with(text, w))
            && folded_chars(text).nth(20).is_none()
            && !folded_chars(text).any(|c| matches!(c, '.' | ',' | ';' | ':'));
        if names_t4 && (self.state != State::Idle || self.part == Some(Part::ReviewLitigation)) {
            if self.state != State::Table4 {
                self.start_t4(range);
            }
            if let Some(table) = self.out.tables4.last_mut() {
                table.range = table.range.cover(range);
            }
            if let Some(g) = named_group(&fold(text)) {
                self.t4.named = Some(g);
            }
            return;
        }
        // The note above table 三's columns may be a line of its own. (Folding keeps 勾.)
        if self.state != State::Table3 && text.contains('勾') && fold(text).contains("勾稽关系")
        {
            self.switch(State::Table3);
            self.out.tables3.push(new_table3(range, self.part));
            return;
        }
        match self.state {
            State::Article20 => {
                if folded_starts_with(text, "信息内容") {
                    self.a20_header_line(&fold(text), range);
                    return;
                }
                let rows = line_row(text, range, markup);
                for row in rows.iter() {
                    let labelled = row.folded.first().is_some_and(|f| is_a20_label(f));
                    if labelled && row.cells.len() > 1 {
                        self.a20_row(&row);
                    }
                }
            }
            State::Table3 => {
                // A piece of a wrapped label or of a vertical group label; a sentence is
                // none.
                if folded_chars(text).nth(40).is_none() && !text.contains('。') {
                    self.t3_piece(&fold(text), range);
                }
            }
            State::Table4 | State::Idle => {}
        }
    }

    pub(super) fn row(&mut self, row: &LogicalRow<'_, '_>) {
        let folded = &row.folded;
        if let Some(i) = folded.iter().position(|f| f.starts_with("第二十条")) {
            self.switch(State::Article20);
            let cell = row.cells[i];
            self.out.article20.push(A20Block {
                item: caption_item(&folded[i]),
                caption: cell.text.into(),
                caption_range: cell.range,
                header: None,
                rows: Vec::new(),
                part: self.part,
                range: row.range,
            });
            self.a20_current = None;
            return;
        }
        let first = row.cells.iter().position(|c| !c.is_empty());
        if let Some(first) = first.filter(|&i| folded[i].starts_with("信息内容")) {
            if self.state == State::Article20 {
                self.a20_header_row(row, first);
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
            if self.state != State::Table4 {
                self.start_t4(row.range);
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
                    .t3_match(row, 5)
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
                if self.t3_match(row, 1).is_some_and(|(_, values)| values > 0) {
                    self.switch(State::Table3);
                    self.out.tables3.push(new_table3(row.range, self.part));
                    self.t3_row(row);
                }
            }
        }
    }
}
