//! A hostile client: after each case the server must still be alive and answer
//! `documentSymbol` for the report correctly. Each case states the behaviour we chose
//! (documented in docs/reliability.md).

use std::time::Duration;

use serde_json::{json, Value};

use crate::VALID;
use nianbao_tests::lsp_client::{frame, Client};

const REPORT: &str =
    "file:///tmp/hostile/%E7%A4%BA%E4%BE%8B%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.md";

fn server() -> Client {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(REPORT, VALID);
    c
}

/// The server is alive and its outline of the report is still the six parts.
fn still_serving(c: &mut Client) {
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": REPORT } }),
    );
    assert_eq!(symbols.as_array().map(Vec::len), Some(6), "{symbols}");
    assert!(c.child.try_wait().unwrap().is_none(), "the server died");
}

fn text_of(c: &mut Client, uri: &str) -> Value {
    c.request("nianbao/documentState", json!({ "uri": uri }))["text"].clone()
}

fn range(sl: u32, sc: u32, el: u32, ec: u32) -> Value {
    json!({ "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } })
}

#[test]
fn broken_framing_gets_an_error_response_and_the_server_resyncs() {
    let mut c = server();
    // Malformed JSON: a parse error (-32700), answered with the request's own id, which
    // can still be read.
    c.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\""));
    let e = c.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], 5);
    still_serving(&mut c);
    // Content-Length too short: the cut body and the rest are errors; the next message is read.
    let body = json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }).to_string();
    c.send_raw(format!("Content-Length: 10\r\n\r\n{body}").as_bytes());
    still_serving(&mut c);
    // Content-Length too long: it swallows the next message (lost; the client's request
    // gets no answer), and the server answers a parse error, then serves the one after.
    c.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 40).as_bytes());
    c.notify("$/padding", json!({ "x": "0123456789" }));
    c.wait_for(|m| m["error"]["code"] == -32700);
    still_serving(&mut c);
    // No Content-Length at all: skipped up to the next header, with an error response.
    c.send_raw(
        format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}").as_bytes(),
    );
    still_serving(&mut c);
    // A body that is not UTF-8.
    c.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc");
    still_serving(&mut c);
}

#[test]
fn unknown_methods_and_lifecycle_violations() {
    let mut c = server();
    let r = c.request_raw("nianbao/noSuchRequest", json!({}));
    assert_eq!(
        r["error"]["code"], -32601,
        "unknown requests get MethodNotFound"
    );
    c.notify("nianbao/noSuchNotification", json!({}));
    c.notify("$/setTrace", json!({ "value": "verbose" }));
    still_serving(&mut c);
    // A second initialize is refused.
    let r = c.request_raw("initialize", json!({ "capabilities": {} }));
    assert_eq!(r["error"]["code"], -32600);
    still_serving(&mut c);
    // After shutdown every request is refused (InvalidRequest) and edits are ignored.
    c.request("shutdown", Value::Null);
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": REPORT } }),
    );
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(Duration::from_secs(10)), Some(0));

    // Before initialize: requests get ServerNotInitialized (-32002), notifications are dropped.
    let mut c = crate::spawn();
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": REPORT } }),
    );
    assert_eq!(r["error"]["code"], -32002);
    c.open(REPORT, VALID);
    c.initialize(&["utf-16"], json!({}));
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": REPORT } }),
    );
    assert_eq!(
        r["error"]["code"], -32602,
        "the didOpen before initialize was dropped"
    );
    c.open(REPORT, VALID);
    still_serving(&mut c);
}

