//! The block parser. It reads lines through a small look-ahead buffer and keeps no state
//! between blocks, so parsing can restart at any block start and give the same blocks as
//! a parse from the top. A block's extent depends on its own lines and at most
//! [`LOOKAHEAD_LINES`] lines after it; the parser asserts this in debug builds.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::block::{Block, BlockKind, Cell, Heading, Row, TableEncoding};
use crate::html;
use crate::lines::{Line, LineSource, StrLines};
use crate::{SharedStr, TextRange};

/// How many blank lines, page-number lines or thematic breaks a table may be
/// interrupted by and still be one table (a page break, seeds 000, 003 and 004).
pub(crate) const MAX_GAP: usize = 3;

/// The most lines after a block's last line that deciding the block can read.
pub const LOOKAHEAD_LINES: usize = MAX_GAP + 5;

/// Parses the whole of `text`. The blocks share one copy of it.
pub fn parse_str(text: &str) -> Vec<Block> {
    parse_shared(&Arc::from(text))
}

/// Parses the whole of a shared text; its blocks keep slices of it.
pub(crate) fn parse_shared(text: &Arc<str>) -> Vec<Block> {
    let mut blocks = Vec::new();
    parse_from(StrLines::shared(text, 0), |_| false, &mut blocks);
    blocks
}

/// Parses the whole of a rope, line by line as an edit reparses it: the same blocks as
/// [`parse_str`] of its text (tested), each holding a copy of its text.
pub fn parse_rope(rope: &ropey::Rope) -> Vec<Block> {
    let mut blocks = Vec::new();
    parse_from(
        crate::lines::RopeLines::new(rope, 0),
        |_| false,
        &mut blocks,
    );
    blocks
}

/// Parses blocks from `source` into `out` until the source ends or `stop` returns true
/// for a freshly parsed block, which is then returned and not pushed.
pub(crate) fn parse_from<'a, S: LineSource<'a>>(
    source: S,
    mut stop: impl FnMut(&Block) -> bool,
    out: &mut Vec<Block>,
) -> Option<Block> {
    let mut cur = Cursor {
        src: source,
        buf: VecDeque::new(),
        done: false,
        consumed: 0,
        max_peeked: 0,
    };
    loop {
        while cur.peek(0).is_some_and(|l| is_blank(&l.text)) {
            cur.bump();
        }
        cur.peek(0)?;
        let consumed_before = cur.consumed;
        let block = parse_block(&mut cur)?;
        debug_assert!(
            cur.consumed > consumed_before,
            "the parser must make progress"
        );
        debug_assert!(
            cur.max_peeked < cur.consumed + LOOKAHEAD_LINES,
            "block {:?} looked {} lines ahead",
            block.range,
            cur.max_peeked + 1 - cur.consumed
        );
        if stop(&block) {
            return Some(block);
        }
        out.push(block);
    }
}

struct Cursor<'a, S> {
    src: S,
    buf: VecDeque<Line<'a>>,
    done: bool,
    /// Lines consumed so far.
    consumed: usize,
    /// Index (in lines since the start) of the furthest line peeked.
    max_peeked: usize,
}

impl<'a, S: LineSource<'a>> Cursor<'a, S> {
    fn peek(&mut self, n: usize) -> Option<&Line<'a>> {
        while self.buf.len() <= n && !self.done {
            match self.src.next_line() {
                Some(line) => self.buf.push_back(line),
                None => self.done = true,
            }
        }
        if n < self.buf.len() {
            self.max_peeked = self.max_peeked.max(self.consumed + n);
        }
        self.buf.get(n)
    }

    fn peek_text(&mut self, n: usize) -> Option<&str> {
        self.peek(n).map(|l| &*l.text)
    }

    fn bump(&mut self) -> Option<Line<'a>> {
        self.peek(0);
        let line = self.buf.pop_front()?;
        self.consumed += 1;
        Some(line)
    }

    /// Whether line `n` exists and satisfies `pred`.
    fn at(&mut self, n: usize, pred: impl Fn(&str) -> bool) -> bool {
        self.peek_text(n).is_some_and(pred)
    }

    /// The number of gap lines from `n` on (at most [`MAX_GAP`]) if the line after them
    /// satisfies `pred`.
    fn after_gap(&mut self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        for gap in 0..=MAX_GAP {
            let text = self.peek_text(gap)?;
            if pred(text) {
                return Some(gap);
            }
            if !is_gap(text) {
                return None;
            }
        }
        None
    }

    fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }
}

