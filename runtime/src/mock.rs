//! A mock server of an API, for testing code that calls it (feature `mock`): generated
//! clients with a mock module state expectations in their operations' own types, which
//! this module turns into [wiremock](https://docs.rs/wiremock) mocks.
//!
//! Requests are matched as the client writes them: the method, the path with each path
//! parameter in its style, each query parameter's pairs, header and cookie values, and the
//! body: JSON compared as JSON, a form's fields and a multipart body's parts in any order,
//! other bodies byte for byte. A request no expectation matches is answered 501, with a
//! body naming the request and the closest expectation, which a client reads as an error
//! at once.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::FutureExt;
use http_body_util::BodyExt;
use percent_encoding::percent_decode_str;
use serde::Serialize;
use wiremock::{Match, Mock, Request, ResponseTemplate};

use crate::body::BodyKind;
use crate::multipart::{Multipart, MultipartForm};
use crate::params::Param;

/// The stated expectations that are still alive, by id.
type Expected = Arc<Mutex<Vec<(u64, Arc<Stated>)>>>;

/// A mock server on 127.0.0.1, started by [`MockServer::start`].
pub struct MockServer {
    server: wiremock::MockServer,
    /// The path the API's operations are under (`/v1`), or empty.
    base_path: String,
    expected: Expected,
    next_id: std::sync::atomic::AtomicU64,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

/// Matches the requests no live expectation matches.
struct Unexpected(Expected);

impl Match for Unexpected {
    fn matches(&self, request: &Request) -> bool {
        let expected = self.0.lock().unwrap_or_else(|e| e.into_inner());
        !expected.iter().any(|(_, stated)| stated.answers(request))
    }
}

impl MockServer {
    /// Starts a server with no expectations: every request is answered 501.
    pub async fn start() -> Self {
        Self::start_at("").await
    }

