//! Placing table 三's items on template rows: pieces joined with their neighbours when
//! the joined text names exactly one row, then rows still unplaced on the one row their
//! order between placed rows leaves them.

use super::*;

/// Whether a template row holds numbers of its own (not a group label; （六） either way).
pub(super) fn is_data_row(def: usize) -> bool {
    def == template::T3_OTHER || !matches!(T3_ROWS[def].kind, T3Kind::Group | T3Kind::ResultsHeader)
}

/// The template rows pieces may be joined into: leaves, the inflow and the totals. Group
/// labels — and （六）其他处理, a group in the 2021 format — are what vertical labels
/// spell (`（六）其` / `他处理`): a row of numbers is never put on one by its pieces.
pub(super) fn joinable(def: usize) -> bool {
    !matches!(T3_ROWS[def].kind, T3Kind::ResultsHeader | T3Kind::Group) && def != template::T3_OTHER
}

/// The least share of a template label that a join must cover.
const MIN_COVER: f64 = 0.6;
/// How many items before and after a row its pieces are looked for in.
const REACH: usize = 8;

/// The template row the pieces around row `i` give, with the range of its label and the
/// pieces used.
pub(super) fn join(
    items: &[T3Item],
    i: usize,
    row: &RowItem,
    consumed: &[bool],
    taken: &[usize],
) -> Option<(usize, TextRange, Vec<usize>)> {
    let piece = |j: usize| match &items[j] {
        T3Item::Piece(p) if !consumed[j] => Some(p),
        _ => None,
    };
    let before: Vec<usize> = (i.saturating_sub(REACH)..i)
        .rev()
        .filter(|&j| piece(j).is_some())
        .collect();
    let after: Vec<usize> = (i + 1..(i + 1 + REACH).min(items.len()))
        .filter(|&j| piece(j).is_some())
        .collect();
    // What the row says of itself: its label cells joined, and each alone.
    let mut seeds: Vec<(String, TextRange, Option<usize>)> = Vec::new();
    if !row.labels.is_empty() {
        let joined: String = row.labels.iter().map(|(t, _)| t3_key(t)).collect();
        let range = row.labels[0].1.cover(row.labels[row.labels.len() - 1].1);
        seeds.push((joined, range, None));
        if row.labels.len() > 1 {
            for (t, r) in &row.labels {
                seeds.push((t3_key(t), *r, None));
            }
        }
    } else {
        // No label: a nearby piece stands for it (nearest first).
        for &j in before.iter().take(6).chain(after.iter().take(3)) {
            if let Some(p) = piece(j) {
                seeds.push((p.key.clone(), p.range, Some(j)));
            }
        }
    }
    // The best cover over every template row and seed.
    let mut best: Option<(f64, usize, TextRange, Vec<usize>)> = None;
    let mut second = 0.0f64;
    for def in (0..T3_ROWS.len()).filter(|&d| joinable(d) && !taken.contains(&d)) {
        let key = t3_template_key(def);
        let mut best_here: Option<(f64, TextRange, Vec<usize>)> = None;
        for (seed, range, seed_piece) in &seeds {
            let others = |list: &[usize]| -> Vec<usize> {
                list.iter()
                    .copied()
                    .filter(|&j| Some(j) != *seed_piece)
                    .collect()
            };
            let Some((covered, used)) = cover(key, seed, &others(&before), &others(&after), |j| {
                piece(j).map_or("", |p| p.key.as_str())
            }) else {
                continue;
            };
            let share = covered as f64 / key.chars().count().max(1) as f64;
            let mut used = used;
            used.extend(*seed_piece);
            if best_here.as_ref().is_none_or(|b| share > b.0) {
                best_here = Some((share, *range, used));
            }
        }
        let Some((share, range, used)) = best_here else {
            continue;
        };
        match &best {
            Some((b, ..)) if share <= *b => second = second.max(share),
            _ => {
                if let Some((b, ..)) = &best {
                    second = second.max(*b);
                }
                best = Some((share, def, range, used));
            }
        }
    }
    let (share, def, range, used) = best?;
    (share >= MIN_COVER && share - second >= 0.1).then_some((def, range, used))
}

