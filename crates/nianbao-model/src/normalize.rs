//! Tolerant comparison of labels and titles: white space removed (reports put spaces
//! inside words, `结 果 维 持`), full-width ASCII folded to half-width, `、` read as `.`,
//! and a similarity measure for titles that are close to a standard one.

use std::borrow::Cow;

/// Folds a label for comparison: no white space, half-width brackets and punctuation,
/// `、` as `.`, `“”` kept.
/// Borrows `text` when folding would not change it (most numbers and many labels).
pub fn fold(text: &str) -> Cow<'_, str> {
    // Numbers and most ASCII: printable, no `*`, nothing to fold.
    if text.bytes().all(|b| b.is_ascii_graphic() && b != b'*') {
        return Cow::Borrowed(text);
    }
    let unchanged = |(_, ch): &(usize, char)| fold_char(*ch) == Some(*ch);
    let Some((at, _)) = text.char_indices().find(|c| !unchanged(c)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.extend(folded_chars(&text[at..]));
    Cow::Owned(out)
}

/// The characters of `fold(text)`, without building the string.
pub fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter_map(fold_char)
}

/// Whether `fold(text)` starts with `prefix` (which must be folded), reading only as much
/// of `text` as that takes.
pub fn folded_starts_with(text: &str, prefix: &str) -> bool {
    let mut chars = folded_chars(text);
    prefix.chars().all(|p| chars.next() == Some(p))
}

pub(crate) fn fold_char(ch: char) -> Option<char> {
    if ch.is_whitespace() || ch == '\u{feff}' || ch == '*' {
        return None;
    }
    Some(match ch {
        '、' | '．' | '。' => '.',
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '／' => '/',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
        _ => ch,
    })
}

/// The enumerator at the start of a folded label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enumerator {
    /// `一.` … (a top-level row or a part)
    Top(u8),
    /// `(一)` …
    Group(u8),
    /// `1.` …
    Item(u8),
    /// `(1)` … (a subsection's subsection)
    Paren(u8),
}

pub fn chinese_numeral(text: &str) -> Option<(u8, usize)> {
    fn digit(c: char) -> Option<u8> {
        Some(match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    let mut chars = text.chars();
    let first = chars.next()?;
    if first == '十' {
        return match chars.next().and_then(digit) {
            Some(d) => Some((10 + d, 6)),
            None => Some((10, 3)),
        };
    }
    Some((digit(first)?, first.len_utf8()))
}

/// Splits a folded label into its enumerator and the rest.
pub fn split_enumerator(folded: &str) -> (Option<Enumerator>, &str) {
    if let Some(rest) = folded.strip_prefix('(') {
        if let Some((n, len)) = chinese_numeral(rest) {
            if let Some(after) = rest[len..].strip_prefix(')') {
                return (Some(Enumerator::Group(n)), after.trim_start_matches('.'));
            }
        }
    }
    if let Some((n, len)) = chinese_numeral(folded) {
        if let Some(after) = folded[len..].strip_prefix('.') {
            return (Some(Enumerator::Top(n)), after);
        }
    }
    if let Some(rest) = folded.strip_prefix('(') {
        let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if (1..=2).contains(&digits) {
            if let Some(after) = rest[digits..].strip_prefix(')') {
                if let Ok(n) = rest[..digits].parse::<u8>() {
                    return (Some(Enumerator::Paren(n)), after.trim_start_matches('.'));
                }
            }
        }
    }
    let digits = folded.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &folded[digits..];
        if let Some(after) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            if let Ok(n) = folded[..digits].parse::<u8>() {
                return (Some(Enumerator::Item(n)), after);
            }
        }
    }
    (None, folded)
}

/// Dice similarity of the character bigrams of two folded texts, in 0.0–1.0 (used only
/// to tell a near-miss title from an unrelated line, never for numbers).
pub fn similarity(a: &str, b: &str) -> f64 {
    Bigrams::new(a).similarity(&Bigrams::new(b))
}

/// The character bigrams of a folded text, for [`similarity`] against many texts.
#[derive(Clone, Debug)]
pub struct Bigrams {
    text: String,
    /// Sorted: the shared bigrams (a multiset intersection) are counted by one merge.
    grams: Vec<(char, char)>,
}

impl Bigrams {
    pub fn new(folded: &str) -> Bigrams {
        let chars: Vec<char> = folded.chars().filter(|c| c.is_alphanumeric()).collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        Bigrams {
            text: folded.to_string(),
            grams,
        }
    }

    pub fn similarity(&self, other: &Bigrams) -> f64 {
        let (x, y) = (&self.grams, &other.grams);
        if x.is_empty() || y.is_empty() {
            return if self.text == other.text { 1.0 } else { 0.0 };
        }
        let total = x.len() + y.len();
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("三、 本 年 度 办 理 结 果"), "三.本年度办理结果");
        assert_eq!(
            fold("（二）部分公开（区分处理的，只计这一情形）"),
            "(二)部分公开(区分处理的,只计这一情形)"
        );
        assert_eq!(fold("１、属于国家秘密"), "1.属于国家秘密");
    }

    #[test]
    fn enumerators() {
        assert_eq!(
            split_enumerator("(七)总计"),
            (Some(Enumerator::Group(7)), "总计")
        );
        assert_eq!(
            split_enumerator("四.结转下年度继续办理"),
            (Some(Enumerator::Top(4)), "结转下年度继续办理")
        );
        assert_eq!(
            split_enumerator("4.保护第三方合法权益"),
            (Some(Enumerator::Item(4)), "保护第三方合法权益")
        );
        assert_eq!(split_enumerator("十二.x"), (Some(Enumerator::Top(12)), "x"));
        assert_eq!(
            split_enumerator("(3)公共查阅点"),
            (Some(Enumerator::Paren(3)), "公共查阅点")
        );
        assert_eq!(split_enumerator("规章"), (None, "规章"));
    }

    #[test]
    fn similar_titles() {
        assert!(
            similarity(
                "政府信息公开行政复议与行政诉讼情况",
                "政府信息公开行政复议.行政诉讼情况"
            ) > 0.8
        );
        assert!(similarity("履行法定职责,提升公开水平", "总体情况") < 0.2);
        assert_eq!(similarity("甲乙甲乙", "甲乙甲乙"), 1.0);
    }

    #[test]
    fn folding_lazily_agrees_with_folding() {
        for text in ["  第 二十条第（一）项", "**三、本年", "ＡＢ：", ""] {
            let folded = fold(text);
            for end in (0..=folded.len()).filter(|&i| folded.is_char_boundary(i)) {
                assert!(folded_starts_with(text, &folded[..end]), "{text:?} {end}");
            }
            assert!(!folded_starts_with(text, &format!("{folded}x")));
        }
    }
}
