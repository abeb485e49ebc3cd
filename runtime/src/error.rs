//! What can go wrong with a call, keeping everything the server sent.

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::auth::{BoxError, MissingCredentials};
use crate::json::from_json;

/// The error responses an operation documents, decoded by status code.
///
/// Implemented by the generated `...Error` enums, through [`error_body!`](crate::codegen::error_body).
pub trait ErrorBody: Sized {
    /// Decodes `body` as the response documented for `status`; `None` when the operation
    /// documents no response for that status.
    fn decode(status: u16, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

/// For operations that document no error responses.
impl ErrorBody for Infallible {
    fn decode(_status: u16, _body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        None
    }
}

/// Implements [`ErrorBody`] for a generated error enum, one arm per documented status:
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json::{json, Value};
/// use openapi_clientgen_runtime::codegen::error_body;
/// use openapi_clientgen_runtime::ErrorBody;
///
/// #[derive(Debug, PartialEq)]
/// pub enum ShowError {
///     NotFound(Value),
///     ServerError,
/// }
///
/// error_body!(ShowError { 404 => NotFound(json), 500..=599 => ServerError });
///
/// let not_found = ShowError::decode(404, br#"{"error":"gone"}"#).unwrap().unwrap();
/// assert_eq!(not_found, ShowError::NotFound(json!({"error": "gone"})));
/// assert_eq!(ShowError::decode(503, b"").unwrap().unwrap(), ShowError::ServerError);
/// assert!(ShowError::decode(401, b"").is_none()); // not documented
/// ```
///
/// `(json)` marks a variant that holds the body decoded as JSON; other variants hold
/// nothing. Statuses no arm matches are not documented.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_body {
    ($name:ident { $($status:pat => $variant:ident $(($json:ident))?),* $(,)? }) => {
        impl $crate::ErrorBody for $name {
            fn decode(
                status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<Self, $crate::codegen::serde_json::Error>> {
                let _ = body;
                ::std::option::Option::Some(match status {
                    $( $status => $crate::__error_body!(@decode body $variant $($json)?), )*
                    #[allow(unreachable_patterns)]
                    _ => return ::std::option::Option::None,
                })
            }
        }
    };
    (@decode $body:ident $variant:ident json) => {
        $crate::codegen::from_json($body).map(Self::$variant)
    };
    (@decode $body:ident $variant:ident) => {
        ::std::result::Result::Ok(Self::$variant)
    };
}

/// A response as it was received: status, headers and the raw body.
///
/// ```
/// use openapi_clientgen_runtime::codegen::bytes::Bytes;
/// use openapi_clientgen_runtime::codegen::reqwest::{header::HeaderMap, StatusCode};
/// use openapi_clientgen_runtime::{Error, RawResponse};
///
/// let response = RawResponse {
///     status: StatusCode::UNAUTHORIZED,
///     headers: HeaderMap::new(),
///     body: Bytes::from_static(br#"{"error":"Invalid Access Token"}"#),
/// };
/// assert_eq!(response.message().as_deref(), Some("Invalid Access Token"));
/// assert_eq!(response.text(), r#"{"error":"Invalid Access Token"}"#);
/// ```
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received, byte for byte.
    pub body: Bytes,
}

impl RawResponse {
    /// The body as text (invalid UTF-8 is replaced by U+FFFD).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// The server's own message, if the body has one: the `error`, `message` or
    /// `description` of a JSON body, `errors` joined, the title of an HTML page, or the
    /// start of a plain-text body.
    pub fn message(&self) -> Option<String> {
        const MAX_CHARS: usize = 300;
        if let Ok(json) = from_json::<serde_json::Value>(&self.body) {
            return json_message(&json);
        }
        let text = self.text();
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.starts_with('<') {
            if let Some(title) = html_title(text) {
                return Some(title);
            }
        }
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match collapsed.char_indices().nth(MAX_CHARS) {
            Some((end, _)) => format!("{}…", &collapsed[..end]),
            None => collapsed,
        })
    }
}

