//! The server's ends of stdio: a thread that reads the client, a thread that writes to it,
//! and the channels between them and the transport.
//!
//! Each end of a keystroke's round trip used to pass through tokio's blocking pool
//! (`tokio::io::stdin`/`stdout` run every read and write as a blocking task) and an
//! in-memory pipe with a task on each side: about six thread wake-ups from the client's
//! `didChange` to its `publishDiagnostics`, most of a 40 KB keystroke's time. Now a
//! dedicated thread blocks on stdin and hands each checked frame to the transport (one
//! wake-up), and another writes what the server sends as soon as it is queued (one
//! wake-up); nothing else is between them. The framing helpers the guard also reads
//! headers with are here.

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc::{Receiver, UnboundedReceiver, UnboundedSender};

/// What goes to the writer thread.
#[derive(Debug)]
pub enum Out {
    /// A complete frame, written whole.
    Frame(Vec<u8>),
    /// The server's output has closed: write what is queued, then stop.
    Closed,
}

/// The transport's input: the frames the reader thread checked, as one byte stream. It
/// ends when the reader thread does (the client closed stdin).
pub struct ServerInput {
    frames: Receiver<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
}

impl ServerInput {
    pub fn new(frames: Receiver<Vec<u8>>) -> ServerInput {
        ServerInput {
            frames,
            current: Vec::new(),
            at: 0,
        }
    }
}

impl AsyncRead for ServerInput {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.at < this.current.len() {
                let n = buf.remaining().min(this.current.len() - this.at);
                buf.put_slice(&this.current[this.at..this.at + n]);
                this.at += n;
                if this.at == this.current.len() {
                    // Read whole: not kept until the next frame (a `didOpen` of 50 MB).
                    this.current = Vec::new();
                    this.at = 0;
                }
                return Poll::Ready(Ok(()));
            }
            match this.frames.poll_recv(cx) {
                Poll::Ready(Some(bytes)) => {
                    this.current = bytes;
                    this.at = 0;
                }
                // The end of the stream: nothing put in `buf`.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The transport's output: bytes are gathered until a frame is complete, which is then
/// queued for the writer thread whole — so the guard's own frames (error responses,
/// published diagnostics) are only ever written between two of the transport's.
pub struct ServerOutput {
    pending: Vec<u8>,
    to_writer: UnboundedSender<Out>,
}

impl ServerOutput {
    pub fn new(to_writer: UnboundedSender<Out>) -> ServerOutput {
        ServerOutput {
            pending: Vec::new(),
            to_writer,
        }
    }
}

impl AsyncWrite for ServerOutput {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_empty() && complete_frame(data) == Some(data.len()) {
            // The usual case: the transport writes one frame at a time.
            let _ = this.to_writer.send(Out::Frame(data.to_vec()));
            return Poll::Ready(Ok(data.len()));
        }
        this.pending.extend_from_slice(data);
        while let Some(n) = complete_frame(&this.pending) {
            let rest = this.pending.split_off(n);
            let frame = std::mem::replace(&mut this.pending, rest);
            let _ = this.to_writer.send(Out::Frame(frame));
        }
        Poll::Ready(Ok(data.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl Drop for ServerOutput {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            // An incomplete frame: written as it is, as the pipe before wrote it.
            let _ = self
                .to_writer
                .send(Out::Frame(std::mem::take(&mut self.pending)));
        }
        let _ = self.to_writer.send(Out::Closed);
    }
}

/// The writer thread's loop: writes each frame as it comes, everything queued at that
/// moment in one write, and flushes. Ends at [`Out::Closed`] (after writing what is
/// queued behind it: the guard's last error responses), when every sender has gone, or
/// when the client stops reading.
pub fn write_client<W: std::io::Write>(mut queue: UnboundedReceiver<Out>, mut out: W) {
    let mut batch: Vec<u8> = Vec::new();
    let mut closed = false;
    while !closed {
        let Some(first) = queue.blocking_recv() else {
            break;
        };
        let mut take = |o: Out, batch: &mut Vec<u8>| match o {
            Out::Frame(frame) if batch.is_empty() => *batch = frame,
            Out::Frame(frame) => batch.extend_from_slice(&frame),
            Out::Closed => closed = true,
        };
        take(first, &mut batch);
        // What else is queued now (after `Closed` too: the guard's last answers).
        while let Ok(next) = queue.try_recv() {
            take(next, &mut batch);
        }
        if out.write_all(&batch).is_err() || out.flush().is_err() {
            tracing::info!("the client stopped reading");
            return;
        }
        // Not kept: the next frame usually becomes the batch itself, and a large one
        // (diagnostics of a huge document) would stay for the session.
        batch = Vec::new();
    }
}

/// Where `needle` first occurs in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The `Content-Length` a header block names: the value of the header line whose name is
/// exactly `Content-Length` (in any case). `X-Original-Content-Length` is another header.
pub(crate) fn content_length(header: &[u8]) -> Option<usize> {
    header.split(|&b| b == b'\n').find_map(|line| {
        let line = std::str::from_utf8(line).ok()?;
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("content-length") {
            return None;
        }
        value.trim().parse().ok()
    })
}

/// The length of the first complete frame in `buf`, if there is one.
pub(crate) fn complete_frame(buf: &[u8]) -> Option<usize> {
    let end = find(buf, b"\r\n\r\n")?;
    let total = end + 4 + content_length(&buf[..end])?;
    (buf.len() >= total).then_some(total)
}
