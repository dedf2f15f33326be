//! The nianbao language server: `nianbao lsp` speaks the Language Server Protocol over
//! stdio, on tower-lsp-server and tokio.
//!
//! This is the only crate that knows LSP, JSON-RPC and UTF-16. Below it, everything is
//! byte offsets and plain data (`nianbao-ide`).
//!
//! - `ordered` applies text changes in arrival order (see there why).
//! - `server` is the thin `LanguageServer` implementation; `handlers` does the work.
//! - `convert` turns positions into byte offsets and back, in the negotiated encoding.
//! - `config` reads the settings.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod config;
mod convert;
mod handlers;
mod ordered;
mod server;
mod state;

pub use config::KEYS as SETTINGS_KEYS;
use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until `exit` or the end of stdin. Returns the process exit
/// code: 0 after `shutdown` then `exit`, 1 otherwise (as the protocol asks).
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(err) => {
            tracing::error!(%err, "cannot start the async runtime");
            return 2;
        }
    };
    let code = runtime.block_on(async {
        let state = state::Shared::default();
        let (service, socket) = LspService::build(|client| server::Backend::new(client, state.clone()))
            .custom_method("nianbao/documentState", server::Backend::document_state)
            .finish();
        let service = ordered::Ordered { inner: service, state: state.clone() };
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
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
