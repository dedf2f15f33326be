//! Reading the three official tables out of the document's table blocks.
//!
//! Rows are read in document order by a small state machine: a `第二十条第（N）项` caption
//! starts a 第二十条 block, a header with 勾稽关系/申请人情况/自然人 starts table 三, one
//! with 行政复议/行政诉讼 starts table 四, and a part heading ends whatever was open. A
//! table may thus span several blocks (a page break, a repeated header) and one block may
//! hold several tables.
//!
//! A row of table 三 is mapped by its *last* label cell that matches a template label:
//! cells before it are vertical group labels (`三、本年`, `度 办 理 结 果`, `果`) or the
//! group the row belongs to. Numbers are taken from the first number on; a row whose
//! count of cells is not the template's is kept but never used in arithmetic.

use std::borrow::Cow;

use nianbao_syntax::{is_blank_marker, Block, BlockKind, Cell, Table, TableEncoding, TextRange};

use crate::normalize::{chinese_numeral, fold, folded_starts_with, split_enumerator};
use crate::number::{parse_number, Unit};
use crate::parts::PartHeading;
use crate::template::{self, Format, Part, T3Kind, A20_F2019, A20_F2021, T3_ROWS};
use crate::{
    A20Block, A20Header, A20Row, CellValue, HeaderCell, ShapeEvidence, T3Row, T4Row, Table3,
    Table4, UnmappedRow, ValueCell,
};

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

/// A cell of a table block with its range in document offsets (the block's ranges are
/// relative to the block).
#[derive(Clone, Copy)]
struct CellRef<'a> {
    cell: &'a Cell,
    range: TextRange,
}

impl std::ops::Deref for CellRef<'_> {
    type Target = Cell;

    fn deref(&self) -> &Cell {
        self.cell
    }
}

/// The rows of a table block as the model reads them, each cell folded and classified
/// once. The cells of all rows share three vectors: three allocations per table, not per
/// row.
#[derive(Default)]
struct Rows<'a> {
    cells: Vec<CellRef<'a>>,
    folded: Vec<Cow<'a, str>>,
    classes: Vec<CellValue>,
    /// Each row's range and its cells' indices.
    rows: Vec<(TextRange, std::ops::Range<usize>)>,
}

impl<'a> Rows<'a> {
    fn with_capacity(cells: usize, rows: usize) -> Rows<'a> {
        Rows {
            cells: Vec::with_capacity(cells),
            folded: Vec::with_capacity(cells),
            classes: Vec::with_capacity(cells),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Adds a cell to the row being built; `end_row` closes it.
    fn push_cell(&mut self, cell: CellRef<'a>, folded: Cow<'a, str>, class: CellValue) {
        self.cells.push(cell);
        self.folded.push(folded);
        self.classes.push(class);
    }

    fn push(&mut self, cell: CellRef<'a>) {
        self.push_cell(cell, fold(&cell.cell.text), classify(&cell.cell.text));
    }

    /// Ends the row of the cells pushed since the last row: at `range`, or covering its
    /// cells when `None` (and then only if it has cells).
    fn end_row(&mut self, range: Option<TextRange>) {
        let start = self.rows.last().map_or(0, |(_, r)| r.end);
        let end = self.cells.len();
        let range = match range {
            Some(range) => range,
            None if start == end => return,
            None => self.cells[start].range.cover(self.cells[end - 1].range),
        };
        self.rows.push((range, start..end));
    }

    fn iter(&self) -> impl Iterator<Item = LogicalRow<'_, 'a>> {
        self.rows.iter().map(|(range, cells)| LogicalRow {
            range: *range,
            cells: &self.cells[cells.clone()],
            folded: &self.folded[cells.clone()],
            classes: &self.classes[cells.clone()],
        })
    }
}

/// A row as the model reads it: its cells with their folded texts and classes.
struct LogicalRow<'r, 'a> {
    range: TextRange,
    cells: &'r [CellRef<'a>],
    folded: &'r [Cow<'a, str>],
    classes: &'r [CellValue],
}

