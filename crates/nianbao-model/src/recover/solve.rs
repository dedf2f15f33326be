//! Deciding the readings of several rows of table 三 together: the combination that
//! breaks the fewest of the table's equations (each row's 总计, each column's sum of
//! leaves, 一 + 二 = （七） + 四, a subtotal row's sum where the table has one), searched
//! depth first with the rows in the template's order, an equation counted as soon as its
//! last row is chosen, and a branch dropped as soon as it breaks more than the best found
//! so far. [`plan`] gives up on the rows that keep the others from being read.
//!
//! A combination is read only when it is the one best: equally good combinations leave
//! the rows they disagree on undecided (never a guess), and the rows they all agree on
//! read. The search is exact (integers, through [`crate::arith`]), deterministic and
//! bounded ([`MAX_NODES`], [`MAX_BROKEN`]).

use crate::arith::{expected_total, CellAt, Equation};
use crate::{Decimal, Table3};

/// The most readings a search tries, each at its depth (partial combinations included).
pub const MAX_NODES: usize = 200_000;

/// The most equations a reading may leave broken: one wrong cell breaks two (its row's
/// total and its column's sum or balance) or three (a cell of （七）总计, in its column's
/// sum and balance); a reading that breaks more is no reading of the table but noise.
pub const MAX_BROKEN: usize = 3;

/// The most equally good combinations kept to find the rows they agree on.
const MAX_TIES: usize = 32;

/// A row of the table to be decided: its index in `Table3::rows` and its readings, each
/// the value of every cell (by cell index).
#[derive(Clone, Debug)]
pub struct Candidates {
    pub row: usize,
    pub readings: Vec<Vec<Option<Decimal>>>,
}

/// What the search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The best combinations: for each row, the reading all of them give it (`None` where
    /// they differ), the readings they give (one when decided), and how many equations
    /// they leave broken.
    Best {
        picks: Vec<Option<usize>>,
        alternatives: Vec<Vec<usize>>,
        broken: usize,
    },
    /// Every combination breaks more than [`MAX_BROKEN`] equations.
    Inconsistent,
    /// The search would visit more than [`MAX_NODES`] combinations.
    TooLong,
}

#[derive(Clone, Copy, Debug)]
enum Term {
    Fixed(Option<Decimal>),
    /// Cell `cell` of the row being decided at `depth`.
    Chosen {
        depth: usize,
        cell: usize,
    },
}

/// `left` = `right` (a sum: its total = its addends; a balance: 一 + 二 = （七） + 四).
struct Constraint {
    left: Vec<Term>,
    right: Vec<Term>,
}

/// Decides `rows` of `table`, whose equations are those of `table` with each of `rows`
/// read one way (any: it gives every equation its cells; the values are the readings').
pub fn decide(table: &Table3, rows: &[Candidates]) -> Decision {
    if rows.is_empty() || rows.iter().any(|r| r.readings.is_empty()) {
        return Decision::Inconsistent;
    }
    let depth_of = |row: usize| rows.iter().position(|c| c.row == row);
    let term = |at: CellAt| match depth_of(at.row) {
        Some(depth) => Term::Chosen {
            depth,
            cell: at.cell,
        },
        None => Term::Fixed(table.value(at)),
    };
    let equations = table
        .sums()
        .into_iter()
        .map(Equation::Sum)
        .chain(table.balances().into_iter().map(Equation::Balance));
    // Each equation that involves a row being decided, by the depth of its last one.
    let mut closing: Vec<Vec<Constraint>> = (0..rows.len()).map(|_| Vec::new()).collect();
    for equation in equations {
        let (left, right): (Vec<CellAt>, Vec<CellAt>) = match &equation {
            Equation::Sum(s) => (vec![s.total], s.addends.clone()),
            Equation::Balance(b) => (vec![b.new, b.carried_in], vec![b.total, b.carried_over]),
        };
        let last = left
            .iter()
            .chain(&right)
            .filter_map(|at| depth_of(at.row))
            .max();
        if let Some(last) = last {
            closing[last].push(Constraint {
                left: left.into_iter().map(term).collect(),
                right: right.into_iter().map(term).collect(),
            });
        }
    }
    let mut search = Search {
        rows,
        closing,
        pick: vec![0; rows.len()],
        best: MAX_BROKEN,
        ties: Vec::new(),
        overflow: false,
        nodes: 0,
    };
    if !search.walk(0, 0) {
        return Decision::TooLong;
    }
    if search.ties.is_empty() {
        return Decision::Inconsistent;
    }
    let alternatives: Vec<Vec<usize>> = (0..rows.len())
        .map(|k| {
            let mut seen: Vec<usize> = search.ties.iter().map(|t| t[k]).collect();
            seen.sort_unstable();
            seen.dedup();
            seen
        })
        .collect();
    let picks = alternatives
        .iter()
        .zip(rows)
        .map(|(a, row)| match a.as_slice() {
            // (With more equally good combinations than were kept, only a row with one
            // reading is sure.)
            [one] if !search.overflow || row.readings.len() == 1 => Some(*one),
            _ => None,
        })
        .collect();
    Decision::Best {
        picks,
        alternatives,
        broken: search.best,
    }
}