/// How much of template key `key` the seed and pieces cover (in characters) and which
/// pieces: the seed must occur in it once; then pieces continue it leftwards (those
/// before the row first, nearest first) while one is exactly what precedes, and
/// rightwards likewise (those after first). A piece that continues nothing is skipped.
pub(super) fn cover<'k>(
    key: &str,
    seed: &str,
    before: &[usize],
    after: &[usize],
    text_of: impl Fn(usize) -> &'k str,
) -> Option<(usize, Vec<usize>)> {
    if seed.is_empty() {
        return None;
    }
    let pos = key.find(seed)?;
    if key[pos + seed.len()..].contains(seed) {
        return None; // ambiguous where it stands
    }
    let mut left = &key[..pos];
    let mut right = &key[pos + seed.len()..];
    let mut covered = seed.chars().count();
    let mut used = Vec::new();
    let order_left: Vec<usize> = before.iter().chain(after).copied().collect();
    for &j in &order_left {
        if left.is_empty() {
            break;
        }
        let t = text_of(j);
        if !t.is_empty() && left.ends_with(t) && !used.contains(&j) {
            left = &left[..left.len() - t.len()];
            covered += t.chars().count();
            used.push(j);
        }
    }
    let order_right: Vec<usize> = after.iter().chain(before).copied().collect();
    for &j in &order_right {
        if right.is_empty() {
            break;
        }
        let t = text_of(j);
        if !t.is_empty() && right.starts_with(t) && !used.contains(&j) {
            right = &right[t.len()..];
            covered += t.chars().count();
            used.push(j);
        }
    }
    Some((covered, used))
}

/// Places the rows still unplaced by their order: between two placed rows, the template
/// rows not yet used are the only places left; when the unplaced rows between them can
/// take them in exactly one way (in order, each where its piece of label fits), they are
/// placed so.
pub(super) fn place_by_order(items: &[T3Item], placed: &mut [Placed]) {
    let rows: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i], T3Item::Row(_)))
        .collect();
    let used: Vec<usize> = placed.iter().flatten().map(|p| p.0).collect();
    let split = used.iter().any(|d| template::T3_OTHER_LEAVES.contains(d));
    let single = used.contains(&template::T3_OTHER);
    let slot_ok = |d: usize| {
        (joinable(d) || d == template::T3_OTHER)
            && !used.contains(&d)
            && !(split && d == template::T3_OTHER)
            && !(single && template::T3_OTHER_LEAVES.contains(&d))
    };
    let mut k = 0;
    while k < rows.len() {
        if placed[rows[k]].is_some() {
            k += 1;
            continue;
        }
        // A run of unplaced rows, between placed ones (or the table's ends).
        let start = k;
        while k < rows.len() && placed[rows[k]].is_none() {
            k += 1;
        }
        let low = start
            .checked_sub(1)
            .and_then(|p| placed[rows[p]])
            .map_or(0, |p| p.0 + 1);
        let high = rows
            .get(k)
            .and_then(|&r| placed[r])
            .map_or(T3_ROWS.len(), |p| p.0);
        if low >= high {
            continue;
        }
        let slots: Vec<usize> = (low..high).filter(|&d| slot_ok(d)).collect();
        let run: Vec<usize> = rows[start..k].to_vec();
        let fits = |i: usize, d: usize| -> bool {
            let T3Item::Row(row) = &items[i] else {
                return false;
            };
            row.labels
                .iter()
                .all(|(t, _)| t3_template_key(d).contains(t3_key(t).as_str()))
        };
        if let Some(assignment) = unique_assignment(&run, &slots, fits) {
            for (i, d) in run.into_iter().zip(assignment) {
                let T3Item::Row(row) = &items[i] else {
                    continue;
                };
                let range = row
                    .labels
                    .first()
                    .map_or(TextRange::empty(row.range.start), |(_, r)| *r);
                placed[i] = Some((d, range, Placement::Order));
            }
        }
    }
}

/// The one way to give each of `rows`, in order, a distinct slot, in order, that fits it;
/// `None` when there is none or more than one.
pub(super) fn unique_assignment(
    rows: &[usize],
    slots: &[usize],
    fits: impl Fn(usize, usize) -> bool,
) -> Option<Vec<usize>> {
    let (m, n) = (rows.len(), slots.len());
    if m == 0 || m > n {
        return None;
    }
    // ways[i][j]: how many ways rows i.. take slots j.. (counted up to 2).
    let mut ways = vec![vec![0u8; n + 1]; m + 1];
    ways[m].fill(1);
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let take = if fits(rows[i], slots[j]) {
                ways[i + 1][j + 1]
            } else {
                0
            };
            ways[i][j] = (ways[i][j + 1] + take).min(2);
        }
    }
    if ways[0][0] != 1 {
        return None;
    }
    let mut out = Vec::with_capacity(m);
    let (mut i, mut j) = (0, 0);
    while i < m {
        if fits(rows[i], slots[j]) && ways[i + 1][j + 1] == 1 {
            out.push(slots[j]);
            i += 1;
        }
        j += 1;
    }
    Some(out)
}
