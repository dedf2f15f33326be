//! The parser's window on its lines: the current line, a look-ahead of a few lines, and
//! the count of lines consumed and peeked (which the dispatcher checks against
//! [`super::LOOKAHEAD_LINES`]).

use std::collections::VecDeque;

use crate::lines::{Line, LineSource};
use crate::predicates::is_gap;

use super::MAX_GAP;

pub(crate) struct Cursor<'a, S> {
    pub(super) src: S,
    pub(super) buf: VecDeque<Line<'a>>,
    pub(super) done: bool,
    /// Lines consumed so far.
    pub(super) consumed: usize,
    /// Index (in lines since the start) of the furthest line peeked.
    pub(super) max_peeked: usize,
}

impl<'a, S: LineSource<'a>> Cursor<'a, S> {
    pub(super) fn peek(&mut self, n: usize) -> Option<&Line<'a>> {
        while self.buf.len() <= n && !self.done {
            match self.src.next_line() {
                Some(line) => self.buf.push_back(line),
                None => self.done = true,
            }
        }
        if n < self.buf.len() {
            self.max_peeked = self.max_peeked.max(self.consumed + n);
        }
        self.buf.get(n)
    }

    pub(super) fn peek_text(&mut self, n: usize) -> Option<&str> {
        self.peek(n).map(|l| &*l.text)
    }

    pub(super) fn bump(&mut self) -> Option<Line<'a>> {
        self.peek(0);
        let line = self.buf.pop_front()?;
        self.consumed += 1;
        Some(line)
    }

    /// Whether line `n` exists and satisfies `pred`.
    pub(super) fn at(&mut self, n: usize, pred: impl Fn(&str) -> bool) -> bool {
        self.peek_text(n).is_some_and(pred)
    }

    /// The number of gap lines from `n` on (at most [`MAX_GAP`]) if the line after them
    /// satisfies `pred`.
    pub(super) fn after_gap(&mut self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        for gap in 0..=MAX_GAP {
            let text = self.peek_text(gap)?;
            if pred(text) {
                return Some(gap);
            }
            if !is_gap(text) {
                return None;
            }
        }
        None
    }

    pub(super) fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }
}
