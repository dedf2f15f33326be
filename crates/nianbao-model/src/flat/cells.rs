//! The cells of a row of a flattened report: separated by white space, one value, or
//! digits cut by the row's arithmetic — and, for table 三, the rows cut more than one way
//! decided together by the columns' rules.

use super::*;

impl Layout<'_> {
    /// Cells from `start` to `end`: separated by white space, or one value, or digits cut
    /// by `shape`'s arithmetic. Returns false when the row is left unread.
    pub(super) fn cells(
        &mut self,
        what: String,
        start: usize,
        end: usize,
        shape: Shape,
        def: Option<usize>,
    ) -> bool {
        let run = &self.text[start..end];
        let tokens: Vec<(usize, &str)> = run
            .split_whitespace()
            .map(|t| (t.as_ptr() as usize - run.as_ptr() as usize + start, t))
            .collect();
        let Some(&(first, _)) = tokens.first() else {
            return true;
        };
        let cells = shape.cells();
        let all_digits = tokens
            .iter()
            .all(|t| t.1.bytes().all(|b| b.is_ascii_digit()));
        let values = tokens.iter().filter(|t| !is_unit(t.1)).count();
        if let [(at, token)] = tokens.as_slice() {
            // 「52-19」 in a row of two (上一年项目数量, 本年增/减): the minus sign is the
            // one boundary there is.
            if let (2, 1, Some(minus)) = (cells, values, signed_last(token)) {
                self.inserts.push((at + minus, "\t"));
                self.separated += 1;
                return true;
            }
            // 「899-310589」: the minus sign of 本年增/减 starts a cell; 「176586650.10元」:
            // a count glued to an amount (采购项目数量, 采购总金额). No arithmetic says where
            // the cells end, nor whether a crawl dropped a blank one: the row is said with
            // its readings, not read.
            let readings = match (cells, values) {
                (3, 1) => signed_middle(token),
                (2, 1) => count_and_amount(token)
                    .map(|r| r.into_iter().map(|(c, a)| vec![c, a]).collect()),
                _ => None,
            };
            if let Some(readings) = readings {
                self.unread.push(UnreadRow {
                    what,
                    range: TextRange::new(*at, at + token.len()),
                    digits: token.to_string(),
                    reading: RowReading::Ambiguous(readings),
                });
                return false;
            }
        }
        if values == cells || !all_digits {
            // Cells already apart (or not counts): each gap a tab.
            self.separate(&tokens);
            self.separated += 1;
            return true;
        }
        let digits: String = tokens.iter().map(|t| t.1).collect();
        if digits.len() < cells {
            // Fewer digits than cells: a cell is missing, whatever the cut. Each digit
            // is a cell, and the row says it is short (`wrong-cell-count`).
            self.separate(&tokens);
            for (at, t) in &tokens {
                for i in 1..t.len() {
                    self.inserts.push((at + i, "\t"));
                }
            }
            self.separated += 1;
            return true;
        }
        let range = TextRange::new(first, tokens.last().map_or(end, |(a, t)| a + t.len()));
        let owned: Vec<(usize, usize)> = tokens.iter().map(|&(a, t)| (a, t.len())).collect();
        // Where the tokens meet, cells meet: a space is a separator that was kept.
        let texts: Vec<&str> = tokens.iter().map(|t| t.1).collect();
        let (_, found) = token_readings(&texts, shape);
        // A 第二十条第（一）项 row with last year's 现行有效件数 at hand: the cuts for which
        // last year's + 本年制发 − 本年废止 = 现行有效件数, when some are.
        let mut by_last_year = false;
        let found = match (self.in_force_before, found) {
            (Some(before), Found::Readings(r)) if r.len() > 1 => {
                let fits = in_force_fits(&texts, shape, before);
                by_last_year = fits.len() == 1;
                Found::Readings(if fits.is_empty() { r } else { fits })
            }
            (_, found) => found,
        };
        // No cut adds up: every cut, scored by the table's equations (table 三, with the
        // other rows) or by its groups' totals (table 四) — one wrong cell.
        let (found, loose) = match found {
            Found::Readings(r) if r.is_empty() && shape.totals => {
                let (_, every) = token_loose_readings(&texts, shape);
                match def {
                    Some(_) => (every, true),
                    None => (best_t4_cut(&digits, every), true),
                }
            }
            found => (found, false),
        };
        match found {
            Found::Readings(r) if r.len() == 1 && def.is_none() => {
                self.cut(&owned, &r[0]);
                self.recovered.push(range);
                if loose {
                    self.recovered_with_errors.push(range);
                }
                if by_last_year {
                    self.by_last_year.push(range);
                }
                true
            }
            Found::Readings(r) if !r.is_empty() && def.is_some() => {
                // (Its tokens are separated when it is decided or given up.)
                self.pending.push(Pending {
                    def: def.unwrap_or_default(),
                    what,
                    range,
                    tokens: owned,
                    digits,
                    readings: r,
                    loose,
                });
                false
            }
            found => {
                // Left as its tokens: the row is read with the wrong number of cells
                // (mapped to no columns, so no sum uses it), never as cells run together
                // (which would take the whole table out of the sums).
                self.separate(&tokens);
                let reading = reading_of(&digits, &found);
                self.unread.push(UnreadRow {
                    what,
                    range,
                    digits,
                    reading,
                });
                false
            }
        }
    }

    /// Tabs where a reading cuts the tokens' digits.
    pub(super) fn cut(&mut self, tokens: &[(usize, usize)], cuts: &[usize]) {
        let mut offsets: Vec<usize> = tokens
            .iter()
            .flat_map(|&(at, len)| (0..len).map(move |i| at + i))
            .collect();
        if let Some(&(at, len)) = tokens.last() {
            offsets.push(at + len);
        }
        let starts: Vec<usize> = tokens.iter().map(|t| t.0).collect();
        for &c in cuts {
            let at = offsets[c];
            if !starts.contains(&at) {
                self.inserts.push((at, "\t"));
            }
        }
        self.gaps(tokens.iter().skip(1).map(|t| t.0));
    }

    /// A tab before each of `starts`: a space before it becomes one, a tab is kept.
    pub(super) fn gaps(&mut self, starts: impl Iterator<Item = usize>) {
        for at in starts {
            match self.text.as_bytes().get(at.wrapping_sub(1)) {
                Some(b'\t') => {}
                Some(b' ') => self.tabs.push(at - 1),
                _ => self.inserts.push((at, "\t")),
            }
        }
    }

    /// Decides the pending rows of table 三 together (`recover::solve`): the one
    /// combination of their readings that breaks the fewest of the table's equations is
    /// read; rows that equally good combinations read differently stay unread, ambiguous.
    pub(super) fn resolve(&mut self, format: Format) {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return;
        }
        // (Every row of a flattened table ran together: none is only short of a space.)
        let rows: Vec<SolveRow> = pending
            .iter()
            .map(|p| SolveRow {
                loose: p.loose,
                run_together: true,
                readings: p.readings.len(),
            })
            .collect();
        let (verdicts, broken) = plan(&rows, |active| {
            let subset: Vec<&Pending> = active.iter().map(|&i| &pending[i]).collect();
            self.decide(&subset, format)
        });
        for (p, verdict) in pending.into_iter().zip(verdicts) {
            if let Verdict::Read(r) = verdict {
                self.cut(&p.tokens, &p.readings[r]);
                self.recovered.push(p.range);
                if broken > 0 {
                    self.recovered_with_errors.push(p.range);
                }
                continue;
            }
            // (Every row here ran together: none is left short.)
            let reading = verdict
                .unread(&p.digits, &p.readings)
                .unwrap_or(RowReading::Inconsistent);
            self.give_up(p, reading);
        }
    }

    /// The search over `pending`'s readings, against the equations of table 三 as built
    /// from the text with each of them cut its first way (one build, whatever the
    /// number of combinations).
    fn decide(&self, pending: &[&Pending], format: Format) -> Decision {
        let mut trial = self.clone();
        for p in pending {
            trial.cut(&p.tokens, &p.readings[0]);
        }
        let (region, _) = trial.render(self.t3_region.0, self.t3_region.1);
        let report = crate::build(
            &parse_str(&region),
            &Options {
                format: Some(format),
                ..Options::default()
            },
        );
        let Some(table) = report.tables3.first() else {
            return Decision::TooLong;
        };
        let mut table = table.clone();
        table.run_together = false;
        let mut rows = Vec::with_capacity(pending.len());
        for p in pending {
            let Some((row, _)) = table.row(p.def) else {
                return Decision::TooLong;
            };
            let readings = p
                .readings
                .iter()
                .map(|cuts| {
                    crate::recover::split::cells(&p.digits, cuts)
                        .iter()
                        .map(|c| crate::parse_number(c).map(|n| n.value))
                        .collect()
                })
                .collect();
            rows.push(Candidates { row, readings });
        }
        decide(&table, &rows)
    }

    /// Leaves a pending row unread: its tokens as they are, and why.
    fn give_up(&mut self, p: Pending, reading: RowReading) {
        self.gaps(p.tokens.iter().skip(1).map(|t| t.0));
        self.unread.push(UnreadRow {
            what: p.what,
            range: p.range,
            digits: p.digits,
            reading,
        });
    }

    /// A tab before each token but the first, and but a unit after its number
    /// (「6834.335 元」 is one cell).
    pub(super) fn separate(&mut self, tokens: &[(usize, &str)]) {
        let starts: Vec<usize> = tokens
            .iter()
            .skip(1)
            .filter(|t| !is_unit(t.1))
            .map(|t| t.0)
            .collect();
        self.gaps(starts.into_iter());
    }
}

