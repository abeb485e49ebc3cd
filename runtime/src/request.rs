//! Building one request: its path, query, headers, cookies and body, each parameter
//! written in its style.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, COOKIE};
use reqwest::{Method, Url};
use serde::Serialize;

use crate::body::BodyKind;
use crate::client::Core;
use crate::multipart::{Multipart, MultipartForm};
use crate::params::{form_body, Param};

/// A request under construction; sent with [`Request::send_json`] or [`Request::send_empty`].
///
/// Generated methods build one per call; it can also call an endpoint the document lacks:
///
/// ```no_run
/// use std::convert::Infallible;
///
/// use openapi_clientgen_runtime::codegen::{reqwest::Method, serde_json::Value};
/// use openapi_clientgen_runtime::codegen::{Param, Request, Style};
/// use openapi_clientgen_runtime::{ClientBuilder, Core};
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
    pub(crate) core: &'a Core,
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// The path, its placeholders replaced as path parameters are set.
    pub(crate) path: String,
    /// The query string, already encoded.
    pub(crate) query: String,
    /// The cookie pairs of cookie parameters, already encoded.
    pub(crate) cookies: Vec<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) body: Option<(BodyKind, String)>,
    /// Parameters of the body's content type, such as a multipart boundary.
    pub(crate) content_type_parameters: Option<String>,
    /// The whole URL, for a request to a link the server gave (the next page's).
    pub(crate) url: Option<Url>,
    pub(crate) error: Option<String>,
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

    /// Adds `query`, a query string as the API document writes it after an operation's
    /// path (`beta=true`), to every call of the operation.
    pub fn query_string(&mut self, query: &str) {
        if query.is_empty() {
            return;
        }
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(query);
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

    pub(crate) fn fail(&mut self, message: String) {
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
    /// order of their names, encoded as [`Multipart::value`](crate::codegen::Multipart::value) does.
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
}

/// The URL of a request to `path` (with `query`, already encoded) under `base_url`.
pub(crate) fn request_url(base_url: &str, path: &str, query: &str) -> Result<Url, String> {
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
pub(crate) fn merge_cookies(
    headers: &mut HeaderMap,
    parameters: Vec<String>,
) -> Result<(), String> {
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
