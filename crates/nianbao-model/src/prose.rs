//! Figures the prose states that the tables also hold: 「共收到政府信息公开申请 21 件」,
//! 「结转下年度继续办理 5 件」, 「行政复议案件 2 件」, 「本年度制发行政规范性文件 77 件」.
//!
//! Only clear statements are read: within one clause (between 。，；), a keyword that
//! names the figure, then — before any other number — the number and 「件」. A clause that
//! speaks of part of the whole or of other years (其中, 累计, 历年, 同比, 占, %) says
//! nothing. Numbers in Chinese numerals (「二十一件」) are understood.

use nianbao_syntax::{Block, BlockKind, TextRange};

use crate::Decimal;

/// What a statement says a count is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// Applications received this year (table 三 row 一; or 一 + 二 when the prose counts
    /// the carried-in ones too).
    Received,
    /// Carried in from last year (row 二).
    CarriedIn,
    /// Handled this year (（七）总计).
    Completed,
    /// Carried over to next year (row 四).
    CarriedOver,
    /// Administrative reconsiderations (table 四 行政复议·总计).
    Reviews,
    /// Lawsuits (table 四: both 行政诉讼 totals).
    Lawsuits,
    /// Regulatory documents issued this year (第二十条第（一）项, 规范性文件, the first
    /// column).
    DocumentsIssued,
    /// 行政事业性收费 collected this year, in 万元 (第二十条第（八）项 of the 2021 format).
    /// (信息处理费, which part 六 reports, has no cell in the tables.)
    Fees,
}

/// What a figure is counted in: the word after its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    /// 「件」: a count.
    Count,
    /// 「万元」: an amount, possibly with decimals.
    WanYuan,
}

impl Measure {
    fn word(self) -> &'static str {
        match self {
            Measure::Count => "件",
            Measure::WanYuan => "万元",
        }
    }

    fn keywords(self) -> &'static [(&'static str, Figure, &'static str)] {
        match self {
            Measure::Count => KEYWORDS,
            Measure::WanYuan => AMOUNT_KEYWORDS,
        }
    }

    /// The keywords as one automaton, built once; its pattern `i` is keyword `i`.
    fn automaton(self) -> Option<&'static aho_corasick::AhoCorasick> {
        use std::sync::LazyLock;
        type Automaton = LazyLock<Option<aho_corasick::AhoCorasick>>;
        fn build(keywords: &[(&str, Figure, &str)]) -> Option<aho_corasick::AhoCorasick> {
            aho_corasick::AhoCorasick::new(keywords.iter().map(|(k, _, _)| k)).ok()
        }
        static COUNT: Automaton = LazyLock::new(|| build(KEYWORDS));
        static AMOUNT: Automaton = LazyLock::new(|| build(AMOUNT_KEYWORDS));
        match self {
            Measure::Count => COUNT.as_ref(),
            Measure::WanYuan => AMOUNT.as_ref(),
        }
    }
}

/// A figure stated in the prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub figure: Figure,
    pub value: Decimal,
    /// The clause that states it.
    pub range: TextRange,
    pub text: String,
}

/// Keywords, in order of precedence within a clause, and the figure each names. A
/// keyword needs `needs` in its clause or before it in its sentence (「收到」 of
/// applications, not of letters; 行政复议 about information disclosure, not any).
const KEYWORDS: &[(&str, Figure, &str)] = &[
    ("结转下年", Figure::CarriedOver, ""),
    ("结转至下年", Figure::CarriedOver, ""),
    ("结转到下年", Figure::CarriedOver, ""),
    ("上年结转", Figure::CarriedIn, ""),
    ("行政复议", Figure::Reviews, "信息公开"),
    ("行政诉讼", Figure::Lawsuits, "信息公开"),
    ("制发", Figure::DocumentsIssued, "规范性文件"),
    ("已办理答复", Figure::Completed, "申请"),
    ("办理答复", Figure::Completed, "申请"),
    ("已答复", Figure::Completed, "申请"),
    ("办结", Figure::Completed, "申请"),
    ("共收到", Figure::Received, "申请"),
    ("新收", Figure::Received, "申请"),
    ("共受理", Figure::Received, "申请"),
];

/// Keywords of the figures counted in 万元 (as [`KEYWORDS`]).
const AMOUNT_KEYWORDS: &[(&str, Figure, &str)] = &[("行政事业性收费", Figure::Fees, "")];

/// Words that make a clause about part of the whole, or about other years.
const PARTIAL: &[&str] = &[
    "其中", "累计", "历年", "同比", "占", "%", "％", "比例", "分别", "减少", "增加", "增长",
    "下降", "上升", "减免",
];

