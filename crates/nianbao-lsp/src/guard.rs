//! A framing guard between the client and tower-lsp-server.
//!
//! tower-lsp-server's decoder returns an error for a malformed message, and tokio-util's
//! `FramedRead` ends the stream after any decode error: one bad frame (invalid JSON, a wrong
//! `Content-Length`, a body that is not UTF-8) would end the session and the process. The
//! guard reads the client's bytes itself, tolerantly, and forwards only messages the server
//! can decode, through a bounded channel (`stdio`). A malformed message gets a JSON-RPC error response
//! (`-32700` parse error, `-32600` invalid request), spliced into the server's output
//! between whole frames. After a broken header it resynchronises at the next
//! `Content-Length`.

use std::io::Read;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::mpsc::{channel, unbounded_channel, Sender, UnboundedSender};
use tower_lsp_server::jsonrpc::{Request, Response};

use crate::stdio::{content_length, find, Out, ServerInput, ServerOutput};

const MAX_HEADER: usize = 16 * 1024;
const MAX_BODY: usize = 512 << 20;
/// Checked frames (header and body each count one) waiting for the transport: when it
/// falls behind, the reader thread waits instead of reading on.
const QUEUED: usize = 16;
/// Bytes asked of stdin at a time.
const CHUNK: usize = 64 * 1024;

/// Whole frames for the client, written between the transport's frames: the guard's
/// error responses and the server's published diagnostics (see `publish`).
#[derive(Clone, Debug)]
pub struct Outbox(UnboundedSender<Out>);

impl Outbox {
    /// An outbox and the receiving end of what is sent to it (for in-process tests).
    #[cfg(test)]
    pub fn channel() -> (Outbox, tokio::sync::mpsc::UnboundedReceiver<Out>) {
        let (tx, rx) = unbounded_channel();
        (Outbox(tx), rx)
    }

    /// Queues a complete frame; dropped if the session has ended.
    pub fn send(&self, frame: Vec<u8>) {
        if !frame.is_empty() {
            let _ = self.0.send(Out::Frame(frame));
        }
    }
}

/// The server's ends of `stdin` and `stdout`: `(its input, its output, an outbox)`. A
/// thread reads `stdin` and forwards the frames the server can decode (see the module's
/// doc); another writes the server's frames and the outbox's to `stdout`. `ending` is
/// told when the client closes `stdin`. The returned future ends once the server's output
/// has closed and everything has been written (or after ten seconds).
pub fn split<R, W>(
    stdin: R,
    stdout: W,
    ending: std::sync::Arc<tokio::sync::Notify>,
) -> (
    ServerInput,
    ServerOutput,
    Outbox,
    impl std::future::Future<Output = ()>,
)
where
    R: Read + Send + 'static,
    W: std::io::Write + Send + 'static,
{
    let (to_server, server_in) = channel(QUEUED);
    let (to_writer, queue) = unbounded_channel();
    let outbox = Outbox(to_writer.clone());
    let errors = outbox.clone();
    let (written, done) = tokio::sync::oneshot::channel::<()>();
    // Not joined: at the end of the session it may still be blocked on stdin.
    let reader = std::thread::Builder::new()
        .name("nianbao-stdin".into())
        .spawn(move || {
            read_client(stdin, &to_server, &errors);
            // The client has gone (or stopped talking): the session is over.
            ending.notify_one();
        });
    let writer = std::thread::Builder::new()
        .name("nianbao-stdout".into())
        .spawn(move || {
            crate::stdio::write_client(queue, stdout);
            let _ = written.send(());
        });
    if let Err(err) = reader.as_ref().and(writer.as_ref()) {
        tracing::error!(%err, "cannot start the stdio threads");
    }
    let done = async move {
        let _ = tokio::time::timeout(Duration::from_secs(10), done).await;
    };
    (
        ServerInput::new(server_in),
        ServerOutput::new(to_writer),
        outbox,
        done,
    )
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    frame(
        json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
            .to_string()
            .as_bytes(),
    )
}

/// Where a header block ends: `(end of its text, start of the body)`. Headers end with an
/// empty line, `\r\n\r\n` — or `\n\n` from clients that end lines with LF alone.
fn header_end(buf: &[u8]) -> Option<(usize, usize)> {
    let crlf = find(buf, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = find(buf, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(c), Some(l)) => Some(if l.0 < c.0 { l } else { c }),
        (c, l) => c.or(l),
    }
}

