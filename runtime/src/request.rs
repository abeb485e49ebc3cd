//! Building and sending one request.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Instant, SystemTime};

use tracing::Instrument;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::auth::{redact_url, redacted, AuthError};
use crate::body::BodyKind;
use crate::client::Core;
use crate::error::{error_chain, DecodeError, Error, ErrorBody, IncompleteBody, RawResponse};
use crate::multipart::{Multipart, MultipartForm};
use crate::options::Attempt;
use crate::pages::Input;
use crate::params::{form_body, Param, UNRESERVED};
use crate::response::{from_json, ResponseValue};
use crate::retry::{asked_wait, is_idempotent, random_fraction, random_u64};

/// A request under construction; sent with [`Request::send_json`] or [`Request::send_empty`].
///
/// Generated methods build one per call; it can also call an endpoint the document lacks:
///
/// ```no_run
/// use std::convert::Infallible;
///
/// use openapi_clientgen_runtime::codegen::{reqwest::Method, serde_json::Value};
/// use openapi_clientgen_runtime::{ClientBuilder, Core, Param, Request, Style};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let core: Core = ClientBuilder::new(None, &[]).base_url("https://api.example.com/v1").build()?;
/// let mut request = Request::new(&core, "getStatus", Method::GET, "/status/{region}", &[]);
/// request.path(Param::new("region", Style::Simple, false), "eu-west");
/// request.query(Param::new("verbose", Style::Form, true), &true);
/// let response = request.send_json::<Value, Infallible>().await?;
/// println!("{}: {}", response.status(), *response);
/// # Ok(())
/// # }
/// ```
pub struct Request<'a> {
    core: &'a Core,
    operation: &'static str,
    method: Method,
    /// The path, its placeholders replaced as path parameters are set.
    path: String,
    /// The query string, already encoded.
    query: String,
    /// The cookie pairs of cookie parameters, already encoded.
    cookies: Vec<String>,
    headers: HeaderMap,
    security: &'static [&'static [&'static str]],
    body: Option<(BodyKind, String)>,
    /// Parameters of the body's content type, such as a multipart boundary.
    content_type_parameters: Option<String>,
    /// The whole URL, for a request to a link the server gave (the next page's).
    url: Option<Url>,
    error: Option<String>,
}

impl<'a> Request<'a> {
    /// Starts a request for `operation` (its `operationId`, or `METHOD /path`, as hooks and
    /// traces name it) to `path`, which begins with `/`; each `{name}` in it is replaced by
    /// the path parameter `name` ([`Request::path`]).
    ///
    /// `security` lists the alternatives of security schemes (by their names in the
    /// document) the operation accepts: the credentials of the first alternative the
    /// client holds all of are sent. No alternative means no credentials; an empty
    /// alternative means credentials are optional.
    pub fn new(
        core: &'a Core,
        operation: &'static str,
        method: Method,
        path: &str,
        security: &'static [&'static [&'static str]],
    ) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Request {
            core,
            operation,
            method,
            path: path.to_owned(),
            query: String::new(),
            cookies: Vec::new(),
            headers,
            security,
            body: None,
            content_type_parameters: None,
            url: None,
            error: None,
        }
    }

    /// Sets the path parameter `param` (its placeholder in the path) to `value`, written in
    /// the parameter's style.
    pub fn path(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.path(value) {
            Ok(text) => {
                let placeholder = format!("{{{}}}", param.name());
                if self.path.contains(&placeholder) {
                    self.path = self.path.replace(&placeholder, &text);
                } else {
                    self.fail(format!("the path has no placeholder `{placeholder}`"));
                }
            }
            Err(message) => self.fail(message),
        }
    }

    /// Adds the query parameter `param`, written in its style; an undefined value (`null`,
    /// an empty list or object) adds nothing.
    pub fn query(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.query(value) {
            Ok(text) if text.is_empty() => {}
            Ok(text) => {
                if !self.query.is_empty() {
                    self.query.push('&');
                }
                self.query.push_str(&text);
            }
            Err(message) => self.fail(message),
        }
    }