/// [`PARTIAL`] as one automaton, built once: one pass over a sentence instead of a
/// substring search (and its set-up) per word.
fn partial_words() -> Option<&'static aho_corasick::AhoCorasick> {
    static WORDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(PARTIAL).ok());
    WORDS.as_ref()
}

/// Whether `text` speaks of part of the whole or of other years (a word of [`PARTIAL`]).
fn is_partial(text: &str) -> bool {
    match partial_words() {
        Some(words) => words.is_match(text),
        None => PARTIAL.iter().any(|w| text.contains(w)),
    }
}

/// The most characters between a keyword and its number (「共收到政府信息公开申请」).
const WINDOW: usize = 24;

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
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

/// 「二十一」 → 21, 「一百零五」 → 105, 「3千」 no. Up to 万.
pub fn chinese_number(text: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut section = 0u64;
    let mut digit: Option<u64> = None;
    let mut any = false;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d);
            any = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        any = true;
        if unit == 10_000 {
            section += digit.take().unwrap_or(0);
            total += section.max(1) * 10_000;
            section = 0;
        } else {
            section += digit.take().unwrap_or(1) * unit;
        }
    }
    any.then(|| total + section + digit.unwrap_or(0))
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || chinese_digit(c).is_some() || "十百千万".contains(c)
}

/// The first number at or after byte `from` of `clause`, if the measure's word (「件」)
/// follows it: (value, start, end of the word). `None` when another keyword or no number
/// comes first.
fn number_after(clause: &str, from: usize, measure: Measure) -> Option<(Decimal, usize, usize)> {
    let rest = &clause[from..];
    let (start, _) = rest
        .char_indices()
        .take(WINDOW + 1)
        .find(|&(_, c)| is_numeral(c))?;
    // 「每一件」「任何一件」: no count.
    if rest[..start].ends_with('每') || rest[..start].ends_with("任何") {
        return None;
    }
    // 「一」 inside a word (「统一」「一是」) is no number: a Chinese numeral must end in 件.
    // Amounts may have decimals (「12.5万元」).
    let decimals = measure == Measure::WanYuan;
    let end = rest[start..]
        .char_indices()
        .find(|&(_, c)| {
            // (「万」 of 「万元」 is the unit's, not the number's.)
            let numeral = is_numeral(c) && !(decimals && c == '万');
            !(numeral || c == ' ' || c == ',' || (decimals && c == '.'))
        })
        .map_or(rest.len(), |(i, _)| start + i);
    let digits: String = rest[start..end]
        .chars()
        .filter(|c| *c != ' ' && *c != ',')
        .collect();
    let after = rest[end..].trim_start();
    let word = measure.word();
    if !after.starts_with(word) {
        return None;
    }
    let value = if digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        crate::parse_number(&digits)?.value
    } else {
        Decimal::from_int(i64::try_from(chinese_number(&digits)?).ok()?)
    };
    let end_of_unit = from + rest.len() - after.len() + word.len();
    Some((value, from + start, end_of_unit))
}

/// The statements of one clause; `prefix` is its sentence up to the clause's end (where a
/// keyword's `needs` may be, and no word of [`PARTIAL`] may).
fn clause_statements<'t>(
    clause: &str,
    sentence: impl Fn() -> &'t str,
    at: usize,
    measure: Measure,
    out: &mut Vec<Statement>,
) {
    let keywords = measure.keywords();
    // Every occurrence of every keyword in the clause, in one pass (Aho-Corasick): a
    // substring search per keyword costs a set-up each, for clauses of a few words.
    let Some(automaton) = measure.automaton() else {
        return;
    };
    let found: Vec<(usize, usize, usize)> = automaton
        .find_overlapping_iter(clause)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    if found.is_empty() {
        return;
    }
    let mut taken: Vec<Figure> = Vec::new();
    let mut partial: Option<bool> = None;
    let mut sentence_text: Option<&str> = None;
    for (i, &(keyword, figure, needs)) in keywords.iter().enumerate() {
        if taken.contains(&figure) {
            continue;
        }
        // The keyword's first occurrence (`str::find`).
        let Some(k) = found
            .iter()
            .filter(|(p, _, _)| *p == i)
            .map(|(_, start, _)| *start)
            .min()
        else {
            continue;
        };
        let prefix = *sentence_text.get_or_insert_with(&sentence);
        if *partial.get_or_insert_with(|| is_partial(prefix)) {
            return;
        }
        if !needs.is_empty() && !prefix.contains(needs) {
            continue;
        }
        // 「上年结转」 inside 「结转下年度」's clause, or 「行政复议」 after 「行政诉讼」's
        // number: each keyword takes the first number after it.
        let Some((value, _, end)) = number_after(clause, k + keyword.len(), measure) else {
            continue;
        };
        // The number must belong to this keyword: no other figure's keyword between them.
        let from = k + keyword.len();
        if found
            .iter()
            .any(|&(p, start, stop)| keywords[p].1 != figure && start >= from && stop <= end)
        {
            continue;
        }
        taken.push(figure);
        out.push(Statement {
            figure,
            value,
            range: TextRange::new(at + k, at + end),
            text: clause[k..end].to_string(),
        });
    }
}

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | ','
            | '；'
            | ';'
            | '！'
            | '？'
            | '!'
            | '?'
            | '：'
            | ':'
            | '（'
            | '）'
            | '('
            | ')'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?')
}