#[test]
fn bad_edits_are_ignored_or_clamped() {
    let mut c = server();
    // A document never opened: ignored (a log line), and requests on it are InvalidParams.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///never.md", "version": 2 }, "contentChanges": [{ "text": "x" }] }));
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///never.md" } }),
    );
    assert_eq!(r["error"]["code"], -32602);
    // Malformed params: ignored (a log line).
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": REPORT }, "contentChanges": "nope" }),
    );
    c.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    still_serving(&mut c);
    let before = text_of(&mut c, REPORT);
    // A version older than the current one: ignored, the text is unchanged.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": REPORT, "version": 1 }, "contentChanges": [{ "text": "" }] }));
    assert_eq!(text_of(&mut c, REPORT), before);
    still_serving(&mut c);

    let uri = "file:///tmp/hostile/clamp.md";
    c.open(uri, "规章\t𠀀\t1\n第二行");
    // Past the end of a line: clamped to the line's end (before its line break).
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": range(0, 99, 0, 99), "text": "A" }] }));
    assert_eq!(text_of(&mut c, uri), "规章\t𠀀\t1A\n第二行");
    // Past the end of the document: clamped to its end.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "range": range(50, 0, 60, 9), "text": "Z" }] }));
    assert_eq!(text_of(&mut c, uri), "规章\t𠀀\t1A\n第二行Z");
    // Inside the surrogate pair of 𠀀 (UTF-16 column 4): at the start of 𠀀.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "range": range(0, 4, 0, 4), "text": "|" }] }));
    assert_eq!(text_of(&mut c, uri), "规章\t|𠀀\t1A\n第二行Z");
    // An end before its start: the range is taken in order.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 5 }, "contentChanges": [{ "range": range(1, 3, 1, 0), "text": "" }] }));
    assert_eq!(text_of(&mut c, uri), "规章\t|𠀀\t1A\nZ");
    // didOpen twice for one URI: the second text replaces the first.
    c.open(uri, "一、总体情况");
    assert_eq!(text_of(&mut c, uri), "一、总体情况");
    still_serving(&mut c);
}

#[test]
fn a_ten_megabyte_line_and_ten_thousand_edits() {
    let mut c = server();
    let long = format!("{VALID}\n{}\n", "政务公开。".repeat(700_000));
    assert!(long.len() > 10_000_000);
    c.open("file:///tmp/hostile/long.md", &long);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///tmp/hostile/long.md" } }),
    );
    assert_eq!(symbols.as_array().map(Vec::len), Some(6));
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": "file:///tmp/hostile/long.md" } }),
    );
    still_serving(&mut c);

    let uri = "file:///tmp/hostile/burst.md";
    c.open(uri, "");
    for i in 0..10_000u32 {
        let change =
            json!({ "range": range(0, i, 0, i), "text": if i % 2 == 0 { "规" } else { "𠀀" } });
        let _ = change;
        // Append at the end: the UTF-16 column is the count so far (规 1 unit, 𠀀 2).
        let col = (i / 2) * 3 + (i % 2);
        c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": i + 2 }, "contentChanges": [{ "range": range(0, col, 0, col), "text": if i % 2 == 0 { "规" } else { "𠀀" } }] }));
    }
    assert_eq!(text_of(&mut c, uri), Value::String("规𠀀".repeat(5_000)));
    still_serving(&mut c);
}

#[test]
fn cancelled_requests_and_a_client_that_hangs_up_mid_message() {
    let mut c = server();
    for id in 100..120 {
        c.send(json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": REPORT } } }));
        c.notify("$/cancelRequest", json!({ "id": id }));
    }
    // Each gets its answer or RequestCancelled (-32800), never silence.
    for id in 100..120 {
        let r = c.wait_for(|m| m["id"] == id);
        assert!(
            r.get("result").is_some() || r["error"]["code"] == -32800,
            "{r}"
        );
    }
    still_serving(&mut c);
    // stdin closes in the middle of a message: the server ends, without a hang.
    c.send_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"textDocu");
    c.close_stdin();
    assert!(
        c.wait_exit(Duration::from_secs(10)).is_some(),
        "the server did not exit"
    );
}

#[test]
fn a_panic_in_a_handler_is_an_internal_error_and_the_server_goes_on() {
    let mut c = server();
    let r = c.request_raw("nianbao/debugPanic", json!({}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    still_serving(&mut c);
    let r = c.request_raw("nianbao/debugPanic", json!({}));
    assert_eq!(
        r["error"]["code"], -32603,
        "the state lock survives a panic"
    );
    still_serving(&mut c);
}

#[test]
fn a_panic_during_an_update_leaves_the_document_fully_reparsed() {
    let mut c = server();
    let marker = "\u{0}nianbao-debug-panic\u{0}";
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": REPORT, "version": 2 }, "contentChanges": [{ "range": range(0, 0, 0, 0), "text": marker }] }));
    let state = c.request("nianbao/documentState", json!({ "uri": REPORT }));
    let text = state["text"].as_str().unwrap();
    assert!(text.starts_with(marker));
    assert_eq!(
        state["blocks"].as_str().unwrap(),
        format!("{:?}", nianbao_syntax::parse_str(text))
    );
    assert_eq!(state["version"], 2);
    still_serving(&mut c);
}