    /// Starts a server with no expectations whose operations are under `base_path`
    /// (`/v1`), as the API's server has them: [`uri`](Self::uri) ends with it, and an
    /// expectation's path is matched after it.
    pub async fn start_at(base_path: &str) -> Self {
        let base_path = base_path.trim_end_matches('/').to_owned();
        let server = wiremock::MockServer::start().await;
        let expected: Expected = Arc::default();
        let known = expected.clone();
        // Mounted first and matching only what no expectation matches, so that the order
        // in which wiremock tries its mocks does not matter.
        Mock::given(Unexpected(expected.clone()))
            .respond_with(move |request: &Request| {
                let described = format!(
                    "{} {}{}",
                    request.method,
                    request.url.path(),
                    request
                        .url
                        .query()
                        .map(|q| format!("?{q}"))
                        .unwrap_or_default()
                );
                let known: Vec<String> = known
                    .lock()
                    .map(|k| {
                        k.iter()
                            .map(|(_, stated)| stated.when.to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let closest = known
                    .iter()
                    .max_by_key(|e| common_prefix(e, &described))
                    .map_or_else(
                        || "none was stated".to_owned(),
                        |e| format!("the closest is {e}"),
                    );
                ResponseTemplate::new(501)
                    .set_body_string(format!("no expectation matches {described}; {closest}"))
            })
            .mount(&server)
            .await;
        MockServer {
            server,
            base_path,
            expected,
            next_id: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The server's base URL, with its base path, for a client's `base_url`.
    pub fn uri(&self) -> String {
        format!("{}{}", self.server.uri(), self.base_path)
    }

    /// Answers the requests `when` matches as `then` says, while the returned
    /// [`Expectation`] lives.
    ///
    /// Expectations are tried in the order they were stated: the first that matches a
    /// request (and has answers left, see [`Then::times`]) answers it.
    pub async fn expect(&self, mut when: When, then: Then) -> Expectation {
        when.base_path.clone_from(&self.base_path);
        let stated = Arc::new(Stated {
            when: when.read_body().await,
            limit: then.limit,
            calls: Mutex::new(0),
        });
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut expected) = self.expected.lock() {
            expected.push((id, stated.clone()));
        }
        let answering = stated.clone();
        let template = then.template;
        let mock = Mock::given(Shared(stated.clone()))
            .respond_with(move |_: &Request| {
                if let Ok(mut calls) = answering.calls.lock() {
                    *calls += 1;
                }
                template.clone()
            })
            .mount_as_scoped(&self.server)
            .await;
        Expectation {
            id,
            expected: self.expected.clone(),
            stated,
            _mock: mock,
        }
    }
}

/// The length of the common start of `a` and `b`: how close a request is to an
/// expectation.
fn common_prefix(a: &str, b: &str) -> usize {
    let b = b.split_once(' ').map_or(b, |(_, rest)| rest);
    let a = a.split_once(' ').map_or(a, |(_, rest)| rest);
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A stated expectation; it ends when dropped.
#[must_use = "an expectation ends when dropped: keep it, as in `let _found = ...`"]
pub struct Expectation {
    id: u64,
    expected: Expected,
    stated: Arc<Stated>,
    _mock: wiremock::MockGuard,
}

impl fmt::Debug for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation").finish_non_exhaustive()
    }
}

impl Expectation {
    /// How many requests it answered so far.
    pub async fn calls(&self) -> usize {
        self.stated.calls()
    }
}

impl Drop for Expectation {
    fn drop(&mut self) {
        if let Ok(mut expected) = self.expected.lock() {
            expected.retain(|(id, _)| *id != self.id);
        }
    }
}

/// What a request must be to match: built by a generated `...When` type, one setter per
/// parameter; a parameter left unset matches any value.
#[derive(Debug)]
pub struct When {
    method: &'static str,
    /// The server's base path, which requests' paths start with.
    base_path: String,
    /// The path template, its placeholders replaced as path parameters are set.
    path: String,
    /// Pairs the query must hold, decoded.
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// `name=value` pairs the `Cookie` header must hold.
    cookies: Vec<String>,
    body: Option<BodyMatch>,
    /// Why a value could not be written: nothing matches then.
    error: Option<String>,
}

/// What the body of a matching request is.
enum BodyMatch {
    /// JSON, compared as JSON values, sent as this media type when one is given.
    Json {
        value: serde_json::Value,
        media_type: Option<String>,
    },
    /// The pairs of a form body, decoded and sorted.
    Form(Vec<(String, String)>),
    /// The parts of a multipart body, sorted.
    Parts(Vec<Part>),
    /// Bytes as they are, of a media type.
    Bytes { media_type: String, bytes: Bytes },
    /// A multipart body whose files are read when the expectation is stated.
    UnreadParts(Multipart),
    /// Bytes or a stream, read when the expectation is stated.
    Unread { media_type: String, body: BodyKind },
}

impl fmt::Debug for BodyMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyMatch::Json { value, media_type } => f
                .debug_struct("Json")
                .field("value", value)
                .field("media_type", media_type)
                .finish(),
            BodyMatch::Form(pairs) => f.debug_tuple("Form").field(pairs).finish(),
            BodyMatch::Parts(parts) => f.debug_tuple("Parts").field(parts).finish(),
            BodyMatch::Bytes { media_type, bytes } => f
                .debug_struct("Bytes")
                .field("media_type", media_type)
                .field("bytes", bytes)
                .finish(),
            BodyMatch::UnreadParts(_) | BodyMatch::Unread { .. } => f.write_str("Unread"),
        }
    }
}

impl BodyMatch {
    /// This body with its files and streams read.
    async fn read(self) -> Result<Self, String> {
        Ok(match self {
            BodyMatch::UnreadParts(form) => {
                let (body, parameters) = form.finish()?;
                let bytes = read_all(body).await?;
                let parts = read_parts(&format!("multipart/form-data; {parameters}"), bytes)
                    .ok_or("the multipart body cannot be read back")?;
                BodyMatch::Parts(parts)
            }
            BodyMatch::Unread { media_type, body } => BodyMatch::Bytes {
                media_type,
                bytes: read_all(body).await?,
            },
            read => read,
        })
    }
}

/// One part of a multipart body, as read.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Part {
    name: Option<String>,
    file_name: Option<String>,
    content_type: Option<String>,
    /// Its other headers, names in lower case, sorted.
    headers: Vec<(String, String)>,
    data: Bytes,
}