    /// Sets the header parameter `param`, written in its style; an undefined value sends
    /// no header.
    pub fn header(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        let name = param.name();
        let text = match param.header(value) {
            Ok(Some(text)) => text,
            Ok(None) => return,
            Err(message) => return self.fail(message),
        };
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("invalid header name `{name}`"))
            .and_then(|header_name| {
                HeaderValue::from_bytes(text.as_bytes())
                    .map(|value| (header_name, value))
                    .map_err(|_| format!("the value of header `{name}` cannot be sent in a header"))
            });
        match header {
            Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            Err(message) => self.fail(message),
        }
    }

    /// Adds the cookie parameter `param`, written in its style, to the `Cookie` header
    /// (with any cookie credentials); an undefined value adds nothing.
    pub fn cookie(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.cookie(value) {
            Ok(text) if text.is_empty() => {}
            Ok(text) => self.cookies.push(text),
            Err(message) => self.fail(message),
        }
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// Sends `body` as JSON (`application/json`).
    pub fn json(&mut self, body: &(impl Serialize + ?Sized)) {
        self.json_as(body, "application/json");
    }

    /// Sends `body` as JSON with the media type `content_type`, such as
    /// `application/merge-patch+json`.
    pub fn json_as(&mut self, body: &(impl Serialize + ?Sized), content_type: &'static str) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((BodyKind::Bytes(bytes.into()), content_type.into())),
            Err(e) => self.fail(format!("the body cannot be written as JSON: {e}")),
        }
    }

    /// Sends `body` as `application/x-www-form-urlencoded`: each property as a query
    /// parameter of its name, in the style `encodings` gives it (by name), else `form`,
    /// exploded.
    pub fn form(&mut self, body: &(impl Serialize + ?Sized), encodings: &[Param]) {
        match form_body(body, encodings) {
            Ok(text) => {
                self.body = Some((
                    BodyKind::Bytes(text.into()),
                    "application/x-www-form-urlencoded".into(),
                ))
            }
            Err(e) => self.fail(format!("the body cannot be form-encoded: {e}")),
        }
    }

    /// Sends `body` as `multipart/form-data`: one part per property, in the alphabetical
    /// order of their names, encoded as [`Multipart::value`](crate::Multipart::value) does.
    pub fn multipart(&mut self, body: &(impl Serialize + ?Sized)) {
        match Multipart::of_value(body) {
            Ok(form) => self.set_multipart(form),
            Err(message) => self.fail(message),
        }
    }

    /// Sends `form` as `multipart/form-data`, its files as they are read: streamed when one
    /// of them is a stream or a file (and then not retried).
    pub fn multipart_form(&mut self, form: impl MultipartForm) {
        let mut parts = Multipart::new();
        form.write_parts(&mut parts, "");
        self.set_multipart(parts);
    }

    fn set_multipart(&mut self, form: Multipart) {
        match form.finish() {
            Ok((body, parameters)) => {
                self.body = Some((body, "multipart/form-data".into()));
                self.content_type_parameters = Some(parameters);
            }
            Err(message) => self.fail(message),
        }
    }

    /// Asks for a response in the media types `accept` (instead of JSON).
    pub fn accept(&mut self, accept: &str) {
        match HeaderValue::from_str(accept) {
            Ok(value) => {
                self.headers.insert(ACCEPT, value);
            }
            Err(_) => self.fail(format!(
                "the media types `{accept}` cannot be sent in a header"
            )),
        }
    }

    /// Sends `body` as it is: bytes, text, a file or a stream (see [`Body`](crate::Body)),
    /// as its own media type or else `content_type`.
    pub fn binary(&mut self, body: impl Into<crate::Body>, content_type: &'static str) {
        let body = body.into();
        let media_type = body.media_type.unwrap_or_else(|| content_type.to_owned());
        self.body = Some((body.kind, media_type));
    }

    /// Sends `body` as text, with the media type `content_type` (`text/plain`...).
    pub fn text(&mut self, body: &str, content_type: &'static str) {
        self.body = Some((
            BodyKind::Bytes(Bytes::copy_from_slice(body.as_bytes())),
            content_type.to_owned(),
        ));
    }

    /// The URL the request goes to, before options and credentials add to its query.
    pub(crate) fn url(&self) -> Result<Url, String> {
        match &self.url {
            Some(url) => Ok(url.clone()),
            None => request_url(self.core.base_url(), &self.path, &self.query),
        }
    }

    /// A copy to send again, changed; `None` when the body is a stream, which can be
    /// sent once only.
    pub(crate) fn try_clone(&self) -> Option<Request<'a>> {
        let body = match &self.body {
            None => None,
            Some((BodyKind::Bytes(bytes), media)) => {
                Some((BodyKind::Bytes(bytes.clone()), media.clone()))
            }
            Some((BodyKind::Stream(_), _)) => return None,
        };
        Some(Request {
            core: self.core,
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            cookies: self.cookies.clone(),
            headers: self.headers.clone(),
            security: self.security,
            body,
            content_type_parameters: self.content_type_parameters.clone(),
            url: self.url.clone(),
            error: self.error.clone(),
        })
    }

    /// Makes this a `GET` of `url` (a link the server gave), with the same headers and
    /// credentials: only within the origin of the client's base URL, where those belong.
    pub(crate) fn follow(&mut self, url: Url) -> Result<(), String> {
        let base = Url::parse(self.core.base_url()).map_err(|e| e.to_string())?;
        if url.origin() != base.origin() {
            return Err(format!(
                "not following the next link to another origin ({}), so that no credential \
                 of this client is sent there",
                url.origin().ascii_serialization()
            ));
        }
        self.method = Method::GET;
        self.url = Some(url);
        self.query.clear();
        self.body = None;
        self.content_type_parameters = None;
        Ok(())
    }

    /// The value of a paging input as the request carries it.
    pub(crate) fn input(&self, input: Input) -> Option<String> {
        match input {
            Input::Query(name) => {
                let key = percent_encoding::utf8_percent_encode(name, UNRESERVED).to_string();
                self.query.split('&').find_map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (k == key).then(|| {
                        percent_encoding::percent_decode_str(v)
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                })
            }
            Input::Body(name) => {
                let (BodyKind::Bytes(bytes), _) = self.body.as_ref()? else {
                    return None;
                };
                let body: BTreeMap<String, serde_json::Value> =
                    serde_json::from_slice(bytes).ok()?;
                match body.get(name)? {
                    serde_json::Value::String(text) => Some(text.clone()),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                }
            }
        }
    }

    /// Sets a paging input to `value` (a cursor, or a number as text), in place of the
    /// value the request carried. In a JSON body, a number stays a number.
    pub(crate) fn set_input(&mut self, input: Input, value: &str) {
        match input {
            Input::Query(name) => {
                let key = percent_encoding::utf8_percent_encode(name, UNRESERVED).to_string();
                let mut pairs: Vec<&str> = self
                    .query
                    .split('&')
                    .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(key.as_str()))
                    .collect();
                let pair = format!(
                    "{key}={}",
                    percent_encoding::utf8_percent_encode(value, UNRESERVED)
                );
                pairs.push(&pair);
                self.query = pairs.join("&");
            }
            Input::Body(name) => {
                let bytes = match &self.body {
                    Some((BodyKind::Bytes(bytes), _)) if !bytes.is_empty() => bytes.clone(),
                    Some(_) => {
                        return self
                            .fail("the next page's input cannot be set in this body".to_owned())
                    }
                    None => Bytes::from_static(b"{}"),
                };
                // The other properties are kept as received, digits and all.
                let mut body: BTreeMap<String, Box<RawValue>> = match serde_json::from_slice(&bytes)
                {
                    Ok(body) => body,
                    Err(e) => return self.fail(format!("the body is not a JSON object: {e}")),
                };
                let text = match value.parse::<i64>() {
                    Ok(number) => number.to_string(),
                    Err(_) => serde_json::Value::from(value).to_string(),
                };
                match RawValue::from_string(text) {
                    Ok(raw) => body.insert(name.to_owned(), raw),
                    Err(e) => return self.fail(format!("the body cannot be written as JSON: {e}")),
                };
                match serde_json::to_vec(&body) {
                    Ok(bytes) => {
                        let media = self
                            .body
                            .take()
                            .map(|(_, media)| media)
                            .unwrap_or_else(|| "application/json".to_owned());
                        self.body = Some((BodyKind::Bytes(bytes.into()), media));
                    }
                    Err(e) => self.fail(format!("the body cannot be written as JSON: {e}")),
                }
            }
        }
    }

    /// Sends the request; a success body is text (invalid UTF-8 is replaced by U+FFFD).
    pub async fn send_text<E: ErrorBody>(self) -> Result<ResponseValue<String>, Error<E>> {
        self.send_received().await?.text().await
    }

    /// Sends the request; a success body is a [`ByteStream`](crate::ByteStream), read as
    /// the caller consumes it. An error status's body is read whole, as for every call.
    pub async fn send_stream<E: ErrorBody>(
        self,
    ) -> Result<ResponseValue<crate::ByteStream>, Error<E>> {
        Ok(self.send_received().await?.bytes())
    }

    /// Sends the request; a success body is a stream of server-sent events whose data is
    /// JSON, decoded as `T`.
    pub async fn send_events<T: DeserializeOwned, E: ErrorBody>(
        mut self,
    ) -> Result<ResponseValue<crate::EventStream<T>>, Error<E>> {
        self.accept("text/event-stream");
        Ok(self.send_received().await?.events())
    }

    /// Sends the request; a success body is a stream of server-sent events whose data is
    /// text.
    pub async fn send_text_events<E: ErrorBody>(
        mut self,
    ) -> Result<ResponseValue<crate::EventStream<String>>, Error<E>> {
        self.accept("text/event-stream");
        Ok(self.send_received().await?.text_events())
    }

    /// Sends the request and decodes a JSON success body.
    pub async fn send_json<T: DeserializeOwned, E: ErrorBody>(
        self,
    ) -> Result<ResponseValue<T>, Error<E>> {
        self.send_received().await?.json().await
    }

    /// Sends the request; the success body, if any, is not decoded.
    pub async fn send_empty<E: ErrorBody>(self) -> Result<ResponseValue<()>, Error<E>> {
        let response = self.send_received().await?.read().await?;
        Ok(ResponseValue::new(response.status, response.headers, ()))
    }

    /// Sends the request; a success response is returned before its body is read, to be
    /// read as its `Content-Type` tells (see [`Received`]). An error status's body is read
    /// whole and decoded as `E`.
    pub async fn send_received<E: ErrorBody>(self) -> Result<Received, Error<E>> {
        let limit = self.core.max_response_bytes();
        let (response, secret_query) = self.execute().await?;
        if response.status().is_success() {
            return Ok(Received {
                response,
                limit,
                secret_query,
            });
        }
        let response = read_body(response, limit, &secret_query).await?;
        Err(status_error(response))
    }

    /// Sends the request, retrying as the client's [`RetryPolicy`](crate::RetryPolicy)
    /// allows; returns the last response, before its body is read, and the query
    /// parameters that carry secrets.
    async fn execute<E>(self) -> Result<(reqwest::Response, Vec<&'static str>), Error<E>> {
        if let Some(message) = self.error {
            return Err(Error::InvalidRequest(message));
        }
        let core = self.core;
        let options = core.options();
        let mut url = match self.url {
            Some(url) => url,
            None => request_url(core.base_url(), &self.path, &self.query)
                .map_err(Error::InvalidRequest)?,
        };
        let mut headers = self.headers;
        for (name, value) in &options.query {
            url.query_pairs_mut().append_pair(name, value);
        }
        for (name, value) in &options.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name `{name}`")))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidRequest(format!("the value of header `{name}` cannot be sent"))
            })?;
            headers.append(name, value);
        }
        let secret_query = core
            .credentials()
            .apply(self.security, &mut headers, &mut url)
            .await
            .map_err(|error| match error {
                AuthError::Missing(missing) => Error::MissingCredentials(missing),
                AuthError::Source { scheme, source } => Error::Credential { scheme, source },
                AuthError::NotSendable { scheme } => Error::Credential {
                    scheme,
                    source: "the token contains characters that cannot be sent in an HTTP header"
                        .into(),
                },
            })?;
        merge_cookies(&mut headers, self.cookies).map_err(Error::InvalidRequest)?;
        if let Some((_, media_type)) = &self.body {
            let content_type = match &self.content_type_parameters {
                Some(parameters) => format!("{media_type}; {parameters}"),
                None => media_type.clone(),
            };
            let content_type = HeaderValue::from_str(&content_type)
                .map_err(|_| Error::InvalidRequest("invalid content type".to_owned()))?;
            headers.insert(CONTENT_TYPE, content_type);
        }
        let policy = core.retry_policy();
        if let Some(name) = policy.idempotency() {
            if !headers.contains_key(name) && !is_idempotent(&self.method) {
                let key = format!("{:016x}{:016x}", random_u64(), random_u64());
                if let Ok(key) = HeaderValue::from_str(&key) {
                    headers.insert(name.clone(), key);
                }
            }
        }
        let (replayable, mut streamed) = match self.body {
            Some((BodyKind::Bytes(bytes), _)) => (Some(bytes), None),
            Some((BodyKind::Stream(stream), _)) => (None, Some(stream)),
            None => (None, None),
        };
        let may_retry = policy.may_retry(&self.method, &headers, streamed.is_some());
        let span = tracing::debug_span!(
            "request",
            operation = self.operation,
            method = %self.method,
            url = %redacted(&url, &secret_query),
        );
        let started = Instant::now();
        let mut retry = 0;
        let response = loop {
            let attempt = Attempt {
                operation: self.operation,
                retry,
            };
            let mut builder = core
                .http()
                .request(self.method.clone(), url.clone())
                .headers(headers.clone());
            if let Some(timeout) = options.timeout {
                builder = builder.timeout(timeout);
            }
            if let Some(bytes) = &replayable {
                builder = builder.body(bytes.clone());
            } else if let Some(stream) = streamed.take() {
                builder = builder.body(stream);
            }
            let mut request = builder
                .build()
                .map_err(|e| Error::Request(redact_url(e, &secret_query)))?;
            for hook in core.hooks().0.iter() {
                hook.before_send(&mut request, attempt)
                    .map_err(Error::Hook)?;
            }
            let sent = Instant::now();
            let outcome = core.http().execute(request).instrument(span.clone()).await;
            let wait = match &outcome {
                Ok(response) => {
                    tracing::debug!(
                        parent: &span,
                        retry,
                        status = response.status().as_u16(),
                        duration_ms = sent.elapsed().as_millis() as u64,
                        "response"
                    );
                    for hook in core.hooks().0.iter() {
                        hook.after_receive(response, attempt);
                    }
                    let asked = asked_wait(response.headers(), SystemTime::now());
                    (may_retry && policy.retries_status(response.status()))
                        .then(|| policy.delay(retry, asked, started.elapsed(), random_fraction()))
                        .flatten()
                }
                Err(error) => {
                    tracing::debug!(
                        parent: &span,
                        retry,
                        duration_ms = sent.elapsed().as_millis() as u64,
                        error = %redacted_error(error, &secret_query),
                        "no response"
                    );
                    (may_retry && !error.is_builder() && !error.is_redirect())
                        .then(|| policy.delay(retry, None, started.elapsed(), random_fraction()))
                        .flatten()
                }
            };
            match wait {
                Some(wait) => {
                    tracing::info!(
                        parent: &span,
                        retry = retry + 1,
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                    retry += 1;
                }
                None => {
                    break outcome.map_err(|e| Error::Request(redact_url(e, &secret_query)))?;
                }
            }
        };
        Ok((response, secret_query))
    }
}