/// Where the next `Content-Length` header starts at or after `from`: the name at the start
/// of the text or after a byte that cannot be part of a header name (so not inside
/// `X-Original-Content-Length`).
fn next_content_length(buf: &[u8], from: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    let mut at = from;
    while at + NAME.len() <= buf.len() {
        let i = at
            + buf[at..]
                .windows(NAME.len())
                .position(|w| w.eq_ignore_ascii_case(NAME))?;
        let starts_name = i == 0 || !(buf[i - 1].is_ascii_alphanumeric() || buf[i - 1] == b'-');
        if starts_name {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Drops bytes up to the next `Content-Length` at or after `from` (or all but a possible
/// partial one).
fn resync(buf: &mut Vec<u8>, from: usize) {
    match next_content_length(buf, from) {
        Some(i) => drop(buf.drain(..i)),
        None => {
            let keep = buf.len().saturating_sub(b"content-length".len());
            drop(buf.drain(..keep));
        }
    }
}

/// The id of a message that could not be decoded, when it can be read: from the JSON, or
/// from the text of a body that is not JSON (`{"jsonrpc":"2.0","id":5,"method"…`).
fn readable_id(text: &str) -> Value {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return value
            .get("id")
            .filter(|id| id.is_i64() || id.is_u64() || id.is_string())
            .cloned()
            .unwrap_or(Value::Null);
    }
    let Some(at) = text.find("\"id\"") else {
        return Value::Null;
    };
    let rest = text[at + 4..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return Value::Null;
    };
    let rest = rest.trim_start();
    if let Some(quoted) = rest.strip_prefix('"') {
        // A string id, up to its closing quote (no escapes in ids worth guessing at).
        return match quoted.find(['"', '\\']) {
            Some(end) if quoted.as_bytes()[end] == b'"' => Value::String(quoted[..end].into()),
            _ => Value::Null,
        };
    }
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    digits.parse::<i64>().map_or(Value::Null, Value::from)
}

/// `\uD800`…`\uDFFF` escapes that are not half of a surrogate pair (which JSON parsers
/// refuse) replaced by `\uFFFD`: the text is then read with U+FFFD where the client had a
/// lone surrogate, instead of the whole edit being lost. `None` when there is none.
fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let escape_at = |i: usize| -> Option<u16> {
        let hex = text.get(i + 2..i + 6)?;
        (bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u'))
            .then(|| u16::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'\\', &bytes[i..]) {
        let at = i + pos;
        // An escaped backslash is not the start of an escape.
        if bytes.get(at + 1) == Some(&b'\\') {
            i = at + 2;
            continue;
        }
        match escape_at(at) {
            Some(high @ 0xD800..=0xDBFF)
                if escape_at(at + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                let _ = high;
                i = at + 12;
            }
            Some(0xD800..=0xDFFF) => {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..at]);
                o.push_str("\\uFFFD");
                copied = at + 6;
                i = at + 6;
            }
            _ => i = at + 1,
        }
    }
    out.map(|mut o| {
        o.push_str(&text[copied..]);
        o
    })
}

/// Messages longer than this (a `didOpen` of a large document) are checked against
/// [`LeanRequest`], which reads the params without building them: decoding a 50 MB
/// message into a tree only to drop it doubled the server's peak memory. (Responses from
/// the client, the other kind of message, are small.)
const LEAN_ABOVE: usize = 1 << 20;

/// The fields of tower-lsp-server's `Request`, with the same rules, but `params` only read.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // Read to be checked, not used.
struct LeanRequest<'a> {
    jsonrpc: LeanVersion,
    #[serde(default, borrow)]
    method: std::borrow::Cow<'a, str>,
    #[serde(default)]
    params: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    id: Option<tower_lsp_server::jsonrpc::Id>,
}

/// `"2.0"`, the only JSON-RPC version tower-lsp-server accepts.
struct LeanVersion;

impl<'de> serde::Deserialize<'de> for LeanVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = std::borrow::Cow::<'de, str>::deserialize(d)?;
        if v == "2.0" {
            Ok(LeanVersion)
        } else {
            Err(serde::de::Error::custom("expected JSON-RPC version 2.0"))
        }
    }
}

/// What to forward for `body`: itself, or a repaired copy (lone surrogates replaced) that
/// tower-lsp-server can decode; else the error response to send.
fn validate(body: Vec<u8>) -> Result<Vec<u8>, Vec<u8>> {
    let text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(_) => {
            return Err(error_frame(
                Value::Null,
                -32700,
                "message body is not UTF-8",
            ))
        }
    };
    let decodes = |t: &str| {
        if t.len() > LEAN_ABOVE {
            return serde_json::from_str::<LeanRequest<'_>>(t).is_ok();
        }
        serde_json::from_str::<Request>(t).is_ok() || serde_json::from_str::<Response>(t).is_ok()
    };
    if decodes(&text) {
        return Ok(text.into_bytes());
    }
    if let Some(repaired) = replace_lone_surrogates(&text).filter(|t| decodes(t)) {
        tracing::warn!("lone surrogates in a message replaced by U+FFFD");
        return Ok(repaired.into_bytes());
    }
    let id = readable_id(&text);
    match serde_json::from_str::<Value>(&text) {
        Err(_) => Err(error_frame(
            id,
            -32700,
            "parse error: the message is not JSON",
        )),
        Ok(_) => Err(error_frame(
            id,
            -32600,
            "invalid request: not a JSON-RPC 2.0 message",
        )),
    }
}

