//! The server's state: open documents, settings, the negotiated position encoding. It sits
//! behind one `std::sync::Mutex`, which is never held across an `.await`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use nianbao_ide::{Analysis, Buffer, Document, Settings};
use tower_lsp_server::ls_types::Uri;

use crate::publish::Published;
use crate::Encoding;

pub struct DocState {
    /// The document, kept analysed edit by edit.
    pub buffer: Buffer,
    pub version: i32,
    /// The analysis of `version`, when computed.
    pub analysis: Option<(i32, Arc<Analysis>)>,
    /// The deferred findings last published in full, as (code, message): those still
    /// present are shown at once after an edit, new ones wait for a pause in typing.
    pub shown: HashSet<(&'static str, Arc<str>)>,
    /// The findings as last converted for the client, report by report.
    pub published: Published,
}

impl DocState {
    pub fn new(text: &str, version: i32) -> DocState {
        DocState {
            buffer: Buffer::new(text),
            version,
            analysis: None,
            shown: HashSet::new(),
            published: Published::default(),
        }
    }

    pub fn doc(&self) -> &Document {
        self.buffer.document()
    }

    pub fn analysis(&mut self, settings: &Settings) -> Arc<Analysis> {
        match &self.analysis {
            Some((v, a)) if *v == self.version => a.clone(),
            _ => {
                let a = Arc::new(self.buffer.analyze(settings));
                self.analysis = Some((self.version, a.clone()));
                a
            }
        }
    }
}

pub struct State {
    pub docs: HashMap<Uri, DocState>,
    pub settings: Settings,
    pub encoding: Encoding,
    /// `initialize` has been received: text notifications are applied from then on.
    pub initialized: bool,
    /// `shutdown` has been received: the process exits with 0 on `exit`.
    pub shut_down: bool,
    /// Settings already reported as bad, so that each is said once.
    pub reported: HashSet<String>,
}

impl Default for State {
    fn default() -> State {
        State {
            docs: HashMap::new(),
            settings: Settings::default(),
            encoding: Encoding::Utf16,
            initialized: false,
            shut_down: false,
            reported: HashSet::new(),
        }
    }
}

#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<State>>);

impl Shared {
    /// Locks the state; a panic in another holder does not make it unusable.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
