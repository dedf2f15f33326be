//! What the prose of a report says beyond its figures, for the checks the notices ask of
//! the text: how long a part is, its sentences (to tell a part copied from last year's
//! report), and whether part 六 reports the 信息处理费.
//!
//! The phrase patterns are a table of named `regex` patterns ([`PATTERNS`]), each
//! compiled once, the first time a text needs it (a text without 「费」 never compiles
//! the fee patterns), and each tested with examples. They run per paragraph, and an
//! open document's paragraphs are read once (`prose::Cache`): a keystroke in a table
//! never runs them.
//!
//! Three things are written out by hand instead, because that is faster and no less
//! clear: sentence boundaries (a cut after each end mark — a regex finds the same
//! sentences at three times the instructions, searching each match's start backwards),
//! the years taken out of a sentence's key (four digits before 年, seen in the one pass
//! that folds and hashes the sentence, where a regex would copy each sentence first),
//! and the figures `prose` reads (an Aho-Corasick automaton of all keywords in one pass,
//! then clause logic — the number right after the keyword, no other keyword between).

use std::sync::{Arc, Mutex, OnceLock};

use nianbao_syntax::{SharedStr, TextRange};

mod sentences;
use regex::Regex;
use sentences::scan;

/// A named phrase pattern, with texts it must and must not match.
pub struct Pattern {
    pub name: &'static str,
    pub regex: &'static str,
    pub matches: &'static [&'static str],
    pub not: &'static [&'static str],
}

/// Every phrase pattern of the text checks.
pub const PATTERNS: [Pattern; 3] = [
    Pattern {
        name: "fee",
        // The fee in any wording, or the 办法 that governs it.
        regex: r"信息处理费|处理费管理办法",
        matches: &[
            "2021年，无收取信息处理费情况。",
            "本机关未收取信息处理费。",
            "全年收取政府信息公开信息处理费3940 元",
            "依据《政府信息公开信息处理费管理办法》，本年度未发生收费。",
        ],
        not: &["本年度行政事业性收费 12 万元。", "无其他需要报告的事项。"],
    },
    Pattern {
        name: "fee-placeholder",
        // The 2021 template's own cell, or the sentence completion offers before its
        // amount is filled in: placeholders, not statements.
        regex: r"[（(]\s*文字描述\s*[，,]\s*收取信息处理费情况在此处报告\s*[。.]?\s*[）)]|信息处理费\s*[（(]\s*金额\s*[）)]",
        matches: &[
            "（文字描述，收取信息处理费情况在此处报告。）",
            "(文字描述, 收取信息处理费情况在此处报告)",
            "本年度收取信息处理费（金额）元。",
        ],
        not: &["本年度未收取信息处理费。"],
    },
    Pattern {
        name: "fee-loose",
        // Fees said of without the 办法's name 「信息处理费」: a statement a reader takes for
        // the fee's, though not in the notice's words.
        // Not 行政事业性收费, another fee the report states in part 二.
        regex: r"处理费|(?:^|[^性])收费|收取.{0,8}费用",
        matches: &[
            "2025 年度本机关未收取信息公开处理费。",
            "2023年度，县发展和改革局政府信息公开未发生收费情况。",
            "本年度未向申请人收取任何费用。",
        ],
        not: &[
            "无其他需要报告的事项。",
            "本年度行政事业性收费 12 万元。",
            "本机关无行政事业性收费项目。",
        ],
    },
];

/// The compiled patterns, in the order of [`PATTERNS`], each compiled when first used.
static COMPILED: [OnceLock<Option<Regex>>; PATTERNS.len()] =
    [const { OnceLock::new() }; PATTERNS.len()];

fn pattern(name: &str) -> Option<&'static Regex> {
    let i = PATTERNS.iter().position(|p| p.name == name)?;
    COMPILED[i]
        .get_or_init(|| Regex::new(PATTERNS[i].regex).ok())
        .as_ref()
}

/// Whether `c` ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// What a paragraph mentions of the 信息处理费.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fee {
    #[default]
    None,
    /// Fees said of, but not as 「信息处理费」 (「未收取信息公开处理费」, 「未发生收费情况」):
    /// `Facts::fee_at` is where.
    Loose,
    /// A placeholder left where the fee is to be stated: the template's sentence, or
    /// completion's before its amount is filled in (`Facts::fee_at` is where). It
    /// outranks a loose wording: it must go in any case.
    Placeholder,
    /// A statement about the fee, in any wording.
    Stated,
}