fn parse_block<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let text = cur.peek_text(0)?;
    if is_prose(text) {
        let line = cur.bump()?;
        return Some(single_line_block(&line, cur.src.shared()));
    }
    if has_table_tag(text) {
        return html_table(cur);
    }
    if is_tab_row(text) {
        return Some(line_table(cur, TableEncoding::Tabs, is_tab_row, tab_cells));
    }
    if is_pipe_row(text) {
        return Some(line_table(
            cur,
            TableEncoding::Pipes,
            is_pipe_row,
            pipe_cells,
        ));
    }
    if starts_cell_per_line(cur) {
        return cell_per_line_table(cur);
    }
    let text = cur.peek_text(0)?;
    let numeric = space_cells(text, 0).map(|c| c.numeric);
    if numeric == Some(true) || (numeric.is_some() && space_header_leads_to_row(cur)) {
        return Some(line_table(
            cur,
            TableEncoding::Spaces,
            |t| space_cells(t, 0).is_some(),
            |l| {
                space_cells(&l.text, l.start)
                    .map(|c| c.cells)
                    .unwrap_or_default()
            },
        ));
    }
    let line = cur.bump()?;
    Some(single_line_block(&line, cur.src.shared()))
}

/// A sentence of prose, told in one cheap look: no table can start on it (no tag, tab or
/// bar; as a cell it would be too long or end a sentence; as a space-separated row it
/// holds a full stop). The rules of [`parse_block`] give it the same block.
fn is_prose(text: &str) -> bool {
    // Prose is nine tenths of a report's bytes: look at each byte once, with memchr.
    let bytes = text.as_bytes();
    let t = text.trim_matches(is_space);
    (t.len() > 4 * 80 || t.ends_with(['。', '；', '：', ':']))
        && memchr::memchr3(b'<', b'\t', b'|', bytes).is_none()
        && has_full_stop(t)
}

/// Whether `text` holds `。` or `；`.
fn has_full_stop(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: building a finder costs about as much as searching a line.
    static STOPS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new("。"), Finder::new("；")]);
    STOPS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

/// A heading, break or paragraph line. A paragraph's text is a slice of `shared` (the
/// whole text, when the line comes from it) or a copy.
fn single_line_block(line: &Line<'_>, shared: Option<&Arc<str>>) -> Block {
    let range = trimmed_range(&line.text, line.start);
    let text = &line.text[range.start - line.start..range.end - line.start];
    if let Some((level, title)) = atx_heading(text, range.start) {
        let (title, title_range) = strip_bold(title.0, title.1);
        return Block {
            range,
            kind: BlockKind::Heading(Heading {
                level: Some(level),
                text: title.to_string(),
                text_range: title_range,
            }),
        };
    }
    if is_break(text) {
        return Block {
            range,
            kind: BlockKind::Break,
        };
    }
    if let Some(inner) = whole_line_bold(text) {
        let start = range.start + 2;
        let inner_range = trimmed_range(inner, start);
        let inner = inner.trim_matches(is_space);
        return Block {
            range,
            kind: BlockKind::Heading(Heading {
                level: None,
                text: inner.to_string(),
                text_range: inner_range,
            }),
        };
    }
    let text = match shared {
        Some(buf) => SharedStr::slice(buf, range.start..range.end),
        None => SharedStr::from(text),
    };
    Block {
        range,
        kind: BlockKind::Paragraph { text },
    }
}

