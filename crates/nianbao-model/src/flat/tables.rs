//! The tables of a flattened report laid out again: the 第二十条 blocks (caption, header,
//! each row label), table 三's rows in the template's order, table 四's header words and
//! its run of numbers.

use super::*;

impl Layout<'_> {
    pub(super) fn article20(&mut self, format: Format, start: usize, end: usize) {
        let specs = a20_specs(format);
        let mut cursor = start;
        for (i, spec) in specs.iter().enumerate() {
            let caption = a20_caption(spec.item);
            let Some((cs, ce)) = self.find(&caption, cursor, end) else {
                continue;
            };
            let block_end = specs[i + 1..]
                .iter()
                .find_map(|s| self.find(&a20_caption(s.item), ce, end).map(|(s, _)| s))
                .unwrap_or(end);
            self.inserts.push((cs, "\n"));
            self.inserts.push((ce, "\n"));
            let mut at = ce;
            // The header: 信息内容 and the column names, a cell each.
            if let Some((hs, he)) = self.find("信息内容", at, block_end) {
                let mut last = he;
                for column in spec.columns {
                    if let Some((s, e)) = self.header_word(column.name, last, block_end) {
                        self.inserts.push((s, "\t"));
                        last = e;
                    }
                }
                self.inserts.push((hs, "\n"));
                at = last;
            }
            let labels: Vec<Option<(usize, usize)>> = {
                let mut from = at;
                spec.rows
                    .iter()
                    .map(|l| {
                        // The label of either format (「规范性文件」 in a 2021 report),
                        // the longer one first: the shorter is inside it.
                        let found = row_label_forms(l)
                            .iter()
                            .filter_map(|form| self.find(form, from, block_end))
                            .min_by_key(|&(s, _)| s);
                        if let Some((_, e)) = found {
                            from = e;
                        }
                        found
                    })
                    .collect()
            };
            for (j, found) in labels.iter().enumerate() {
                let Some((ls, le)) = *found else { continue };
                let next = labels[j + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .map_or(block_end, |l| l.0);
                // The row's cells end where text that is no cell begins (a subheading
                // after the block's last row: 「7816 (二)主动公开政府信息的主要类别」),
                // which goes on a line of its own.
                let row_end = a20_cells_end(self.text, le, next);
                if row_end < next {
                    self.inserts.push((row_end, "\n"));
                }
                self.inserts.push((ls, "\n"));
                if self.text[le..row_end].trim().is_empty() {
                    continue;
                }
                self.inserts.push((le, "\t"));
                let shape = Shape {
                    groups: 1,
                    addends: spec.columns.len(),
                    totals: false,
                };
                let what = format!("{caption}「{}」", spec.rows[j]);
                if spec.item == 1 && format == Format::F2021 {
                    self.in_force_before = self.last_in_force.get(j).copied().flatten();
                }
                self.cells(what, le, row_end, shape, None);
                self.in_force_before = None;
            }
            cursor = block_end;
        }
    }

    /// A column name of a 第二十条 header, or the same with its first character
    /// mistyped (「先行有效件数」 for 现行有效件数): the model then says the header is
    /// not the template's (`article20-unknown-header`) instead of the header swallowing
    /// the row after it.
    fn header_word(&self, name: &str, from: usize, end: usize) -> Option<(usize, usize)> {
        if let Some(found) = self.find(name, from, end) {
            return Some(found);
        }
        let first = name.chars().next()?;
        let rest = &name[first.len_utf8()..];
        if rest.chars().count() < 4 {
            return None;
        }
        let (s, e) = self.find(rest, from, end)?;
        let before = self.text[from..s].chars().next_back()?;
        (!before.is_whitespace() && !before.is_ascii_digit()).then(|| (s - before.len_utf8(), e))
    }

    pub(super) fn table3(&mut self, format: Format, start: usize, end: usize) {
        let rows: Vec<usize> = (0..T3_ROWS.len())
            .filter(|&i| T3_ROWS[i].only.includes(format))
            .collect();
        let mut from = start;
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for &def in &rows {
            if let Some((s, e)) = self.find(T3_ROWS[def].label, from, end) {
                found.push((def, s, e));
                from = e;
            }
        }
        if found.len() < 3 {
            return;
        }
        for (k, &(def, s, e)) in found.iter().enumerate() {
            let next = found
                .get(k + 1)
                .map_or_else(|| self.numbers_end(e, end), |n| n.1);
            self.inserts.push((s, "\n"));
            if k + 1 == found.len() {
                self.inserts.push((next, "\n"));
            }
            if next <= e || self.text[e..next].trim().is_empty() {
                // A row of numbers with nothing before the next label: its cells are
                // blank (a crawl drops empty cells), not the row missing.
                if crate::template::t3_holds_numbers(def, format) {
                    self.inserts.push((e, BLANK_T3_CELLS));
                }
                continue;
            }
            self.inserts.push((e, "\t"));
            let what = format!("表三「{}」", T3_ROWS[def].label);
            self.cells(what, e, next, t3_shape(def), Some(def));
        }
    }

    /// Where the numbers after a table's last label end: at the first character that is
    /// neither a digit nor white space.
    pub(super) fn numbers_end(&self, from: usize, end: usize) -> usize {
        self.text[from..end]
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c.is_whitespace() || c == '.'))
            .map_or(end, |(i, _)| from + i)
    }

    pub(super) fn table4(&mut self, start: usize, end: usize) {
        let Some((hs, _)) = self.find("行政复议", start, end) else {
            return;
        };
        // The 15 numbers are the run of digits that ends the part.
        let run_start = self.text[hs..end]
            .trim_end()
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_digit() || c.is_whitespace() || "/-－—".contains(c))
            .last()
            .map(|(i, _)| hs + i);
        let Some(run_start) = run_start else { return };
        let run_start =
            run_start + (self.text[run_start..].len() - self.text[run_start..].trim_start().len());
        let run_end = hs + self.text[hs..end].trim_end().len();
        if run_start >= run_end {
            return;
        }
        self.inserts.push((hs, "\n"));
        // The header's words, a cell each (the reader knows table 四 by a short cell
        // naming 行政复议 or 行政诉讼).
        for word in [
            "行政诉讼",
            "未经复议直接起诉",
            "复议后起诉",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ] {
            let mut from = hs + 1;
            while let Some((s, e)) = self.find(word, from, run_start) {
                self.inserts.push((s, "\t"));
                from = e;
            }
        }
        self.inserts.push((run_start, "\n"));
        self.inserts.push((run_end, "\n"));
        debug_assert_eq!(T4_SHAPE.cells(), T4_CELLS);
        self.cells("表四".to_string(), run_start, run_end, T4_SHAPE, None);
    }
}

/// Where the cells of a 第二十条 row that starts at `from` end, at the latest `end`: at the
/// first character that can be no part of a cell — a digit (half- or full-width), white
/// space, a sign, a decimal point or separator, a blank marker, an amount's unit or a
/// count's measure word — after the last digit.
fn a20_cells_end(text: &str, from: usize, end: usize) -> usize {
    let cell_char = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || c.is_whitespace()
            || ".．,，+-－−＋/／\\—–━元万亿".contains(c)
            || crate::number::COUNTERS.contains(&c)
    };
    match text[from..end].char_indices().find(|&(_, c)| !cell_char(c)) {
        Some((i, _))
            if text[from..from + i]
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) =>
        {
            from + text[from..from + i].trim_end().len()
        }
        _ => end,
    }
}

/// The ways a 第二十条 row label is written in either format, the longer first: where both
/// are found at one place the longer is the label (`template::a20_row_matches` takes both
/// as the same row).
fn row_label_forms(label: &str) -> Vec<&str> {
    match label {
        "规范性文件" | "行政规范性文件" => vec!["行政规范性文件", "规范性文件"],
        other => vec![other],
    }
}
