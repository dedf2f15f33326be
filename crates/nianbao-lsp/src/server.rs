//! The `LanguageServer` implementation. It only delegates: text changes were already
//! applied in order by `ordered::Ordered`; requests go to `handlers` under the state lock
//! (never held across an `.await`), with panics turned into internal errors.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::config;
use crate::guard::Outbox;
use crate::handlers::{self, Cancelled};
use crate::publish::{self, Publication};
use crate::state::{Shared, State};
use crate::years;

mod publishing;

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Shared,
    /// Where published diagnostics go, as whole frames (see `publish`).
    outbox: Outbox,
    /// Serialises publishing, so that a late result cannot overtake the clearing of a
    /// closed document.
    publish_lock: Arc<tokio::sync::Mutex<()>>,
    /// Settings problems found during `initialize`, shown once `initialized` arrives.
    pending_messages: Arc<Mutex<Vec<String>>>,
}

#[derive(Deserialize)]
pub struct DocumentStateParams {
    pub uri: Uri,
}

impl Backend {
    pub fn new(client: Client, state: Shared, outbox: Outbox) -> Backend {
        Backend {
            client,
            state,
            outbox,
            publish_lock: Arc::default(),
            pending_messages: Arc::default(),
        }
    }

    /// Runs `f` on the state; a panic becomes `None` and a log line, never a dead server.
    fn with_state<T>(&self, what: &str, f: impl FnOnce(&mut State) -> T) -> Option<T> {
        let mut state = self.state.lock();
        match catch_unwind(AssertUnwindSafe(|| f(&mut state))) {
            Ok(v) => Some(v),
            Err(_) => {
                tracing::error!(what, "panic in handler");
                None
            }
        }
    }

    fn request<T>(
        &self,
        what: &str,
        uri: &Uri,
        f: impl FnOnce(&mut State) -> Option<T>,
    ) -> Result<Option<T>> {
        match self.with_state(what, |s| {
            if s.docs.contains_key(uri) {
                Ok(f(s))
            } else {
                Err(())
            }
        }) {
            Some(Ok(v)) => Ok(v),
            Some(Err(())) => Err(Error::invalid_params(format!(
                "document is not open: {}",
                uri.as_str()
            ))),
            None => Err(Error::internal_error()),
        }
    }

    /// [`Backend::request`] for a request that can take long on a large document
    /// (formatting, code actions, completion): run off the transport's task, so that a
    /// `$/cancelRequest` is read meanwhile. tower-lsp then answers the request as
    /// cancelled and drops this future; the work sees `cancelled` and stops at its next
    /// step instead of finishing for nobody.
    async fn request_cancellable<T: Send + 'static>(
        &self,
        what: &'static str,
        uri: &Uri,
        f: impl FnOnce(&mut State, &Cancelled) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let cancelled = Cancelled::default();
        let _on_drop = cancelled.on_drop();
        let (this, uri, flag) = (self.clone(), uri.clone(), cancelled.clone());
        match tokio::task::spawn_blocking(move || {
            if flag.is_set() {
                return Ok(None);
            }
            this.request(what, &uri, |s| f(s, &flag))
        })
        .await
        {
            Ok(result) => result,
            Err(_) => Err(Error::internal_error()),
        }
    }

    /// Replaces the settings by those in `value`; returns the messages for bad values not
    /// said before. Documents are analysed again, and their findings all published at
    /// once the next time.
    fn configure(&self, value: &Value) -> Vec<String> {
        self.with_state("configure", |s| {
            let (settings, problems) = config::parse(value);
            if settings != s.settings {
                s.settings = settings;
                for doc in s.docs.values_mut() {
                    doc.analysis = None;
                    doc.shown = None;
                }
            }
            problems
                .into_iter()
                .filter(|(key, _)| s.reported.insert(key.clone()))
                .map(|(_, m)| m)
                .collect()
        })
        .unwrap_or_default()
    }

    /// The `nianbao` section pulled from the client (`workspace/configuration`), when it
    /// supports that: what VS Code, Neovim and Helix expect a server to do.
    async fn pull_configuration(&self) -> Option<Value> {
        let supported = self
            .with_state("configuration", |s| s.pull_configuration)
            .unwrap_or(false);
        if !supported {
            return None;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("nianbao".into()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(mut values) if !values.is_empty() => Some(values.swap_remove(0)),
            Ok(_) => Some(Value::Null),
            Err(err) => {
                tracing::warn!(%err, "workspace/configuration failed");
                None
            }
        }
    }

    async fn show(&self, messages: Vec<String>) {
        for m in messages {
            self.client
                .show_message(MessageType::WARNING, format!("nianbao: {m}"))
                .await;
        }
    }

    /// `nianbao/debugPanic` (debug builds only): panics inside a handler, so that tests can
    /// check that a panic becomes an internal error and the server keeps serving.
    #[cfg(debug_assertions)]
    pub async fn debug_panic(&self, _: Value) -> Result<Value> {
        self.with_state("debugPanic", |_| -> Value { panic!("nianbao/debugPanic") })
            .ok_or_else(Error::internal_error)
    }

    /// `nianbao/documentState`: the server's text and blocks of a document.
    #[tracing::instrument(skip_all)]
    pub async fn document_state(&self, params: DocumentStateParams) -> Result<Value> {
        self.with_state("documentState", |s| {
            handlers::document_state(s, &params.uri)
        })
        .ok_or_else(Error::internal_error)
    }
}

