//! Matching labels to template rows: the folded label of a table 三 row, as written in
//! any dress (cut short by a line break, after a vertical group label, with a remark),
//! to the row of `template::T3_ROWS` it names, or to none when that cannot be told.
//! Used by the table reader and by the part finder (a table 三 row written as a line is
//! no part title).

use crate::normalize::split_enumerator;
use crate::template::{self, T3_ROWS};

/// Maps a folded label to a template row of table 三, or `None` when it cannot be done
/// with confidence.
pub(crate) fn match_t3_label(folded: &str, group: Option<usize>) -> Option<usize> {
    if let Some(def) = match_t3_exactly(folded, group) {
        return Some(def);
    }
    // A character or two of a vertical group label may stand before the row's own
    // enumerator: `果4.保护第三方合法权益`.
    let (enumerator, _) = split_enumerator(folded);
    if enumerator.is_none() {
        for (i, _) in folded.char_indices().skip(1).take(10) {
            let rest = &folded[i..];
            if split_enumerator(rest).0.is_some() {
                return match_t3_exactly(rest, group);
            }
        }
    }
    None
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