/// The cuts of `tokens` into 本年制发件数, 本年废止件数 and 现行有效件数 for which
/// `before` (last year's 现行有效件数) + the first − the second = the third
/// (`arith::in_force_expected`).
fn in_force_fits(tokens: &[&str], shape: Shape, before: crate::Decimal) -> Vec<Vec<usize>> {
    let (digits, every) = token_loose_readings(tokens, shape);
    let Found::Readings(every) = every else {
        return Vec::new();
    };
    let value = |c: &str| crate::parse_number(c).map(|n| n.value);
    every
        .into_iter()
        .filter(|cuts| {
            let cells = crate::recover::split::cells(&digits, cuts);
            let [issued, repealed, in_force] = cells.as_slice() else {
                return false;
            };
            let expected = value(issued)
                .zip(value(repealed))
                .and_then(|(i, r)| crate::arith::in_force_expected(before, i, r));
            expected.is_some() && expected == value(in_force)
        })
        .take(crate::recover::split::MAX_READINGS)
        .collect()
}

/// Where the minus sign of `token` — a whole number, then a negative one (「52-19」:
/// 上一年项目数量, 本年增/减) — stands.
fn signed_last(token: &str) -> Option<usize> {
    let (first, rest) = token.split_once('-')?;
    let number = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    (number(first) && number(rest) && rest != "0").then_some(first.len())
}