/// A table whose rows are lines: tab-separated, pipe or space-separated rows.
fn line_table<'a, S: LineSource<'a>>(
    cur: &mut Cursor<'a, S>,
    encoding: TableEncoding,
    is_row: impl Fn(&str) -> bool,
    cells: impl Fn(&Line<'_>) -> Vec<Cell>,
) -> Block {
    // Table 三 has about thirty rows.
    let mut rows = Vec::with_capacity(32);
    while let Some(line) = cur.bump() {
        let cells = cells(&line);
        let separator = encoding == TableEncoding::Pipes && is_separator_row(&cells);
        rows.push(Row {
            range: trimmed_range(&line.text, line.start),
            cells,
            separator,
        });
        match cur.after_gap(&is_row) {
            Some(gap) => cur.skip(gap),
            None => break,
        }
    }
    let range = cover_rows(&rows);
    Block::table(range, encoding, rows)
}

fn cover_rows(rows: &[Row]) -> TextRange {
    match (rows.first(), rows.last()) {
        (Some(first), Some(last)) => first.range.cover(last.range),
        _ => TextRange::default(),
    }
}

fn starts_cell_per_line<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> bool {
    if cur.at(0, is_bar_line) {
        return true;
    }
    cell_follows(cur, 0).is_some()
}

/// If a cell of 1–3 content lines starting at line `n` is closed by a bar line, the
/// number of its content lines.
fn cell_follows<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>, n: usize) -> Option<usize> {
    for k in 0..=3 {
        if k > 0 && cur.at(n + k, is_bar_line) {
            return Some(k);
        }
        if !cur.at(n + k, is_cell_content) {
            return None;
        }
        // A part title ends the table unless a bar closes it as a cell of its own.
        if cur.at(n + k, looks_like_numbered_heading) && !cur.at(n + k + 1, is_bar_line) {
            return None;
        }
    }
    None
}

fn cell_per_line_table<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let mut cells = Vec::new();
    let start = cur.peek(0)?.start;
    let mut end;
    if let Some(k) = cell_follows(cur, 0) {
        cells.push(multi_line_cell(cur, k));
    }
    // The bar line that closes the first cell (or opens the table).
    end = cur.bump()?.end();
    while let Some(gap) = cur.after_gap(|t| !is_blank(t)) {
        if cur.at(gap, is_bar_line) {
            cur.skip(gap);
            let bar = cur.bump()?;
            cells.push(Cell::plain(TextRange::empty(bar.start), ""));
            end = bar.end();
            continue;
        }
        let Some(k) = cell_follows(cur, gap) else {
            break;
        };
        cur.skip(gap);
        cells.push(multi_line_cell(cur, k));
        end = cur.bump()?.end();
    }
    let range = TextRange::new(start, end);
    let row = Row {
        range,
        cells,
        separator: false,
    };
    Some(Block::table(range, TableEncoding::CellPerLine, vec![row]))
}

fn multi_line_cell<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>, lines: usize) -> Cell {
    let mut text = String::new();
    let mut range: Option<TextRange> = None;
    for _ in 0..lines {
        let Some(line) = cur.bump() else { break };
        let r = trimmed_range(&line.text, line.start);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line.text[r.start - line.start..r.end - line.start]);
        range = Some(range.map_or(r, |prev| prev.cover(r)));
    }
    Cell::plain(range.unwrap_or_default(), &text)
}

fn html_table<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> Option<Block> {
    let mut lines = Vec::new();
    let mut depth: i64 = 0;
    while let Some(line) = cur.bump() {
        let (opens, closes) = html::count_table_tags(&line.text);
        depth += opens as i64 - closes as i64;
        lines.push(line);
        if depth <= 0 {
            break;
        }
    }
    let first = lines.first()?;
    let last = lines.last()?;
    let range = TextRange::new(first.start + leading_space_len(&first.text), last.end());
    let rows = html::parse_rows(&lines);
    Some(Block::table(range, TableEncoding::Html, rows))
}