/// What the prose of `blocks` says: the statements of its paragraphs, and the facts of
/// each paragraph and heading (`text`), by block index, at offsets from the start of the
/// block's text, with that start. Only the clauses holding a 「件」 (or 「万元」) are read
/// for statements: each is found from that word (a fast search), not by walking every
/// character. With a `cache` (a document kept open in an editor), a text read before is
/// not read again: a keystroke in a table pays nothing for the prose around it.
pub(crate) fn read(blocks: &[Block], cache: Option<&Cache>) -> Read {
    let mut out = Read::default();
    let mut cached = cache.map(|c| c.state.lock().unwrap_or_else(|p| p.into_inner()));
    for (i, block) in blocks.iter().enumerate() {
        let (text, text_range, markup, paragraph) = match &block.kind {
            BlockKind::Paragraph {
                text,
                text_range,
                markup,
            } => (text, *text_range, *markup, true),
            BlockKind::Heading(h) => (&h.text, h.text_range, h.markup, false),
            _ => continue,
        };
        let fresh = || {
            let mut own = Vec::new();
            if paragraph {
                read_paragraph(block, text, 0, false, &mut own);
            }
            Entry {
                _text: text.clone(),
                statements: own,
                facts: std::sync::Arc::new(crate::text::Facts::new(text.clone())),
                used: 0,
            }
        };
        let mut made;
        let entry = match cached.as_deref_mut() {
            Some(state) => {
                let generation = state.generation;
                let entry = state.entries.entry(text.identity()).or_insert_with(fresh);
                entry.used = generation;
                &*entry
            }
            None => {
                made = fresh();
                &mut made
            }
        };
        for s in &entry.statements {
            let range = if markup {
                // Read through markup: the clause is not at these offsets.
                block.range
            } else {
                s.range.shifted(text_range.start as isize)
            };
            out.statements.push(Statement { range, ..s.clone() });
        }
        out.facts.push((i, text_range.start, entry.facts.clone()));
    }
    out
}

/// What [`read`] found.
#[derive(Default)]
pub(crate) struct Read {
    pub statements: Vec<Statement>,
    /// (block index, the start of its text, its facts at offsets from there).
    pub facts: Vec<(usize, usize, std::sync::Arc<crate::text::Facts>)>,
}

fn read_paragraph(block: &Block, text: &str, base: usize, markup: bool, out: &mut Vec<Statement>) {
    for measure in [Measure::Count, Measure::WanYuan] {
        read_clauses(block, text, base, markup, measure, out);
    }
}

/// What the paragraphs of a document said, by their text's identity
/// (`SharedStr::identity`), with their statements at offsets from the text's start.
#[derive(Default)]
pub struct Cache {
    state: std::sync::Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    /// Bumped by [`Cache::next_generation`]: an entry's `used` says when it was last read.
    generation: u64,
    entries: std::collections::HashMap<(usize, usize, usize), Entry>,
}

struct Entry {
    /// Keeps the text alive, so that its identity is never another text's.
    _text: nianbao_syntax::SharedStr,
    statements: Vec<Statement>,
    facts: std::sync::Arc<crate::text::Facts>,
    used: u64,
}

impl Cache {
    /// Starts a new round of builds over a document of `paragraphs` blocks at most; when
    /// the cache holds more than twice that, what the last round did not read is dropped.
    pub fn next_generation(&self, paragraphs: usize) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.entries.len() > 2 * paragraphs + 64 {
            let last = state.generation;
            state.entries.retain(|_, e| e.used == last);
        }
        state.generation += 1;
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("prose::Cache")
    }
}