/// The ways `token` — three whole numbers glued, the second negative (「899-310589」:
/// 上一年项目数量, 本年增/减, 处理决定数量) — reads as three cells: the first ends at the
/// minus sign, the second (with its sign) and the third are cut anywhere that leaves
/// neither starting with a 0 (but a cell of 「0」), or the third is blank (a crawl drops
/// blank cells). `None` when the token is not such a run.
fn signed_middle(token: &str) -> Option<Vec<Vec<String>>> {
    let (first, rest) = token.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| digits(s) && (s == "0" || !s.starts_with('0'));
    if !number(first) || !digits(rest) || rest.len() < 2 {
        return None;
    }
    let readings: Vec<Vec<String>> = (1..rest.len())
        .filter(|&i| number(&rest[..i]) && rest[..i] != *"0" && number(&rest[i..]))
        .map(|i| {
            vec![
                first.to_string(),
                format!("-{}", &rest[..i]),
                rest[i..].to_string(),
            ]
        })
        .chain(std::iter::once(vec![
            first.to_string(),
            format!("-{rest}"),
            BLANK.to_string(),
        ]))
        .collect();
    Some(readings)
}

/// A cell a crawl may have dropped, in the readings said.
const BLANK: &str = "（空白）";

/// The ways `token` — a whole number glued to a decimal amount, perhaps with its unit
/// (「176586650.10元」) — reads as a count and an amount: the count's digits, then the
/// amount as written, neither starting with a 0 (but an amount of 「0.50」); or a blank
/// count and the whole amount (a crawl drops blank cells). `None` when the
/// token is not such a run.
fn count_and_amount(token: &str) -> Option<Vec<(String, String)>> {
    let number = token.strip_suffix('元').unwrap_or(token);
    let number = number.strip_suffix('万').unwrap_or(number);
    let (whole, fraction) = number.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() < 2 || whole.starts_with('0') {
        return None;
    }
    let readings: Vec<(String, String)> = (1..whole.len())
        .filter(|&i| !whole[i..].starts_with('0') || i + 1 == whole.len())
        .map(|i| (whole[..i].to_string(), token[i..].to_string()))
        .chain(std::iter::once((BLANK.to_string(), token.to_string())))
        .collect();
    Some(readings)
}

