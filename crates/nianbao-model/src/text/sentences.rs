//! A paragraph's sentences, cut and keyed in one pass (by hand: a regex finds the same
//! sentences at several times the instructions, and the years are taken out of the key
//! as the sentence is hashed, with no copy).

use std::hash::Hasher;

use nianbao_syntax::TextRange;

use super::{ends_sentence, Sentence};

/// The fewest characters a sentence needs to count as one (not 「无。」).
pub(super) const MIN_SENTENCE_CHARS: usize = 6;

/// A sentence's key being made, character by character: a hash of its text folded
/// (`normalize`: without whitespace and markup, one form of each punctuation mark) with
/// its years taken out — four digits, or four Chinese numerals, right before 年
/// (whitespace between not counted): 「2023年」, 「2024 年」 and 「二〇二三年」 all become
/// 「〇年」. Digits are held back (up to four) until what follows tells whether they are
/// a year.
#[derive(Default)]
struct KeyOf {
    hash: rustc_hash::FxHasher,
    held: [char; 4],
    n_held: usize,
    /// Characters fed, folded away not counted.
    chars: usize,
}

impl KeyOf {
    fn feed(&mut self, c: char) {
        // Most characters are ideographs, which fold to themselves.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            if is_numeral(c) {
                self.digit(c);
            } else {
                self.other(c);
            }
            return;
        }
        match crate::normalize::fold_char(c) {
            Some(c) if c.is_ascii_digit() || c == '〇' => self.digit(c),
            Some(c) => self.other(c),
            None => {}
        }
    }

    fn digit(&mut self, c: char) {
        self.chars += 1;
        if self.n_held > 0 && self.held[0].is_ascii_digit() != c.is_ascii_digit() {
            self.flush();
        }
        if self.n_held == 4 {
            self.write(self.held[0]);
            self.held.rotate_left(1);
            self.n_held = 3;
        }
        self.held[self.n_held] = c;
        self.n_held += 1;
    }

    fn other(&mut self, c: char) {
        self.chars += 1;
        if self.n_held > 0 {
            if c == '年' && self.n_held == 4 {
                self.n_held = 0;
                self.write('〇');
            } else {
                self.flush();
            }
        }
        self.write(c);
    }

    fn flush(&mut self) {
        for i in 0..self.n_held {
            self.write(self.held[i]);
        }
        self.n_held = 0;
    }

    fn write(&mut self, c: char) {
        self.hash.write_u32(c as u32);
    }

    fn finish(mut self) -> u64 {
        self.flush();
        self.hash.finish()
    }
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// The sentences of `text`, in one pass: each run of text up to and with an end mark,
/// not across a line break, trimmed, of at least [`MIN_SENTENCE_CHARS`] characters; each
/// with its key.
pub(super) fn scan(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut key = KeyOf::default();
    for (i, c) in text.char_indices() {
        if c == '\n' {
            start = None;
            key = KeyOf::default();
            continue;
        }
        let Some(from) = start else {
            // Leading white space, and the closing marks of the sentence before
            // (「…。」」, 「…报告。）」), belong to no sentence.
            if c.is_whitespace() || matches!(c, '」' | '』' | '”' | '’' | '）' | ')' | '】' | '》')
            {
                continue;
            }
            start = Some(i);
            key.feed(c);
            if ends_sentence(c) {
                start = None;
                key = KeyOf::default();
            }
            continue;
        };
        key.feed(c);
        if ends_sentence(c) {
            let done = std::mem::take(&mut key);
            if done.chars >= MIN_SENTENCE_CHARS {
                out.push(Sentence {
                    range: TextRange::new(from, i + c.len_utf8()),
                    key: done.finish(),
                });
            }
            start = None;
        }
    }
    out
}