/// A sentence of prose: where it is and its key — its text with whitespace and years
/// taken out, hashed — so that this year's and last year's editions of one sentence have
/// the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub range: TextRange,
    pub key: u64,
}

/// What a paragraph's (or a heading's) text says: its characters (whitespace not
/// counted), its sentences (at offsets from the text's start) and what it says of the
/// fee. Each is worked out when first asked for, and kept: most are asked of one part
/// only (its length of part 一 and 五, the fee of part 六), the sentences only where last
/// year's report is at hand; and an open document keeps its paragraphs' facts between
/// keystrokes (`prose::Cache`).
pub struct Facts {
    text: SharedStr,
    chars: OnceLock<usize>,
    sentences: OnceLock<Vec<Sentence>>,
    fee: OnceLock<(Fee, Option<TextRange>)>,
    /// The sentences found in a part of last year's report: (that part's id, how many).
    same: Mutex<Option<(u64, usize)>>,
}

impl Facts {
    pub fn new(text: SharedStr) -> Facts {
        Facts {
            text,
            chars: OnceLock::new(),
            sentences: OnceLock::new(),
            fee: OnceLock::new(),
            same: Mutex::new(None),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its characters, whitespace not counted.
    pub fn chars(&self) -> usize {
        *self
            .chars
            .get_or_init(|| self.text.chars().filter(|c| !c.is_whitespace()).count())
    }

    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.get_or_init(|| scan(&self.text))
    }

    /// What it says of the fee, and where (for [`Fee::Loose`] and [`Fee::Placeholder`]).
    pub fn fee(&self) -> (Fee, Option<TextRange>) {
        *self.fee.get_or_init(|| fee(&self.text))
    }

    /// How many of its sentences have their key in `keys` (sorted), the keys of the part
    /// of last year's report whose id is `id`: counted once for that part, then kept.
    fn same_as(&self, id: u64, keys: &[u64]) -> usize {
        let mut same = self.same.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((of, n)) = *same {
            if of == id {
                return n;
            }
        }
        COMPARED.with(|c| c.set(c.get() + 1));
        let n = self
            .sentences()
            .iter()
            .filter(|s| keys.binary_search(&s.key).is_ok())
            .count();
        *same = Some((id, n));
        n
    }
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts").field("text", &self.text).finish()
    }
}

thread_local! {
    /// Paragraphs whose sentences this thread compared with a part of last year's report.
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many times this thread has compared a paragraph's sentences with a part of last
/// year's report (not counting comparisons kept from before): for the tests that a
/// keystroke in a table compares nothing again.
pub fn paragraphs_compared() -> usize {
    COMPARED.with(std::cell::Cell::get)
}

/// What `text` says of the fee, and where.
fn fee(text: &str) -> (Fee, Option<TextRange>) {
    static FEE: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            ["费", "处理费"].map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
        });
    let [any_fee, processing_fee] = &*FEE;
    let loose = || match loose(text) {
        Some(at) => (Fee::Loose, Some(at)),
        None => (Fee::None, None),
    };
    if any_fee.find(text.as_bytes()).is_none() {
        return (Fee::None, None);
    }
    if processing_fee.find(text.as_bytes()).is_none() {
        return loose();
    }
    let placeholders: Vec<(usize, usize)> = pattern("fee-placeholder")
        .map(|p| p.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default();
    let outside = pattern("fee").is_some_and(|p| {
        p.find_iter(text).any(|m| {
            !placeholders
                .iter()
                .any(|&(s, e)| s <= m.start() && m.end() <= e)
        })
    });
    match (outside, placeholders.first()) {
        (true, _) => (Fee::Stated, None),
        (false, Some(&(start, end))) => (Fee::Placeholder, Some(TextRange::new(start, end))),
        (false, None) => loose(),
    }
}

/// The sentence (or the words, when no sentence holds them) where `text` says of fees
/// in other words than the 办法's.
fn loose(text: &str) -> Option<TextRange> {
    let m = pattern("fee-loose")?.find(text)?;
    let at = scan(text)
        .into_iter()
        .map(|s| s.range)
        .find(|s| s.start <= m.start() && m.end() <= s.end);
    Some(at.unwrap_or(TextRange::new(m.start(), m.end())))
}

