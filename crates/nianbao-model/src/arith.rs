//! The arithmetic of the tables — the one source of truth for every expected value.
//!
//! [`Table3::sums`], [`Table3::balances`] and [`Table4::sums`] say which cells must add up
//! to which (the rules T3-ROW, T3-SUM, T3-SUB, T3-ID and T4-SUM of the template);
//! [`expected_total`] computes a total from its addends and [`evaluate`] compares it with
//! the stated one. Checks, fixes and (later) hovers and fix-all all go through these, with
//! a `value` function so that a caller can evaluate a table with some cells replaced.
//!
//! A sum is only evaluated when every cell it involves is a non-negative integer in a row
//! that could be mapped: a blank, a `/`, a row with the wrong number of cells, or a table
//! whose cells ran together gives [`Outcome::Unknown`], never a mismatch built on a guess.

use crate::template::{T3Kind, T3_CARRIED_IN, T3_CARRIED_OVER, T3_NEW, T3_ROWS, T3_TOTAL};
use crate::{Decimal, Table3, Table4};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Each row of table 三: 总计 = the six applicant columns.
    T3Row,
    /// Each column of table 三: （七）总计 = the leaf rows of 三、本年度办理结果.
    T3Sum,
    /// Subtotals a report adds: a group row = its leaves; 法人或其他组织 = its five columns.
    T3Sub,
    /// Each group of table 四: 总计 = its four results.
    T4Sum,
}

/// A cell of a table: `row` indexes `Table3::rows` (always 0 for table 四), `cell` the
/// cells of that row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellAt {
    pub row: usize,
    pub cell: usize,
}

/// `total` must equal the sum of `addends`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sum {
    pub rule: Rule,
    pub total: CellAt,
    pub addends: Vec<CellAt>,
}

/// T3-ID for one column: 一 + 二 = （七） + 四.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balance {
    /// The standard column (0 = 自然人 … 6 = 总计).
    pub column: usize,
    pub new: CellAt,
    pub carried_in: CellAt,
    pub total: CellAt,
    pub carried_over: CellAt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Holds,
    Mismatch {
        stated: Decimal,
        expected: Decimal,
    },
    /// A cell is blank, not a count, or in a row that could not be read.
    Unknown,
}

/// The total of `addends`, when every one of them is known.
pub fn expected_total(addends: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    addends
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?))
}

/// The documents in force at the end of a year (第二十条第（一）项 现行有效件数): those in
/// force at the end of the year before, plus those issued, minus those repealed.
pub fn in_force_expected(
    last_year: Decimal,
    issued: Decimal,
    repealed: Decimal,
) -> Option<Decimal> {
    last_year.checked_add(issued)?.checked_sub(repealed)
}

/// Compares a sum's stated total with the total of its addends.
pub fn evaluate(sum: &Sum, value: impl Fn(CellAt) -> Option<Decimal>) -> Outcome {
    let (Some(stated), Some(expected)) = (
        value(sum.total),
        expected_total(sum.addends.iter().map(|&a| value(a))),
    ) else {
        return Outcome::Unknown;
    };
    if stated == expected {
        Outcome::Holds
    } else {
        Outcome::Mismatch { stated, expected }
    }
}

/// Both sides of a balance, when every cell is known: (一 + 二, （七） + 四).
pub fn balance_sides(
    b: &Balance,
    value: impl Fn(CellAt) -> Option<Decimal>,
) -> Option<(Decimal, Decimal)> {
    let lhs = expected_total([value(b.new), value(b.carried_in)])?;
    let rhs = expected_total([value(b.total), value(b.carried_over)])?;
    Some((lhs, rhs))
}

impl Table3 {
    /// The count in a cell, when the table, the row and the cell can be trusted.
    pub fn value(&self, at: CellAt) -> Option<Decimal> {
        let row = self.rows.get(at.row)?;
        if !self.is_mapped(row) || self.run_together {
            return None;
        }
        row.cells.get(at.cell)?.count()
    }

    /// The leaf rows of 三、本年度办理结果 for this table: （六） counts as one leaf unless
    /// the table splits it into the three F2021 rows.
    pub fn leaf_defs(&self) -> Vec<usize> {
        let split_other = self
            .rows
            .iter()
            .any(|r| crate::template::T3_OTHER_LEAVES.contains(&r.def));
        (0..T3_ROWS.len())
            .filter(|&i| T3_ROWS[i].kind == T3Kind::Leaf)
            .filter(|&i| match i {
                crate::template::T3_OTHER => !split_other,
                i if crate::template::T3_OTHER_LEAVES.contains(&i) => split_other,
                _ => true,
            })
            .collect()
    }

