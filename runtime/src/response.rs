//! Successful responses, and reading JSON bodies.

use std::ops::Deref;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// Reads a JSON body into `T`.
///
/// The body is checked to be UTF-8 once, then read as text: `serde_json` then neither checks
/// each string again nor the raw text of each property kept in an
/// [`Extra`](crate::Extra). A body that is not UTF-8 gets `serde_json`'s own error.
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json::Value;
/// use openapi_clientgen_runtime::from_json;
///
/// let value: Value = from_json(br#"{"id": 7}"#).unwrap();
/// assert_eq!(value["id"], 7);
/// assert!(from_json::<Value>(b"{").is_err());
/// ```
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// A successful response: the decoded body with the status and headers it came with.
///
/// Dereferences to the body, so `response.payload` reads a field of the body.
///
/// ```no_run
/// # use openapi_clientgen_runtime::{ClientBuilder, Core, Request};
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
