//! Matching labels to template rows: the folded label of a table 三 row, as written in
//! any dress (cut short by a line break, after a vertical group label, with a remark),
//! to the row of `template::T3_ROWS` it names, or to none when that cannot be told.
//! Used by the table reader and by the part finder (a table 三 row written as a line is
//! no part title).

use std::sync::LazyLock;

use crate::normalize::{split_enumerator, Bigrams, Enumerator};
use crate::template::{self, T3Kind, T3_ROWS};
use crate::Placement;

/// The template row of table 三 a label names exactly (in any dress: punctuation, width,
/// spaces), group labels without numbers (`三、本年度办理结果`, `（三）不予公开`) included.
pub fn t3_row_named(label: &str) -> Option<usize> {
    match_t3_exactly(&crate::normalize::fold(label), None)
}

/// Maps a folded label to a template row of table 三, or `None` when it cannot be done
/// with confidence.
pub(crate) fn match_t3_label(folded: &str, group: Option<usize>) -> Option<usize> {
    match_t3(folded, group).map(|(def, _)| def)
}

/// Maps a folded label to a template row of table 三, saying how: the template's label
/// in any dress (`Label`), or close to it and to no other row (`Variant`).
///
/// Remembered per thread, for the labels met last (a pure function of its arguments): a
/// report rebuilt after a keystroke in a cell matches the same labels again, and a
/// look-up costs a fraction of a match.
pub(crate) fn match_t3(folded: &str, group: Option<usize>) -> Option<(usize, Placement)> {
    use std::hash::{Hash, Hasher};
    type Found = Option<(usize, Placement)>;
    /// By the hash of the label and group: the label kept to tell a collision.
    type Memo = rustc_hash::FxHashMap<u64, (Box<str>, Option<usize>, Found)>;
    /// Labels remembered before the memo is emptied: more than a few documents hold.
    const REMEMBERED: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    }
    let mut h = rustc_hash::FxHasher::default();
    folded.hash(&mut h);
    group.hash(&mut h);
    let key = h.finish();
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some((label, g, found)) = memo.get(&key) {
            if &**label == folded && *g == group {
                return *found;
            }
        }
        let found = match_t3_uncached(folded, group);
        if memo.len() >= REMEMBERED {
            memo.clear();
        }
        memo.insert(key, (folded.into(), group, found));
        found
    })
}

fn match_t3_uncached(folded: &str, group: Option<usize>) -> Option<(usize, Placement)> {
    if let Some(def) = match_t3_exactly(folded, group) {
        return Some((def, Placement::Label));
    }
    // A character or two of a vertical group label may stand before the row's own
    // enumerator: `果4.保护第三方合法权益`, `(五)不3.要求提供公开出版物`.
    for (i, _) in folded.char_indices().skip(1).take(10) {
        let rest = &folded[i..];
        if matches!(
            split_enumerator(rest).0,
            Some(Enumerator::Item(_) | Enumerator::Group(_))
        ) {
            if let Some(def) = match_t3_exactly(rest, group) {
                return Some((def, Placement::Label));
            }
        }
    }
    let key = t3_key(folded);
    if key.chars().count() < 4 {
        return None;
    }
    // Another punctuation: `1.申请人无正当理由逾期不补正，行政机关…` for `、`.
    let same: Vec<usize> = (0..T3_ROWS.len())
        .filter(|&d| T3_KEYS[d].0 == key || T3_KEYS[d].1 == key)
        .collect();
    if let [only] = same[..] {
        return Some((only, Placement::Variant));
    }
    similar(&key, folded).map(|def| (def, Placement::Variant))
}

/// A small typo (`2.其他法律行政止公开`): the template row whose label is most like this
/// one, when it is like it (Dice similarity of character bigrams at least 0.7, or 0.85
/// without an enumerator), clearly more than like any other row (by 0.15), about as long
/// (a piece of a wrapped label, `由大量反复申请`, is no typo) and written with the same
/// enumerator.
fn similar(key: &str, folded: &str) -> Option<usize> {
    const MIN: f64 = 0.7;
    const MIN_UNNUMBERED: f64 = 0.85;
    const MARGIN: f64 = 0.15;
    let chars = key.chars().count();
    // (Longer than any label can be when it is about as long as a template row's: the
    // longest has 37 characters. Long cells of flattened text end here, unmeasured.)
    if !(6..=80).contains(&chars) {
        return None;
    }
    let (enumerator, _) = split_enumerator(folded);
    let grams = Bigrams::new(key);
    // The best score (the first row that has it) and the next best, in one pass.
    let (mut best, mut def, mut second) = (f64::NEG_INFINITY, usize::MAX, 0.0f64);
    for d in (0..T3_ROWS.len()).filter(|&d| T3_ROWS[d].kind != T3Kind::ResultsHeader) {
        let score = T3_KEYS[d].2.similarity(&grams);
        if def == usize::MAX {
            (best, def) = (score, d);
        } else if score > best {
            second = best;
            (best, def) = (score, d);
        } else {
            second = second.max(score);
        }
    }
    let numbered = enumerator
        .as_ref()
        .is_none_or(|e| template::t3_enumerator(def) == *e);
    let min = if enumerator.is_some() {
        MIN
    } else {
        MIN_UNNUMBERED
    };
    let template_chars = T3_KEYS[def].0.chars().count();
    let as_long = chars * 10 >= template_chars * 7;
    (best >= min && best - second >= MARGIN && numbered && as_long).then_some(def)
}

/// A label with its punctuation and brackets removed, for comparing pieces of labels:
/// `（二）部分公开（区分处理的，…）` → `二部分公开区分处理的…`.
pub(crate) fn t3_key(folded: &str) -> String {
    // Sized once: collecting from a filter grows the string again and again.
    let mut key = String::with_capacity(folded.len());
    key.extend(folded.chars().filter(|c| {
        !c.is_whitespace()
            && !matches!(
                c,
                '.' | ',' | ';' | ':' | '(' | ')' | '、' | '"' | '“' | '”' | '\'' | '/' | '-'
            )
    }));
    key
}

/// Each template row's key with its enumerator, without, and the bigrams of the former.
static T3_KEYS: LazyLock<Vec<(String, String, Bigrams)>> = LazyLock::new(|| {
    T3_ROWS
        .iter()
        .map(|def| {
            let full = t3_key(&crate::normalize::fold(def.label));
            let core = t3_key(def.core);
            let grams = Bigrams::new(&full);
            (full, core, grams)
        })
        .collect()
});

/// The key of template row `def`, with its enumerator.
pub(crate) fn t3_template_key(def: usize) -> &'static str {
    &T3_KEYS[def].0
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    #[test]
    fn labels_in_another_dress_or_with_a_typo() {
        let m = |s: &str| match_t3(&fold(s), None).map(|(i, how)| (T3_ROWS[i].label, how));
        assert_eq!(
            m("1. 申请人无正当理由逾期不补正, 行政机关不再处理其政府信息公开申请"),
            Some((T3_ROWS[25].label, Placement::Variant))
        );
        assert_eq!(
            m("2.其他法律行政止公开"),
            Some(("2.其他法律行政法规禁止公开", Placement::Variant))
        );
        assert_eq!(
            m("（五）不 3.要求提供公开出版物"),
            Some(("3.要求提供公开出版物", Placement::Label))
        );
        assert_eq!(
            m("1、属于国家秘密"),
            Some(("1.属于国家秘密", Placement::Label))
        );
        // Nothing close enough, or close to two rows alike: no row.
        assert_eq!(m("9.其他不公开的情形"), None);
        assert_eq!(m("行政机关不再处理其政府信息公开申请"), None);
    }

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
}
