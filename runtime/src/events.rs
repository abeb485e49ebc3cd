//! Server-sent events (`text/event-stream`), read as the WHATWG HTML standard says.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Buf, BytesMut};
use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::body::ByteStream;
use crate::json::from_json;

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<T> {
    /// The event type: `message` unless the server named another.
    pub event: String,
    /// The last event ID the server set, if any (it carries over to later events).
    pub id: Option<String>,
    /// The reconnection time the server asked for with this event, if any.
    pub retry: Option<Duration>,
    /// The event's data, decoded.
    pub data: T,
}

/// Why an event stream stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// The connection failed before the stream ended; events not yet complete are lost.
    #[error("the event stream was cut off: {0}")]
    Cut(#[source] reqwest::Error),
    /// An event's data does not match the API document.
    #[error("an event's data does not match the API document: {source}")]
    Decode {
        /// The data as received.
        data: String,
        /// Why it could not be decoded.
        #[source]
        source: serde_json::Error,
    },
}

/// A stream of server-sent events, each decoded as `T`: a
/// [`Stream`](futures_core::Stream) of `Result<Event<T>, EventError>`.
///
/// The stream ends when the server closes it, or at the event whose data is the
/// sentinel given to [`EventStream::until`] (as `data: [DONE]` ends an OpenAI-style
/// stream). A cut connection is an error item, after which the stream ends.
pub struct EventStream<T> {
    bytes: ByteStream,
    buffer: BytesMut,
    parser: Parser,
    decode: fn(String) -> Result<T, serde_json::Error>,
    sentinel: Option<String>,
    done: bool,
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("sentinel", &self.sentinel)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> EventStream<T> {
    /// Events whose data is JSON, decoded as `T`.
    pub fn json(bytes: ByteStream) -> Self {
        EventStream::new(bytes, |data| from_json(data.as_bytes()))
    }
}

impl EventStream<String> {
    /// Events whose data is text, as it is.
    pub fn text(bytes: ByteStream) -> Self {
        EventStream::new(bytes, Ok)
    }
}

impl<T> EventStream<T> {
    fn new(bytes: ByteStream, decode: fn(String) -> Result<T, serde_json::Error>) -> Self {
        EventStream {
            bytes,
            buffer: BytesMut::new(),
            parser: Parser::default(),
            decode,
            sentinel: None,
            done: false,
        }
    }

    /// Ends the stream, without an item, at the first event whose data is `sentinel`.
    pub fn until(mut self, sentinel: impl Into<String>) -> Self {
        self.sentinel = Some(sentinel.into());
        self
    }

    /// The next complete event in the buffer, if there is one.
    fn next_buffered(&mut self) -> Option<Result<Event<T>, EventError>> {
        while let Some(line) = take_line(&mut self.buffer) {
            let Some(raw) = self.parser.line(&line) else {
                continue;
            };
            if self.sentinel.as_deref() == Some(raw.data.as_str()) {
                self.done = true;
                return None;
            }
            return Some(match (self.decode)(raw.data.clone()) {
                Ok(data) => Ok(Event {
                    event: raw.event,
                    id: raw.id,
                    retry: raw.retry,
                    data,
                }),
                Err(source) => Err(EventError::Decode {
                    data: raw.data,
                    source,
                }),
            });
        }
        None
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>, EventError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Nothing in the stream is pinned in place: the byte stream is boxed inside.
        let this = self.get_mut();
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(event) = this.next_buffered() {
                return Poll::Ready(Some(event));
            }
            if this.done {
                return Poll::Ready(None);
            }
            match Pin::new(&mut this.bytes).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => this.buffer.extend_from_slice(&chunk),
                Poll::Ready(Some(Err(error))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(EventError::Cut(error))));
                }
                // A clean end: a CR that ended the last line counts, and an event without
                // its closing blank line is discarded.
                Poll::Ready(None) => {
                    if this.buffer.ends_with(b"\r") {
                        this.buffer.extend_from_slice(b"\n");
                        let last = this.next_buffered();
                        this.done = true;
                        return Poll::Ready(last);
                    }
                    this.done = true;
                    return Poll::Ready(None);
                }
            }
        }
    }
}

