//! The title, the six parts and their subsections.
//!
//! A part title is a line (a Markdown heading, a bold line or a plain line) that starts
//! with a Chinese numeral and `、` and whose title is one of the part's titles, or close
//! to one (a non-standard title). "（三）主动公开政府信息情况" is a subsection, not part 二:
//! it starts with a bracketed numeral.

use nianbao_syntax::{Block, BlockKind, SharedStr, TextRange};

use std::sync::LazyLock;

use crate::normalize::{fold, folded_chars, split_enumerator, Bigrams, Enumerator};
use crate::template::{Part, PARTS};
use crate::Title;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartHeading {
    pub part: Part,
    /// The heading line.
    pub range: TextRange,
    /// The heading as written, without Markdown marks (shared with its block).
    pub text: SharedStr,
    /// The range of `text`.
    pub text_range: TextRange,
    /// The title was read through markup (HTML): replacing `text_range` would replace
    /// markup too, so it is not rewritten.
    pub markup: bool,
    /// The numeral it is written with (which may not be the part's).
    pub numeral: u8,
    pub title: TitleMatch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMatch {
    /// The standard title.
    Standard,
    /// One of the longer titles the notices use.
    Accepted,
    /// Close to a standard title but not one (a warning).
    Variant,
}

/// A heading inside a part, for the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subsection {
    /// The heading line (or paragraph that starts with it).
    pub range: TextRange,
    /// Its title: the line, or the first clause of a paragraph that opens with its title
    /// (`（一）加强组织领导。为了…` → `（一）加强组织领导`).
    pub text: String,
    /// How deep it sits: 1 for `（一）`, 2 for `1.`, 3 for `（1）`; a Markdown heading
    /// without such an enumerator by its `#` marks below the part's.
    pub level: u8,
}

/// Titles shorter than this similarity to every part title are not part titles.
const MIN_SIMILARITY: f64 = 0.5;

/// Every part's titles, folded once: (part, standard, accepted, known variants, the
/// bigrams of all of them).
struct FoldedTitles {
    part: Part,
    standard: String,
    accepted: Vec<String>,
    variants: Vec<String>,
    bigrams: Vec<Bigrams>,
}

static TITLES: LazyLock<Vec<FoldedTitles>> = LazyLock::new(|| {
    PARTS
        .iter()
        .map(|&part| {
            let standard = fold(part.title()).into_owned();
            let accepted: Vec<String> = part
                .accepted_titles()
                .iter()
                .map(|t| fold(t).into_owned())
                .collect();
            let variants: Vec<String> = part
                .known_variants()
                .iter()
                .map(|t| fold(t).into_owned())
                .collect();
            let bigrams = std::iter::once(&standard)
                .chain(&accepted)
                .chain(&variants)
                .map(|t| Bigrams::new(t))
                .collect();
            FoldedTitles {
                part,
                standard,
                accepted,
                variants,
                bigrams,
            }
        })
        .collect()
});

/// Reads a line as a part title.
pub fn part_heading(text: &str) -> Option<(Part, u8, TitleMatch)> {
    const MAX_TITLE_CHARS: usize = 40;
    let text = text.trim_start_matches('#');
    // Most lines are prose: a part title starts with a Chinese numeral.
    if !folded_chars(text)
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    // Prose may start with a numeral too (`一是…`). The enumerator (`十一.`) is at most
    // three characters: a character past it and the title, other than the trailing
    // punctuation trimmed below, means too long a title, found without reading further.
    let is_trailing = |c: char| matches!(c, '.' | ':' | ';');
    if folded_chars(text)
        .skip(3 + MAX_TITLE_CHARS)
        .any(|c| !is_trailing(c))
    {
        return None;
    }
    let folded = fold(text);
    let (Some(Enumerator::Top(numeral)), rest) = split_enumerator(&folded) else {
        return None;
    };
    let title = rest.trim_end_matches(is_trailing);
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    for t in TITLES.iter() {
        if t.standard == title {
            return Some((t.part, numeral, TitleMatch::Standard));
        }
        if t.accepted.iter().any(|a| a == title) {
            return Some((t.part, numeral, TitleMatch::Accepted));
        }
        if t.variants.iter().any(|v| v == title) {
            return Some((t.part, numeral, TitleMatch::Variant));
        }
    }
    // No title as written: the closest one, if close enough.
    let mut best: Option<(Part, f64)> = None;
    let title_bigrams = Bigrams::new(title);
    for t in TITLES.iter() {
        let score = t
            .bigrams
            .iter()
            .map(|b| b.similarity(&title_bigrams))
            .fold(0.0, f64::max);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((t.part, score));
        }
    }
    let (part, score) = best?;
    // `一、本年新收政府信息公开申请数量` shares words with part 三's title but is a row of
    // table 三, written as a line.
    if crate::labels::match_t3_label(&folded, None).is_some() {
        return None;
    }
    (score >= MIN_SIMILARITY).then_some((part, numeral, TitleMatch::Variant))
}