struct Search<'a> {
    rows: &'a [Candidates],
    closing: Vec<Vec<Constraint>>,
    pick: Vec<usize>,
    /// The fewest broken equations found (at first: the most accepted).
    best: usize,
    ties: Vec<Vec<usize>>,
    overflow: bool,
    nodes: usize,
}

impl Search<'_> {
    /// Chooses the rows from `depth` on, `broken` equations broken so far; false when the
    /// budget ran out.
    fn walk(&mut self, depth: usize, broken: usize) -> bool {
        if depth == self.rows.len() {
            if broken < self.best || self.ties.is_empty() {
                self.best = broken;
                self.ties.clear();
                self.overflow = false;
            }
            if self.ties.len() < MAX_TIES {
                self.ties.push(self.pick.clone());
            } else {
                self.overflow = true;
            }
            return true;
        }
        if self.overflow && self.best == 0 {
            // Too many combinations break nothing: none better is left to find, and only
            // rows with one reading are sure.
            return true;
        }
        for r in 0..self.rows[depth].readings.len() {
            // Every reading tried counts against the budget, kept or dropped.
            self.nodes += 1;
            if self.nodes > MAX_NODES {
                return false;
            }
            self.pick[depth] = r;
            let mut now = broken;
            for c in &self.closing[depth] {
                if now > self.best {
                    break;
                }
                now += usize::from(self.is_broken(c));
            }
            if now > self.best {
                continue;
            }
            if !self.walk(depth + 1, now) {
                return false;
            }
        }
        true
    }

    fn value(&self, term: Term) -> Option<Decimal> {
        match term {
            Term::Fixed(v) => v,
            Term::Chosen { depth, cell } => {
                *self.rows[depth].readings[self.pick[depth]].get(cell)?
            }
        }
    }

    /// Whether both sides are known and differ (an equation with a blank cell or a cell
    /// that is no count is not evaluated, as in `arith::evaluate`).
    fn is_broken(&self, c: &Constraint) -> bool {
        let side = |terms: &[Term]| expected_total(terms.iter().map(|&t| self.value(t)));
        matches!((side(&c.left), side(&c.right)), (Some(l), Some(r)) if l != r)
    }
}

/// A row to be decided, as [`plan`] needs to know it.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// Its readings are every cut: none adds up its own total.
    pub loose: bool,
    /// Its cells ran together (else it only lacks a separator, and is left short of a
    /// cell unless a combination that breaks nothing reads it).
    pub run_together: bool,
    pub readings: usize,
}

/// What became of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Read(usize),
    /// Equally good combinations read it these ways.
    Ambiguous(Vec<usize>),
    /// No reading of it breaks few enough equations.
    Inconsistent,
    /// The search ran out before it was decided.
    TooLong,
    /// It only lacks a separator and is left as written (short of a cell).
    Left,
}

impl Verdict {
    /// What a row left unread says (`None` for a row read, or left short of a cell): its
    /// readings (`cuts`, into `digits`) when several are equally good.
    pub fn unread(&self, digits: &str, cuts: &[Vec<usize>]) -> Option<super::RowReading> {
        Some(match self {
            Verdict::Read(_) | Verdict::Left => return None,
            Verdict::Ambiguous(alternatives) => {
                let r: Vec<Vec<usize>> = alternatives.iter().map(|&i| cuts[i].clone()).collect();
                super::RowReading::Ambiguous(super::readings_text(digits, &r))
            }
            Verdict::Inconsistent => super::RowReading::Inconsistent,
            Verdict::TooLong => super::RowReading::TooLong,
        })
    }
}

