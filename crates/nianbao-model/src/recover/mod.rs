//! Rows whose cells ran together, cut into cells by the template's arithmetic.
//!
//! A row's digits lose their separators in two ways: a flattened report (`flat`) glues a
//! whole table into one run (「一、本年新收政府信息公开申请数量801000081」), and an
//! ordinary table keeps its row but loses some separators (「230 000023」 for the seven
//! cells 23, 0, 0, 0, 0, 0, 23). Both are read the same way: every cut of the digits into
//! the row's cells that keeps the separators still there and puts no leading zero in a
//! cell ([`split`]), kept when the row's totals hold (T3-ROW, T4-SUM); the rows of table
//! 三 are then decided together by the table's equations ([`solve`]). A run-together
//! row that no cut adds up — the row holding a wrong cell — offers every cut, and the
//! table's other equations pick one; the equations left broken are the sum checks' to
//! say.
//!
//! Invariant: a cell is never guessed. A row is cut only by the one reading the
//! arithmetic prefers: every equation holds, or it breaks fewer than any other reading
//! and at most [`solve::MAX_BROKEN`]. Otherwise it stays as it was written, said to be
//! ambiguous or inconsistent ([`UnreadRow`]), and no sum uses it. The search is exact
//! (integers), deterministic and bounded ([`split::BUDGET`], [`solve::MAX_NODES`],
//! [`MAX_LOOSE_CUTS`]).

pub mod solve;
pub mod split;

use nianbao_syntax::TextRange;

use crate::template::{T3Kind, T3_ROWS, T4_CELLS};
use crate::{CellValue, Report, Table3, ValueCell};
pub use split::{Found, Shape};

/// How the cells of a row that ran together could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowReading {
    /// The digits allow several cuts that satisfy the row's totals: the readings (a few).
    Ambiguous(Vec<Vec<String>>),
    /// No cut satisfies the row's totals (a real error, or a cell missing).
    Inconsistent,
    /// Too many digits to try every cut.
    TooLong,
}

/// A row whose cells ran together and could not be told apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadRow {
    /// `表三「（一）予以公开」`, `第二十条第（一）项「行政规范性文件」`.
    pub what: String,
    /// The run of digits.
    pub range: TextRange,
    pub digits: String,
    pub reading: RowReading,
}

/// The most rows of a table that no cut adds up, read by the table's equations (one
/// wrong cell makes one; more are no few errors but a table read wrong).
pub const MAX_LOOSE_ROWS: usize = 2;

/// The most cuts of a row that no cut adds up scored against the table's equations.
pub const MAX_LOOSE_CUTS: usize = 4096;

/// The shape of a row of table 三 (`def` an index into [`T3_ROWS`]): six applicants and
/// their total, or no total on 三、本年度办理结果 (which has none).
pub fn t3_shape(def: usize) -> Shape {
    Shape {
        groups: 1,
        addends: 6,
        totals: T3_ROWS
            .get(def)
            .is_some_and(|d| d.kind != T3Kind::ResultsHeader),
    }
}

/// Table 四's row: three groups of four results and their total.
pub const T4_SHAPE: Shape = Shape {
    groups: 3,
    addends: 4,
    totals: true,
};

/// The readings of `tokens` (each ASCII digits) as one row of `shape` that cut wherever
/// two tokens meet: a separator still there is a separator. Returns the digits joined.
pub fn token_readings(tokens: &[&str], shape: Shape) -> (String, Found) {
    let (digits, bounds) = bounds_of(tokens);
    let found = split::readings_within(digits.as_bytes(), shape, &bounds);
    (digits, found)
}

/// Every cut of `tokens` into `shape`'s cells that cuts wherever two tokens meet, whether
/// its totals hold or not (at most [`MAX_LOOSE_CUTS`]).
pub fn token_loose_readings(tokens: &[&str], shape: Shape) -> (String, Found) {
    let (digits, bounds) = bounds_of(tokens);
    let found = split::every_cut(digits.as_bytes(), shape, &bounds, MAX_LOOSE_CUTS);
    (digits, found)
}

/// The digits of `tokens` joined, and a cut wherever two of them meet.
fn bounds_of(tokens: &[&str]) -> (String, split::Bounds) {
    let mut required = Vec::with_capacity(tokens.len());
    let mut length = 0;
    for t in tokens.iter().take(tokens.len().saturating_sub(1)) {
        length += t.len();
        required.push(length);
    }
    let bounds = split::Bounds {
        required,
        forbidden: Vec::new(),
    };
    (tokens.concat(), bounds)
}