/// The reader thread's loop: frames from `input`, checked, to the server; error responses
/// to the outbox. Ends at the end of `input` or when the server has gone.
fn read_client<R: Read>(mut input: R, to_server: &Sender<Vec<u8>>, errors: &Outbox) {
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK);
    let mut scratch = vec![0; CHUNK];
    loop {
        let (text_end, body_start) = match header_end(&buf) {
            Some(end) => end,
            None if buf.len() > MAX_HEADER => {
                tracing::warn!("header too long; resynchronising");
                errors.send(error_frame(Value::Null, -32700, "message header too long"));
                buf.drain(..buf.len() - 16);
                resync(&mut buf, 0);
                continue;
            }
            None => match read_more(&mut input, &mut buf, &mut scratch) {
                Some(0) | None => return,
                Some(_) => continue,
            },
        };
        let Some(length) = content_length(&buf[..text_end]).filter(|&n| n <= MAX_BODY) else {
            // Bytes left over from a broken message before a real header: start there.
            if let Some(at) = next_content_length(&buf[..text_end], 1) {
                tracing::warn!(bytes = at, "garbage before a header; resynchronising");
                errors.send(error_frame(
                    Value::Null,
                    -32700,
                    "bytes outside a message were skipped",
                ));
                buf.drain(..at);
                continue;
            }
            tracing::warn!("header without a usable Content-Length; resynchronising");
            errors.send(error_frame(
                Value::Null,
                -32700,
                "missing or invalid Content-Length",
            ));
            buf.drain(..body_start);
            // The next message may start right here.
            resync(&mut buf, 0);
            continue;
        };
        buf.drain(..body_start);
        if buf.len() < length {
            // The rest of the body, read straight into the buffer. Room for it is made at
            // once (up to 64 MB: a length is only a claim; beyond, the buffer grows as the
            // bytes come), not by doubling — which held two copies of a large body at the
            // moment of each move.
            let missing = length - buf.len();
            buf.reserve_exact(missing.min(64 << 20));
            let _ = (&mut input).take(missing as u64).read_to_end(&mut buf);
            if buf.len() < length {
                return; // the client hung up mid-message
            }
        }
        let rest = buf.split_off(length);
        let body = std::mem::replace(&mut buf, rest);
        match validate(body) {
            Ok(body) => {
                // The header, then the body as it is: no copy of a large message.
                let header = format!("Content-Length: {}\r\n\r\n", body.len());
                if to_server.blocking_send(header.into_bytes()).is_err()
                    || to_server.blocking_send(body).is_err()
                {
                    return; // the server has gone
                }
            }
            Err(response) => {
                tracing::warn!("malformed message answered with an error");
                errors.send(response);
            }
        }
    }
}

