//! The nianbao language server: `nianbao lsp` speaks the Language Server Protocol over
//! stdio, on tower-lsp-server and tokio.
//!
//! This is the only crate that knows LSP, JSON-RPC and UTF-16. Below it, everything is
//! byte offsets and plain data (`nianbao-ide`).
//!
//! - `ordered` applies text changes in arrival order (see there why).
//! - `server` is the thin `LanguageServer` implementation; `handlers` does the work.
//! - `publish` keeps each report's findings converted to LSP and writes the
//!   `publishDiagnostics` notification.
//! - `convert` turns positions into byte offsets and back, in the negotiated encoding.
//! - `config` reads the settings.
//! - `guard` sits between stdio and the transport, so that a malformed message gets an
//!   error response instead of ending the session.

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod config;
pub mod convert;
mod guard;
mod handlers;
mod ordered;
pub mod publish;
mod server;
mod state;

pub use config::KEYS as SETTINGS_KEYS;
use tower_lsp_server::{LspService, Server};

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
        let (input, output, outbox, flushed) =
            guard::split(tokio::io::stdin(), tokio::io::stdout());
        let builder =
            LspService::build(|client| server::Backend::new(client, state.clone(), outbox))
                .custom_method("nianbao/documentState", server::Backend::document_state);
        #[cfg(debug_assertions)]
        let builder = builder.custom_method("nianbao/debugPanic", server::Backend::debug_panic);
        let (service, socket) = builder.finish();
        let service = ordered::Ordered {
            inner: service,
            state: state.clone(),
        };
        Server::new(input, output, socket).serve(service).await;
        flushed.await;
        if state.lock().shut_down {
            0
        } else {
            1
        }
    });
    // The blocking read of stdin may still be waiting: do not wait for it (tower-lsp
    // issues #399 and #424, a server that never exits while the client keeps stdin open).
    runtime.shutdown_background();
    tracing::info!(code, "exiting");
    code
}