/// Decides `rows` by `decide` (the search over a subset of them, by index), giving up on
/// the rows that keep the others from being read: the loose rows when there are more
/// than [`super::MAX_LOOSE_ROWS`], or when no combination with them breaks few enough
/// equations (or the search is too long); the rows that only lack a separator, when they
/// would be read with equations broken. Returns each row's verdict and how many
/// equations the reading leaves broken.
pub fn plan(rows: &[Row], decide: impl Fn(&[usize]) -> Decision) -> (Vec<Verdict>, usize) {
    let mut verdicts: Vec<Option<Verdict>> = vec![None; rows.len()];
    let mut active: Vec<usize> = (0..rows.len()).collect();
    let mut give_up = |active: &mut Vec<usize>, drop: &dyn Fn(&Row) -> bool, verdict: Verdict| {
        active.retain(|&i| {
            let dropped = drop(&rows[i]);
            if dropped {
                verdicts[i] = Some(verdict.clone());
            }
            !dropped
        });
    };
    if rows.iter().filter(|r| r.loose).count() > super::MAX_LOOSE_ROWS {
        give_up(&mut active, &|r| r.loose, Verdict::Inconsistent);
    }
    let mut broken = 0;
    while !active.is_empty() {
        let decision = decide(&active);
        let any = |f: &dyn Fn(&Row) -> bool| active.iter().any(|&i| f(&rows[i]));
        match decision {
            Decision::Best { broken: b, .. } if b > 0 && any(&|r| !r.run_together) => {
                give_up(&mut active, &|r| !r.run_together, Verdict::Left);
            }
            Decision::Inconsistent | Decision::TooLong if any(&|r| r.loose) => {
                let verdict = match decision {
                    Decision::TooLong => Verdict::TooLong,
                    _ => Verdict::Inconsistent,
                };
                give_up(&mut active, &|r| r.loose, verdict);
            }
            Decision::Inconsistent | Decision::TooLong if any(&|r| !r.run_together) => {
                give_up(&mut active, &|r| !r.run_together, Verdict::Left);
            }
            Decision::Best {
                picks,
                alternatives,
                broken: b,
            } => {
                broken = b;
                for (k, &i) in active.iter().enumerate() {
                    verdicts[i] = Some(match (picks[k], rows[i].loose) {
                        (Some(r), _) => Verdict::Read(r),
                        // (No cut of a loose row adds up: several equally good are none.)
                        (None, true) => Verdict::Inconsistent,
                        // (Past the ties kept, a row may show one reading there.)
                        (None, false) if alternatives[k].len() > 1 => {
                            Verdict::Ambiguous(alternatives[k].clone())
                        }
                        (None, false) => Verdict::Ambiguous((0..rows[i].readings).collect()),
                    });
                }
                break;
            }
            Decision::Inconsistent => {
                for &i in &active {
                    verdicts[i] = Some(Verdict::Inconsistent);
                }
                break;
            }
            Decision::TooLong => {
                for &i in &active {
                    verdicts[i] = Some(match rows[i].readings {
                        1 => Verdict::TooLong,
                        n => Verdict::Ambiguous((0..n).collect()),
                    });
                }
                break;
            }
        }
    }
    let verdicts = verdicts
        .into_iter()
        .map(|v| v.unwrap_or(Verdict::Inconsistent))
        .collect();
    (verdicts, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(loose: bool, run_together: bool, readings: usize) -> Row {
        Row {
            loose,
            run_together,
            readings,
        }
    }

    fn best(picks: &[Option<usize>], broken: usize) -> Decision {
        Decision::Best {
            picks: picks.to_vec(),
            alternatives: picks
                .iter()
                .map(|p| p.map_or(vec![0, 1], |r| vec![r]))
                .collect(),
            broken,
        }
    }

    #[test]
    fn a_hopeless_loose_row_does_not_take_the_others_with_it() {
        // Decided together, nothing breaks few enough equations; without the loose row,
        // the other is read.
        let rows = [row(false, true, 1), row(true, true, 30)];
        let (verdicts, broken) = plan(&rows, |active| match active {
            [0, 1] => Decision::Inconsistent,
            [0] => best(&[Some(0)], 0),
            other => panic!("{other:?}"),
        });
        assert_eq!(verdicts, [Verdict::Read(0), Verdict::Inconsistent]);
        assert_eq!(broken, 0);
    }

    #[test]
    fn a_row_short_of_a_separator_is_read_only_when_nothing_breaks() {
        let rows = [row(false, true, 1), row(false, false, 2)];
        let (verdicts, broken) = plan(&rows, |active| match active {
            [0, 1] => best(&[Some(0), Some(1)], 2),
            [0] => best(&[Some(0)], 1),
            other => panic!("{other:?}"),
        });
        assert_eq!(verdicts, [Verdict::Read(0), Verdict::Left]);
        assert_eq!(broken, 1);
    }

    #[test]
    fn ties_and_a_search_too_long() {
        let rows = [row(false, true, 2), row(true, true, 3), row(false, true, 1)];
        let (verdicts, _) = plan(&rows, |_| best(&[None, None, Some(0)], 1));
        assert_eq!(
            verdicts,
            [
                Verdict::Ambiguous(vec![0, 1]),
                Verdict::Inconsistent,
                Verdict::Read(0)
            ]
        );
        let rows = [row(false, true, 2), row(false, true, 1)];
        let (verdicts, _) = plan(&rows, |_| Decision::TooLong);
        assert_eq!(verdicts, [Verdict::Ambiguous(vec![0, 1]), Verdict::TooLong]);
    }

    #[test]
    fn too_many_loose_rows_are_given_up_first() {
        let rows = [
            row(true, true, 2),
            row(true, true, 2),
            row(true, true, 2),
            row(false, true, 1),
        ];
        let (verdicts, _) = plan(&rows, |active| {
            assert_eq!(active, [3]);
            best(&[Some(0)], 0)
        });
        assert_eq!(
            verdicts[..3],
            [
                Verdict::Inconsistent,
                Verdict::Inconsistent,
                Verdict::Inconsistent
            ]
        );
        assert_eq!(verdicts[3], Verdict::Read(0));
    }
}
