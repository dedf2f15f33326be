//! The server in process, through its tower `Service` (as biome tests its LSP): no
//! process, no stdio, no framing — requests go straight to [`crate::service`], published
//! diagnostics come out of its outbox.

use std::time::Duration;

use futures::StreamExt;
use serde_json::{json, Value};
use tower::{Service, ServiceExt};
use tower_lsp_server::jsonrpc::Request;

use crate::{guard, service, state};

const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");

/// The JSON body of a framed message.
fn body(frame: &[u8]) -> Value {
    let text = std::str::from_utf8(frame).expect("UTF-8");
    let (_, body) = text.split_once("\r\n\r\n").expect("a framed message");
    serde_json::from_str(body).expect("JSON")
}

/// Sends one message to the service and waits for its response (`None` for a
/// notification).
async fn call<S>(server: &mut S, request: Request) -> Option<tower_lsp_server::jsonrpc::Response>
where
    S: Service<
        Request,
        Response = Option<tower_lsp_server::jsonrpc::Response>,
        Error = tower_lsp_server::ExitedError,
    >,
{
    server
        .ready()
        .await
        .expect("ready")
        .call(request)
        .await
        .expect("served")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_answers_requests_and_publishes_in_process() {
    let (outbox, mut published) = guard::Outbox::channel();
    let (mut server, socket) = service(state::Shared::default(), outbox, Default::default());
    // What the server sends the client on its own (window/showMessage) is drained, so that
    // nothing waits on it.
    let (mut to_client, _) = socket.split();
    tokio::spawn(async move { while to_client.next().await.is_some() {} });

    let init = call(
        &mut server,
        Request::build("initialize")
            .params(json!({
                "capabilities": { "general": { "positionEncodings": ["utf-8"] } },
                "initializationOptions": { "diagnosticsDelayMs": 0 },
            }))
            .id(1)
            .finish(),
    )
    .await
    .expect("a response");
    let (_, result) = init.into_parts();
    let result = result.expect("initialize succeeds");
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    call(
        &mut server,
        Request::build("initialized").params(json!({})).finish(),
    )
    .await;

    let uri = "file:///tmp/report-2020.txt";
    call(
        &mut server,
        Request::build("textDocument/didOpen")
            .params(json!({ "textDocument": {
                "uri": uri, "languageId": "plaintext", "version": 1, "text": SEED_004 } }))
            .finish(),
    )
    .await;
    let frame = tokio::time::timeout(Duration::from_secs(30), published.recv())
        .await
        .expect("published in time")
        .expect("a frame");
    let crate::stdio::Out::Frame(frame) = frame else {
        panic!("a frame, not the end")
    };
    let publish = body(&frame);
    assert_eq!(publish["method"], "textDocument/publishDiagnostics");
    assert_eq!(publish["params"]["version"], 1);
    let codes: Vec<&str> = publish["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "row-total-mismatch",
            "column-total-mismatch",
            "unfilled-cell"
        ]
    );

    let symbols = call(
        &mut server,
        Request::build("textDocument/documentSymbol")
            .params(json!({ "textDocument": { "uri": uri } }))
            .id(2)
            .finish(),
    )
    .await
    .expect("a response");
    let (_, symbols) = symbols.into_parts();
    let names: Vec<String> = symbols
        .expect("symbols")
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert_eq!(names[0], "一、总体情况");

    let shutdown = call(&mut server, Request::build("shutdown").id(3).finish())
        .await
        .expect("a response");
    assert!(shutdown.is_ok());
}