fn space_header_leads_to_row<'a, S: LineSource<'a>>(cur: &mut Cursor<'a, S>) -> bool {
    for n in 1..=3 {
        match cur.peek_text(n) {
            Some(t) if space_cells(t, 0).is_some_and(|c| c.numeric) => return true,
            Some(t) if is_blank(t) || space_cells(t, 0).is_some() => continue,
            _ => return false,
        }
    }
    false
}

// ---- Cells of a line ----------------------------------------------------------------

fn tab_cells(line: &Line<'_>) -> Vec<Cell> {
    split_cells(&line.text, line.start, b'\t')
}

fn pipe_cells(line: &Line<'_>) -> Vec<Cell> {
    let text = &line.text;
    let bytes = text.as_bytes();
    let bars: Vec<usize> = memchr::memchr_iter(b'|', bytes)
        .filter(|&i| i == 0 || bytes[i - 1] != b'\\')
        .collect();
    let mut cells = Vec::with_capacity(bars.len());
    for pair in bars.windows(2) {
        let (a, b) = (pair[0] + 1, pair[1]);
        let r = trimmed_range(&text[a..b], line.start + a);
        cells.push(Cell::plain(
            r,
            &text[r.start - line.start..r.end - line.start],
        ));
    }
    // Text after the last bar is a cell when the row has no closing bar.
    if let Some(&last) = bars.last() {
        let rest = &text[last + 1..];
        if !is_blank(rest) {
            let r = trimmed_range(rest, line.start + last + 1);
            cells.push(Cell::plain(
                r,
                &text[r.start - line.start..r.end - line.start],
            ));
        }
    }
    cells
}

fn split_cells(text: &str, base: usize, sep: u8) -> Vec<Cell> {
    let bytes = text.as_bytes();
    let mut cells = Vec::with_capacity(memchr::memchr_iter(sep, bytes).count() + 1);
    let mut from = 0;
    // `sep` is ASCII: every position memchr finds is a character boundary.
    for end in memchr::memchr_iter(sep, bytes).chain([bytes.len()]) {
        let r = trimmed_range(&text[from..end], base + from);
        cells.push(Cell::plain(r, &text[r.start - base..r.end - base]));
        from = end + 1;
    }
    cells
}

fn is_separator_row(cells: &[Cell]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let t = c.text.trim_matches(':');
            !t.is_empty() && t.chars().all(|ch| ch == '-')
        })
}

pub(crate) struct SpaceCells {
    pub cells: Vec<Cell>,
    /// The row ends with at least two numbers (a data row); otherwise a header row.
    pub numeric: bool,
}