fn json_message(json: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let text = |value: &Value| match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Object(object) => ["message", "full_message", "description"]
            .iter()
            .find_map(|key| object.get(*key).and_then(Value::as_str))
            .map(str::to_owned),
        _ => None,
    };
    let object = json.as_object()?;
    for key in ["error", "message", "description", "error_description"] {
        if let Some(message) = object.get(key).and_then(text) {
            return Some(message);
        }
    }
    match object.get("errors") {
        Some(Value::Array(errors)) => {
            let messages: Vec<String> = errors.iter().filter_map(text).collect();
            (!messages.is_empty()).then(|| messages.join("; "))
        }
        Some(other) => text(other),
        None => None,
    }
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let start = start + lower[start..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = html[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then_some(title)
}

/// A documented error response: its decoded body and the response as received.
#[derive(Debug, Clone)]
pub struct ErrorResponse<E> {
    /// The body decoded as the operation documents it for this status.
    pub body: E,
    /// The response as received.
    pub response: RawResponse,
}

/// A response whose body does not match the API document.
#[derive(Debug)]
pub struct DecodeError {
    /// The response as received.
    pub response: RawResponse,
    /// Where and why decoding failed.
    pub source: serde_json::Error,
}

/// A response whose body could not be read to its end.
#[derive(Debug)]
pub struct IncompleteBody {
    /// The response with the part of the body that was read.
    pub response: RawResponse,
    /// Why reading stopped.
    pub source: reqwest::Error,
}

/// A failed call. `E` is the operation's documented error type.
///
/// Every variant that got a response keeps its status, headers and raw body;
/// [`Error::message`] gives the server's message in one call.
///
/// ```
/// use openapi_clientgen_runtime::codegen::bytes::Bytes;
/// use openapi_clientgen_runtime::codegen::reqwest::{header::HeaderMap, StatusCode};
/// use openapi_clientgen_runtime::{Error, RawResponse};
///
/// let response = RawResponse {
///     status: StatusCode::UNAUTHORIZED,
///     headers: HeaderMap::new(),
///     body: Bytes::from_static(br#"{"error":"Invalid Access Token"}"#),
/// };
/// let error: Error<()> = Error::UnexpectedStatus(Box::new(response));
/// assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
/// assert_eq!(error.message(), "Invalid Access Token");
/// assert_eq!(error.to_string(), "unexpected HTTP 401 Unauthorized: Invalid Access Token");
/// assert!(error.documented().is_none());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the operation documents.
    Status(Box<ErrorResponse<E>>),
    /// The server answered with an error status the operation does not document.
    UnexpectedStatus(Box<RawResponse>),
    /// The body does not match the API document.
    Decode(Box<DecodeError>),
    /// The body is larger than the configured limit; the response holds its first part.
    BodyTooLarge(Box<RawResponse>),
    /// The connection failed while the body was read.
    IncompleteBody(Box<IncompleteBody>),
    /// No response: the connection, TLS or a redirect failed, or the time ran out.
    Request(reqwest::Error),
    /// The request could not be built from the arguments.
    InvalidRequest(String),
    /// The client holds no credentials the operation accepts; nothing was sent.
    MissingCredentials(MissingCredentials),
    /// The token of a security scheme could not be had from its
    /// [`TokenSource`](crate::TokenSource), or cannot be sent; nothing was sent.
    Credential {
        /// The security scheme, by its name in the document.
        scheme: &'static str,
        /// Why: the token source's error, or what is wrong with its token.
        source: BoxError,
    },
    /// A [`Hook`](crate::Hook) stopped the call before it was sent.
    Hook(BoxError),
    /// The next page of a list cannot be asked for (see [`Pages`](crate::Pages)).
    Pages(String),
}

/// An error that holds no documented body: what the runtime's non-generic code returns,
/// so that sending and reading are compiled once, not once per operation's error type.
pub(crate) type Failure = Error<std::convert::Infallible>;

impl Failure {
    /// The same error, for an operation whose documented errors are `E`.
    pub(crate) fn widen<E>(self) -> Error<E> {
        match self {
            Error::Status(response) => match response.body {},
            Error::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Error::Decode(error) => Error::Decode(error),
            Error::BodyTooLarge(response) => Error::BodyTooLarge(response),
            Error::IncompleteBody(error) => Error::IncompleteBody(error),
            Error::Request(error) => Error::Request(error),
            Error::InvalidRequest(message) => Error::InvalidRequest(message),
            Error::MissingCredentials(missing) => Error::MissingCredentials(missing),
            Error::Credential { scheme, source } => Error::Credential { scheme, source },
            Error::Hook(error) => Error::Hook(error),
            Error::Pages(message) => Error::Pages(message),
        }
    }
}