/// The statements of the clauses of a paragraph's `text` that hold the measure's word.
fn read_clauses(
    block: &Block,
    text: &str,
    base: usize,
    markup: bool,
    measure: Measure,
    out: &mut Vec<Statement>,
) {
    let word = measure.word();
    let mut from = 0;
    // A searcher built once (memchr's), not a substring searcher set up per paragraph.
    static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            [
                memchr::memmem::Finder::new(Measure::Count.word()),
                memchr::memmem::Finder::new(Measure::WanYuan.word()),
            ]
        });
    let finder = &FINDERS[measure as usize];
    let find = |t: &str| finder.find(t.as_bytes());
    while let Some(p) = find(&text[from..]) {
        let at = from + p;
        // A statement's number stands right before its word (「21 件」); most 「件」 are in
        // words (文件, 条件, 案件), and their clause is read only if another 「件」 in it
        // follows a number.
        let numbered = text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(is_numeral);
        if !numbered {
            from = at + word.len();
            continue;
        }
        {
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| is_clause_end(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..]
                .find(is_clause_end)
                .map_or(text.len(), |i| at + i);
            // The sentence up to the clause's end: what comes after says nothing about it.
            let sentence = || {
                let s = text[..start]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| is_sentence_end(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                &text[s..end]
            };
            let before = out.len();
            clause_statements(&text[start..end], sentence, base + start, measure, out);
            if markup {
                // Read through markup: the clause is not at these offsets.
                for s in &mut out[before..] {
                    s.range = block.range;
                }
            }
            from = end.max(at + word.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Figure, f64)> {
        let blocks = nianbao_syntax::parse_str(text);
        super::read(&blocks, None)
            .statements
            .iter()
            .map(|s| (s.figure, s.value.to_string().parse().unwrap()))
            .collect()
    }

    #[test]
    fn clear_statements_are_read() {
        assert_eq!(
            read("2019年，我市各级政府及其工作部门共收到政府信息公开申请2738件，其中市本级政府收到237件。"),
            [(Figure::Received, 2738.0)]
        );
        assert_eq!(
            read("本年度全区共收到70件申请，及时依法依规办结69件。"),
            [(Figure::Received, 70.0), (Figure::Completed, 69.0)]
        );
        assert_eq!(
            read("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"),
            [(Figure::Reviews, 2.0), (Figure::Lawsuits, 7.0)]
        );
        assert_eq!(
            read("本年度共收到政府信息公开申请二十一件，结转下年度继续办理三件。"),
            [(Figure::Received, 21.0), (Figure::CarriedOver, 3.0)]
        );
        assert_eq!(
            read("动态更新本年度制发的规范性文件77件。"),
            [(Figure::DocumentsIssued, 77.0)]
        );
        assert_eq!(
            read("本年度行政事业性收费 12.5 万元，本机关未收取信息处理费。"),
            [(Figure::Fees, 12.5)]
        );
        assert_eq!(
            read("全年结转下年度继续办理 7 件，上年结转 4 件。本年度行政事业性收费 2.5 万元。"),
            [
                (Figure::CarriedOver, 7.0),
                (Figure::CarriedIn, 4.0),
                (Figure::Fees, 2.5)
            ]
        );
        assert_eq!(
            read(
                "经审查受理政府信息公开申请2738件，已办理答复2703件（其中23件是2018年底受理的）。"
            ),
            [(Figure::Completed, 2703.0)]
        );
    }

    #[test]
    fn other_numbers_say_nothing() {
        for text in [
            "至2019年底，历年累计收到政府信息公开申请16945件。",
            "全年共办结 70982 件，外网申报 61313 件。",
            "网上服务平台共受理公安业务6945件。",
            "其中，“予以公开”答复数 14 件。",
            "“予以公开”770件，占28.49%。",
            "本机关严格执行《条例》，按时答复每一件申请。",
            "全年召开新闻发布会 6 场。",
            "行政事业性收费项目减少 3 项，减免收费 200 万元。",
            "其中行政事业性收费 5 万元。",
            "行政事业性收费比上年减少 5 万元。",
            "政府信息公开申请比上年增加 12 件。",
            "本年度共制发文件100件，其中规范性文件5件。",
            "共收到群众来信300件，涉及政府信息公开申请的已转办。",
            "本年度共办理行政复议案件35件。",
            "已答复每一件申请。",
        ] {
            assert_eq!(read(text), [], "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("二十一"), Some(21));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("两千三百"), Some(2300));
        assert_eq!(chinese_number("三万五千"), Some(35000));
        assert_eq!(chinese_number("件"), None);
    }
}
