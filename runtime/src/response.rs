//! Reading a response: its body as JSON, text, bytes or events, an error status as the
//! operation's error type, and successful responses.

use std::fmt;
use std::ops::Deref;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::auth::redact_url;
use crate::error::{DecodeError, Error, ErrorBody, Failure, IncompleteBody, RawResponse};
use crate::json::from_json;

/// A successful response: the decoded body with the status and headers it came with.
///
/// Dereferences to the body, so `response.payload` reads a field of the body.
///
/// ```no_run
/// # use openapi_clientgen_runtime::codegen::Request;
/// # use openapi_clientgen_runtime::{ClientBuilder, Core};
/// # use openapi_clientgen_runtime::codegen::{reqwest::Method, serde_json::Value};
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// # let core: Core = ClientBuilder::new(None, &[]).base_url("https://api.example.com").build()?;
/// let response = Request::new(&core, "getMe", Method::GET, "/me", &[])
///     .send_json::<Value, std::convert::Infallible>()
///     .await?;
/// let etag = response.headers().get("etag").cloned();
/// let name = response["name"].clone(); // through `Deref`
/// let body: Value = response.into_inner();
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> ResponseValue<T> {
    pub(super) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        ResponseValue {
            status,
            headers,
            body,
        }
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The same response with its body converted by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::from_json;

    #[test]
    fn reads_json_text_and_reports_bad_bytes_as_serde_json_does() {
        let value: serde_json::Value = from_json(br#"{"name":"Ana \u00e9","n":1}"#).unwrap();
        assert_eq!(value["name"], "Ana é");
        let invalid = b"{\"name\":\"\xff\"}";
        let ours = from_json::<serde_json::Value>(invalid).unwrap_err();
        let theirs = serde_json::from_slice::<serde_json::Value>(invalid).unwrap_err();
        assert_eq!(ours.to_string(), theirs.to_string());
        assert!(from_json::<serde_json::Value>(b"{\"a\":").is_err());
    }
}

/// A success response whose body is not read yet: read it as JSON, text, bytes or events.
///
/// Generated methods whose document answers in several ways (JSON or server-sent events,
/// text or bytes) ask [`Received::kind`] which one the server chose.
pub struct Received {
    pub(crate) response: reqwest::Response,
    pub(crate) limit: usize,
    pub(crate) secret_query: Vec<&'static str>,
}

/// A way of reading a success body; see [`Received::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// JSON (`application/json`, `*+json`).
    Json,
    /// Server-sent events (`text/event-stream`).
    Events,
    /// Text (`text/*`).
    Text,
    /// Anything else, as bytes.
    Bytes,
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received")
            .field("status", &self.response.status())
            .finish_non_exhaustive()
    }
}

impl Received {
    /// Which of `offered` the response's `Content-Type` says the body is; the first of
    /// `offered` when it says none of them (or nothing).
    pub fn kind(&self, offered: &[ContentKind]) -> ContentKind {
        let media = self
            .response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|media| media.trim().to_ascii_lowercase());
        let kind = match media.as_deref() {
            None => None,
            Some("application/json") => Some(ContentKind::Json),
            Some(m) if m.ends_with("+json") => Some(ContentKind::Json),
            Some("text/event-stream") => Some(ContentKind::Events),
            Some(m) if m.starts_with("text/") => Some(ContentKind::Text),
            Some(_) => Some(ContentKind::Bytes),
        };
        match kind {
            Some(kind) if offered.contains(&kind) => kind,
            _ => offered.first().copied().unwrap_or(ContentKind::Bytes),
        }
    }

    /// The whole body, up to the client's limit.
    pub(crate) async fn read(self) -> Result<RawResponse, Failure> {
        read_body(self.response, self.limit, &self.secret_query).await
    }

    /// The body decoded from JSON.
    pub async fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let response = self.read().await.map_err(Failure::widen)?;
        match from_json(&response.body) {
            Ok(body) => Ok(ResponseValue::new(response.status, response.headers, body)),
            Err(source) => Err(Error::Decode(Box::new(DecodeError { response, source }))),
        }
    }

    /// The body as text (invalid UTF-8 is replaced by U+FFFD).
    pub async fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        let response = self.read().await.map_err(Failure::widen)?;
        let text = String::from_utf8_lossy(&response.body).into_owned();
        Ok(ResponseValue::new(response.status, response.headers, text))
    }

    /// The body as a stream of bytes, read as the caller consumes it.
    pub fn bytes(mut self) -> ResponseValue<crate::ByteStream> {
        let status = self.response.status();
        let headers = std::mem::take(self.response.headers_mut());
        ResponseValue::new(
            status,
            headers,
            crate::ByteStream::new(self.response, self.limit),
        )
    }

    /// The body as server-sent events whose data is JSON, decoded as `T`.
    pub fn events<T: DeserializeOwned>(self) -> ResponseValue<crate::EventStream<T>> {
        self.bytes().map(crate::EventStream::json)
    }

    /// The body as server-sent events whose data is text.
    pub fn text_events(self) -> ResponseValue<crate::EventStream<String>> {
        self.bytes().map(crate::EventStream::text)
    }
}

/// The error for a response with an error status.
pub(crate) fn status_error<E: ErrorBody>(response: RawResponse) -> Error<E> {
    match E::decode(response.status.as_u16(), &response.body) {
        Some(Ok(body)) => Error::Status(Box::new(crate::ErrorResponse { body, response })),
        Some(Err(source)) => Error::Decode(Box::new(DecodeError { response, source })),
        None => Error::UnexpectedStatus(Box::new(response)),
    }
}

/// A body read chunk by chunk. The first chunk is kept as it is, so a body that arrives in
/// one piece is never copied.
#[derive(Default)]
struct Chunks {
    first: Bytes,
    joined: BytesMut,
}

impl Chunks {
    fn len(&self) -> usize {
        if self.joined.is_empty() {
            self.first.len()
        } else {
            self.joined.len()
        }
    }

    fn push(&mut self, chunk: Bytes) {
        if self.len() == 0 {
            self.first = chunk;
        } else {
            if self.joined.is_empty() {
                self.joined.extend_from_slice(&self.first);
            }
            self.joined.extend_from_slice(&chunk);
        }
    }

    fn into_bytes(self) -> Bytes {
        if self.joined.is_empty() {
            self.first
        } else {
            self.joined.freeze()
        }
    }
}

/// Reads a response body of at most `limit` bytes; `secret_query` names the query
/// parameters to redact from an error's URL.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    secret_query: &[&str],
) -> Result<RawResponse, Failure> {
    enum End {
        Complete,
        TooLarge,
        Cut(reqwest::Error),
    }
    let mut body = Chunks::default();
    let end = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - body.len();
                if chunk.len() > room {
                    body.push(chunk.slice(..room));
                    break End::TooLarge;
                }
                body.push(chunk);
            }
            Ok(None) => break End::Complete,
            Err(source) => break End::Cut(source),
        }
    };
    let raw = RawResponse {
        status: response.status(),
        headers: std::mem::take(response.headers_mut()),
        body: body.into_bytes(),
    };
    match end {
        End::Complete => Ok(raw),
        End::TooLarge => Err(Error::BodyTooLarge(Box::new(raw))),
        End::Cut(source) => Err(Error::IncompleteBody(Box::new(IncompleteBody {
            response: raw,
            source: redact_url(source, secret_query),
        }))),
    }
}