/// The parts of a multipart body of the media type `content_type`, sorted; `None` when it
/// is not one.
fn read_parts(content_type: &str, body: Bytes) -> Option<Vec<Part>> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let chunks = futures_util::stream::once(async { Ok::<_, std::convert::Infallible>(body) });
    let mut reader = multer::Multipart::new(chunks, boundary);
    // The whole body is at hand, so reading it never waits.
    let read = async {
        let mut parts = Vec::new();
        while let Some(field) = reader.next_field().await.ok()? {
            let mut headers: Vec<(String, String)> = field
                .headers()
                .iter()
                .filter(|(name, _)| {
                    *name != reqwest::header::CONTENT_DISPOSITION
                        && *name != reqwest::header::CONTENT_TYPE
                })
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            headers.sort();
            let name = field.name().map(str::to_owned);
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(ToString::to_string);
            let data = field.bytes().await.ok()?;
            parts.push(Part {
                name,
                file_name,
                content_type,
                headers,
                data,
            });
        }
        parts.sort();
        Some(parts)
    };
    read.now_or_never().flatten()
}

/// The whole of a body: its bytes, or its stream read to the end.
async fn read_all(body: BodyKind) -> Result<Bytes, String> {
    match body {
        BodyKind::Bytes(bytes) => Ok(bytes),
        BodyKind::Stream(stream) => stream
            .collect()
            .await
            .map(|collected| collected.to_bytes())
            .map_err(|e| e.to_string()),
    }
}

/// A stated expectation: what it matches, how many requests it may answer, and how many
/// it did (counted here: wiremock's own count of a scoped mock can name another mock once
/// mocks of several priorities are mounted).
struct Stated {
    when: When,
    limit: Option<usize>,
    calls: Mutex<usize>,
}

impl Stated {
    fn calls(&self) -> usize {
        self.calls.lock().map(|c| *c).unwrap_or_default()
    }

    /// Whether it answers `request`: it matches, and has answers left.
    fn answers(&self, request: &Request) -> bool {
        self.limit.is_none_or(|limit| self.calls() < limit) && self.when.matches(request)
    }
}

/// A stated expectation as a wiremock matcher, shared with the fallback that answers what
/// none answers.
struct Shared(Arc<Stated>);

impl Match for Shared {
    fn matches(&self, request: &Request) -> bool {
        self.0.answers(request)
    }
}

impl When {
    /// Any request of `method` to the path `template` (`/contacts/{id}`).
    pub fn new(method: &'static str, template: &str) -> Self {
        When {
            method,
            base_path: String::new(),
            path: template.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            error: None,
        }
    }

    /// The path parameter `param` is `value`.
    pub fn path(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.path(value) {
            Ok(text) => self.path = self.path.replace(&format!("{{{}}}", param.name()), &text),
            Err(e) => self.error = Some(e),
        }
    }

    /// The query parameter `param` is `value`: the request holds the pairs the client
    /// writes for it.
    pub fn query(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.query(value) {
            Ok(text) => self.query.extend(pairs(&text)),
            Err(e) => self.error = Some(e),
        }
    }

    /// The header parameter `param` is `value`.
    pub fn header(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.header(value) {
            Ok(Some(text)) => self.headers.push((param.name().to_ascii_lowercase(), text)),
            Ok(None) => {}
            Err(e) => self.error = Some(e),
        }
    }

    /// The cookie parameter `param` is `value`.
    pub fn cookie(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.cookie(value) {
            Ok(text) => self.cookies.extend(
                text.split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
            ),
            Err(e) => self.error = Some(e),
        }
    }

    /// The form body (`application/x-www-form-urlencoded`) is `body`, written as the client
    /// writes it (`encodings` as for [`Request::form`](crate::codegen::Request::form)); its pairs
    /// are compared in any order.
    pub fn form(&mut self, body: &(impl Serialize + ?Sized), encodings: &[Param]) {
        match crate::params::form_body(body, encodings) {
            Ok(text) => self.body = Some(BodyMatch::Form(sorted(pairs(&text)))),
            Err(e) => self.error = Some(e),
        }
    }

    /// The JSON body is `body`, compared as JSON values.
    pub fn json(&mut self, body: &(impl Serialize + ?Sized)) {
        self.json_body(body, None);
    }

    /// The JSON body is `body`, compared as JSON values, sent as the media type
    /// `content_type` (as for [`Request::json_as`](crate::codegen::Request::json_as)).
    pub fn json_as(&mut self, body: &(impl Serialize + ?Sized), content_type: &str) {
        self.json_body(body, Some(content_type.to_owned()));
    }