/// Takes the first complete line (ended by CR LF, LF or CR) off `buffer`, without its
/// ending. A CR at the very end waits for the next chunk, which may start with its LF.
fn take_line(buffer: &mut BytesMut) -> Option<String> {
    let end = buffer.iter().position(|b| *b == b'\n' || *b == b'\r')?;
    let ending = if buffer[end] == b'\r' {
        match buffer.get(end + 1) {
            Some(b'\n') => 2,
            Some(_) => 1,
            None => return None,
        }
    } else {
        1
    };
    let line = String::from_utf8_lossy(&buffer[..end]).into_owned();
    buffer.advance(end + ending);
    Some(line)
}

/// An event before its data is decoded.
struct RawEvent {
    event: String,
    id: Option<String>,
    retry: Option<Duration>,
    data: String,
}

/// The state of the event-stream interpretation between lines.
#[derive(Default)]
struct Parser {
    started: bool,
    event: String,
    data: String,
    has_data: bool,
    last_id: Option<String>,
    retry: Option<Duration>,
}

impl Parser {
    /// Interprets one line; returns the event a blank line dispatches.
    fn line(&mut self, line: &str) -> Option<RawEvent> {
        let line = if self.started {
            line
        } else {
            self.started = true;
            line.strip_prefix('\u{feff}').unwrap_or(line)
        };
        if line.is_empty() {
            let event = std::mem::take(&mut self.event);
            let retry = self.retry.take();
            if !self.has_data {
                return None;
            }
            self.has_data = false;
            let mut data = std::mem::take(&mut self.data);
            if data.ends_with('\n') {
                data.pop();
            }
            return Some(RawEvent {
                event: if event.is_empty() {
                    "message".to_owned()
                } else {
                    event
                },
                id: self.last_id.clone(),
                retry,
                data,
            });
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of a whole stream (a CR at its very end ends the last line).
    fn events(text: &str) -> Vec<(String, Option<String>, Option<u64>, String)> {
        let mut buffer = BytesMut::from(text.as_bytes());
        if buffer.ends_with(b"\r") {
            buffer.extend_from_slice(b"\n");
        }
        let mut parser = Parser::default();
        let mut out = Vec::new();
        while let Some(line) = take_line(&mut buffer) {
            if let Some(e) = parser.line(&line) {
                out.push((e.event, e.id, e.retry.map(|r| r.as_millis() as u64), e.data));
            }
        }
        out
    }

    fn message(id: Option<&str>, data: &str) -> (String, Option<String>, Option<u64>, String) {
        (
            "message".to_owned(),
            id.map(str::to_owned),
            None,
            data.to_owned(),
        )
    }

    #[test]
    fn the_standard_s_examples() {
        // From the WHATWG HTML standard, 9.2.6 "Interpreting an event stream".
        assert_eq!(
            events("data: YHOO\ndata: +2\ndata: 10\n\n"),
            [message(None, "YHOO\n+2\n10")]
        );
        assert_eq!(
            events(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"),
            [
                message(Some("1"), "first event"),
                message(Some(""), "second event"),
                message(Some(""), " third event"),
            ]
        );
        assert_eq!(
            events("data\n\ndata\ndata\n\ndata:"),
            [message(None, ""), message(None, "\n")]
        );
        assert_eq!(
            events("data:test\n\ndata: test\n\n"),
            [message(None, "test"), message(None, "test")]
        );
    }

    #[test]
    fn types_retry_line_endings_and_a_byte_order_mark() {
        assert_eq!(
            events(
                "\u{feff}event: add\r\nretry: 1500\r\ndata: {\"a\":1}\r\n\r\nretry: x\rdata: b\r\r"
            ),
            [
                ("add".to_owned(), None, Some(1500), "{\"a\":1}".to_owned()),
                message(None, "b"),
            ]
        );
        // A CR at the end of what arrived waits for a possible LF.
        let mut buffer = BytesMut::from(&b"data: a\r"[..]);
        assert_eq!(take_line(&mut buffer), None);
        buffer.extend_from_slice(b"\n");
        assert_eq!(take_line(&mut buffer).as_deref(), Some("data: a"));
        assert!(buffer.is_empty());
    }
}