/// Splits a space-separated row: label cells are separated by runs of two or more spaces
/// (or U+3000), trailing numbers by any space. `None` when the line is not such a row.
pub(crate) fn space_cells(text: &str, base: usize) -> Option<SpaceCells> {
    if text.len() > 600
        || memchr::memchr3(b'\t', b'|', b'<', text.as_bytes()).is_some()
        || has_full_stop(text)
        || is_blank(text)
    {
        return None;
    }
    // Tokens (runs of non-space characters) with their byte ranges.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        if is_space(ch) {
            if let Some(s) = start.take() {
                tokens.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push((s, text.len()));
    }
    let wide_before = |i: usize, tokens: &[(usize, usize)]| -> bool {
        i == 0 || {
            let gap = &text[tokens[i - 1].1..tokens[i].0];
            gap.chars().count() >= 2 || gap.contains('\u{3000}')
        }
    };
    let is_value = |t: &str| is_numeric_token(t) || is_blank_marker(t);
    let mut first_value = tokens.len();
    while first_value > 0 && is_value(&text[tokens[first_value - 1].0..tokens[first_value - 1].1]) {
        first_value -= 1;
    }
    let values = tokens.len() - first_value;
    let numbers = tokens[first_value..]
        .iter()
        .filter(|t| is_numeric_token(&text[t.0..t.1]))
        .count();
    let mut cells = Vec::new();
    let mut label: Option<(usize, usize)> = None;
    for i in 0..first_value {
        let (s, e) = tokens[i];
        match label {
            Some((ls, _)) if !wide_before(i, &tokens) => label = Some((ls, e)),
            Some(prev) => {
                cells.push(Cell::plain(
                    TextRange::new(base + prev.0, base + prev.1),
                    &text[prev.0..prev.1],
                ));
                label = Some((s, e));
            }
            None => label = Some((s, e)),
        }
    }
    let label_cells = cells.len() + usize::from(label.is_some());
    if let Some(prev) = label {
        cells.push(Cell::plain(
            TextRange::new(base + prev.0, base + prev.1),
            &text[prev.0..prev.1],
        ));
    }
    for &(s, e) in &tokens[first_value..] {
        cells.push(Cell::plain(TextRange::new(base + s, base + e), &text[s..e]));
    }
    let short_labels = cells[..label_cells]
        .iter()
        .all(|c| c.text.chars().count() <= 40);
    if !short_labels {
        return None;
    }
    // A single number counts when a wide gap sets it off from its label (`行政许可  860`).
    let wide_value =
        first_value < tokens.len() && first_value > 0 && wide_before(first_value, &tokens);
    if numbers >= 2 && (label_cells > 0 || values >= 3)
        || numbers >= 1 && label_cells >= 1 && wide_value
    {
        return Some(SpaceCells {
            cells,
            numeric: true,
        });
    }
    let short_cells = cells.iter().all(|c| c.text.chars().count() <= 30);
    if values == 0 && label_cells >= 2 && short_cells && !text.contains(['，', ',', '：']) {
        return Some(SpaceCells {
            cells,
            numeric: false,
        });
    }
    None
}

// ---- Line predicates ----------------------------------------------------------------

pub(crate) fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{feff}'
}

pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

/// Lines that may interrupt a table without ending it: blank lines, page numbers
/// (`- 5 -`, `第 3 页`) and thematic breaks.
fn is_gap(text: &str) -> bool {
    is_blank(text) || is_page_number(text) || is_break(text.trim_matches(is_space))
}

fn is_page_number(text: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let visible = text.chars().filter(|c| !is_space(*c));
    if visible.clone().nth(64).is_some() {
        // A long line (prose after a table) is read, not copied: only `-- 12 --` with
        // long runs of dashes could be a page number.
        let mut it = visible.peekable();
        let mut run = |pred: &dyn Fn(char) -> bool| {
            let mut n = 0;
            while it.next_if(|&c| pred(c)).is_some() {
                n += 1;
            }
            n
        };
        let lead = run(&dashes);
        let digits = run(&|c: char| c.is_ascii_digit());
        let trail = run(&dashes);
        return lead > 0 && (1..=4).contains(&digits) && trail > 0 && it.next().is_none();
    }
    let t: String = visible.collect();
    let inner = t.trim_matches(dashes);
    let dashed = inner.len() < t.len() && t.starts_with(dashes) && t.ends_with(dashes);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    (dashed && digits(inner))
        || (t.starts_with('第')
            && t.ends_with('页')
            && t.chars().filter(|c| c.is_ascii_digit()).count() >= 1
            && t.chars().count() <= 12)
}

