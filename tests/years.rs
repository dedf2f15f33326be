//! Pairs of reports made from one: the same body's report of the year before, for the
//! cross-year checks (`last-year-mismatch`). The findings the pair must give are known by
//! construction: the report of the year before carries over exactly what this year's
//! carries in, except where a test says otherwise.

use nianbao_model::template::{T3_CARRIED_IN, T3_CARRIED_OVER};
use nianbao_model::{Decimal, Options, Report};

/// This year's 「二、上年结转」 of the report's first table 三, by standard column, when
/// every cell holds a count.
pub fn carried_in(report: &Report) -> Option<[Decimal; 7]> {
    let table = report.tables3.first()?;
    let (_, row) = table.row(T3_CARRIED_IN)?;
    if !table.is_mapped(row) || table.run_together {
        return None;
    }
    let mut out = [Decimal::ZERO; 7];
    for (col, slot) in out.iter_mut().enumerate() {
        *slot = row.cells.get(table.cell_index(col))?.count()?;
    }
    Some(out)
}

/// `text` as the same body's report of the year before: the year in its title one less,
/// and its first table 三's 「四、结转下年度继续办理」 cells `carried_over` (by standard
/// column). `None` when the text has no title with a year, or no such row to rewrite.
pub fn year_before(text: &str, carried_over: &[Decimal; 7]) -> Option<String> {
    let report = nianbao_model::build_text(text, &Options::default())
        .into_iter()
        .next()?;
    let title = report.title.as_ref()?;
    let year = title.year?;
    let table = report.tables3.first()?;
    let (_, row) = table.row(T3_CARRIED_OVER)?;
    if !table.is_mapped(row) {
        return None;
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let in_title = text.get(title.range.start..title.range.end)?;
    let at = title.range.start + in_title.find(&year.to_string())?;
    edits.push((at..at + 4, (year - 1).to_string()));
    for (col, value) in carried_over.iter().enumerate() {
        let cell = row.cells.get(table.cell_index(col))?;
        if cell.range.is_empty() {
            return None;
        }
        edits.push((cell.range.start..cell.range.end, value.to_string()));
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    Some(out)
}

/// `text` with every sentence of its parts' prose changed (a word put before its end
/// mark), except the sentences of the parts in `kept`: a report of the year before
/// whose prose was written anew but for those parts.
pub fn prose_rewritten(text: &str, kept: &[nianbao_model::Part]) -> String {
    let Some(report) = nianbao_model::build_text(text, &Options::default())
        .into_iter()
        .next()
    else {
        return text.to_string();
    };
    let mut ends: Vec<usize> = report
        .texts
        .iter()
        .filter(|t| !kept.contains(&t.part))
        .flat_map(|t| t.sentences())
        .filter_map(|s| {
            let last = text.get(s.range.start..s.range.end)?.chars().next_back()?;
            Some(s.range.end - last.len_utf8())
        })
        .collect();
    ends.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = text.to_string();
    for at in ends {
        out.insert_str(at, "（上年）");
    }
    out
}