    fn json_body(&mut self, body: &(impl Serialize + ?Sized), media_type: Option<String>) {
        match serde_json::to_value(body) {
            Ok(value) => self.body = Some(BodyMatch::Json { value, media_type }),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// The multipart body is `body`, written as
    /// [`Request::multipart`](crate::codegen::Request::multipart) writes it; its parts are compared
    /// in any order.
    pub fn multipart(&mut self, body: &(impl Serialize + ?Sized)) {
        match Multipart::of_value(body) {
            Ok(form) => self.body = Some(BodyMatch::UnreadParts(form)),
            Err(e) => self.error = Some(e),
        }
    }

    /// The multipart body is `form`, written as
    /// [`Request::multipart_form`](crate::codegen::Request::multipart_form) writes it: each part's
    /// name, file name, media type, headers and content; its parts are compared in any
    /// order.
    pub fn multipart_form(&mut self, form: impl MultipartForm) {
        let mut parts = Multipart::new();
        form.write_parts(&mut parts, "");
        self.body = Some(BodyMatch::UnreadParts(parts));
    }

    /// The body is `body` as it is, sent as its own media type or else `content_type` (as
    /// for [`Request::binary`](crate::codegen::Request::binary)).
    pub fn binary(&mut self, body: impl Into<crate::Body>, content_type: &str) {
        let body = body.into();
        self.body = Some(BodyMatch::Unread {
            media_type: body.media_type.unwrap_or_else(|| content_type.to_owned()),
            body: body.kind,
        });
    }

    /// The body is the text `body`, of the media type `content_type`.
    pub fn text(&mut self, body: &str, content_type: &str) {
        self.body = Some(BodyMatch::Bytes {
            media_type: content_type.to_owned(),
            bytes: Bytes::copy_from_slice(body.as_bytes()),
        });
    }

    /// This expectation with its body read, as the client would send it.
    async fn read_body(mut self) -> Self {
        if let Some(body) = self.body.take() {
            match body.read().await {
                Ok(body) => self.body = Some(body),
                Err(e) => self.error = Some(e),
            }
        }
        self
    }

    fn path_matches(&self, path: &str) -> bool {
        let Some(path) = path.strip_prefix(self.base_path.as_str()) else {
            return false;
        };
        let expected: Vec<&str> = self.path.split('/').collect();
        let actual: Vec<&str> = path.split('/').collect();
        expected.len() == actual.len()
            && expected
                .iter()
                .zip(&actual)
                .all(|(e, a)| segment_matches(e, &decode(a)))
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        for (i, (name, value)) in self.query.iter().enumerate() {
            write!(f, "{}{name}={value}", if i == 0 { '?' } else { '&' })?;
        }
        if let Some(error) = &self.error {
            write!(f, " (which matches nothing: {error})")?;
        }
        Ok(())
    }
}

/// Whether a decoded path segment matches an expected one, whose `{placeholders}` match
/// anything but an empty text.
fn segment_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split('{');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(&decode(first)) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    if parts.is_empty() {
        return rest.is_empty();
    }
    for (i, part) in parts.iter().enumerate() {
        let Some((_, literal)) = part.split_once('}') else {
            return false;
        };
        let literal = decode(literal);
        if i + 1 == parts.len() {
            // The last placeholder takes all but the literal after it, and something.
            return rest.len() > literal.len() && rest.ends_with(&literal);
        }
        // The placeholder takes at least one character.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        match rest.get(first..).and_then(|r| r.find(&literal)) {
            Some(at) => rest = &rest[first + at + literal.len()..],
            None => return false,
        }
    }
    false
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The decoded `name=value` pairs of a query string.
fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Whether `sent` holds, for each name `expected` has, exactly the values it has (in any
/// order); names `expected` does not have are free.
fn same_for_names(expected: &[(String, String)], sent: &[(String, String)]) -> bool {
    let names: std::collections::BTreeSet<&str> =
        expected.iter().map(|(n, _)| n.as_str()).collect();
    names
        .into_iter()
        .all(|name| values_of(expected, name) == values_of(sent, name))
}

/// The values of `name` among `pairs`, sorted.
fn values_of<'p>(pairs: &'p [(String, String)], name: &str) -> Vec<&'p str> {
    let mut values: Vec<&str> = pairs
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect();
    values.sort_unstable();
    values
}

fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort();
    pairs
}