/// A success response whose body is not read yet: read it as JSON, text, bytes or events.
///
/// Generated methods whose document answers in several ways (JSON or server-sent events,
/// text or bytes) ask [`Received::kind`] which one the server chose.
pub struct Received {
    response: reqwest::Response,
    limit: usize,
    secret_query: Vec<&'static str>,
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
    pub(crate) async fn read<E>(self) -> Result<RawResponse, Error<E>> {
        read_body(self.response, self.limit, &self.secret_query).await
    }

    /// The body decoded from JSON.
    pub async fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let response = self.read().await?;
        match from_json(&response.body) {
            Ok(body) => Ok(ResponseValue::new(response.status, response.headers, body)),
            Err(source) => Err(Error::Decode(Box::new(DecodeError { response, source }))),
        }
    }

    /// The body as text (invalid UTF-8 is replaced by U+FFFD).
    pub async fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        let response = self.read().await?;
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

/// The URL of a request to `path` (with `query`, already encoded) under `base_url`.
fn request_url(base_url: &str, path: &str, query: &str) -> Result<Url, String> {
    let expected = format!("{base_url}{path}");
    let mut url = Url::parse(&expected).map_err(|e| format!("invalid URL `{expected}`: {e}"))?;
    // The URL parser resolves `.` and `..` segments; a parameter must not change which
    // resource is addressed.
    if url.as_str() != expected {
        return Err(format!(
            "a path parameter changes the request path (`{expected}` resolves to `{url}`)"
        ));
    }
    if !query.is_empty() {
        url.set_query(Some(query));
    }
    Ok(url)
}

