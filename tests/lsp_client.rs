//! A minimal LSP client for tests and benchmarks: spawns `nianbao lsp`, frames JSON-RPC
//! with `Content-Length`, and collects what the server sends on a reader thread.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    pub child: Child,
    stdin: Option<ChildStdin>,
    /// Message bodies as read; parsed by whoever waits for them.
    rx: Receiver<Vec<u8>>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub seen: Vec<Value>,
}

fn parse(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("JSON from the server")
}

/// The parts of a message that tell a `publishDiagnostics` and its version.
#[derive(serde::Deserialize)]
struct LeanPublish<'a> {
    #[serde(borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
    params: Option<LeanParams<'a>>,
}

#[derive(serde::Deserialize)]
struct LeanParams<'a> {
    #[serde(borrow)]
    uri: Option<std::borrow::Cow<'a, str>>,
    version: Option<i64>,
    diagnostics: Option<Vec<serde::de::IgnoredAny>>,
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    /// Starts `BINARY lsp`.
    pub fn spawn(binary: &Path) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            // NIANBAO_TEST_LOG=debug shows a test's server logs.
            .env(
                "NIANBAO_LOG",
                std::env::var("NIANBAO_TEST_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("NIANBAO_TEST_LOG").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .unwrap_or_else(|err| panic!("spawn {}: {err}", binary.display()));
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(body).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            seen: Vec::new(),
        }
    }

    /// `initialize` + `initialized`; returns the initialize result.
    pub fn initialize(&mut self, encodings: &[&str], options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null, "rootUri": null,
                "capabilities": { "general": { "positionEncodings": encodings } },
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, message: Value) {
        self.send_raw(&frame(&message.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (already seen or still to come) that satisfies `pred`.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let m = parse(&self.next_body(deadline));
            if pred(&m) {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// The next message body from the server, or a panic at `deadline`.
    fn next_body(&mut self, deadline: Instant) -> Vec<u8> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(body) => body,
            Err(RecvTimeoutError::Timeout) => panic!(
                "timed out; seen: {:?}",
                self.seen
                    .iter()
                    .map(|m| m["method"].clone())
                    .collect::<Vec<_>>()
            ),
            Err(RecvTimeoutError::Disconnected) => panic!("server closed its output"),
        }
    }

    /// Waits for the `publishDiagnostics` of `uri` at `version` and returns how many
    /// diagnostics it holds, reading it without building a `Value` (for benchmarks: a
    /// client's own parsing is not the server's latency). Other messages are kept.
    pub fn wait_publish(&mut self, uri: &str, version: i64) -> usize {
        let wanted = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        };
        if let Some(i) = self.seen.iter().position(wanted) {
            let m = self.seen.remove(i);
            return m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let body = self.next_body(deadline);
            if let Ok(p) = serde_json::from_slice::<LeanPublish<'_>>(&body) {
                if p.method.as_deref() == Some("textDocument/publishDiagnostics") {
                    if let Some(params) = p.params {
                        if params.uri.as_deref() == Some(uri) && params.version == Some(version) {
                            return params.diagnostics.map_or(0, |d| d.len());
                        }
                    }
                }
            }
            self.seen.push(parse(&body));
        }
    }

    /// Messages that arrive within `d`, without waiting for any in particular.
    pub fn drain(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while let Ok(body) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.seen.push(parse(&body));
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        match m {
            Value::Object(mut m) => match m.remove("params") {
                Some(Value::Object(mut p)) => match p.remove("diagnostics") {
                    Some(Value::Array(d)) => d,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }));
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    /// Waits for the process to end; `None` if it does not within `d`.
    pub fn wait_exit(&mut self, d: Duration) -> Option<i32> {
        let deadline = Instant::now() + d;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn shutdown_and_exit(&mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(10))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Byte offset of an LSP position in `text` (UTF-16 or UTF-8 columns), as the protocol
/// defines it: lines end at `\n`, `\r\n` or `\r`.
pub fn offset(text: &str, line: usize, character: usize, utf16: bool) -> usize {
    let starts = nianbao_syntax::line_starts(text);
    let start = starts[line];
    let line_text = &text[start..];
    let end = line_text.find(['\r', '\n']).unwrap_or(line_text.len());
    let mut units = 0;
    for (i, ch) in line_text[..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += if utf16 { ch.len_utf16() } else { ch.len_utf8() };
    }
    start + end
}

pub fn position(text: &str, offset: usize, utf16: bool) -> Value {
    let starts = nianbao_syntax::line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let before = &text[starts[line]..offset];
    let character: usize = if utf16 {
        before.chars().map(char::len_utf16).sum()
    } else {
        before.len()
    };
    json!({ "line": line, "character": character })
}

/// Applies LSP text edits (a `WorkspaceEdit`'s list for one document) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap() as usize,
                    p["character"].as_u64().unwrap() as usize,
                    utf16,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    resolved.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in resolved {
        out.replace_range(s..e, &t);
    }
    out
}
