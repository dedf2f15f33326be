//! A framing guard between the client and tower-lsp-server.
//!
//! tower-lsp-server's decoder returns an error for a malformed message, and tokio-util's
//! `FramedRead` ends the stream after any decode error: one bad frame (invalid JSON, a wrong
//! `Content-Length`, a body that is not UTF-8) would end the session and the process. The
//! guard reads the client's bytes itself, tolerantly, and forwards only messages the server
//! can decode, through an in-memory pipe. A malformed message gets a JSON-RPC error response
//! (`-32700` parse error, `-32600` invalid request), spliced into the server's output
//! between whole frames. After a broken header it resynchronises at the next
//! `Content-Length`.

use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tower_lsp_server::jsonrpc::{Request, Response};

const MAX_HEADER: usize = 16 * 1024;
const MAX_BODY: usize = 512 << 20;
const PIPE: usize = 1 << 20;

/// Whole frames for the client, written between the transport's frames: the guard's
/// error responses and the server's published diagnostics (see `publish`).
#[derive(Clone, Debug)]
pub struct Outbox(UnboundedSender<Vec<u8>>);

impl Outbox {
    /// An outbox and the receiving end of what is sent to it (for in-process tests).
    #[cfg(test)]
    pub fn channel() -> (Outbox, UnboundedReceiver<Vec<u8>>) {
        let (tx, rx) = unbounded_channel();
        (Outbox(tx), rx)
    }

    /// Queues a complete frame; dropped if the session has ended.
    pub fn send(&self, frame: Vec<u8>) {
        if !frame.is_empty() {
            let _ = self.0.send(frame);
        }
    }
}

/// Pipes for the server: `(its input, its output, an outbox)`. The returned future must
/// run for the session; it ends after the server's output closes and has been written
/// out, with what the outbox holds.
pub fn split<R, W>(
    stdin: R,
    stdout: W,
) -> (
    DuplexStream,
    DuplexStream,
    Outbox,
    impl std::future::Future<Output = ()>,
)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (to_server, server_in) = tokio::io::duplex(PIPE);
    let (server_out, from_server) = tokio::io::duplex(PIPE);
    let (errors_tx, errors_rx) = unbounded_channel();
    let outbox = Outbox(errors_tx.clone());
    let reader = tokio::spawn(read_client(stdin, to_server, errors_tx));
    let writer = tokio::spawn(write_client(from_server, stdout, errors_rx));
    let done = async move {
        // The writer ends when the server's output closes; the reader may be blocked on
        // stdin, which is not awaited.
        let _ = tokio::time::timeout(Duration::from_secs(10), writer).await;
        reader.abort();
    };
    (server_in, server_out, outbox, done)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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

/// The `Content-Length` a header block names (the last one, case-insensitively).
fn content_length(header: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(header).to_ascii_lowercase();
    let at = text.rfind("content-length:")?;
    let digits: String = text[at + "content-length:".len()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// `Ok` when tower-lsp-server can decode `body`; else the error response to send.
fn validate(body: &[u8]) -> Result<(), Vec<u8>> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(error_frame(
            Value::Null,
            -32700,
            "message body is not UTF-8",
        ));
    };
    if serde_json::from_str::<Request>(text).is_ok()
        || serde_json::from_str::<Response>(text).is_ok()
    {
        return Ok(());
    }
    match serde_json::from_str::<Value>(text) {
        Err(_) => Err(error_frame(
            Value::Null,
            -32700,
            "parse error: the message is not JSON",
        )),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_i64() || id.is_string())
                .cloned()
                .unwrap_or(Value::Null);
            Err(error_frame(
                id,
                -32600,
                "invalid request: not a JSON-RPC 2.0 message",
            ))
        }
    }
}

/// Drops bytes up to the next `Content-Length` (or all but a possible partial one).
fn resync(buf: &mut Vec<u8>) {
    let lower: Vec<u8> = buf.iter().map(u8::to_ascii_lowercase).collect();
    match find(&lower[1.min(lower.len())..], b"content-length") {
        Some(i) => drop(buf.drain(..i + 1)),
        None => {
            let keep = buf.len().saturating_sub(b"content-length".len());
            drop(buf.drain(..keep));
        }
    }
}

async fn read_client<R: AsyncRead + Unpin>(
    mut input: R,
    mut to_server: DuplexStream,
    errors: UnboundedSender<Vec<u8>>,
) {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    loop {
        let header_end = match find(&buf, b"\r\n\r\n") {
            Some(i) => i,
            None if buf.len() > MAX_HEADER => {
                tracing::warn!("header too long; resynchronising");
                let _ = errors.send(error_frame(Value::Null, -32700, "message header too long"));
                buf.drain(..buf.len() - 16);
                resync(&mut buf);
                continue;
            }
            None => match input.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => continue,
            },
        };
        let Some(length) = content_length(&buf[..header_end]).filter(|&n| n <= MAX_BODY) else {
            tracing::warn!("header without a usable Content-Length; resynchronising");
            let _ = errors.send(error_frame(
                Value::Null,
                -32700,
                "missing or invalid Content-Length",
            ));
            buf.drain(..header_end + 4);
            resync(&mut buf);
            continue;
        };
        buf.drain(..header_end + 4);
        while buf.len() < length {
            match input.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return, // the client hung up mid-message
                Ok(_) => {}
            }
        }
        let body: Vec<u8> = buf.drain(..length).collect();
        match validate(&body) {
            Ok(()) => {
                if to_server.write_all(&frame(&body)).await.is_err() {
                    return; // the server has gone
                }
            }
            Err(response) => {
                tracing::warn!(
                    bytes = body.len(),
                    "malformed message answered with an error"
                );
                let _ = errors.send(response);
            }
        }
    }
}

/// The length of the first complete frame in `buf`, if there is one.
fn complete_frame(buf: &[u8]) -> Option<usize> {
    let end = find(buf, b"\r\n\r\n")?;
    let total = end + 4 + content_length(&buf[..end])?;
    (buf.len() >= total).then_some(total)
}

async fn write_client<W: AsyncWrite + Unpin>(
    mut from_server: DuplexStream,
    mut out: W,
    mut errors: UnboundedReceiver<Vec<u8>>,
) {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    loop {
        tokio::select! {
            read = from_server.read_buf(&mut buf) => {
                let closed = !matches!(read, Ok(n) if n > 0);
                while let Some(n) = complete_frame(&buf) {
                    if out.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                    buf.drain(..n);
                }
                if closed {
                    while let Ok(e) = errors.try_recv() {
                        let _ = out.write_all(&e).await;
                    }
                    let _ = out.write_all(&buf).await;
                    let _ = out.flush().await;
                    return;
                }
                let _ = out.flush().await;
            }
            Some(e) = errors.recv() => {
                // Between frames: `buf` holds at most the start of the next one.
                if out.write_all(&e).await.is_err() || out.flush().await.is_err() {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_matches_what_the_server_decodes() {
        assert!(validate(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","id":1,"method""#).is_err());
        assert!(validate(br#"{"jsonrpc":"1.0","id":3,"method":"x"}"#).is_err());
        assert!(validate(b"\xff\xfe").is_err());
        assert_eq!(
            content_length(b"Content-Type: x\r\ncontent-length: 42"),
            Some(42)
        );
        assert_eq!(content_length(b"garbage}Content-Length: 7"), Some(7));
        assert_eq!(content_length(b"Content-Type: x"), None);
    }
}