/// A paragraph or heading of a part, with its facts.
#[derive(Clone, Debug)]
struct Piece {
    /// Where its text starts in the document.
    base: usize,
    facts: Arc<Facts>,
}

/// The prose of a part: its paragraphs and headings (tables are not prose), with what
/// they say together — each worked out when asked for (see [`Facts`]).
#[derive(Clone, Debug)]
pub struct PartText {
    pub part: crate::Part,
    /// Its heading.
    pub heading: TextRange,
    pieces: Vec<Piece>,
}

impl PartialEq for PartText {
    fn eq(&self, other: &PartText) -> bool {
        self.part == other.part
            && self.heading == other.heading
            && self.pieces.len() == other.pieces.len()
            && self
                .pieces
                .iter()
                .zip(&other.pieces)
                .all(|(a, b)| a.base == b.base && a.facts.text == b.facts.text)
    }
}

impl Eq for PartText {}

impl PartText {
    pub(crate) fn new(part: crate::Part, heading: TextRange) -> PartText {
        PartText {
            part,
            heading,
            pieces: Vec::new(),
        }
    }

    /// Adds a paragraph or heading whose text starts at `base` in the document.
    pub(crate) fn push(&mut self, base: usize, facts: Arc<Facts>) {
        self.pieces.push(Piece { base, facts });
    }

    pub(crate) fn shift(&mut self, map: impl Fn(TextRange) -> TextRange) {
        self.heading = map(self.heading);
        for p in &mut self.pieces {
            p.base = map(TextRange::empty(p.base)).start;
        }
    }

    /// Characters of its prose, whitespace not counted.
    pub fn chars(&self) -> usize {
        self.pieces.iter().map(|p| p.facts.chars()).sum()
    }

    /// Characters of its prose, whitespace not counted, up to `most + 1`: what tells a
    /// short part without counting a long one through.
    pub fn chars_up_to(&self, most: usize) -> usize {
        let mut n = 0;
        for p in &self.pieces {
            if let Some(&known) = p.facts.chars.get() {
                n += known;
            } else {
                n += p
                    .facts
                    .text()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(most + 1 - n)
                    .count();
            }
            if n > most {
                return most + 1;
            }
        }
        n
    }

    /// The text of its prose, the pieces one after another, when it has at most `most`
    /// characters (a part 五 of 「无」).
    pub fn short_text(&self, most: usize) -> Option<String> {
        (self.chars_up_to(most) <= most).then(|| {
            self.pieces
                .iter()
                .map(|p| p.facts.text().trim())
                .collect::<String>()
        })
    }