/// The line that names the report: it says 政府信息公开 … 年度报告 and is not a cover
/// letter (`关于报送…的函`).
fn title_of(text: &str) -> Option<Option<u16>> {
    const MAX_TITLE_CHARS: usize = 60;
    const MAX_AFTER_NAME: usize = 6;
    // Folding keeps these characters: most lines are rejected without it.
    if !(text.contains('政') && text.contains('报')) {
        return None;
    }
    let folded = fold(text);
    if !(folded.contains("政府信息公开") && folded.contains("年度报告"))
        || folded.contains('函')
        || folded.starts_with("关于")
    {
        return None;
    }
    if folded.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    // A title ends with its name (「…年度报告」, or 「…年度报告（全文）」): a line that
    // goes on after it mentions the reports (a path, a sentence), it is not one's title.
    let after = folded.rsplit("年度报告").next().unwrap_or("");
    if after.chars().count() > MAX_AFTER_NAME {
        return None;
    }
    // Nor does a sentence quote one: no clause or quotation mark before its name.
    let before = folded.split("政府信息公开").next().unwrap_or("");
    if before.contains([',', ';', ':', '「', '」', '“', '”', '"']) {
        return None;
    }
    Some(year_in(&folded))
}

fn year_in(folded: &str) -> Option<u16> {
    let bytes = folded.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        if before_ok && digits.iter().all(u8::is_ascii_digit) && folded[i + 4..].starts_with('年')
        {
            let y: u16 = folded[i..i + 4].parse().ok()?;
            (2000..=2100).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

/// Where the report that starts at block `start` ends: at the next title after one of its
/// part headings (or a flattened report's line) (a city's report with its departments' appended holds several reports),
/// else at the end.
pub fn report_end(blocks: &[Block], start: usize) -> usize {
    let mut has_part = false;
    for (i, block) in blocks.iter().enumerate().skip(start) {
        let Some(text) = heading_text(block) else {
            continue;
        };
        if has_part && starts_report(text) {
            return i;
        }
        // A flattened report's line holds its part headings (`flat`).
        has_part = has_part || part_heading(text).is_some() || is_flattened_block(block);
    }
    blocks.len()
}

/// The block ranges of the reports a document holds; one (possibly empty) at least.
pub fn split_reports(blocks: &[Block]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = report_end(blocks, start);
        out.push(start..end);
        if end >= blocks.len() {
            return out;
        }
        start = end;
    }
}

/// A title that starts another report: a title line that is not a sentence (prose that
/// mentions `…年度报告` is not a title).
fn starts_report(text: &str) -> bool {
    // Most lines are prose, told by a full stop found with one fast search, before the
    // title test and the other sentence marks.
    !text.contains('。') && title_of(text).is_some() && !text.contains(['，', '；', ',', ';'])
}

/// The text of a heading or a paragraph line.
fn heading_text(block: &Block) -> Option<&str> {
    match &block.kind {
        BlockKind::Heading(h) => Some(&h.text),
        BlockKind::Paragraph { text, .. } => Some(text),
        _ => None,
    }
}

pub(crate) fn find(blocks: &[Block]) -> (Option<Title>, Vec<PartHeading>, Vec<Subsection>) {
    let mut title = None;
    let mut parts = Vec::new();
    let mut subsections = Vec::new();
    // The `#` level of the last part heading (0 for a plain line).
    let mut part_level = 0;
    for block in blocks {
        let (shared, text_range, markup) = match &block.kind {
            BlockKind::Heading(h) => (&h.text, h.text_range, h.markup),
            BlockKind::Paragraph {
                text,
                text_range,
                markup,
            } => (text, *text_range, *markup),
            _ => continue,
        };
        let text = shared.as_str();
        if title.is_none() && parts.is_empty() {
            if let Some(year) = title_of(text) {
                title = Some(Title {
                    text: text.to_string(),
                    range: block.range,
                    year,
                });
                continue;
            }
        }
        if let Some((part, numeral, matched)) = part_heading(text) {
            part_level = match &block.kind {
                BlockKind::Heading(h) => h.level.unwrap_or(0),
                _ => 0,
            };
            parts.push(PartHeading {
                part,
                range: block.range,
                text: shared.clone(),
                text_range,
                markup,
                numeral,
                title: matched,
            });
            continue;
        }
        if parts.is_empty() {
            continue;
        }
        if let Some((text, level)) = subsection(block, text, part_level) {
            subsections.push(Subsection {
                range: block.range,
                text,
                level,
            });
        }
    }
    (title, parts, subsections)
}

/// Reads a line as a subsection heading: its title and level. A line that is not a
/// Markdown heading must start with an enumerator (`（一）`, `1.`, `（1）`) and be a title
/// — short — or open with one: a first clause of at most [`MAX_CLAUSE_CHARS`] characters
/// ended by `。` or `：`.
fn subsection(block: &Block, text: &str, part_level: u8) -> Option<(String, u8)> {
    const MAX_CLAUSE_CHARS: usize = 24;
    let heading_level = match &block.kind {
        BlockKind::Heading(h) => Some(h.level.unwrap_or(part_level + 1)),
        _ => None,
    };
    // Most paragraphs are prose that starts with no enumerator: told by the first
    // character, before folding.
    if heading_level.is_none()
        && !folded_chars(text)
            .next()
            .is_some_and(|c| c == '(' || c.is_ascii_digit())
    {
        return None;
    }
    let folded = fold(text);
    let (enumerator, _) = split_enumerator(&folded);
    let by_enumerator = match enumerator {
        Some(Enumerator::Group(_)) => Some(1),
        Some(Enumerator::Item(_)) => Some(2),
        Some(Enumerator::Paren(_)) => Some(3),
        _ => None,
    };
    // A table 三 row written as a line is no subsection.
    if by_enumerator.is_some() && crate::labels::match_t3_label(&folded, None).is_some() {
        return None;
    }
    let plain = without_emphasis(text);
    let trimmed = plain.trim();
    if let Some(level) = heading_level {
        let level = by_enumerator.unwrap_or_else(|| level.saturating_sub(part_level).max(1));
        return (trimmed.chars().count() <= 60).then(|| (trimmed.to_string(), level));
    }
    let level = by_enumerator?;
    // A title that opens a paragraph: its first clause, when a sentence follows it.
    let body = trimmed.trim_end_matches(['。', '：', ':']);
    if let Some(end) = body.find(['。', '：']) {
        let clause = &body[..end];
        return (clause.chars().count() <= MAX_CLAUSE_CHARS)
            .then(|| (clause.trim().to_string(), level));
    }
    // A title, not a sentence: short, and without a full stop unless very short.
    let chars = folded.chars().count();
    (chars <= 30 || (chars <= 40 && !folded.contains('.'))).then(|| (trimmed.to_string(), level))
}

/// A title without its Markdown emphasis (`**（一）主动公开情况**` → `（一）主动公开情况`).
fn without_emphasis(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['*']) || text.contains("__") {
        std::borrow::Cow::Owned(text.replace(['*'], "").replace("__", ""))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A paragraph this long holding three part titles is a flattened report's text (a whole
/// report in one line is thousands of bytes; a paragraph that lists the parts, a few
/// hundred): see `flat`.
const FLAT_MIN_LEN: usize = 1000;

/// Whether `block` is a flattened report's text: a long paragraph holding three part
/// titles.
pub fn is_flattened_block(block: &Block) -> bool {
    static TITLES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        crate::template::PARTS
            .iter()
            .map(|p| p.full_title())
            .collect()
    });
    match &block.kind {
        BlockKind::Paragraph { text, .. } if text.len() >= FLAT_MIN_LEN => {
            // Every title is a numeral 一…六 and 「、」: only where a 「、」 stands (a fast
            // search) is a title looked for, not six substring searches of the text.
            let text = text.as_str();
            let mut found = [false; 6];
            for at in memchr::memmem::find_iter(text.as_bytes(), "、".as_bytes()) {
                let Some(start) = at.checked_sub('一'.len_utf8()) else {
                    continue;
                };
                let Some(rest) = text.get(start..) else {
                    continue;
                };
                if let Some(i) = TITLES.iter().position(|t| rest.starts_with(t.as_str())) {
                    found[i] = true;
                    if found.iter().filter(|f| **f).count() >= 3 {
                        return true;
                    }
                }
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_titles_in_every_dress() {
        let cases = [
            ("一、总体情况", Some((Part::Overview, TitleMatch::Standard))),
            (
                "三、 收到和处理政府信息公开申请情况",
                Some((Part::Requests, TitleMatch::Standard)),
            ),
            (
                "四.政府信息公开行政复议、行政诉讼情况",
                Some((Part::ReviewLitigation, TitleMatch::Standard)),
            ),
            (
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                Some((Part::ReviewLitigation, TitleMatch::Accepted)),
            ),
            (
                "四、政府信息公开行政复议与行政诉讼情况",
                Some((Part::ReviewLitigation, TitleMatch::Variant)),
            ),
            (
                "五、存在的主要问题及明年工作计划",
                Some((Part::Problems, TitleMatch::Variant)),
            ),
            (
                "五、政府信息公开工作存在的主要问题及改进情况",
                Some((Part::Problems, TitleMatch::Accepted)),
            ),
            (
                "**六、其他需要报告的事项**",
                Some((Part::Other, TitleMatch::Standard)),
            ),
            ("（三）主动公开政府信息情况", None),
            ("一、履行法定职责,提升公开水平", None),
            ("四、优化服务功能,加强平台建设", None),
            ("一、本年新收政府信息公开申请数量", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                part_heading(text).map(|(p, _, m)| (p, m)),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn a_title_after_a_part_starts_another_report() {
        let text = "# 某局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n本局2020年政府信息公开工作年度报告，可在门户网站查阅。\n\n某委2020年政府信息公开工作年度报告\n\n一、总体情况\n";
        let blocks = nianbao_syntax::parse_str(text);
        assert_eq!(split_reports(&blocks), [0..3, 3..5]);
        assert_eq!(split_reports(&[]), vec![0..0]);
        // A second title before any part is not another report.
        let blocks = nianbao_syntax::parse_str("某局2020年政府信息公开工作年度报告\n\n某局2020年政府信息公开工作年度报告\n\n一、总体情况\n");
        assert_eq!(split_reports(&blocks), vec![0..3]);
    }

    #[test]
    fn subsection_titles_lose_their_emphasis() {
        let text = "某局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n**（一）主动公开情况**。本局全年主动公开政府信息 12 条。\n\n**2. 主要亮点和成效**\n\n## **（二）依申请公开情况**\n";
        let report = crate::build(&nianbao_syntax::parse_str(text), &Default::default());
        let titles: Vec<&str> = report.subsections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            titles,
            [
                "（一）主动公开情况",
                "2. 主要亮点和成效",
                "（二）依申请公开情况"
            ]
        );
    }

    #[test]
    fn titles_and_years() {
        assert_eq!(
            title_of("福州市 2019 年政府信息公开工作年度报告"),
            Some(Some(2019))
        );
        assert_eq!(
            title_of("关于报送福州市 2019 年政府信息公开工作 年度报告的函"),
            None
        );
        assert_eq!(title_of("某局政府信息公开工作年度报告"), Some(None));
    }
}