/// The readings as the cells' text (what a finding lists).
pub fn readings_text(digits: &str, readings: &[Vec<usize>]) -> Vec<Vec<String>> {
    readings
        .iter()
        .map(|c| {
            split::cells(digits, c)
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
        .collect()
}

/// A run of digits of a row: where its first digit stands when its cell is written
/// verbatim, its cell's range, the digits, and whether it is a whole cell (a number
/// standing alone between separators: never cut).
type Piece<'a> = (Option<usize>, TextRange, &'a str, bool);

/// A row's cells as runs of digits; `None` when some cell holds anything but digits and
/// white space (a marker, a word, a gap in the middle of the row): such a row is not cut.
fn pieces(cells: &[ValueCell]) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    for cell in cells {
        let text = cell.text.as_str();
        if !matches!(cell.value, CellValue::Number(_) | CellValue::RunTogether)
            || !text
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            return None;
        }
        let verbatim = text.len() == cell.range.len();
        for token in text.split_whitespace() {
            let offset = token.as_ptr() as usize - text.as_ptr() as usize;
            let at = verbatim.then_some(cell.range.start + offset);
            let whole = matches!(cell.value, CellValue::Number(_)) && !cell.spaced;
            out.push((at, cell.range, token, whole));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The cells of one reading: each a number at the digits it takes (or, when its cell is
/// not written verbatim, at the whole cell).
fn cut_cells(pieces: &[Piece<'_>], cuts: &[usize]) -> Vec<ValueCell> {
    // Each digit's piece and place in it.
    let mut digits: Vec<(usize, usize)> = Vec::new();
    for (p, (_, _, token, _)) in pieces.iter().enumerate() {
        digits.extend((0..token.len()).map(|i| (p, i)));
    }
    let mut starts = vec![0];
    starts.extend_from_slice(cuts);
    let ends = starts.iter().skip(1).copied().chain([digits.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&from, to)| {
            let (p, i) = digits[from];
            let (at, cell_range, token, _) = pieces[p];
            // A reading never cuts across two tokens: the cell lies in one piece.
            let text = &token[i..i + (to - from)];
            let range = match at {
                Some(at) => TextRange::new(at + i, at + i + text.len()),
                None => cell_range,
            };
            let value = match crate::parse_number(text) {
                Some(n) => CellValue::Number(n),
                None => CellValue::RunTogether,
            };
            ValueCell {
                range,
                text: text.into(),
                value,
                spaced: false,
            }
        })
        .collect()
}

/// The cells' digits, from the first to the last.
fn digits_range(cells: &[ValueCell]) -> TextRange {
    let start = cells.first().map_or(0, |c| c.range.start);
    let end = cells.last().map_or(start, |c| c.range.end);
    TextRange::new(start, end)
}

/// The readings of a row's pieces that cut no whole cell.
fn piece_readings(pieces: &[Piece<'_>], shape: Shape) -> (String, Found) {
    let (digits, bounds) = piece_bounds(pieces);
    let found = split::readings_within(digits.as_bytes(), shape, &bounds);
    (digits, found)
}

/// Every cut of a row's pieces that cuts no whole cell, whether its totals hold or not.
fn loose_piece_readings(pieces: &[Piece<'_>], shape: Shape) -> (String, Found) {
    let (digits, bounds) = piece_bounds(pieces);
    let found = split::every_cut(digits.as_bytes(), shape, &bounds, MAX_LOOSE_CUTS);
    (digits, found)
}

/// The pieces' digits joined; a cut wherever two meet, none inside a whole cell.
fn piece_bounds(pieces: &[Piece<'_>]) -> (String, split::Bounds) {
    let tokens: Vec<&str> = pieces.iter().map(|p| p.2).collect();
    let (digits, mut bounds) = bounds_of(&tokens);
    let mut at = 0;
    for p in pieces {
        if p.3 {
            bounds.forbidden.extend(at + 1..at + p.2.len());
        }
        at += p.2.len();
    }
    (digits, bounds)
}

/// How a row's pieces were written: its digits with the separators still there.
fn written(pieces: &[Piece<'_>]) -> String {
    pieces.iter().map(|p| p.2).collect::<Vec<_>>().join(" ")
}

/// A row of table 三 with readings that hold its total, to be decided by the columns.
struct Pending<'a> {
    row: usize,
    pieces: Vec<Piece<'a>>,
    digits: String,
    readings: Vec<Vec<usize>>,
    /// Its cells ran together (else it only lacks cells: left as it is when not decided).
    run_together: bool,
    /// No cut adds up: `readings` are every cut, to be scored by the table's equations.
    loose: bool,
}

/// Cuts the rows of ordinary tables 三 and 四 whose cells ran together (「230 000023」)
/// where exactly one reading is consistent; records the rest as unread.
pub(crate) fn run_together(report: &mut Report) {
    for table in &mut report.tables3 {
        if !table.legal_person_column {
            recover_table3(table);
        }
    }
    for table in &mut report.tables4 {
        let Some(row) = &mut table.row else { continue };
        let run_together = row.run_together();
        if !run_together && !lost_a_space(&row.cells, T4_CELLS) {
            continue;
        }
        let Some(pieces) = pieces(&row.cells) else {
            continue;
        };
        let (digits, found) = piece_readings(&pieces, T4_SHAPE);
        let (found, loose) = match found {
            Found::Readings(r) if r.is_empty() && run_together => {
                let (_, every) = loose_piece_readings(&pieces, T4_SHAPE);
                (best_t4_cut(&digits, every), true)
            }
            found => (found, false),
        };
        match found {
            Found::Readings(r) if r.len() == 1 => {
                let cells = cut_cells(&pieces, &r[0]);
                debug_assert_eq!(cells.len(), T4_CELLS);
                let range = digits_range(&row.cells);
                table.recovered_rows.push(range);
                if loose {
                    table.recovered_with_errors.push(range);
                }
                row.cells = cells;
            }
            found if run_together => table.unread_rows.push(UnreadRow {
                what: "表四".to_string(),
                range: digits_range(&row.cells),
                reading: reading_of(&digits, &found),
                digits: written(&pieces),
            }),
            // A row short of cells is said to be short (`wrong-cell-count`).
            _ => {}
        }
    }
}

/// Of every cut of table 四's row, those that break the fewest of its three groups'
/// totals, when that is at most one (one wrong cell): one is the reading; several are
/// ambiguous; none leaves the row inconsistent.
pub fn best_t4_cut(digits: &str, every: Found) -> Found {
    let Found::Readings(cuts) = every else {
        return every;
    };
    let broken: Vec<usize> = cuts
        .iter()
        .map(|c| split::broken_totals(digits, c, T4_SHAPE))
        .collect();
    let fewest = broken.iter().copied().min().filter(|&b| b <= 1);
    Found::Readings(
        cuts.into_iter()
            .zip(broken)
            .filter(|&(_, b)| Some(b) == fewest)
            .map(|(c, _)| c)
            .take(split::MAX_READINGS)
            .collect(),
    )
}

/// A row of numbers written with spaces between them (`72 64 178`) that has fewer than
/// `width` cells: a space may have been lost.
fn lost_a_space(cells: &[ValueCell], width: usize) -> bool {
    cells.len() < width && cells.iter().any(|c| c.spaced)
}

/// Why `found` leaves the row of `digits` unread.
pub fn reading_of(digits: &str, found: &Found) -> RowReading {
    match found {
        Found::Readings(r) if r.is_empty() => RowReading::Inconsistent,
        Found::Readings(r) => RowReading::Ambiguous(readings_text(digits, r)),
        Found::TooLong => RowReading::TooLong,
    }
}

/// The search over the readings of `pending` (`solve`), against the equations of `table`
/// with each of them read its first way (the rows still unread have the wrong cells for
/// any column and are left out by themselves).
fn decide_rows(table: &Table3, pending: &[&Pending<'_>]) -> solve::Decision {
    if pending.is_empty() {
        return solve::Decision::Inconsistent;
    }
    let mut trial = table.clone();
    trial.run_together = false;
    for p in pending {
        trial.rows[p.row].cells = cut_cells(&p.pieces, &p.readings[0]);
    }
    let candidates: Vec<solve::Candidates> = pending
        .iter()
        .map(|p| solve::Candidates {
            row: p.row,
            readings: p
                .readings
                .iter()
                .map(|cuts| {
                    cut_cells(&p.pieces, cuts)
                        .iter()
                        .map(|c| c.count())
                        .collect()
                })
                .collect(),
        })
        .collect();
    solve::decide(&trial, &candidates)
}

fn recover_table3(table: &mut Table3) {
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut unread: Vec<UnreadRow> = Vec::new();
    let what = |def: usize| format!("表三「{}」", T3_ROWS.get(def).map_or("?", |d| d.label));
    let width = table.width();
    for (i, row) in table.rows.iter().enumerate() {
        let run_together = row.cells.iter().any(|c| c.value == CellValue::RunTogether);
        if !run_together && !lost_a_space(&row.cells, width) {
            continue;
        }
        let Some(pieces) = pieces(&row.cells) else {
            continue;
        };
        let shape = t3_shape(row.def);
        let (digits, found) = piece_readings(&pieces, shape);
        // A row whose cells ran together and that no cut adds up is read the way that
        // breaks the fewest of the table's equations (its own total among them), if one
        // is the best: typically one wrong cell.
        let (found, loose) = match found {
            Found::Readings(r) if r.is_empty() && run_together => {
                (loose_piece_readings(&pieces, shape).1, true)
            }
            found => (found, false),
        };
        match found {
            // Even one reading is tried against the columns: the row's own total may hold
            // by chance (「5 1 0 56 1 18」 read 5、1、0、5、6、1、18).
            Found::Readings(r) if !r.is_empty() => pending.push(Pending {
                row: i,
                pieces,
                digits,
                readings: r,
                run_together,
                loose,
            }),
            found if run_together => unread.push(UnreadRow {
                what: what(row.def),
                range: digits_range(&row.cells),
                reading: reading_of(&digits, &found),
                digits: written(&pieces),
            }),
            // A row short of cells is said to be short (`wrong-cell-count`).
            _ => {}
        }
    }
    let rows: Vec<solve::Row> = pending
        .iter()
        .map(|p| solve::Row {
            loose: p.loose,
            run_together: p.run_together,
            readings: p.readings.len(),
        })
        .collect();
    let (verdicts, broken) = solve::plan(&rows, |active| {
        let subset: Vec<&Pending<'_>> = active.iter().map(|&i| &pending[i]).collect();
        decide_rows(table, &subset)
    });
    let mut decided: Vec<(usize, Vec<ValueCell>)> = Vec::new();
    for (p, verdict) in pending.iter().zip(verdicts) {
        if let solve::Verdict::Read(r) = verdict {
            decided.push((p.row, cut_cells(&p.pieces, &p.readings[r])));
            continue;
        }
        // A row that only lacks a separator stays short (`wrong-cell-count`).
        let Some(reading) = verdict
            .unread(&p.digits, &p.readings)
            .filter(|_| p.run_together)
        else {
            continue;
        };
        unread.push(UnreadRow {
            what: what(table.rows[p.row].def),
            range: digits_range(&table.rows[p.row].cells),
            digits: written(&p.pieces),
            reading,
        });
    }
    for (i, cells) in decided {
        let range = digits_range(&table.rows[i].cells);
        table.rows[i].cells = cells;
        table.recovered_rows.push(range);
        if broken > 0 {
            table.recovered_with_errors.push(range);
        }
    }
    table.recovered_rows.sort_by_key(|r| r.start);
    unread.sort_by_key(|u| u.range.start);
    table.unread_rows = unread;
    table.run_together = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.value == CellValue::RunTogether);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build, Options};

    const ROW: &str = "一、本年新收政府信息公开申请数量";

    fn table(rows: &[(&str, &str)]) -> String {
        let mut t = String::from("三、收到和处理政府信息公开申请情况\n\n");
        t.push_str(
            "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\t申请人情况\n",
        );
        t.push_str("\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n");
        for (label, cells) in rows {
            t.push_str(label);
            t.push('\t');
            t.push_str(cells);
            t.push('\n');
        }
        t
    }

    fn report(text: &str) -> Report {
        build(&nianbao_syntax::parse_str(text), &Options::default())
    }

    fn numbers(report: &Report, def_label: &str) -> Vec<String> {
        let t = &report.tables3[0];
        let (_, row) = t
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| T3_ROWS[r.def].label == def_label)
            .expect("row");
        row.cells.iter().map(|c| c.text.to_string()).collect()
    }

    #[test]
    fn a_row_with_one_reading_is_cut() {
        let text = table(&[(ROW, "230 000023")]);
        let r = report(&text);
        let t = &r.tables3[0];
        assert!(!t.run_together);
        assert_eq!(numbers(&r, ROW), ["23", "0", "0", "0", "0", "0", "23"]);
        assert_eq!(t.recovered_rows.len(), 1);
        // Each cell points at its own digits.
        let cell = &t.rows[0].cells[6];
        assert_eq!(&text[cell.range.start..cell.range.end], "23");
    }

    #[test]
    fn a_separator_still_there_is_kept() {
        // 「40 51 021 49」: only 40、5、1、0、2、1、49 adds up and keeps the spaces.
        let r = report(&table(&[(ROW, "40 51 021 49")]));
        assert_eq!(numbers(&r, ROW), ["40", "5", "1", "0", "2", "1", "49"]);
    }

    #[test]
    fn no_reading_leaves_the_table_out_of_the_sums() {
        let r = report(&table(&[(ROW, "40 51 021 50")]));
        let t = &r.tables3[0];
        assert!(t.run_together);
        assert!(t.sums().is_empty());
        assert_eq!(t.unread_rows.len(), 1);
        assert_eq!(t.unread_rows[0].reading, RowReading::Inconsistent);
        assert_eq!(t.unread_rows[0].digits, "40 51 021 50");
    }

    #[test]
    fn a_space_lost_between_numbers_is_found() {
        // A table whose cells are separated by spaces, one of them lost: 「1 49」 → 「149」.
        let r = report(&table(&[(ROW, "40 5 1 0 2 149")]));
        assert_eq!(numbers(&r, ROW), ["40", "5", "1", "0", "2", "1", "49"]);
        // Several readings (4、0 or 40): the row is left short, for `wrong-cell-count`.
        let r = report(&table(&[(ROW, "40 5 1 0 2 41")]));
        assert_eq!(r.tables3[0].rows[0].cells.len(), 6);
        assert!(r.tables3[0].unread_rows.is_empty() && !r.tables3[0].run_together);
    }

    #[test]
    fn a_whole_cell_is_never_cut() {
        // 「11」 between tabs is one cell: 1、1、0、0、0、0、2 would cut it and add up. Left
        // whole, the one cut is 11、0、0、0、0、0、2, which breaks the row's total: read so,
        // for the row-total check to say.
        let r = report(&table(&[(ROW, "11\t0 000\t0\t2")]));
        let t = &r.tables3[0];
        assert!(!t.run_together && t.unread_rows.is_empty());
        assert_eq!(numbers(&r, ROW), ["11", "0", "0", "0", "0", "0", "2"]);
        assert_eq!(t.recovered_with_errors, t.recovered_rows);
        assert_eq!(t.recovered_rows.len(), 1);
    }

    #[test]
    fn rows_the_columns_cannot_tell_apart_stay_unread() {
        // Two rows, each 12、1、0、0、0、0、13 or 1、2、10、0、0、0、13: either way round the
        // columns add up to （七）, and 一 + 二 = （七） + 四 holds.
        let text = table(&[
            (ROW, "13\t3\t10\t0\t0\t0\t26"),
            ("二、上年结转政府信息公开申请数量", "0\t0\t0\t0\t0\t0\t0"),
            ("（一）予以公开", "1210 000 13"),
            (
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "1210 000 13",
            ),
            ("（七）总计", "13\t3\t10\t0\t0\t0\t26"),
            ("四、结转下年度继续办理", "0000000"),
        ]);
        let r = report(&text);
        let t = &r.tables3[0];
        assert!(t.run_together, "{:?}", t.recovered_rows);
        assert_eq!(t.unread_rows.len(), 2);
        // The row every equally good combination reads alike is read.
        assert_eq!(t.recovered_rows.len(), 1);
        assert_eq!(numbers(&r, "四、结转下年度继续办理"), ["0"; 7]);
        for u in &t.unread_rows {
            let RowReading::Ambiguous(readings) = &u.reading else {
                panic!("{u:?}");
            };
            assert_eq!(readings.len(), 2);
        }
    }

    #[test]
    fn a_wrong_total_is_read_by_the_columns_and_left_broken() {
        // 「一」 ran together (「000」) with a wrong total (27 where its cells add to 26):
        // no cut adds up; the one cut, 13、3、10、0、0、0、27, is read by the columns —
        // it breaks its own total and the 总计 column's balance only: the wrong cell.
        let text = table(&[
            (ROW, "13 3 10 000 27"),
            ("二、上年结转政府信息公开申请数量", "0\t0\t0\t0\t0\t0\t0"),
            ("（七）总计", "13\t3\t10\t0\t0\t0\t26"),
            ("四、结转下年度继续办理", "0\t0\t0\t0\t0\t0\t0"),
        ]);
        let r = report(&text);
        let t = &r.tables3[0];
        assert!(!t.run_together && t.unread_rows.is_empty());
        assert_eq!(numbers(&r, ROW), ["13", "3", "10", "0", "0", "0", "27"]);
        assert_eq!(t.recovered_with_errors.len(), 1);
        let broken: Vec<usize> = t
            .balances()
            .iter()
            .filter(|b| {
                crate::arith::balance_sides(b, |at| t.value(at)).is_some_and(|(l, r)| l != r)
            })
            .map(|b| b.column)
            .collect();
        assert_eq!(broken, [6]);
    }

    #[test]
    fn a_table_that_no_few_wrong_cells_explain_is_not_read() {
        // The one cut of 「99 9 10 000 50」 breaks its row and three columns' balances:
        // more than one or two wrong cells explain; no reading.
        let text = table(&[
            (ROW, "99 9 10 000 50"),
            ("二、上年结转政府信息公开申请数量", "0\t0\t0\t0\t0\t0\t0"),
            ("（七）总计", "13\t3\t10\t0\t0\t0\t26"),
            ("四、结转下年度继续办理", "0\t0\t0\t0\t0\t0\t0"),
        ]);
        let r = report(&text);
        let t = &r.tables3[0];
        assert!(t.run_together && t.recovered_rows.is_empty());
        assert_eq!(t.unread_rows[0].reading, RowReading::Inconsistent);
    }

    #[test]
    fn a_hopeless_row_leaves_the_others_read() {
        // 「99 9 10 000 50」 breaks too much to be read; 「23 0 000 0 23」, whose one cut
        // holds, is read all the same.
        let text = table(&[
            (ROW, "23 0 000 0 23"),
            ("二、上年结转政府信息公开申请数量", "0\t0\t0\t0\t0\t0\t0"),
            ("（七）总计", "23\t0\t0\t0\t0\t0\t23"),
            ("四、结转下年度继续办理", "99 9 10 000 50"),
        ]);
        let r = report(&text);
        let t = &r.tables3[0];
        assert_eq!(numbers(&r, ROW), ["23", "0", "0", "0", "0", "0", "23"]);
        assert_eq!(t.unread_rows.len(), 1);
        assert_eq!(t.unread_rows[0].reading, RowReading::Inconsistent);
        assert!(t.unread_rows[0].what.contains("四、结转"));
    }

    #[test]
    fn a_search_over_many_rows_is_bounded() {
        // Sixteen leaves with two readings each, and （七） with thousands of cuts none of
        // which adds up: the search gives up within its budget instead of trying them all.
        let leaf = "1210 000 13";
        let mut rows: Vec<(&str, &str)> = vec![
            (ROW, "13\t3\t10\t0\t0\t0\t26"),
            ("二、上年结转政府信息公开申请数量", "0\t0\t0\t0\t0\t0\t0"),
        ];
        let leaves: Vec<&str> = T3_ROWS
            .iter()
            .filter(|d| d.kind == crate::template::T3Kind::Leaf)
            .map(|d| d.label)
            .take(16)
            .collect();
        rows.extend(leaves.iter().map(|l| (*l, leaf)));
        rows.push(("（七）总计", "01234567891234567"));
        let r = report(&table(&rows));
        let t = &r.tables3[0];
        assert!(t.recovered_rows.is_empty());
        assert_eq!(t.unread_rows.len(), 17);
    }

    #[test]
    fn a_marker_or_a_word_is_never_cut() {
        let r = report(&table(&[(ROW, "230 0000\t/")]));
        assert!(r.tables3[0].run_together);
        assert!(r.tables3[0].unread_rows.is_empty());
    }

    #[test]
    fn table_four_is_cut_by_its_group_totals() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t行政诉讼\n\
            结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
            1 1002\t4 0015\t1\t0\t1\t0\t2\n";
        let r = report(text);
        let row = r.tables4[0].row.as_ref().expect("row");
        let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            cells,
            ["1", "1", "0", "0", "2", "4", "0", "0", "1", "5", "1", "0", "1", "0", "2"]
        );
        assert_eq!(r.tables4[0].recovered_rows.len(), 1);
    }
}