impl<E> Error<E> {
    /// The response as received, when there was one.
    pub fn response(&self) -> Option<&RawResponse> {
        match self {
            Error::Status(e) => Some(&e.response),
            Error::UnexpectedStatus(response) | Error::BodyTooLarge(response) => Some(response),
            Error::Decode(e) => Some(&e.response),
            Error::IncompleteBody(e) => Some(&e.response),
            Error::Request(_)
            | Error::InvalidRequest(_)
            | Error::MissingCredentials(_)
            | Error::Credential { .. }
            | Error::Hook(_)
            | Error::Pages(_) => None,
        }
    }

    /// The response status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        self.response().map(|r| r.status)
    }

    /// The raw response body (or the part that was read), when there was a response.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.response().map(|r| &r.body[..])
    }

    /// The documented error body, for [`Error::Status`].
    pub fn documented(&self) -> Option<&E> {
        match self {
            Error::Status(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The most useful single message: the server's own message when the response has
    /// one, otherwise a description of what failed.
    pub fn message(&self) -> String {
        match self {
            Error::Status(_) | Error::UnexpectedStatus(_) => self
                .response()
                .and_then(RawResponse::message)
                .unwrap_or_else(|| self.to_string()),
            _ => self.to_string(),
        }
    }
}

/// `HTTP 404 Not Found`.
fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// An error with its causes, which a reqwest error's own `Display` leaves out.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with_message = |f: &mut fmt::Formatter<'_>, prefix: &str, response: &RawResponse| {
            let line = status_line(response.status);
            match response.message() {
                Some(message) => write!(f, "{prefix}{line}: {message}"),
                None => write!(f, "{prefix}{line}"),
            }
        };
        match self {
            Error::Status(e) => with_message(f, "", &e.response),
            Error::UnexpectedStatus(response) => with_message(f, "unexpected ", response),
            Error::Decode(e) => write!(
                f,
                "{}: the body does not match the API document: {}",
                status_line(e.response.status),
                e.source
            ),
            Error::BodyTooLarge(response) => write!(
                f,
                "{}: the body is larger than the limit of {} bytes",
                status_line(response.status),
                response.body.len()
            ),
            Error::IncompleteBody(e) => write!(
                f,
                "{}: the body was cut off after {} bytes: {}",
                status_line(e.response.status),
                e.response.body.len(),
                error_chain(&e.source)
            ),
            Error::Request(e) => write!(f, "request failed: {}", error_chain(e)),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::MissingCredentials(missing) => missing.fmt(f),
            Error::Hook(source) => write!(
                f,
                "a hook stopped the call: {}",
                error_chain(source.as_ref())
            ),
            Error::Credential { scheme, source } => write!(
                f,
                "no credential for the security scheme `{scheme}`: {}",
                error_chain(source.as_ref())
            ),
            Error::Pages(message) => write!(f, "the next page cannot be fetched: {message}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(&e.source),
            Error::IncompleteBody(e) => Some(&e.source),
            Error::Request(e) => Some(e),
            Error::Credential { source, .. } | Error::Hook(source) => Some(source.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
            body: Bytes::copy_from_slice(body.as_bytes()),
        }
    }

    #[test]
    fn messages_are_found_in_common_error_bodies() {
        let cases = [
            (
                r#"{"error":"Invalid Access Token"}"#,
                Some("Invalid Access Token"),
            ),
            (
                r#"{"message":"Name can't be blank"}"#,
                Some("Name can't be blank"),
            ),
            (
                r#"{"description":"Access denied","errors":[]}"#,
                Some("Access denied"),
            ),
            (
                r#"{"errors":[{"field":"email","message":"is taken"},"too short"]}"#,
                Some("is taken; too short"),
            ),
            (r#"{"error":{"message":"nested"}}"#, Some("nested")),
            (r#"{"id": 1}"#, None),
            (r#"[1, 2]"#, None),
            (
                "<html><head><TITLE> 504 Gateway\nTime-out </TITLE></head></html>",
                Some("504 Gateway Time-out"),
            ),
            (
                "  upstream   connect error \n",
                Some("upstream connect error"),
            ),
            ("", None),
        ];
        for (body, expected) in cases {
            assert_eq!(response(body).message().as_deref(), expected, "{body}");
        }
    }

    #[test]
    fn long_text_bodies_are_cut_short() {
        let message = response(&"x".repeat(1000)).message().unwrap();
        assert_eq!(message.chars().count(), 301);
        assert!(message.ends_with('…'));
    }

    #[test]
    fn invalid_utf8_is_kept_raw_and_shown_replaced() {
        let raw = RawResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"ok \xff"),
        };
        assert_eq!(raw.text(), "ok \u{fffd}");
        assert_eq!(&raw.body[..], b"ok \xff");
    }
}
