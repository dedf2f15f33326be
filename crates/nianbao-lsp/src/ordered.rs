//! Text edits in arrival order, and document URIs as the client writes them.
//!
//! tower-lsp-server reads messages in order but runs up to four handlers at once, so a
//! `didChange` handler that awaits anything before applying its edit can be overtaken by
//! the next one (tower-lsp issue #284). [`Ordered`] wraps the service and applies
//! `didOpen`, `didChange` and `didClose` synchronously inside `call()`, which the
//! transport invokes once per message in the order the messages arrive. The handlers
//! behind it only publish diagnostics for the state they find. The texts of those
//! notifications are not passed on: the handlers do not need them, and a 50 MB document
//! would be decoded twice.
//!
//! Any string a client uses as a document's URI is accepted: raw non-ASCII
//! (`file:///报告/2020年年度报告.md`), spaces, invalid percent escapes, `untitled:` and
//! the like. tower-lsp's typed parameters hold a parsed `Uri` and refuse such strings, so
//! a URI that does not parse is replaced, before the message goes on, by a percent-encoded
//! one that does, and every response and notification carries the client's own string
//! back ([`restore_uris`]).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

use nianbao_ide::{Buffer, Edit};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};

use crate::from_proto;
use crate::state::{DocState, Shared, State};

/// Inserting this text panics in debug builds, to test the recovery below.
#[cfg(debug_assertions)]
const DEBUG_PANIC_TEXT: &str = "\u{0}nianbao-debug-panic\u{0}";

pub struct Ordered<S> {
    pub inner: S,
    pub state: Shared,
    /// Told when `exit` arrives: the session ends even if a handler is still waiting.
    pub ending: std::sync::Arc<tokio::sync::Notify>,
}

type Served<E> = Pin<Box<dyn Future<Output = Result<Option<Response>, E>> + Send>>;

impl<S> Service<Request> for Ordered<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Served<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let (method, id, mut params) = req.into_parts();
        {
            let mut state = self.state.lock();
            if let Some(params) = params.as_mut() {
                sanitize_uris(params, &mut state);
            }
            match &*method {
                // The transport waits for `initialize` to finish before the next message.
                "initialize" => state.initialized = true,
                "shutdown" => state.shut_down = true,
                "exit" => self.ending.notify_one(),
                "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
                    if state.initialized && !state.shut_down =>
                {
                    if let Some(stand_in) = apply(&mut state, &method, params.as_mut()) {
                        params = Some(stand_in);
                    }
                    if let Some(params) = params.as_mut() {
                        drop_texts(params);
                    }
                }
                _ => {}
            }
        }
        let mut request = Request::build(method);
        if let Some(params) = params {
            request = request.params(params);
        }
        if let Some(id) = id {
            request = request.id(id);
        }
        let served = self.inner.call(request.finish());
        let state = self.state.clone();
        Box::pin(async move {
            let response = served.await?;
            Ok(response.map(|r| {
                let (id, body) = r.into_parts();
                let body = body.map(|mut value| {
                    restore_uris(&mut value, &state.lock());
                    value
                });
                Response::from_parts(id, body)
            }))
        })
    }
}

/// Replaces the texts of `didOpen` and `didChange` by nothing: they were applied here.
fn drop_texts(params: &mut Value) {
    if let Some(text) = params.pointer_mut("/textDocument/text") {
        *text = Value::String(String::new());
    }
    if let Some(Value::Array(changes)) = params.get_mut("contentChanges") {
        for change in changes {
            if let Some(text) = change.get_mut("text") {
                *text = Value::String(String::new());
            }
        }
    }
}

/// Whether a key of the params holds a URI (`uri`, `rootUri`, `targetUri`, …).
fn is_uri_key(key: &str) -> bool {
    key == "uri" || key.ends_with("Uri")
}

/// Every URI in `value` that `Uri` cannot parse, replaced by one it can; the client's
/// string is remembered to be written back.
fn sanitize_uris(value: &mut Value, state: &mut State) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if is_uri_key(key) => {
                        if s.parse::<Uri>().is_err() {
                            let parsed = sanitized(s);
                            state.uris.insert(parsed.clone(), s.clone());
                            *s = parsed;
                        }
                    }
                    _ => sanitize_uris(v, state),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| sanitize_uris(v, state)),
        _ => {}
    }
}

/// The client's own URI strings put back into a response: every string (and object key,
/// as in a `WorkspaceEdit`'s `changes`) that is a sanitized URI.
pub fn restore_uris(value: &mut Value, state: &State) {
    if state.uris.is_empty() {
        return;
    }
    match value {
        Value::String(s) => {
            if let Some(original) = state.uris.get(s.as_str()) {
                *s = original.clone();
            }
        }
        Value::Object(map) => {
            let renamed: Vec<(String, String)> = map
                .keys()
                .filter_map(|k| state.uris.get(k).map(|o| (k.clone(), o.clone())))
                .collect();
            for (from, to) in renamed {
                if let Some(v) = map.remove(&from) {
                    map.insert(to, v);
                }
            }
            map.values_mut().for_each(|v| restore_uris(v, state));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| restore_uris(v, state)),
        _ => {}
    }
}