    /// Every sum the table's numbers must satisfy. Empty when its cells ran together.
    pub fn sums(&self) -> Vec<Sum> {
        self.sums_where(|_| true)
    }

    /// The sums of one rule (what a check of that rule needs, without building the rest).
    pub fn sums_of(&self, rule: Rule) -> Vec<Sum> {
        self.sums_where(|r| r == rule)
    }

    fn sums_where(&self, want: impl Fn(Rule) -> bool) -> Vec<Sum> {
        let mut sums = Vec::new();
        if self.run_together {
            return sums;
        }
        let at = RowIndex::new(self);
        let total_col = self.cell_index(6);
        for (i, row) in self.rows.iter().enumerate() {
            if !self.is_mapped(row) {
                continue;
            }
            if want(Rule::T3Row) {
                let applicants = [0usize, 1, 2, 3, 4, 5].map(|c| CellAt {
                    row: i,
                    cell: self.cell_index(c),
                });
                sums.push(Sum {
                    rule: Rule::T3Row,
                    total: CellAt {
                        row: i,
                        cell: total_col,
                    },
                    addends: applicants.to_vec(),
                });
            }
            if self.legal_person_column && want(Rule::T3Sub) {
                let parts = (2..=6).map(|cell| CellAt { row: i, cell }).collect();
                sums.push(Sum {
                    rule: Rule::T3Sub,
                    total: CellAt { row: i, cell: 1 },
                    addends: parts,
                });
            }
        }
        // Column totals need every leaf: a missing or unmapped row leaves them unknown, and
        // rows that could not be mapped may be leaves, so then none is computed.
        if self.column_totals_checked() && want(Rule::T3Sum) {
            let leaves = self.leaf_defs();
            for column in 0..7 {
                let addends: Option<Vec<CellAt>> =
                    leaves.iter().map(|&d| at.cell(d, column)).collect();
                if let (Some(total), Some(addends)) = (at.cell(T3_TOTAL, column), addends) {
                    sums.push(Sum {
                        rule: Rule::T3Sum,
                        total,
                        addends,
                    });
                }
            }
        }
        if !want(Rule::T3Sub) {
            return sums;
        }
        for (i, row) in self.rows.iter().enumerate() {
            if !row.subtotal || row.duplicate || !self.is_mapped(row) {
                continue;
            }
            let members: Vec<usize> = (0..T3_ROWS.len())
                .filter(|&d| T3_ROWS[d].group == Some(row.def))
                .collect();
            for column in 0..7 {
                let addends: Option<Vec<CellAt>> =
                    members.iter().map(|&d| at.cell(d, column)).collect();
                if let Some(addends) = addends {
                    sums.push(Sum {
                        rule: Rule::T3Sub,
                        total: CellAt {
                            row: i,
                            cell: self.cell_index(column),
                        },
                        addends,
                    });
                }
            }
        }
        sums
    }

    /// T3-ID for every column where the four rows could be read.
    pub fn balances(&self) -> Vec<Balance> {
        if self.run_together {
            return Vec::new();
        }
        let at = RowIndex::new(self);
        (0..7)
            .filter_map(|column| {
                Some(Balance {
                    column,
                    new: at.cell(T3_NEW, column)?,
                    carried_in: at.cell(T3_CARRIED_IN, column)?,
                    total: at.cell(T3_TOTAL, column)?,
                    carried_over: at.cell(T3_CARRIED_OVER, column)?,
                })
            })
            .collect()
    }
}

/// An equation of table 三: a sum or the balance of one column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Equation {
    Sum(Sum),
    Balance(Balance),
}

impl Equation {
    /// Every cell the equation involves.
    pub fn cells(&self) -> Vec<CellAt> {
        match self {
            Equation::Sum(s) => std::iter::once(s.total)
                .chain(s.addends.iter().copied())
                .collect(),
            Equation::Balance(b) => vec![b.new, b.carried_in, b.total, b.carried_over],
        }
    }

    /// Whether it holds (`Some(true)`), fails, or cannot be evaluated (`None`).
    pub fn holds(&self, value: impl Fn(CellAt) -> Option<Decimal>) -> Option<bool> {
        match self {
            Equation::Sum(s) => match evaluate(s, value) {
                Outcome::Holds => Some(true),
                Outcome::Mismatch { .. } => Some(false),
                Outcome::Unknown => None,
            },
            Equation::Balance(b) => balance_sides(b, value).map(|(l, r)| l == r),
        }
    }