/// Joins the cookie parameters' pairs and any cookie credentials into one `Cookie` header,
/// as RFC 6265 asks; it stays marked sensitive when a credential is in it.
fn merge_cookies(headers: &mut HeaderMap, parameters: Vec<String>) -> Result<(), String> {
    if parameters.is_empty() {
        return Ok(());
    }
    let credentials: Vec<HeaderValue> = headers.get_all(COOKIE).iter().cloned().collect();
    headers.remove(COOKIE);
    let mut pairs = parameters;
    let sensitive = !credentials.is_empty();
    for value in &credentials {
        pairs.push(value.to_str().unwrap_or_default().to_owned());
    }
    let mut value = HeaderValue::from_str(&pairs.join("; "))
        .map_err(|_| "the cookie parameters cannot be sent in a header".to_owned())?;
    value.set_sensitive(sensitive);
    headers.insert(COOKIE, value);
    Ok(())
}

/// The error for a response with an error status.
fn status_error<E: ErrorBody>(response: RawResponse) -> Error<E> {
    match E::decode(response.status.as_u16(), &response.body) {
        Some(Ok(body)) => Error::Status(Box::new(crate::ErrorResponse { body, response })),
        Some(Err(source)) => Error::Decode(Box::new(DecodeError { response, source })),
        None => Error::UnexpectedStatus(Box::new(response)),
    }
}

/// The text of a reqwest error with secrets redacted from its URL.
fn redacted_error(error: &reqwest::Error, secret_query: &[&str]) -> String {
    let mut text = error_chain(error);
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), &redacted(url, secret_query));
    }
    text
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
async fn read_body<E>(
    mut response: reqwest::Response,
    limit: usize,
    secret_query: &[&str],
) -> Result<RawResponse, Error<E>> {
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