    /// Its sentences with their text (as read: for an HTML paragraph, without its
    /// markup, so not always the document's bytes at the range).
    pub fn sentence_texts(&self) -> impl Iterator<Item = (Sentence, &str)> + '_ {
        self.pieces.iter().flat_map(|p| {
            p.facts.sentences().iter().map(move |s| {
                let text = p.facts.text().get(s.range.start..s.range.end).unwrap_or("");
                (
                    Sentence {
                        range: s.range.shifted(p.base as isize),
                        key: s.key,
                    },
                    text,
                )
            })
        })
    }

    /// Its sentences, at document offsets.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence> + '_ {
        self.pieces.iter().flat_map(|p| {
            p.facts.sentences().iter().map(move |s| Sentence {
                range: s.range.shifted(p.base as isize),
                key: s.key,
            })
        })
    }

    /// What it says of the fee: the most any piece says, with where (document offsets)
    /// and the words there.
    pub fn fee(&self) -> (Fee, Option<(TextRange, &str)>) {
        let mut best = (Fee::None, None);
        for p in &self.pieces {
            let (fee, at) = p.facts.fee();
            if fee > best.0 {
                let said = at.and_then(|r| {
                    Some((
                        r.shifted(p.base as isize),
                        p.facts.text().get(r.start..r.end)?,
                    ))
                });
                best = (fee, said);
            }
        }
        best
    }

    /// How many of its sentences have their key in `keys` (sorted), the keys of the
    /// same part of last year's report, whose id is `id` (`years::HandedPart`): each
    /// paragraph compared once with that part, then kept.
    pub fn same_as(&self, id: u64, keys: &[u64]) -> usize {
        self.pieces.iter().map(|p| p.facts.same_as(id, keys)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Facts {
        Facts::new(text.into())
    }

    #[test]
    fn every_pattern_compiles_and_matches_its_examples() {
        for p in &PATTERNS {
            let re = pattern(p.name).unwrap_or_else(|| panic!("{} compiles", p.name));
            for m in p.matches {
                assert!(re.is_match(m), "{} must match {m}", p.name);
            }
            for n in p.not {
                assert!(!re.is_match(n), "{} must not match {n}", p.name);
            }
        }
    }

    #[test]
    fn the_same_sentence_of_two_years_has_one_key() {
        let a = facts("2023年，本机关主动公开政府信息 12 条。二〇二三年 全年无行政复议。");
        let b = facts("2024 年，本机关主动公开政府信息 12 条。二〇二四年全年无行政复议。");
        assert_eq!(a.sentences().len(), 2);
        assert_eq!(
            a.sentences().iter().map(|s| s.key).collect::<Vec<_>>(),
            b.sentences().iter().map(|s| s.key).collect::<Vec<_>>()
        );
        let c = facts("2024年，本机关主动公开政府信息 13 条。");
        assert_ne!(a.sentences()[0].key, c.sentences()[0].key, "another number");
        // Four digits or numerals before 年, whitespace between: a year; fewer: not.
        let key_of = |t: &str| facts(t).sentences()[0].key;
        assert_eq!(
            key_of("截至２０２３　年底，共有文件。"),
            key_of("截至2024年底，共有文件。")
        );
        assert_ne!(
            key_of("本机关成立于23年前，共有文件。"),
            key_of("本机关成立于24年前，共有文件。")
        );
        assert_eq!(
            key_of("第12023年度共有文件。"),
            key_of("第12024年度共有文件。")
        );
        assert_ne!(
            key_of("第12023年度共有文件。"),
            key_of("第22024年度共有文件。")
        );
        // Too short to count, and a caption without an end mark.
        assert!(facts("无。第二十条第（一）项").sentences().is_empty());
        // Sentences end at an end mark, not across a line; each is trimmed.
        let text = "标题没有句号\n  本年度未收取信息处理费。 是否依法公开？；\n下一步将加强培训!";
        let f = facts(text);
        let found: Vec<&str> = f
            .sentences()
            .iter()
            .map(|s| &text[s.range.start..s.range.end])
            .collect();
        assert_eq!(
            found,
            [
                "本年度未收取信息处理费。",
                "是否依法公开？",
                "下一步将加强培训!"
            ]
        );
        // A closing mark after the end mark belongs to the sentence before, not the next.
        let quoted = facts("他说“本年度无信息处理费。”下一步将加强培训。");
        let plain = facts("本年度无信息处理费。下一步将加强培训。");
        assert_eq!(quoted.sentences()[1].key, plain.sentences()[1].key);
    }

    #[test]
    fn the_fee_stated_or_only_its_placeholder() {
        assert_eq!(facts("2021年，无收取信息处理费情况。").fee().0, Fee::Stated);
        assert_eq!(
            facts("（文字描述，收取信息处理费情况在此处报告。）")
                .fee()
                .0,
            Fee::Placeholder
        );
        assert_eq!(
            facts("（文字描述，收取信息处理费情况在此处报告。）本年度未收取信息处理费。")
                .fee()
                .0,
            Fee::Stated
        );
        assert_eq!(
            facts("本年度收取信息处理费（金额）元。").fee().0,
            Fee::Placeholder
        );
        assert_eq!(facts("无其他需要报告的事项。").fee().0, Fee::None);
        let said = "无其他事项。2025 年度本机关未收取信息公开处理费。";
        let f = facts(said);
        let (fee, at) = f.fee();
        assert_eq!(fee, Fee::Loose);
        let at = at.unwrap();
        assert_eq!(
            &said[at.start..at.end],
            "2025 年度本机关未收取信息公开处理费。"
        );
        assert_eq!(
            facts("行政事业性收费 3 万元。本年度未收取信息处理费。")
                .fee()
                .0,
            Fee::Stated
        );
        assert_eq!(facts("本机关无行政事业性收费项目。").fee().0, Fee::None);
        // A placeholder left beside a loose wording is what is said.
        assert_eq!(
            facts("未发生收费情况。（文字描述，收取信息处理费情况在此处报告。）")
                .fee()
                .0,
            Fee::Placeholder
        );
        assert_eq!(facts("本年度 3 个部门 48 字").chars(), 10);
    }
}