impl Match for When {
    fn matches(&self, request: &Request) -> bool {
        if self.error.is_some() || request.method.as_str() != self.method {
            return false;
        }
        if !self.path_matches(request.url.path()) {
            return false;
        }
        let query = pairs(request.url.query().unwrap_or_default());
        if !same_for_names(&self.query, &query) {
            return false;
        }
        for (name, value) in &self.headers {
            let sent = request
                .headers
                .get(name.as_str())
                .and_then(|v| v.to_str().ok());
            if sent != Some(value.as_str()) {
                return false;
            }
        }
        let cookies: Vec<(String, String)> = request
            .headers
            .get_all("cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';').map(str::trim))
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (name.to_owned(), value.to_owned())
            })
            .collect();
        let expected: Vec<(String, String)> = self
            .cookies
            .iter()
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (name.to_owned(), value.to_owned())
            })
            .collect();
        if !same_for_names(&expected, &cookies) {
            return false;
        }
        match &self.body {
            None => true,
            Some(expected) => body_matches(expected, request),
        }
    }
}

/// A media type without its parameters.
fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

/// Whether the body of `request` is `expected`.
fn body_matches(expected: &BodyMatch, request: &Request) -> bool {
    let content_type = request
        .headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match expected {
        BodyMatch::Json { value, media_type } => {
            media_type
                .as_deref()
                .is_none_or(|media_type| essence(content_type).eq_ignore_ascii_case(media_type))
                && serde_json::from_slice::<serde_json::Value>(&request.body)
                    .is_ok_and(|sent| &sent == value)
        }
        BodyMatch::Form(expected) => {
            let sent = sorted(pairs(
                &String::from_utf8_lossy(&request.body).replace('+', "%20"),
            ));
            &sent == expected
        }
        BodyMatch::Parts(expected) => read_parts(content_type, Bytes::from(request.body.clone()))
            .is_some_and(|sent| &sent == expected),
        BodyMatch::Bytes { media_type, bytes } => {
            essence(content_type).eq_ignore_ascii_case(media_type) && request.body == bytes.as_ref()
        }
        // Read when the expectation is stated.
        BodyMatch::UnreadParts(_) | BodyMatch::Unread { .. } => false,
    }
}

/// The answer to the requests an expectation matches: built by a generated `...Then`
/// type, one method per documented response. An answer that cannot be written (a status
/// that is not one, a header that cannot be sent) is a 500 saying why.
#[derive(Debug, Clone)]
pub struct Then {
    template: ResponseTemplate,
    /// How many requests it answers; any number without.
    limit: Option<usize>,
}

impl Default for Then {
    fn default() -> Self {
        Then {
            template: ResponseTemplate::new(200),
            limit: None,
        }
    }
}

impl Then {
    /// Answers `status` with `body` as JSON.
    pub fn json(&mut self, status: u16, body: &(impl Serialize + ?Sized)) {
        match serde_json::to_vec(body) {
            Ok(json) => self.raw(status, "application/json", json),
            Err(e) => self.unwritable(format!("the body cannot be encoded as JSON: {e}")),
        }
    }

    /// Answers `status`, with no body.
    pub fn status(&mut self, status: u16) {
        if let Some(template) = self.template_of(status) {
            self.template = template;
        }
    }

    /// Answers `status` with `body` as it is, of the media type `content_type`.
    pub fn raw(&mut self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
        if reqwest::header::HeaderValue::from_str(content_type).is_err() {
            return self.unwritable(format!("`{content_type}` cannot be a `Content-Type`"));
        }
        if let Some(template) = self.template_of(status) {
            self.template = template.set_body_raw(body.into(), content_type);
        }
    }

    /// An answer of `status`; `None`, and an answer saying why, when it is not an HTTP
    /// status.
    fn template_of(&mut self, status: u16) -> Option<ResponseTemplate> {
        if reqwest::StatusCode::from_u16(status).is_err() {
            self.unwritable(format!("{status} is not an HTTP status"));
            return None;
        }
        Some(ResponseTemplate::new(status))
    }

    /// Answers 500 naming why the stated answer cannot be written, which the test sees as
    /// the client's error.
    fn unwritable(&mut self, why: String) {
        self.template = ResponseTemplate::new(500)
            .set_body_string(format!("the mock's answer cannot be written: {why}"));
    }