#[cfg(test)]
mod tests {
    use super::{count_and_amount, signed_last, signed_middle};

    #[test]
    fn a_count_glued_to_an_amount() {
        let r = count_and_amount("1765.10元").expect("a count and an amount");
        let r: Vec<(&str, &str)> = r.iter().map(|(c, a)| (c.as_str(), a.as_str())).collect();
        assert_eq!(
            r,
            [
                ("1", "765.10元"),
                ("17", "65.10元"),
                ("176", "5.10元"),
                ("（空白）", "1765.10元")
            ]
        );
        // An amount starts with no 0 but 「0.xx」; a blank count is always a reading.
        let r = count_and_amount("30.5").expect("readings");
        let r: Vec<(&str, &str)> = r.iter().map(|(c, a)| (c.as_str(), a.as_str())).collect();
        assert_eq!(r, [("3", "0.5"), ("（空白）", "30.5")]);
        for not in ["5.10", "0176.1", "1765", "17a.1", "17.", ""] {
            assert_eq!(count_and_amount(not), None, "{not}");
        }
    }

    #[test]
    fn a_negative_change_between_two_counts() {
        let joined = |t: &str| -> Vec<String> {
            signed_middle(t)
                .expect("readings")
                .iter()
                .map(|c| c.join("、"))
                .collect()
        };
        assert_eq!(
            joined("899-310589"),
            [
                "899、-3、10589",
                "899、-310、589",
                "899、-3105、89",
                "899、-31058、9",
                "899、-310589、（空白）"
            ]
        );
        assert_eq!(joined("5-20"), ["5、-2、0", "5、-20、（空白）"]);
        for not in ["899310589", "-31", "899-3", "08-12", "8-0a"] {
            assert_eq!(signed_middle(not), None, "{not}");
        }
    }

    #[test]
    fn a_negative_change_after_a_count() {
        assert_eq!(signed_last("52-19"), Some(2));
        assert_eq!(signed_last("0-7"), Some(1));
        for not in ["5219", "-19", "52-", "52-0", "52-019", "05-19", "52-1a"] {
            assert_eq!(signed_last(not), None, "{not}");
        }
    }
}