fn is_break(text: &str) -> bool {
    let mut t = text.chars().filter(|c| !is_space(*c));
    let Some(first) = t.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut count = 1;
    for c in t {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

fn is_tab_row(text: &str) -> bool {
    text.contains('\t') && !is_blank(text) && !has_table_tag(text)
}

fn is_pipe_row(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    t.starts_with('|') && t.matches('|').count() >= 2
}

fn is_bar_line(text: &str) -> bool {
    matches!(text.trim_matches(is_space), "|" | "｜")
}

/// A line that can be (part of) a cell in the one-cell-per-line encoding: short, and not
/// a sentence of prose.
fn is_cell_content(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    !t.is_empty()
        && !is_bar_line(t)
        && t.chars().count() <= 80
        && !t.ends_with(['。', '；', '：', ':'])
        && atx_heading(text, 0).is_none()
        && !is_pipe_row(text)
}

fn has_table_tag(text: &str) -> bool {
    html::count_table_tags(text).0 > 0
}

/// `一、…` to `十、…`, after any `#` marks and `**`: a line that may be a part title.
pub(crate) fn looks_like_numbered_heading(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| is_space(c) || c == '#' || c == '*');
    let rest = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    rest.len() < t.len() && rest.starts_with(['、', '.', '．'])
}

fn atx_heading(text: &str, base: usize) -> Option<(u8, (&str, TextRange))> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &text[indent..];
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // Drop a closing sequence of `#`.
    let mut body = rest.trim_end_matches(is_space);
    let stripped = body.trim_end_matches('#');
    if stripped.len() < body.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        body = stripped;
    }
    let offset = indent + level;
    let range = trimmed_range(body, base + offset);
    let s = range.start - base;
    let e = range.end - base;
    Some((level as u8, (&text[s..e], range)))
}

fn whole_line_bold(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.trim().is_empty() && !inner.contains("**")).then_some(inner)
}

fn strip_bold(text: &str, range: TextRange) -> (&str, TextRange) {
    match whole_line_bold(text) {
        Some(inner) => {
            let r = trimmed_range(inner, range.start + 2);
            (&text[r.start - range.start..r.end - range.start], r)
        }
        None => (text, range),
    }
}

fn leading_space_len(text: &str) -> usize {
    // Most cells and lines start with a visible ASCII byte or a CJK character.
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() || (0xE4..=0xE9).contains(b) => 0,
        _ => text.len() - text.trim_start_matches(is_space).len(),
    }
}

fn trailing_space_len(text: &str) -> usize {
    match text.as_bytes().last() {
        // The last byte of a character: ASCII, or a continuation byte of a CJK character
        // (which `is_space` never is: U+3000 and U+FEFF end in 0x80 and 0xBF).
        Some(b) if b.is_ascii_graphic() => 0,
        _ => text.len() - text.trim_end_matches(is_space).len(),
    }
}

/// The range of `text` (which starts at `base`) without surrounding white space; empty
/// at the first non-space position (or at `base`) when all of it is white space.
pub(crate) fn trimmed_range(text: &str, base: usize) -> TextRange {
    let lead = leading_space_len(text);
    if lead == text.len() {
        return TextRange::empty(base);
    }
    let trail = trailing_space_len(text);
    TextRange::new(base + lead, base + text.len() - trail)
}

/// A token that reads as a number: digits (ASCII or full-width) with signs, decimal
/// points, thousands separators or a percent sign.
pub fn is_numeric_token(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    t.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(c, '.' | ',' | '，' | '．' | '-' | '－' | '−' | '+' | '%')
        })
}

/// A cell that stands for "no number": `/`, `—` and the like.
pub fn is_blank_marker(text: &str) -> bool {
    // Every marker is at most two characters (six bytes) after trimming.
    if text.len() > 6 && !text.starts_with(is_space) && !text.ends_with(is_space) {
        return false;
    }
    matches!(
        text.trim_matches(is_space),
        "/" | "／" | "\\" | "—" | "——" | "-" | "--" | "－" | "–" | "━" | "－－" | "—-"
    )
}

#[cfg(test)]
mod tests {
    use super::is_page_number;

    #[test]
    fn page_numbers_short_and_long() {
        for yes in ["- 12 -", "—3—", "第 2 页", "第12页", "－ 1 －"] {
            assert!(is_page_number(yes), "{yes}");
        }
        let long_dashes = format!("{0} 7 {0}", "-".repeat(40));
        assert!(is_page_number(&long_dashes));
        let prose = "2020年，本机关共收到政府信息公开申请 12 件，".repeat(8);
        for no in [
            "12",
            "- 12345 -",
            "-12",
            "第二部分",
            prose.as_str(),
            &format!("{0} 7 {0}x", "-".repeat(40)),
            &format!("{0}{0}", "-".repeat(40)),
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