impl LanguageServer for Backend {
    #[tracing::instrument(skip_all)]
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = handlers::negotiate(&params);
        let pull = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        #[allow(deprecated)] // `root_uri`: what clients without workspace folders send.
        let workspace: Vec<std::path::PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| years::file_path(&f.uri))
                .collect(),
            None => params
                .root_uri
                .iter()
                .filter_map(years::file_path)
                .collect(),
        };
        self.with_state("initialize", |s| {
            s.encoding = encoding;
            s.pull_configuration = pull;
            s.workspace = workspace;
        });
        if let Some(options) = &params.initialization_options {
            let messages = self.configure(options);
            if let Ok(mut pending) = self.pending_messages.lock() {
                pending.extend(messages);
            }
        }
        tracing::info!(?encoding, "initialized");
        Ok(InitializeResult {
            capabilities: handlers::server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn initialized(&self, _: InitializedParams) {
        let mut messages = self
            .pending_messages
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default();
        if let Some(pulled) = self.pull_configuration().await {
            messages.extend(self.configure(&pulled));
            self.refresh_all().await;
        }
        self.show(messages).await;
    }

    #[tracing::instrument(skip_all)]
    async fn shutdown(&self) -> Result<()> {
        tracing::info!("shutdown");
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.refresh(params.text_document.uri).await;
    }

    #[tracing::instrument(skip_all)]
    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.refresh(params.text_document.uri).await;
    }

    #[tracing::instrument(skip_all)]
    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let _order = self.publish_lock.lock().await;
        let closed = self
            .with_state("close", |s| {
                (!s.docs.contains_key(&uri)).then(|| s.name_of(&uri))
            })
            .flatten();
        if let Some(name) = closed {
            self.outbox
                .send(publish::notification(&name, None, &Publication::default()));
        }
        drop(_order);
        // Documents compared with it read it from disk now.
        self.refresh_linked(None).await;
    }

    #[tracing::instrument(skip_all)]
    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // A file saved may be another document's last year: the files are read again for
        // every document whose workspace folder holds it.
        let Some(saved) = years::file_path(&params.text_document.uri) else {
            return;
        };
        let uris = self
            .with_state("save", |s| {
                let mut uris = Vec::new();
                for (uri, doc) in &mut s.docs {
                    let scope = years::Scope::of(uri, &s.workspace);
                    if scope.is_some_and(|scope| scope.holds(&saved)) {
                        doc.scanned_for = None;
                        uris.push(uri.clone());
                    }
                }
                uris
            })
            .unwrap_or_default();
        for uri in uris {
            self.refresh_one(uri).await;
        }
    }

    #[tracing::instrument(skip_all)]
    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // A client that can be asked is asked (VS Code sends `null` here when it expects
        // the pull); else the payload is the settings.
        let value = match self.pull_configuration().await {
            Some(pulled) => pulled,
            None => config::section(&params.settings).clone(),
        };
        let messages = self.configure(&value);
        self.show(messages).await;
        self.refresh_all().await;
    }

    #[tracing::instrument(skip_all)]
    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        self.request("documentSymbol", &uri, |s| {
            handlers::document_symbols(s, &uri)
        })
    }

    #[tracing::instrument(skip_all)]
    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri;
        self.request("foldingRange", &uri, |s| handlers::folding(s, &uri))
    }

    #[tracing::instrument(skip_all)]
    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri;
        self.request("hover", &uri, |s| handlers::hover(s, &uri, p.position))
    }

    #[tracing::instrument(skip_all)]
    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        self.request("inlayHint", &uri, |s| {
            handlers::inlay_hints(s, &uri, params.range)
        })
    }

    #[tracing::instrument(skip_all)]
    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri;
        let at = uri.clone();
        self.request_cancellable("completion", &uri, move |s, cancelled| {
            handlers::completion(s, &at, p.position, cancelled)
        })
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let at = uri.clone();
        self.request_cancellable("formatting", &uri, move |s, cancelled| {
            handlers::formatting(s, &at, None, cancelled)
        })
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let at = uri.clone();
        self.request_cancellable("rangeFormatting", &uri, move |s, cancelled| {
            handlers::formatting(s, &at, Some(params.range), cancelled)
        })
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.request_cancellable("codeAction", &uri, move |s, cancelled| {
            handlers::code_actions(s, &params, cancelled)
        })
        .await
    }
}