    /// The value `at` must have for the equation to hold, the other cells as they are.
    fn solve(&self, at: CellAt, value: impl Fn(CellAt) -> Option<Decimal>) -> Option<Decimal> {
        let others = |cells: &[CellAt]| {
            expected_total(cells.iter().filter(|&&c| c != at).map(|&c| value(c)))
        };
        let (lhs, rhs): (Vec<CellAt>, Vec<CellAt>) = match self {
            Equation::Sum(s) => (s.addends.clone(), vec![s.total]),
            Equation::Balance(b) => (vec![b.new, b.carried_in], vec![b.total, b.carried_over]),
        };
        let (mine, theirs) = if lhs.contains(&at) {
            (&lhs, &rhs)
        } else if rhs.contains(&at) {
            (&rhs, &lhs)
        } else {
            return None;
        };
        let needed = others(theirs)?.checked_sub(others(mine)?)?;
        (!needed.is_negative()).then_some(needed)
    }
}

/// The one cell whose change would make every failing equation of a table hold at once
/// (and break none that holds), when two or more fail: a wrong addend, not wrong totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Culprit {
    pub at: CellAt,
    pub stated: Decimal,
    /// What the cell must be.
    pub value: Decimal,
    /// The equations that fail now and hold with the change.
    pub explains: Vec<Equation>,
}

impl Culprit {
    /// Whether the culprit explains `sum`.
    pub fn explains_sum(&self, sum: &Sum) -> bool {
        self.explains
            .iter()
            .any(|e| matches!(e, Equation::Sum(s) if s == sum))
    }

    /// Whether the culprit explains the balance of standard column `column`.
    pub fn explains_balance(&self, column: usize) -> bool {
        self.explains
            .iter()
            .any(|e| matches!(e, Equation::Balance(b) if b.column == column))
    }
}

impl Table3 {
    /// Every equation of the table: its sums, then its balances.
    pub fn equations(&self) -> Vec<Equation> {
        let sums = self.sums().into_iter().map(Equation::Sum);
        sums.chain(self.balances().into_iter().map(Equation::Balance))
            .collect()
    }

    /// The culprit cell of the table's failing equations, if exactly one cell explains
    /// them all (see [`Culprit`]).
    pub fn culprit(&self) -> Option<Culprit> {
        let value = |at: CellAt| self.value(at);
        let equations = self.equations();
        let failing: Vec<&Equation> = equations
            .iter()
            .filter(|e| e.holds(value) == Some(false))
            .collect();
        let (first, rest) = failing.split_first()?;
        if rest.is_empty() {
            return None;
        }
        let mut found: Option<Culprit> = None;
        for at in first.cells() {
            if !rest.iter().all(|e| e.cells().contains(&at)) {
                continue;
            }
            let (Some(stated), Some(new)) = (value(at), first.solve(at, value)) else {
                continue;
            };
            let changed = |c: CellAt| if c == at { Some(new) } else { value(c) };
            if equations.iter().all(|e| e.holds(changed) != Some(false)) {
                if found.is_some() {
                    // Two cells would do: neither is the culprit.
                    return None;
                }
                found = Some(Culprit {
                    at,
                    stated,
                    value: new,
                    explains: failing.iter().map(|e| (*e).clone()).collect(),
                });
            }
        }
        found
    }
}

/// Where each template row of a table 三 is ([`Table3::row`] for every row at once).
struct RowIndex<'t> {
    table: &'t Table3,
    rows: [Option<usize>; T3_ROWS.len()],
}

impl<'t> RowIndex<'t> {
    fn new(table: &'t Table3) -> RowIndex<'t> {
        let mut rows = [None; T3_ROWS.len()];
        for (i, row) in table.rows.iter().enumerate() {
            if !row.duplicate {
                if let Some(slot) = rows.get_mut(row.def) {
                    slot.get_or_insert(i);
                }
            }
        }
        RowIndex { table, rows }
    }

    /// The cell of template row `def` in standard column `column`, if the row is there
    /// and mapped.
    fn cell(&self, def: usize, column: usize) -> Option<CellAt> {
        let row = (*self.rows.get(def)?)?;
        self.table.is_mapped(&self.table.rows[row]).then(|| CellAt {
            row,
            cell: self.table.cell_index(column),
        })
    }
}

impl Table4 {
    pub fn value(&self, at: CellAt) -> Option<Decimal> {
        let row = self.row.as_ref()?;
        if !row.is_mapped() || row.run_together() || at.row != 0 {
            return None;
        }
        row.cells.get(at.cell)?.count()
    }

    /// T4-SUM for each of the three groups.
    pub fn sums(&self) -> Vec<Sum> {
        match &self.row {
            Some(row) if row.is_mapped() && !row.run_together() => (0..3)
                .map(|g| Sum {
                    rule: Rule::T4Sum,
                    total: CellAt {
                        row: 0,
                        cell: g * 5 + 4,
                    },
                    addends: (0..4)
                        .map(|k| CellAt {
                            row: 0,
                            cell: g * 5 + k,
                        })
                        .collect(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}
