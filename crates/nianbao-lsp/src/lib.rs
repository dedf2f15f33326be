//! The nianbao language server: `nianbao lsp` speaks the Language Server Protocol over
//! stdio, on tower-lsp-server and tokio.
//!
//! This is the only crate that knows LSP, JSON-RPC and UTF-16. Below it, everything is
//! byte offsets and plain data (`nianbao-ide`).
//!
//! - `ordered` applies text changes in arrival order (see there why).
//! - `server` is the thin `LanguageServer` implementation; `handlers` does the work.
//! - `state` holds the open documents, the settings and the negotiated encoding.
//! - `publish` keeps each report's findings converted to LSP and writes the
//!   `publishDiagnostics` notification.
//! - `to_proto` and `from_proto` are the only translators between plain data and LSP
//!   types (positions in the negotiated encoding, edits, symbols, a diagnostic's `data`).
//! - `config` reads the settings.
//! - `guard` sits between stdio and the transport, so that a malformed message gets an
//!   error response instead of ending the session; `stdio` is its two threads and the
//!   transport's ends of them.
//!
//! Modules depend one way: `server` → `handlers` → `state` → `publish` → `to_proto`;
//! `ordered` → `state`, `from_proto`; `guard` → `stdio`.

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod config;
pub mod from_proto;
mod guard;
mod handlers;
mod ordered;
pub mod publish;
mod server;
mod state;
mod stdio;
pub mod to_proto;

pub use config::KEYS as SETTINGS_KEYS;
use std::sync::Arc;

use nianbao_syntax::ColumnUnit;
use tokio::sync::Notify;
use tower_lsp_server::{LspService, Server};

/// The position encoding negotiated with the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// What a column counts in this encoding.
    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// The server as a tower `Service`, without any transport: the `LspService` of the
/// [`server::Backend`] behind [`ordered::Ordered`], and the socket of messages to the
/// client. Published diagnostics go to `outbox`. `run` serves it on stdio; the in-process
/// tests call it directly.
fn service(
    state: state::Shared,
    outbox: guard::Outbox,
    ending: Arc<Notify>,
) -> (
    ordered::Ordered<LspService<server::Backend>>,
    tower_lsp_server::ClientSocket,
) {
    let builder = LspService::build(|client| server::Backend::new(client, state.clone(), outbox))
        .custom_method("nianbao/documentState", server::Backend::document_state);
    #[cfg(debug_assertions)]
    let builder = builder.custom_method("nianbao/debugPanic", server::Backend::debug_panic);
    let (service, socket) = builder.finish();
    (
        ordered::Ordered {
            inner: service,
            state,
            ending,
        },
        socket,
    )
}

/// How long the requests still running when the session ends (`exit`, or the end of
/// stdin) may take to finish and have their answers written.
const GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Serves LSP on stdin/stdout until `exit` or the end of stdin. Returns the process exit
/// code: 0 after `shutdown` then `exit`, 1 otherwise (as the protocol asks).
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            tracing::error!(%err, "cannot start the async runtime");
            return 2;
        }
    };
    let code = runtime.block_on(async {
        let state = state::Shared::default();
        // Told when `exit` arrives or stdin ends: the session is over whatever is still
        // running — a handler waiting for the client's answer to `workspace/configuration`
        // or for room to send it a message would keep the transport alive forever.
        let ending = Arc::new(Notify::new());
        let (input, output, outbox, flushed) =
            guard::split(std::io::stdin(), std::io::stdout(), ending.clone());
        let (service, socket) = service(state.clone(), outbox, ending.clone());
        let mut serve = Box::pin(Server::new(input, output, socket).serve(service));
        tokio::select! {
            () = &mut serve => {}
            () = ending.notified() => {
                if tokio::time::timeout(GRACE, &mut serve).await.is_err() {
                    tracing::info!("requests still running when the session ended; not waited for");
                }
            }
        }
        // Dropping the transport closes the server's output: what it wrote is flushed.
        drop(serve);
        flushed.await;
        if state.lock().shut_down {
            0
        } else {
            1
        }
    });
    // The reader thread may still be blocked on stdin: it is not waited for (tower-lsp
    // issues #399 and #424, a server that never exits while the client keeps stdin open).
    runtime.shutdown_background();
    tracing::info!(code, "exiting");
    code
}

#[cfg(test)]
mod tests;
pub mod years;
