//! What a review of a finding is (see `baseline`): plain data the run holds and the
//! emitters read.

use serde::{Deserialize, Serialize};

/// A reviewed finding.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub fingerprint: String,
    pub body: String,
    pub year: Option<u16>,
    pub code: String,
    pub subject: String,
    pub numbers: Vec<String>,
    /// The message when it was reviewed, for people reading the file.
    pub message: String,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// How many findings of this identity were reviewed (a report checked twice, two
    /// tables alike).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// What a finding is against a baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Not reviewed: shown.
    New,
    /// Reviewed: not shown to people, marked in JSON, SARIF and the page, with the note.
    Unchanged(String),
}