    /// Answers `status` with server-sent events (`text/event-stream`), the data of each the
    /// JSON of an item of `events`.
    pub fn json_events<T: Serialize>(&mut self, status: u16, events: &[T]) {
        let data: Result<Vec<String>, _> = events.iter().map(serde_json::to_string).collect();
        match data {
            Ok(data) => self.text_events(status, &data),
            Err(e) => self.unwritable(format!("an event cannot be encoded as JSON: {e}")),
        }
    }

    /// Answers `status` with server-sent events (`text/event-stream`), the data of each an
    /// item of `events` (a line break in it is kept: the data spans several lines).
    pub fn text_events(&mut self, status: u16, events: &[impl AsRef<str>]) {
        let mut stream = String::new();
        for data in events {
            let data = data.as_ref().replace("\r\n", "\n").replace('\r', "\n");
            for line in data.split('\n') {
                stream.push_str("data: ");
                stream.push_str(line);
                stream.push('\n');
            }
            stream.push('\n');
        }
        self.raw(status, "text/event-stream", stream);
    }

    /// Answers only after `delay`, as a slow server would.
    pub fn delay(&mut self, delay: std::time::Duration) {
        self.template = self.template.clone().set_delay(delay);
    }

    /// Answers only the first `n` requests the expectation matches; later ones go to the
    /// expectations stated after it (a 503, then a 200), or get 501.
    pub fn times(&mut self, n: usize) {
        self.limit = Some(n);
    }

    /// Adds the header `param` to the answer, `value` written in its style (a documented
    /// response header); an undefined value adds nothing.
    pub fn header_value(&mut self, param: Param, value: &(impl Serialize + ?Sized)) {
        match param.header(value) {
            Ok(Some(text)) => self.header(param.name(), &text),
            Ok(None) => {}
            Err(e) => self.unwritable(e),
        }
    }

    /// Adds the header `name: value` to the answer.
    pub fn header(&mut self, name: &str, value: &str) {
        use reqwest::header::{HeaderName, HeaderValue};
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.template = self.template.clone().insert_header(name, value);
            }
            _ => self.unwritable(format!("`{name}: {value}` cannot be a header")),
        }
    }
}

/// The methods every generated `...Then` type has besides its documented responses: a
/// status, a raw body, a header, a delay and a number of answers.
/// `then_methods!(ShowPetThen)` adds them to `pub struct ShowPetThen(Then)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __mock_then_methods {
    ($then:ident) => {
        impl $then {
            /// Answers `status` with no body.
            pub fn status(&mut self, status: u16) -> &mut Self {
                self.0.status(status);
                self
            }

            /// Answers `status` with `body` as it is, of the media type `content_type`.
            pub fn raw(
                &mut self,
                status: u16,
                content_type: &str,
                body: impl ::std::convert::Into<::std::vec::Vec<u8>>,
            ) -> &mut Self {
                self.0.raw(status, content_type, body);
                self
            }

            /// Adds the header `name: value` to the answer.
            pub fn header(&mut self, name: &str, value: &str) -> &mut Self {
                self.0.header(name, value);
                self
            }

            /// Answers only after `delay`, as a slow server would.
            pub fn delay(&mut self, delay: ::std::time::Duration) -> &mut Self {
                self.0.delay(delay);
                self
            }

            /// Answers only the first `n` requests the expectation matches; later ones
            /// go to the expectations stated after it (a 503, then a 200), or get 501.
            pub fn times(&mut self, n: usize) -> &mut Self {
                self.0.times(n);
                self
            }
        }
    };
}

pub use crate::__mock_then_methods as then_methods;

#[cfg(test)]
mod tests {
    use super::segment_matches;

    #[test]
    fn path_segments_match_their_placeholders() {
        assert!(segment_matches("contacts", "contacts"));
        assert!(!segment_matches("contacts", "contact"));
        assert!(segment_matches("{id}", "42"));
        assert!(!segment_matches("{id}", ""));
        assert!(segment_matches("{id}.json", "42.json"));
        assert!(!segment_matches("{id}.json", ".json"));
        assert!(segment_matches("{name}:cancel", "a:b:cancel"));
        assert!(!segment_matches("{name}:cancel", "a:b"));
        assert!(segment_matches("{id}.json", "x.json.json"));
        assert!(segment_matches("{a}-{b}", "1-2-3"));
        assert!(segment_matches("{a}-{b}", "é-中"));
        assert!(!segment_matches("{a}-{b}", "é-"));
        assert!(!segment_matches("{a}-{b}", "-x"));
    }
}
