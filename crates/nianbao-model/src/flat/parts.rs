//! Where the six parts of a flattened report begin: a title at a heading's place in the
//! running text, or a title written another way.

use super::*;

impl Layout<'_> {
    /// A part title at `start` stands as a heading: at the start, or after a space, the
    /// end of a sentence, or a table's last number — not inside a sentence
    /// (「在一、总体情况中」).
    pub(super) fn heading_at(&self, start: usize) -> bool {
        let before = &self.text[..start];
        // After an amount and its unit, as the last 第二十条 row ends in a 2019-format
        // crawl: 「政府集中采购176586650.10元三、收到和处理…」.
        let unit = before
            .strip_suffix('元')
            .map(|b| b.strip_suffix('万').unwrap_or(b))
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        match before.chars().next_back() {
            None => true,
            Some(c) => {
                unit || c.is_whitespace()
                    || c.is_ascii_digit()
                    || "。：:；;！？!?）)」”\"*".contains(c)
            }
        }
    }

    /// A part title written another way (「五、存在的主要问题及改进措施」) where no known
    /// title is found: the numeral and the first half of the standard title (at least
    /// four characters) at a heading's place, before any later part's known title; the
    /// title taken as long as the standard one but not past white space, a punctuation
    /// mark, a digit or the next part's numeral. The model then says the title is not
    /// the standard one (`nonstandard-part-title`), not that the part is missing.
    pub(super) fn variant_title(&self, part: Part, from: usize) -> Option<(usize, usize)> {
        let title = part.full_title();
        let numeral_len = title.find('、')? + '、'.len_utf8();
        let rest = &title[numeral_len..];
        let rest_chars = rest.chars().count();
        let half = rest_chars.div_ceil(2).max(4).min(rest_chars);
        let prefix_len = rest.char_indices().nth(half).map_or(rest.len(), |(i, _)| i);
        let prefix = &title[..numeral_len + prefix_len];
        // Not in a later part: before the first later part's title as written.
        let bound = PARTS
            .iter()
            .filter(|p| p.number() > part.number())
            .filter_map(|p| self.find(&p.full_title(), from, self.text.len()))
            .map(|(s, _)| s)
            .min()
            .unwrap_or(self.text.len());
        let mut at = from;
        while let Some((s, e)) = self.find(prefix, at, bound) {
            if self.heading_at(s) {
                let after = &self.text[e..];
                let mut end = e;
                for (i, c) in after.char_indices().take(rest_chars - half) {
                    let next_is_part = PARTS
                        .iter()
                        .any(|p| after[i..].starts_with(&format!("{}、", p.numeral())));
                    if c.is_whitespace()
                        || c.is_ascii_digit()
                        || "。，,：:；;！？!?（(".contains(c)
                        || next_is_part
                    {
                        break;
                    }
                    end = e + i + c.len_utf8();
                }
                return Some((s, end));
            }
            at = e;
        }
        None
    }
}