/// A URI that parses for a string that does not: bytes outside the URI characters
/// percent-encoded (a `%` not followed by two hex digits too); if that still does not
/// parse (no scheme, say), an opaque `nianbao-raw:` URI of every byte encoded. The same
/// string always gives the same URI, so a document keeps its identity.
pub fn sanitized(raw: &str) -> String {
    const KEEP: &str = "-._~:/?#[]@!$&'()*+,;=";
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len() * 3);
    for (i, &b) in bytes.iter().enumerate() {
        let escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if b.is_ascii_alphanumeric() || KEEP.as_bytes().contains(&b) || escape {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.parse::<Uri>().is_ok() {
        return out;
    }
    let mut opaque = String::from("nianbao-raw:");
    for &b in bytes {
        if b.is_ascii_alphanumeric() {
            opaque.push(char::from(b));
        } else {
            opaque.push_str(&format!("%{b:02X}"));
        }
    }
    opaque
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

/// The client's string for a (sanitized) URI.
fn original(state: &State, uri: &Uri) -> String {
    state
        .uris
        .get(uri.as_str())
        .cloned()
        .unwrap_or_else(|| uri.as_str().to_string())
}

/// The server's text of an open document no longer follows the editor's: it stops
/// publishing for it, and says so once, until the document is opened again.
fn diverge(state: &mut State, uri: &Uri, why: &str) {
    let name = original(state, uri);
    let Some(entry) = state.docs.get_mut(uri) else {
        return;
    };
    tracing::error!(
        uri = name.as_str(),
        why,
        "document out of step with the editor"
    );
    if !entry.diverged {
        entry.diverged = true;
        state.messages.push(format!(
            "nianbao：「{name}」的一处修改无法应用（{why}），检查已停止，以免显示错误的结果。请关闭并重新打开此文件。"
        ));
    }
}

/// Applies a text notification to the state. For a `didChange` whose params cannot be
/// read but whose document can be told, returns params the handler behind can read, so
/// that it publishes for the document (nothing, now that it is out of step) and the
/// person is told.
fn apply(state: &mut State, method: &str, mut raw: Option<&mut Value>) -> Option<Value> {
    match method {
        "textDocument/didOpen" => {
            // The text is moved out of the message, not copied: a document of 50 MB.
            let text = match raw
                .as_deref_mut()
                .and_then(|r| r.pointer_mut("/textDocument/text"))
            {
                Some(Value::String(t)) => std::mem::take(t),
                _ => String::new(),
            };
            let p = params::<DidOpenTextDocumentParams>(method, raw.as_deref())?;
            let doc = &p.text_document;
            if state.docs.contains_key(&doc.uri) {
                tracing::info!(
                    uri = doc.uri.as_str(),
                    "didOpen for an open document: its text replaced"
                );
            }
            let name = original(state, &doc.uri);
            state
                .docs
                .insert(doc.uri.clone(), DocState::new(&text, doc.version, name));
        }
        "textDocument/didChange" => {
            let Some(p) = params::<DidChangeTextDocumentParams>(method, raw.as_deref()) else {
                // The edit is lost: if the document can be told, it is out of step.
                let uri = raw
                    .as_deref()
                    .and_then(|r| r.pointer("/textDocument/uri"))
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<Uri>().ok());
                let uri = uri?;
                let version = state.docs.get(&uri)?.version;
                diverge(state, &uri, "修改的内容无法读取");
                return Some(serde_json::json!({
                    "textDocument": { "uri": uri.as_str(), "version": version },
                    "contentChanges": [],
                }));
            };
            let encoding = state.encoding;
            let uri = p.text_document.uri;
            let Some(entry) = state.docs.get_mut(&uri) else {
                tracing::warn!(
                    uri = uri.as_str(),
                    "didChange for a document that is not open; ignored"
                );
                return None;
            };
            if entry.diverged {
                return None;
            }
            if p.text_document.version <= entry.version {
                tracing::warn!(
                    uri = uri.as_str(),
                    version = p.text_document.version,
                    current = entry.version,
                    "didChange with an old version; not applied"
                );
                diverge(state, &uri, "版本号不是递增的");
                return None;
            }
            let mut refused = None;
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
                                refused = Some(err.to_string());
                                break;
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
            if let Some(err) = refused {
                diverge(state, &uri, &err);
            }
        }
        "textDocument/didClose" => {
            let p = params::<DidCloseTextDocumentParams>(method, raw.as_deref())?;
            if state.docs.remove(&p.text_document.uri).is_none() {
                tracing::info!(
                    uri = p.text_document.uri.as_str(),
                    "didClose for a document that is not open"
                );
            }
        }
        _ => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_gets_a_uri_that_parses_and_keeps_it() {
        for raw in [
            "file:///报告/2020年年度报告.md",
            "file:///tmp/a b.md",
            "file:///tmp/100%.md",
            "file:///tmp/%zz.md",
            "untitled:Untitled-1",
            "报告.md",
            "",
            "file:///C:\\Users\\x.md",
        ] {
            let s = sanitized(raw);
            assert!(s.parse::<Uri>().is_ok(), "{raw:?} → {s:?}");
            assert_eq!(sanitized(raw), s, "deterministic");
        }
        assert_eq!(
            sanitized("file:///报告.md"),
            "file:///%E6%8A%A5%E5%91%8A.md"
        );
    }
}
