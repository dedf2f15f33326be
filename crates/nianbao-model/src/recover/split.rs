//! Cutting a run of digits into a row's cells by the row's arithmetic: every way to cut,
//! without a leading zero in any cell, kept when the row's totals hold. Exact (integers),
//! deterministic (cuts are tried shortest first, left to right) and bounded: a search
//! that would visit more than [`BUDGET`] cuts gives up and says so.

use crate::arith::expected_total;
use crate::Decimal;

/// The most cuts a search visits.
pub const BUDGET: usize = 200_000;

/// The most digits a cell may have (counts in a report are far below 10¹²).
const MAX_CELL: usize = 12;

/// The readings kept at most (a finding lists a few; the search stops counting at this).
pub const MAX_READINGS: usize = 8;

/// What the search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Cuts (byte offsets into the digits where each cell after the first starts).
    Readings(Vec<Vec<usize>>),
    /// The budget ran out before the search was done.
    TooLong,
}

/// A row's shape: `groups` groups of `addends` cells followed by their total
/// (table 三: one group of 6 + total; table 四: three groups of 4 + total). `None` for a
/// row without arithmetic: every cut is a reading.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub groups: usize,
    pub addends: usize,
    pub totals: bool,
}

impl Shape {
    pub fn cells(self) -> usize {
        self.groups * (self.addends + usize::from(self.totals))
    }
}

fn value(digits: &[u8]) -> Option<Decimal> {
    std::str::from_utf8(digits)
        .ok()
        .and_then(crate::parse_number)
        .map(|n| n.value)
}

/// Where cuts must and must not fall: at every separator still there (`required`, a
/// byte offset into the digits), and inside no number that stands alone in its cell
/// (`forbidden`). The limits on readings count only the cuts that keep both.
#[derive(Clone, Debug, Default)]
pub struct Bounds {
    pub required: Vec<usize>,
    pub forbidden: Vec<usize>,
}

/// Every reading of `digits` (ASCII digits only) as a row of `shape`.
pub fn readings(digits: &[u8], shape: Shape) -> Found {
    readings_within(digits, shape, &Bounds::default())
}

/// Every reading of `digits` as a row of `shape` that keeps `bounds`.
pub fn readings_within(digits: &[u8], shape: Shape, bounds: &Bounds) -> Found {
    search(digits, shape, bounds, MAX_READINGS, false)
}

/// Every cut of `digits` into the cells of `shape` that keeps `bounds`, whether its
/// totals hold or not (what an error-tolerant reading scores against the table's
/// equations), at most `max`: more is [`Found::TooLong`].
pub fn every_cut(digits: &[u8], shape: Shape, bounds: &Bounds, max: usize) -> Found {
    let loose = Shape {
        groups: 1,
        addends: shape.cells(),
        totals: false,
    };
    search(digits, loose, bounds, max, true)
}

/// How many of `shape`'s group totals the cells of `cuts` break (T3-ROW, T4-SUM).
pub fn broken_totals(digits: &str, cuts: &[usize], shape: Shape) -> usize {
    if !shape.totals {
        return 0;
    }
    let cells = cells(digits, cuts);
    let width = shape.addends + 1;
    (0..shape.groups)
        .filter(|g| {
            let group = &cells[g * width..(g + 1) * width];
            let addends = group[..shape.addends].iter().map(|c| value(c.as_bytes()));
            expected_total(addends) != value(group[shape.addends].as_bytes())
        })
        .count()
}

fn search(digits: &[u8], shape: Shape, bounds: &Bounds, max: usize, all_or_none: bool) -> Found {
    let mut search = Search {
        digits,
        shape,
        bounds,
        cuts: Vec::with_capacity(shape.cells()),
        found: Vec::new(),
        visited: 0,
        max,
        all_or_none,
    };
    if search.cell(0, 0) {
        Found::Readings(search.found)
    } else {
        Found::TooLong
    }
}

struct Search<'a> {
    digits: &'a [u8],
    shape: Shape,
    bounds: &'a Bounds,
    /// Where each cell placed so far starts.
    cuts: Vec<usize>,
    found: Vec<Vec<usize>>,
    visited: usize,
    /// The most readings kept.
    max: usize,
    /// More than `max` readings is too many (else the rest are not kept).
    all_or_none: bool,
}