impl LogicalRow<'_, '_> {
    fn value_cell(&self, i: usize) -> ValueCell {
        let cell = self.cells[i];
        ValueCell {
            range: cell.range,
            text: cell.text.clone(),
            value: self.classes[i].clone(),
        }
    }
}

pub(crate) fn classify(text: &str) -> CellValue {
    // Most cells are plain counts: `0` or digits not starting with `0`.
    let bytes = text.as_bytes();
    if !bytes.is_empty()
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes.len() == 1 || bytes[0] != b'0')
    {
        if let Some(n) = parse_number(text) {
            return CellValue::Number(n);
        }
    }
    let t = text.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return CellValue::Empty;
    }
    if is_blank_marker(t) {
        return CellValue::Marker;
    }
    let digits_and_spaces = t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    if digits_and_spaces && t.contains(|c: char| c.is_whitespace()) {
        return CellValue::RunTogether;
    }
    if t.len() >= 2 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
        return CellValue::RunTogether;
    }
    match parse_number(t) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text,
    }
}

fn is_valueish(v: &CellValue) -> bool {
    matches!(
        v,
        CellValue::Number(_) | CellValue::Marker | CellValue::RunTogether
    )
}

const A20_ROW_LABELS: [&str; 9] = [
    "规章",
    "规范性文件",
    "行政规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
];