/// Appends what one read of `input` gives to `buf`, through `scratch`: how many bytes,
/// `Some(0)` at the end of the input, `None` on an error (an interrupted read is tried
/// again).
fn read_more<R: Read>(input: &mut R, buf: &mut Vec<u8>, scratch: &mut [u8]) -> Option<usize> {
    loop {
        match input.read(scratch) {
            Ok(n) => {
                buf.extend_from_slice(&scratch[..n]);
                return Some(n);
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Write` whose bytes the test reads afterwards.
    #[derive(Clone, Default)]
    struct Written(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Written {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(data);
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The threads end to end: good frames reach the server whole and in order, a broken
    /// one is answered between the server's frames, the end of stdin ends the session,
    /// and what the server wrote before closing is all written out.
    #[tokio::test]
    async fn the_stdio_threads_pass_frames_and_answer_broken_ones() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let good =
            |id: u32| frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"m"}}"#).as_bytes());
        let mut client = good(1);
        client.extend_from_slice(b"Content-Length: 5\r\n\r\n{oops");
        // LF-only headers, and a body larger than one read of stdin.
        let big = format!(
            r#"{{"jsonrpc":"2.0","method":"n","params":"{}"}}"#,
            "x".repeat(3 * CHUNK)
        );
        client.extend_from_slice(format!("Content-Length: {}\n\n{big}", big.len()).as_bytes());
        client.extend_from_slice(&good(2));
        let ending = std::sync::Arc::new(tokio::sync::Notify::new());
        let ended = ending.clone();
        let written = Written::default();
        let (mut input, mut output, outbox, done) =
            split(std::io::Cursor::new(client), written.clone(), ending);

        let mut read = Vec::new();
        input.read_to_end(&mut read).await.unwrap();
        tokio::time::timeout(Duration::from_secs(10), ended.notified())
            .await
            .expect("the end of stdin ends the session");
        let mut expected = good(1);
        expected.extend_from_slice(&frame(big.as_bytes()));
        expected.extend_from_slice(&good(2));
        assert!(
            read == expected,
            "the server reads the good frames, in order"
        );

        // The server writes a frame in two pieces, the outbox one of its own.
        let reply = frame(br#"{"jsonrpc":"2.0","id":1,"result":null}"#);
        output.write_all(&reply[..10]).await.unwrap();
        outbox.send(frame(b"{\"published\":1}"));
        output.write_all(&reply[10..]).await.unwrap();
        drop(output);
        done.await;
        let out = String::from_utf8(written.0.lock().unwrap().clone()).unwrap();
        let parse_error = out.find("-32700").expect("the broken frame is answered");
        let published = out.find("published").expect("the outbox's frame");
        let replied = out.find(r#""result":null"#).expect("the server's frame");
        assert!(parse_error < replied, "{out}");
        // The outbox's frame is not spliced into the middle of the server's.
        assert!(published < out.find("Content-Length: 38").unwrap(), "{out}");
        assert!(out.ends_with(r#""result":null}"#), "{out}");
    }

    #[test]
    fn validation_matches_what_the_server_decodes() {
        let ok = |b: &[u8]| validate(b.to_vec()).is_ok();
        assert!(ok(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        assert!(ok(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(ok(br#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(!ok(br#"{"jsonrpc":"2.0","id":1,"method""#));
        assert!(!ok(br#"{"jsonrpc":"1.0","id":3,"method":"x"}"#));
        assert!(!ok(b"\xff\xfe"));
        assert_eq!(
            content_length(b"Content-Type: x\r\ncontent-length: 42"),
            Some(42)
        );
        assert_eq!(
            content_length(b"X-Original-Content-Length: 9\r\nContent-Length: 42"),
            Some(42)
        );
        assert_eq!(content_length(b"Content-Type: x"), None);
        assert_eq!(
            next_content_length(b"garbage}Content-Length: 7", 0),
            Some(8)
        );
        assert_eq!(
            next_content_length(b"X-Original-Content-Length: 7", 0),
            None
        );
        assert_eq!(header_end(b"Content-Length: 2\n\n{}"), Some((17, 19)));
        assert_eq!(header_end(b"Content-Length: 2\r\n\r\n{}"), Some((17, 21)));
    }

    /// Above the size where the lean check is used it agrees with tower-lsp's decoder.
    #[test]
    fn large_messages_are_checked_like_small_ones() {
        let pad = "x".repeat(LEAN_ABOVE);
        let ok = |b: String| validate(b.into_bytes()).is_ok();
        assert!(ok(format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"t":"{pad}"}}}}"#
        )));
        assert!(ok(format!(
            r#"{{"jsonrpc":"2.0","id":"a","method":"m","params":["{pad}"]}}"#
        )));
        assert!(!ok(format!(
            r#"{{"jsonrpc":"1.0","method":"m","params":"{pad}"}}"#
        )));
        assert!(!ok(format!(
            r#"{{"jsonrpc":"2.0","id":1.5,"method":"m","params":"{pad}"}}"#
        )));
        assert!(!ok(format!(
            r#"{{"jsonrpc":"2.0","method":"m","params":"{pad}""#
        )));
        assert!(!ok(format!(
            r#"{{"jsonrpc":"2.0","method":"m","method":"n","params":"{pad}"}}"#
        )));
    }

    #[test]
    fn ids_are_read_from_broken_messages() {
        assert_eq!(
            readable_id(r#"{"jsonrpc": "2.0", "id": 5, "method""#),
            json!(5)
        );
        assert_eq!(readable_id(r#"{"id":"a-1","method":"#), json!("a-1"));
        assert_eq!(readable_id(r#"{"jsonrpc":"1.0","id":3}"#), json!(3));
        assert_eq!(readable_id("not json at all"), Value::Null);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            replace_lone_surrogates(r#"{"t":"a\ud800b"}"#).as_deref(),
            Some(r#"{"t":"a\uFFFDb"}"#)
        );
        // A pair is kept, an escaped backslash is no escape.
        assert_eq!(
            replace_lone_surrogates(r#"{"t":"\ud83d\ude00 \\ud800"}"#),
            None
        );
        assert_eq!(
            replace_lone_surrogates(r#"{"t":"\udc00\ud800"}"#).as_deref(),
            Some(r#"{"t":"\uFFFD\uFFFD"}"#)
        );
    }
}
