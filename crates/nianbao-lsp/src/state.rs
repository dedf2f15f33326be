//! The server's state: open documents, settings, the negotiated position encoding. It sits
//! behind one `std::sync::Mutex`, which is never held across an `.await`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use nianbao_ide::{Analysis, Buffer, Document, Settings};
use tower_lsp_server::ls_types::Uri;

use crate::publish::{FindingKey, Published};
use crate::years::{Library, Linked};
use crate::Encoding;

pub struct DocState {
    /// The document, kept analysed edit by edit.
    pub buffer: Buffer,
    pub version: i32,
    /// The analysis of `version`, when computed.
    pub analysis: Option<(i32, Arc<Analysis>)>,
    /// The deferred findings last published in full: those still present are shown at
    /// once after an edit (with their new numbers), new ones wait for a pause in typing.
    /// `None` until the document's findings were first published in full (after
    /// `didOpen` and after a settings change): then every finding is shown at once.
    pub shown: Option<HashSet<FindingKey>>,
    /// The findings as last converted for the client, report by report.
    pub published: Published,
    /// The URI as the client wrote it, for what the server sends about the document.
    pub name: String,
    /// An edit could not be applied: the text is no longer the editor's, and nothing is
    /// published for it until it is opened again.
    pub diverged: bool,
    /// Last year's reports its reports are compared with (`years`).
    pub last_years: Vec<Linked>,
    /// The (body, year) its titles named when its folder was last read; `None` until it
    /// was, and after it was saved.
    pub scanned_for: Option<Vec<(String, u16)>>,
    /// What its reports hand on to next year's, for `version`.
    pub handed: Option<(i32, Arc<Vec<Linked>>)>,
}

impl DocState {
    pub fn new(text: &str, version: i32, name: String) -> DocState {
        DocState {
            name,
            diverged: false,
            buffer: Buffer::new(text),
            version,
            analysis: None,
            shown: None,
            published: Published::default(),
            last_years: Vec::new(),
            scanned_for: None,
            handed: None,
        }
    }

    pub fn doc(&self) -> &Document {
        self.buffer.document()
    }

    pub fn analysis(&mut self, settings: &Settings) -> Arc<Analysis> {
        match &self.analysis {
            Some((v, a)) if *v == self.version => a.clone(),
            _ => {
                let a = if self.last_years.is_empty() {
                    self.buffer.analyze(settings)
                } else {
                    let settings = Settings {
                        last_years: self.last_years.iter().map(|l| l.handed.clone()).collect(),
                        ..settings.clone()
                    };
                    self.buffer.analyze(&settings)
                };
                let a = Arc::new(a);
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
    /// The client answers `workspace/configuration`: settings are pulled from it.
    pub pull_configuration: bool,
    /// `shutdown` has been received: the process exits with 0 on `exit`.
    pub shut_down: bool,
    /// Settings already reported as bad, so that each is said once.
    pub reported: HashSet<String>,
    /// The client's own strings of the URIs it sent that `Uri` cannot parse, by the
    /// percent-encoded URI that stands for each (see `ordered`).
    pub uris: HashMap<String, String>,
    /// Messages to show the person (`window/showMessage`), said once each.
    pub messages: Vec<String>,
    /// Report files read from the open documents' workspace folders (`years`).
    pub library: Library,
    /// The client's workspace folders, as paths.
    pub workspace: Vec<std::path::PathBuf>,
}

impl State {
    /// The client's string for a URI (as sent, when the server had to rewrite it).
    pub fn name_of(&self, uri: &Uri) -> String {
        match self.docs.get(uri) {
            Some(doc) => doc.name.clone(),
            None => self
                .uris
                .get(uri.as_str())
                .cloned()
                .unwrap_or_else(|| uri.as_str().to_string()),
        }
    }
}

impl Default for State {
    fn default() -> State {
        State {
            docs: HashMap::new(),
            settings: Settings::default(),
            encoding: Encoding::Utf16,
            initialized: false,
            pull_configuration: false,
            shut_down: false,
            reported: HashSet::new(),
            uris: HashMap::new(),
            messages: Vec::new(),
            library: Library::default(),
            workspace: Vec::new(),
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