/// Rows as the model sees them. A one-cell-per-line table does not say where its rows
/// end: a new row starts at a caption, at `信息内容`, at a label after a number, and at a
/// 第二十条 row label after a header.
fn logical_rows(table: &Table, base: usize) -> Rows<'_> {
    let at = |cell| CellRef {
        cell,
        range: cell.range.shifted(base as isize),
    };
    let n_cells = table.rows.iter().map(|r| r.cells.len()).sum();
    if table.encoding != TableEncoding::CellPerLine {
        let mut rows = Rows::with_capacity(n_cells, table.rows.len());
        for row in table.rows.iter().filter(|r| !r.separator) {
            for cell in &row.cells {
                rows.push(at(cell));
            }
            rows.end_row(Some(row.range.shifted(base as isize)));
        }
        return rows;
    }
    let mut rows = Rows::with_capacity(n_cells, 0);
    let mut prev_value = false;
    let mut in_a20_header = false;
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        let folded = fold(&cell.text);
        let class = classify(&cell.text);
        let text = class == CellValue::Text;
        let caption = folded.starts_with("第二十条");
        let header = folded.starts_with("信息内容");
        let a20_label = A20_ROW_LABELS.contains(&&*folded);
        if caption || header || (text && prev_value) || (in_a20_header && a20_label) {
            rows.end_row(None);
        }
        in_a20_header = header || (in_a20_header && text && !a20_label);
        prev_value = is_valueish(&class);
        rows.push_cell(at(cell), folded, class);
        if caption {
            rows.end_row(None);
        }
    }
    rows.end_row(None);
    rows
}

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
            BlockKind::Paragraph { text } if folded_starts_with(text, "第二十条第") => {
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
    fn enter_part(&mut self, part: Part) {
        self.leave();
        self.part = Some(part);
    }

    /// Ends whatever table is open.
    fn leave(&mut self) {
        if self.state == State::Table3 {
            if let Some(t) = self.out.tables3.last_mut() {
                finish_table3(t);
            }
        }
        self.state = State::Idle;
        self.group = None;
    }

    fn switch(&mut self, state: State) {
        if self.state != state {
            self.leave();
            self.state = state;
        }
    }

    fn row(&mut self, row: &LogicalRow<'_, '_>) {
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

    // ---- 第二十条 ----

    fn a20_row(&mut self, row: &LogicalRow<'_, '_>) {
        let Some(block) = self.out.article20.last_mut() else {
            return;
        };
        block.range = block.range.cover(row.range);
        let Some(first) = row.cells.iter().position(|c| !c.is_empty()) else {
            return;
        };
        let labelled = row.classes[first] == CellValue::Text;
        let (label_cell, values_from) = if labelled {
            (Some(row.cells[first]), first + 1)
        } else {
            (None, first)
        };
        let mut values: Vec<ValueCell> = (values_from..row.cells.len())
            .map(|i| row.value_cell(i))
            .collect();
        while values.last().is_some_and(|v| v.value == CellValue::Empty) {
            values.pop();
        }
        block.rows.push(A20Row {
            label: if labelled {
                row.folded[first].to_string()
            } else {
                String::new()
            },
            label_text: label_cell.map(|c| c.text.clone()).unwrap_or_default(),
            label_range: label_cell.map_or(TextRange::empty(row.range.start), |c| c.range),
            range: row.range,
            values,
        });
    }

    // ---- Table 三 ----

    /// The template row this row maps to, and how many value cells it has.
    fn t3_match(&self, row: &LogicalRow<'_, '_>) -> Option<(usize, usize)> {
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

    fn t3_row(&mut self, row: &LogicalRow<'_, '_>) {
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

    // ---- Table 四 ----

    fn t4_row(&mut self, row: &LogicalRow<'_, '_>) {
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

fn new_table3(range: TextRange, part: Option<Part>) -> Table3 {
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

fn finish_table3(table: &mut Table3) {
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
fn split_t3(row: &LogicalRow<'_, '_>) -> (Vec<usize>, std::ops::Range<usize>) {
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

/// Maps a folded label to a template row of table 三, or `None` when it cannot be done
/// with confidence.
pub(crate) fn match_t3_label(folded: &str, group: Option<usize>) -> Option<usize> {
    if let Some(def) = match_t3_exactly(folded, group) {
        return Some(def);
    }
    // A character or two of a vertical group label may stand before the row's own
    // enumerator: `果4.保护第三方合法权益`.
    let (enumerator, _) = split_enumerator(folded);
    if enumerator.is_none() {
        for (i, _) in folded.char_indices().skip(1).take(10) {
            let rest = &folded[i..];
            if split_enumerator(rest).0.is_some() {
                return match_t3_exactly(rest, group);
            }
        }
    }
    None
}

fn match_t3_exactly(folded: &str, group: Option<usize>) -> Option<usize> {
    let (enumerator, core) = split_enumerator(folded);
    if core.is_empty() {
        return None;
    }
    let label_chars = core.chars().count();
    let mut candidates = [0usize; T3_ROWS.len()];
    let mut n_candidates = 0;
    let first = core.chars().next();
    for (i, def) in T3_ROWS.iter().enumerate() {
        // Every way of matching (the same, cut short, with a remark) starts alike.
        if def.core.chars().next() == first
            && core_matches(def.core, template::t3_core_chars(i), core, label_chars)
        {
            candidates[n_candidates] = i;
            n_candidates += 1;
        }
    }
    let candidates = &candidates[..n_candidates];
    let numbered = |i: usize| {
        enumerator
            .as_ref()
            .is_none_or(|e| template::t3_enumerator(i) == *e)
    };
    // A single candidate written with another enumerator still counts.
    let any_enumerator = candidates.len() == 1 && !numbered(candidates[0]);
    let mut pool = candidates
        .iter()
        .filter(|&&i| any_enumerator || numbered(i));
    let first = *pool.next()?;
    if pool.clone().next().is_none() {
        return Some(first);
    }
    let in_group = |i: &usize| T3_ROWS[*i].group == group && group.is_some();
    let mut in_group = std::iter::once(&first).chain(pool).filter(|i| in_group(i));
    let only = *in_group.next()?;
    in_group.next().is_none().then_some(only)
}

/// A label matches a template label when it is the same, is the template label cut short
/// (`无正当理由`, a label broken over two lines, at least four characters), or the
/// template label followed by a remark. The character counts are given, being known.
fn core_matches(template: &str, template_chars: usize, label: &str, label_chars: usize) -> bool {
    template == label
        || (label_chars >= 4 && template.starts_with(label))
        || (template_chars >= 4
            && label.starts_with(template)
            && label_chars <= template_chars + 24)
}

// ---- 第二十条 helpers ----

fn caption_item(folded: &str) -> Option<u8> {
    let rest = folded
        .strip_prefix("第二十条")?
        .strip_prefix('第')
        .unwrap_or_else(|| folded.trim_start_matches("第二十条"));
    let rest = rest.strip_prefix('(')?;
    let (n, len) = chinese_numeral(rest)?;
    rest[len..].starts_with(')').then_some(n)
}

fn a20_header(row: &LogicalRow<'_, '_>, first: usize) -> A20Header {
    let mut cells: Vec<CellRef<'_>> = row.cells[first + 1..].to_vec();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    let range = row.cells[first]
        .range
        .cover(cells.last().map_or(row.cells[first].range, |c| c.range));
    A20Header {
        range,
        cells: cells
            .into_iter()
            .map(|c| {
                let (names, unit) = match_header(&c.text);
                HeaderCell {
                    text: c.text.clone(),
                    range: c.range,
                    names,
                    unit,
                }
            })
            .collect(),
    }
}

/// The template columns a 第二十条 header cell names, and the unit it gives.
pub(crate) fn match_header(text: &str) -> (Vec<(Format, &'static str)>, Option<Unit>) {
    let folded = fold(text);
    let (base, unit) = strip_header_remark(&folded);
    let yearless = strip_year(base);
    let mut names = Vec::new();
    for (format, name, template_base) in TEMPLATE_HEADERS.iter() {
        if header_equivalent(template_base, base, yearless) && !names.contains(&(*format, *name)) {
            names.push((*format, *name));
        }
    }
    (names, unit)
}

/// Every column of every 第二十条 spec of both formats, with its folded base name.
static TEMPLATE_HEADERS: std::sync::LazyLock<Vec<(Format, &'static str, String)>> =
    std::sync::LazyLock::new(|| {
        [
            (Format::F2019, &A20_F2019[..]),
            (Format::F2021, &A20_F2021[..]),
        ]
        .into_iter()
        .flat_map(|(format, specs)| {
            specs
                .iter()
                .flat_map(move |spec| spec.columns.iter().map(move |col| (format, col.name)))
        })
        .map(|(format, name)| (format, name, strip_header_remark(&fold(name)).0.to_string()))
        .collect()
    });

/// Drops a bracketed remark at the end of a header (`（2019年起）`, `（单位：万元）`),
/// keeping a unit it names.
fn strip_header_remark(folded: &str) -> (&str, Option<Unit>) {
    if let Some(open) = folded.rfind('(') {
        if folded.ends_with(')') {
            let inner = &folded[open + 1..folded.len() - 1];
            let unit = Unit::suffix_of(inner);
            return (&folded[..open], unit);
        }
    }
    (folded, None)
}

/// Header variants seen in real reports: a year for 本年 (`2019年新制作数量`), a year for
/// 上一年 (`2019年项目数量`), `本年增减` for `本年增/减`. `yearless` is
/// `strip_year(header)`.
fn header_equivalent(template: &str, header: &str, yearless: &str) -> bool {
    if template == header {
        return true;
    }
    match template {
        "上一年项目数量" => {
            matches!(yearless, "年项目数量" | "上年项目数量" | "上一年项目数量")
        }
        "本年增/减" => matches!(header, "本年增减" | "增/减" | "本年增/减"),
        t if t.starts_with("本年") => yearless == &t["本年".len()..] && yearless != header,
        _ => false,
    }
}

/// `2019年新制作数量` → `新制作数量`; `2019年项目数量` → `年项目数量`.
fn strip_year(header: &str) -> &str {
    let digits = header.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let rest = &header[4..];
        if rest.starts_with("年项目") {
            return rest;
        }
        if let Some(r) = rest.strip_prefix('年') {
            return r;
        }
    }
    header
}

/// The format the tables' shape implies: a 第二十条第（九）项 block or a header of one
/// format, else the （六） rows of table 三.
pub(crate) fn shape_evidence(tables: &Tables) -> Option<ShapeEvidence> {
    for block in &tables.article20 {
        if block.item == Some(9) {
            return Some(ShapeEvidence {
                format: Format::F2019,
                range: block.caption_range,
                what: format!("「{}」", template::a20_caption(9)),
            });
        }
        if let (Some(item), Some(header)) = (block.item, &block.header) {
            if let Some(format) = header.format(item) {
                let names: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
                return Some(ShapeEvidence {
                    format,
                    range: header.range,
                    what: format!("表头「{}」", names.join("、")),
                });
            }
        }
    }
    for table in &tables.tables3 {
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| template::T3_OTHER_LEAVES.contains(&r.def))
        {
            return Some(ShapeEvidence {
                format: Format::F2021,
                range: row.label_range,
                what: format!("表三的「{}」行", T3_ROWS[row.def].label),
            });
        }
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| r.def == template::T3_OTHER && !r.subtotal)
        {
            return Some(ShapeEvidence {
                format: Format::F2019,
                range: row.label_range,
                what: "表三只有一行「（六）其他处理」".into(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table3_labels() {
        let m = |s: &str, g: Option<usize>| match_t3_label(&fold(s), g).map(|i| T3_ROWS[i].label);
        assert_eq!(m("(一) 予以公开", None), Some("（一）予以公开"));
        assert_eq!(
            m(
                "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）",
                None
            ),
            Some(T3_ROWS[4].label)
        );
        assert_eq!(
            m("4.无正当理由", Some(18)),
            Some("4.无正当理由大量反复申请")
        );
        assert_eq!(
            m("果4. 保护第三方合法权益", Some(5)),
            Some("4.保护第三方合法权益")
        );
        assert_eq!(m("3.其他", Some(24)), Some("3.其他"));
        assert_eq!(m("(七) 总计", None), Some("（七）总计"));
        assert_eq!(
            m("三、 本 年 度 办 理 结 果", None),
            Some("三、本年度办理结果")
        );
        assert_eq!(m("由大量反复申请", Some(18)), None);
        assert_eq!(m("度 办 理 结 果", None), None);
        assert_eq!(m("果", None), None);
        assert_eq!(m("自然人", None), None);
    }

    #[test]
    fn header_variants() {
        let names = |s: &str| match_header(s).0;
        assert_eq!(
            names("2019年新\n制作数量"),
            vec![(Format::F2019, "本年新制作数量")]
        );
        assert_eq!(
            names("2019年项目数量"),
            vec![(Format::F2019, "上一年项目数量")]
        );
        assert_eq!(
            names("对外公开总数量（2019年起）"),
            vec![(Format::F2019, "对外公开总数量")]
        );
        assert_eq!(
            match_header("采购总金额（万元）"),
            (vec![(Format::F2019, "采购总金额")], Some(Unit::WanYuan))
        );
        assert_eq!(
            names("本年处理决定数量"),
            vec![(Format::F2021, "本年处理决定数量")]
        );
        assert!(names("本年新增数量").is_empty());
    }

    #[test]
    fn cell_classes() {
        assert_eq!(classify("230 000023"), CellValue::RunTogether);
        assert_eq!(classify("000023"), CellValue::RunTogether);
        assert_eq!(classify("—"), CellValue::Marker);
        assert_eq!(classify(""), CellValue::Empty);
        assert!(matches!(classify("0"), CellValue::Number(_)));
        assert_eq!(classify("无"), CellValue::Text);
    }

    #[test]
    fn captions() {
        assert_eq!(caption_item(&fold("第二十条第（九）项")), Some(9));
        assert_eq!(caption_item(&fold("第二十条第(一)项")), Some(1));
        assert_eq!(caption_item(&fold("第二十条第项")), None);
    }
}
