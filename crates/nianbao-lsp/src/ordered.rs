//! Text edits in arrival order.
//!
//! tower-lsp-server reads messages in order but runs up to four handlers at once, so a
//! `didChange` handler that awaits anything before applying its edit can be overtaken by
//! the next one (tower-lsp issue #284). [`Ordered`] wraps the service and applies
//! `didOpen`, `didChange` and `didClose` synchronously inside `call()`, which the
//! transport invokes once per message in the order the messages arrive. The handlers
//! behind it only publish diagnostics for the state they find.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::task::{Context, Poll};

use nianbao_ide::{Buffer, Edit};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use crate::from_proto;
use crate::state::{DocState, Shared, State};

/// Inserting this text panics in debug builds, to test the recovery below.
#[cfg(debug_assertions)]
const DEBUG_PANIC_TEXT: &str = "\u{0}nianbao-debug-panic\u{0}";

pub struct Ordered<S> {
    pub inner: S,
    pub state: Shared,
}

impl<S: Service<Request>> Service<Request> for Ordered<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        {
            let mut state = self.state.lock();
            match req.method() {
                // The transport waits for `initialize` to finish before the next message.
                "initialize" => state.initialized = true,
                "shutdown" => state.shut_down = true,
                "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
                    if state.initialized && !state.shut_down =>
                {
                    apply(&mut state, req.method(), req.params())
                }
                _ => {}
            }
        }
        self.inner.call(req)
    }
}

fn params<T: DeserializeOwned>(method: &str, params: Option<&Value>) -> Option<T> {
    // From the borrowed value: a didOpen of a 10 MB document is not copied once more.
    match T::deserialize(params?) {
        Ok(p) => Some(p),
        Err(err) => {
            tracing::warn!(method, %err, "malformed params; notification ignored");
            None
        }
    }
}

fn apply(state: &mut State, method: &str, raw: Option<&Value>) {
    match method {
        "textDocument/didOpen" => {
            let Some(p) = params::<DidOpenTextDocumentParams>(method, raw) else {
                return;
            };
            let doc = &p.text_document;
            if state.docs.contains_key(&doc.uri) {
                tracing::info!(
                    uri = doc.uri.as_str(),
                    "didOpen for an open document: its text replaced"
                );
            }
            state
                .docs
                .insert(doc.uri.clone(), DocState::new(&doc.text, doc.version));
        }
        "textDocument/didChange" => {
            let Some(p) = params::<DidChangeTextDocumentParams>(method, raw) else {
                return;
            };
            let encoding = state.encoding;
            let uri = p.text_document.uri;
            let Some(entry) = state.docs.get_mut(&uri) else {
                tracing::warn!(
                    uri = uri.as_str(),
                    "didChange for a document that is not open; ignored"
                );
                return;
            };
            if p.text_document.version <= entry.version {
                tracing::warn!(
                    uri = uri.as_str(),
                    version = p.text_document.version,
                    current = entry.version,
                    "didChange with an old version; ignored"
                );
                return;
            }
            let applied = catch_unwind(AssertUnwindSafe(|| {
                for change in &p.content_changes {
                    match change.range {
                        None => entry.buffer = Buffer::new(&change.text),
                        Some(range) => {
                            let r = from_proto::text_range(entry.doc().rope(), range, encoding);
                            if let Err(err) = entry.buffer.apply_edit(&Edit {
                                range: r.start..r.end,
                                text: change.text.clone(),
                            }) {
                                tracing::warn!(%err, "edit refused");
                            }
                            // A test hook (debug builds only): a panic after the edit.
                            #[cfg(debug_assertions)]
                            if change.text.contains(DEBUG_PANIC_TEXT) {
                                panic!("nianbao debug panic during an update");
                            }
                        }
                    }
                }
            }));
            if applied.is_err() {
                // Never leave a document half updated: parse its text from scratch.
                tracing::error!(
                    uri = uri.as_str(),
                    "panic while applying an edit; document reparsed in full"
                );
                entry.buffer = Buffer::new(&entry.doc().text());
            }
            entry.version = p.text_document.version;
        }
        "textDocument/didClose" => {
            let Some(p) = params::<DidCloseTextDocumentParams>(method, raw) else {
                return;
            };
            if state.docs.remove(&p.text_document.uri).is_none() {
                tracing::info!(
                    uri = p.text_document.uri.as_str(),
                    "didClose for a document that is not open"
                );
            }
        }
        _ => {}
    }
}
