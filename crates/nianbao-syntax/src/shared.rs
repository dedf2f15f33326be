//! [`SharedStr`]: text a block holds without a copy of its own when it can share one.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A string slice of a shared buffer. A parse of a whole text (`parse_str`,
/// `Document::new`) keeps one copy of the text, and every paragraph is a range of it:
/// nine tenths of a report's bytes are prose, which used to be copied line by line. A
/// paragraph parsed again after an edit owns its text alone.
///
/// Compares, hashes and prints as its text.
#[derive(Clone)]
pub struct SharedStr {
    buf: Arc<str>,
    range: Range<usize>,
}

impl SharedStr {
    /// `buf[range]`; `range` must lie on character boundaries of `buf`.
    pub(crate) fn slice(buf: &Arc<str>, range: Range<usize>) -> SharedStr {
        debug_assert!(
            buf.get(range.clone()).is_some(),
            "{range:?} outside the buffer"
        );
        SharedStr {
            buf: buf.clone(),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.buf[self.range.clone()]
    }

    /// Which buffer and range this is: two `SharedStr`s of one identity hold the same
    /// text for as long as either lives (the buffer cannot be freed and its address taken
    /// by another meanwhile). A cache keyed by it must keep a clone of the `SharedStr`.
    pub fn identity(&self) -> (usize, usize, usize) {
        (
            Arc::as_ptr(&self.buf).cast::<u8>() as usize,
            self.range.start,
            self.range.end,
        )
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> SharedStr {
        SharedStr {
            range: 0..text.len(),
            buf: Arc::from(text),
        }
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_owned_compare_by_text() {
        let buf: Arc<str> = Arc::from("一、总体情况\n本机关……");
        let shared = SharedStr::slice(&buf, 0.."一、总体情况".len());
        assert_eq!(shared, SharedStr::from("一、总体情况"));
        assert_eq!(&*shared, "一、总体情况");
        assert_eq!(format!("{shared:?}"), format!("{:?}", "一、总体情况"));
    }
}