impl Search<'_> {
    /// Places cell `index` at `at`; false when the budget ran out.
    fn cell(&mut self, index: usize, at: usize) -> bool {
        self.visited += 1;
        if self.visited > BUDGET {
            return false;
        }
        let cells = self.shape.cells();
        if index == cells {
            if at == self.digits.len() && self.holds() {
                if self.found.len() < self.max {
                    self.found.push(self.cuts[1..].to_vec());
                } else if self.all_or_none {
                    return false;
                }
            }
            return true;
        }
        let left = cells - index;
        let room = self.digits.len().saturating_sub(at);
        if room < left || room > left * MAX_CELL {
            return true;
        }
        let width = self.shape.addends + 1;
        if self.shape.totals && index % width == self.shape.addends {
            // A group's total: the digits of its addends' sum, or nothing. (An internal
            // shortcut: the readings found are checked again through `arith` in `holds`.)
            let first = index - self.shape.addends;
            let sum = (first..index).try_fold(0u64, |acc, i| {
                std::str::from_utf8(self.cell_digits_to(i, at))
                    .ok()?
                    .parse::<u64>()
                    .ok()
                    .and_then(|v| acc.checked_add(v))
            });
            let Some(sum) = sum else { return true };
            let total = sum.to_string();
            if self.digits[at..].starts_with(total.as_bytes()) && self.may_cut(at, at + total.len())
            {
                self.cuts.push(at);
                let ok = self.cell(index + 1, at + total.len());
                self.cuts.pop();
                return ok;
            }
            return true;
        }
        if index + 1 == cells {
            // The last cell takes what is left.
            if self.digits[at] == b'0' && room > 1
                || room > MAX_CELL
                || !self.may_cut(at, self.digits.len())
            {
                return true;
            }
            self.cuts.push(at);
            let ok = self.cell(index + 1, self.digits.len());
            self.cuts.pop();
            return ok;
        }
        let longest = if self.digits[at] == b'0' {
            1
        } else {
            MAX_CELL.min(room - (left - 1))
        };
        for len in 1..=longest {
            if !self.may_cut(at, at + len) {
                continue;
            }
            self.cuts.push(at);
            let ok = self.cell(index + 1, at + len);
            self.cuts.pop();
            if !ok {
                return false;
            }
        }
        true
    }

    /// Whether a cell may span `from..to`: no separator still there inside it, and its end
    /// inside no number standing alone.
    fn may_cut(&self, from: usize, to: usize) -> bool {
        let b = self.bounds;
        !b.required.iter().any(|&r| from < r && r < to)
            && (to == self.digits.len() || !b.forbidden.contains(&to))
    }

    /// Cell `i`'s digits while the next cell is being placed at `at` (its cut not yet
    /// pushed: the last placed cell ends there).
    fn cell_digits_to(&self, i: usize, at: usize) -> &[u8] {
        let start = self.cuts[i];
        let end = self.cuts.get(i + 1).copied().unwrap_or(at);
        &self.digits[start..end]
    }

    fn cell_digits(&self, i: usize) -> &[u8] {
        let start = self.cuts[i];
        let end = self.cuts.get(i + 1).copied().unwrap_or(self.digits.len());
        &self.digits[start..end]
    }

    /// Whether each group's total is the sum of its addends (T3-ROW, T4-SUM).
    fn holds(&self) -> bool {
        if !self.shape.totals {
            return true;
        }
        let width = self.shape.addends + 1;
        (0..self.shape.groups).all(|g| {
            let first = g * width;
            let addends = (first..first + self.shape.addends).map(|i| value(self.cell_digits(i)));
            let total = value(self.cell_digits(first + self.shape.addends));
            matches!((expected_total(addends), total), (Some(e), Some(t)) if e == t)
        })
    }
}

/// The cells of a reading, as text.
pub fn cells<'a>(digits: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &c in cuts {
        out.push(&digits[start..c]);
        start = c;
    }
    out.push(&digits[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const T3: Shape = Shape {
        groups: 1,
        addends: 6,
        totals: true,
    };
    const T4: Shape = Shape {
        groups: 3,
        addends: 4,
        totals: true,
    };

    fn read(digits: &str, shape: Shape) -> Vec<Vec<&str>> {
        match readings(digits.as_bytes(), shape) {
            Found::Readings(r) => r.iter().map(|c| cells(digits, c)).collect(),
            Found::TooLong => panic!("too long"),
        }
    }

    #[test]
    fn the_issues_runs() {
        assert_eq!(
            read("230000023", T3),
            [["23", "0", "0", "0", "0", "0", "23"]]
        );
        assert_eq!(
            read("801000081", T3),
            [["80", "1", "0", "0", "0", "0", "81"]]
        );
        assert_eq!(read("0000000", T3), [["0"; 7]]);
        assert_eq!(
            read("110024001510102", T4),
            [["1", "1", "0", "0", "2", "4", "0", "0", "1", "5", "1", "0", "1", "0", "2"]]
        );
    }

    #[test]
    fn several_readings_and_none() {
        // 27+0+0+2+0+1 = 30 and 2+7+0+0+20+1 = 30: the row alone cannot tell.
        assert_eq!(
            read("270020130", T3),
            [
                ["2", "7", "0", "0", "20", "1", "30"],
                ["27", "0", "0", "2", "0", "1", "30"]
            ]
        );
        assert_eq!(read("110000011", T3).len(), 2);
        // No cut adds up: 1+1 ≠ 11, 11+0 ≠ 1.
        assert_eq!(read("11000011", T3).len(), 0);
        // Fewer digits than cells: nothing.
        assert_eq!(read("000000", T3).len(), 0);
        // A row without arithmetic: every cut is a reading; "000" only one.
        let three = Shape {
            groups: 1,
            addends: 3,
            totals: false,
        };
        assert_eq!(read("000", three), [["0", "0", "0"]]);
        assert_eq!(read("693665", three).len(), 8);
    }

    #[test]
    fn a_hostile_run_is_bounded() {
        let digits = "1".repeat(84);
        assert!(matches!(
            readings(digits.as_bytes(), T3),
            Found::Readings(_) | Found::TooLong
        ));
        let digits: String = (0..300).map(|i| char::from(b'1' + (i % 9) as u8)).collect();
        assert_eq!(readings(digits.as_bytes(), T3), Found::Readings(vec![]));
    }
}
