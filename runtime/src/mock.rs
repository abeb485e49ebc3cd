//! A mock server of an API, for testing code that calls it (feature `mock`): generated
//! clients with a mock module state expectations in their operations' own types, which
//! this module turns into [wiremock](https://docs.rs/wiremock) mocks.
//!
//! Requests are matched as the client writes them: the method, the path with each path
//! parameter in its style, each query parameter's pairs, header values, and a JSON body
//! compared as JSON. A request no expectation matches is answered 501, with a body naming
//! the request and the closest expectation, which a client reads as an error at once.

use std::fmt;
use std::sync::{Arc, Mutex};

use percent_encoding::percent_decode_str;
use serde::Serialize;
use wiremock::{Match, Mock, Request, ResponseTemplate};

use crate::params::Param;

/// The stated expectations that are still alive, by id.
type Expected = Arc<Mutex<Vec<(u64, When)>>>;

/// A mock server on 127.0.0.1, started by [`MockServer::start`].
pub struct MockServer {
    server: wiremock::MockServer,
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
        !expected.iter().any(|(_, when)| when.matches(request))
    }
}

impl MockServer {
    /// Starts a server with no expectations: every request is answered 501.
    pub async fn start() -> Self {
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
                    .map(|k| k.iter().map(|(_, when)| when.to_string()).collect())
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
            expected,
            next_id: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The server's base URL, for a client's `base_url`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Answers the requests `when` matches as `then` says, while the returned
    /// [`Expectation`] lives.
    pub async fn expect(&self, when: When, then: Then) -> Expectation {
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut expected) = self.expected.lock() {
            expected.push((id, when.clone()));
        }
        let matched = Arc::new(Mutex::new(0));
        let counter = matched.clone();
        let template = then.template;
        let mock = Mock::given(when)
            .respond_with(move |_: &Request| {
                if let Ok(mut calls) = counter.lock() {
                    *calls += 1;
                }
                template.clone()
            })
            .mount_as_scoped(&self.server)
            .await;
        Expectation {
            id,
            expected: self.expected.clone(),
            calls: matched,
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
pub struct Expectation {
    id: u64,
    expected: Expected,
    /// The requests it answered (counted here: wiremock's own count of a scoped mock can
    /// name another mock once mocks of several priorities are mounted).
    calls: Arc<Mutex<usize>>,
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
        self.calls.lock().map(|c| *c).unwrap_or_default()
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
#[derive(Debug, Clone)]
pub struct When {
    method: &'static str,
    /// The path template, its placeholders replaced as path parameters are set.
    path: String,
    /// Pairs the query must hold, decoded.
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// `name=value` pairs the `Cookie` header must hold.
    cookies: Vec<String>,
    body: Option<serde_json::Value>,
    /// The pairs of a form body, decoded, in any order.
    form: Option<Vec<(String, String)>>,
    /// Why a value could not be written: nothing matches then.
    error: Option<String>,
}

impl When {
    /// Any request of `method` to the path `template` (`/contacts/{id}`).
    pub fn new(method: &'static str, template: &str) -> Self {
        When {
            method,
            path: template.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            form: None,
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
    /// writes it (`encodings` as for [`Request::form`](crate::Request::form)); its pairs
    /// are compared in any order.
    pub fn form(&mut self, body: &(impl Serialize + ?Sized), encodings: &[Param]) {
        match crate::params::form_body(body, encodings) {
            Ok(text) => self.form = Some(sorted(pairs(&text))),
            Err(e) => self.error = Some(e),
        }
    }

    /// The JSON body is `body`, compared as JSON values.
    pub fn json(&mut self, body: &(impl Serialize + ?Sized)) {
        match serde_json::to_value(body) {
            Ok(value) => self.body = Some(value),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn path_matches(&self, path: &str) -> bool {
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
        match rest.get(1..).and_then(|r| r.find(&literal)) {
            Some(at) => rest = &rest[at + 1 + literal.len()..],
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
        if let Some(form) = &self.form {
            let sent = sorted(pairs(
                &String::from_utf8_lossy(&request.body).replace('+', "%20"),
            ));
            if &sent != form {
                return false;
            }
        }
        match &self.body {
            None => true,
            Some(expected) => serde_json::from_slice::<serde_json::Value>(&request.body)
                .is_ok_and(|sent| &sent == expected),
        }
    }
}

/// The answer to the requests an expectation matches: built by a generated `...Then`
/// type, one method per documented response.
#[derive(Debug, Clone)]
pub struct Then {
    template: ResponseTemplate,
}

impl Default for Then {
    fn default() -> Self {
        Then {
            template: ResponseTemplate::new(200),
        }
    }
}

impl Then {
    /// Answers `status` with `body` as JSON.
    pub fn json(&mut self, status: u16, body: &(impl Serialize + ?Sized)) {
        self.template = ResponseTemplate::new(status).set_body_json(body);
    }

    /// Answers `status`, with no body.
    pub fn status(&mut self, status: u16) {
        self.template = ResponseTemplate::new(status);
    }

    /// Answers `status` with `body` as it is, of the media type `content_type`.
    pub fn raw(&mut self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
        self.template = ResponseTemplate::new(status).set_body_raw(body.into(), content_type);
    }

    /// Adds the header `name: value` to the answer.
    pub fn header(&mut self, name: &str, value: &str) {
        self.template = self.template.clone().insert_header(name, value);
    }
}

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
    }
}
