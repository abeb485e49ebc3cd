//! The contract run: a generated client calls every operation of its document with values
//! we did not make, and independent tools judge both directions.
//!
//! - **Values**: the document's examples, otherwise values openapi-sampler (npm) generates
//!   from the schemas (`tools/sample.js`), decoded into the generated types.
//! - **Requests and responses, by Prism** (npm): Prism validates each request against the
//!   document, in static mode (answers from examples) and dynamic mode (random answers
//!   valid for the schemas); the call must succeed, so its answer decoded into the
//!   generated types, and Prism's log must show no validation error for it.
//! - **Requests, by openapi-core** (PyPI, `judge/judge.py`): a server-side reader parses
//!   each request back by the document's styles; the values it reads must equal the values
//!   the call was made with. Where openapi-core cannot read a style (see
//!   [`reader_covers`]), the specification's table in the features tests is the judge, and
//!   the report says so.
//!
//! A client crate's build script writes the calls with `calls::write` (feature `calls`);
//! its test includes them and calls [`check`] (or [`run`], for the report). With `CONTRACT_REPORT_DIR` set, each run also
//! writes its verdicts there, one TSV row per operation. The tools are installed from the lockfiles
//! here (`tools/package-lock.json`, `judge/requirements.txt`) when missing.

#[cfg(feature = "calls")]
pub mod calls;
mod judges;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use openapi_clientgen_runtime::codegen::futures_core::Stream;
use openapi_clientgen_runtime::codegen::reqwest;
use openapi_clientgen_runtime::codegen::serde::de::DeserializeOwned;
use openapi_clientgen_runtime::codegen::serde::Serialize;
use openapi_clientgen_runtime::codegen::serde_json::{self, Value};
use openapi_clientgen_runtime::{Attempt, Error, ErrorBody, Hook, Pages};

pub use judges::available;
use judges::{tools, Judge, Prism};

/// An operation that is not called, and why.
#[derive(Debug, Clone)]
pub struct Skip(pub String);

impl Skip {
    pub fn new(reason: impl Into<String>) -> Self {
        Skip(reason.into())
    }
}

/// The values a call was made with, as JSON: what the reader must read back.
#[derive(Debug, Default)]
pub struct Sent {
    /// By location and wire name, with the parameter's style and explode.
    parameters: BTreeMap<(String, String), Value>,
    body: Option<Value>,
    /// The body's media type, when there is a body.
    media: Option<String>,
    /// Whether the body is a form (`application/x-www-form-urlencoded`).
    form: bool,
    /// The document's examples that did not fit its own schemas, replaced by generated values.
    defects: Vec<String>,
}

/// Values for every parameter and body, by operation (`METHOD /path`).
pub struct Samples {
    operations: &'static [(&'static str, &'static str, &'static str)],
    samples: Value,
}

impl Sent {
    /// The values of the path parameters, as text.
    fn path_values(&self) -> impl Iterator<Item = String> + '_ {
        self.parameters
            .iter()
            .filter(|((location, _), _)| location == "path")
            .map(|(_, value)| match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
    }
}

impl Samples {
    /// The samples of the document at `document`, made by `tools/sample.js`.
    pub fn generate(
        document: &Path,
        operations: &'static [(&'static str, &'static str, &'static str)],
    ) -> Samples {
        let tools = tools();
        let output = Command::new("node")
            .arg(tools.join("sample.js"))
            .arg(document)
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "sample.js failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let samples = serde_json::from_slice(&output.stdout).expect("sample.js writes JSON");
        Samples {
            operations,
            samples,
        }
    }

    fn of(&self, index: usize) -> &Value {
        let (_, method, path) = self.operations[index];
        &self.samples[format!("{method} {path}")]
    }

    /// `value` decoded as `T`; when it does not decode, the value generated from the
    /// schema at `generated` instead, noting the example as the document's defect.
    fn decode<T: DeserializeOwned + Serialize>(
        &self,
        index: usize,
        value: &Value,
        generated: &[&str],
        what: &str,
        sent: &mut Sent,
    ) -> Result<(T, Value), Skip> {
        // `sample.js` says why an example was not used, or that no value fits.
        let key = match generated {
            ["parameters", location, wire] => format!("{location} {wire}"),
            [_, media] => format!("body {media}"),
            _ => String::new(),
        };
        let entry = self.of(index);
        if let Some(why) = entry["invalid"][&key].as_str() {
            return Err(Skip::new(format!("no value for {what}: {why}")));
        }
        if let Some(note) = entry["notes"][&key].as_str() {
            sent.defects.push(format!("{what}: {note}"));
        }
        let typed: T = match serde_json::from_value(value.clone()) {
            Ok(typed) => typed,
            Err(first) => {
                let other = generated
                    .iter()
                    .fold(&self.of(index)["generated"], |v, key| &v[*key]);
                let typed = serde_json::from_value(other.clone()).map_err(|e| {
                    Skip::new(format!(
                        "neither the example {value} nor the generated {other} for {what} \
                         decodes: {first}; {e}"
                    ))
                })?;
                sent.defects.push(format!(
                    "the example {value} for {what} does not fit its schema ({first})"
                ));
                typed
            }
        };
        let json = serde_json::to_value(&typed).unwrap_or(Value::Null);
        Ok((typed, json))
    }

    /// The value of the parameter `wire` in `location` of operation `index`.
    pub fn parameter<T: DeserializeOwned + Serialize>(
        &self,
        index: usize,
        location: &str,
        wire: &str,
        sent: &mut Sent,
    ) -> Result<T, Skip> {
        let value = &self.of(index)["parameters"][location][wire];
        let what = format!("{location} parameter `{wire}`");
        let (typed, json) =
            self.decode(index, value, &["parameters", location, wire], &what, sent)?;
        sent.parameters
            .insert((location.to_owned(), wire.to_owned()), json);
        Ok(typed)
    }

    /// The value of the optional parameter `wire`; `None` when there is no sample.
    pub fn optional<T: DeserializeOwned + Serialize>(
        &self,
        index: usize,
        location: &str,
        wire: &str,
        sent: &mut Sent,
    ) -> Result<Option<T>, Skip> {
        match &self.of(index)["parameters"][location][wire] {
            Value::Null => Ok(None),
            _ => self.parameter(index, location, wire, sent).map(Some),
        }
    }

    /// The body of operation `index` in `media` (or the sample of the first media type of
    /// the same kind, when the document spells it otherwise).
    pub fn body<T: DeserializeOwned + Serialize>(
        &self,
        index: usize,
        media: &str,
        sent: &mut Sent,
    ) -> Result<T, Skip> {
        let bodies = &self.of(index)["bodies"];
        let essence = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        let (key, value) = bodies
            .as_object()
            .and_then(|all| {
                all.iter()
                    .find(|(m, _)| essence(m) == essence(media))
                    .or_else(|| all.iter().find(|(m, _)| m.contains("json")))
                    .or_else(|| all.iter().next())
            })
            .map_or((String::new(), &Value::Null), |(m, v)| (m.clone(), v));
        let (typed, json) = self.decode(index, value, &["bodies", &key], "the body", sent)?;
        sent.media = Some(media.to_owned());
        if media.contains("json") || media.contains("form") {
            sent.body = Some(json);
            sent.form = media.contains("x-www-form-urlencoded");
        }
        Ok(typed)
    }
}

/// A hook naming the path template of the operation being called to the reader (header
/// `x-contract-path`, percent-encoded) and numbering the call (`x-contract-call`), so that
/// what the reader read of it can be asked for afterwards.
#[derive(Clone, Default)]
pub struct Capture {
    call: Arc<Mutex<(u64, String)>>,
}

impl Capture {
    fn calling(&self, path: &str) {
        let mut encoded = String::new();
        for byte in path.bytes() {
            match byte {
                b'%' | ..=b' ' | 0x7f.. => {
                    let _ = write!(encoded, "%{byte:02X}");
                }
                _ => encoded.push(byte as char),
            }
        }
        let mut call = self.call.lock().unwrap();
        *call = (call.0 + 1, encoded);
    }

    /// What the reader at `url` read of the last call: the values, its error, or `None`
    /// when the call did not reach it.
    async fn read_back(&self, url: &str) -> Option<Result<Value, String>> {
        let number = self.call.lock().unwrap().0;
        let response = reqwest::Client::new()
            .get(url)
            .header("x-contract-read-back", number)
            .send()
            .await
            .ok()?;
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return None;
        }
        let answer = match response.bytes().await {
            Ok(bytes) => serde_json::from_slice::<Value>(&bytes).map_err(|e| e.to_string()),
            Err(error) => Err(error.to_string()),
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => return Some(Err(format!("the reader's answer: {error}"))),
        };
        Some(match (answer.get("read"), answer.get("error")) {
            (Some(read), _) => Ok(read.clone()),
            (None, error) => Err(error.and_then(Value::as_str).unwrap_or_default().to_owned()),
        })
    }
}

impl Hook for Capture {
    fn before_send(
        &self,
        request: &mut reqwest::Request,
        _: Attempt,
    ) -> Result<(), openapi_clientgen_runtime::BoxError> {
        let (number, path) = self.call.lock().unwrap().clone();
        let headers = request.headers_mut();
        headers.insert(
            "x-contract-path",
            reqwest::header::HeaderValue::try_from(path)?,
        );
        headers.insert("x-contract-call", number.into());
        Ok(())
    }
}

/// What a generated client offers the run: written by `calls::write`.
pub struct Calls<C: 'static> {
    pub operations: &'static [(&'static str, &'static str, &'static str)],
    pub client: fn(&str, Capture) -> C,
    #[allow(clippy::type_complexity)]
    pub call: for<'a> fn(
        &'a C,
        &'a Samples,
        usize,
        &'a mut Sent,
    )
        -> Pin<Box<dyn Future<Output = Result<Result<(), Failed>, Skip>> + 'a>>,
}

/// A call that did not end with what its document says: the client's error, and the
/// response when its body did not decode (status, media type, body).
#[derive(Debug)]
pub struct Failed {
    pub message: String,
    pub undecoded: Option<(u16, String, Vec<u8>)>,
}

/// How a call ended: a response the document describes, a success or a documented error
/// status read into its type, is the client reading what the document says.
pub fn outcome<T, E>(result: Result<T, Error<E>>) -> Result<(), Failed> {
    match result {
        Ok(_) => Ok(()),
        Err(error) if error.documented().is_some() => Ok(()),
        Err(error) => {
            let undecoded = match &error {
                Error::Decode(decode) => {
                    let response = &decode.response;
                    let media = response
                        .headers
                        .get(reqwest::header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    Some((
                        response.status.as_u16(),
                        media.to_owned(),
                        response.body.to_vec(),
                    ))
                }
                _ => None,
            };
            Err(Failed {
                message: error.to_string(),
                undecoded,
            })
        }
    }
}

/// The pages a paged call fetches at most: the first, and the one its answer points to.
const PAGES: usize = 2;

/// How a paged call ended: each page read as [`outcome`] reads a response, the first that
/// fails ending it. The first page's request is the operation's; the next page's is the
/// same with the cursor, page number or offset the answer gives.
pub async fn pages<'a, R, T, E>(pages: Pages<'a, R, T, E>) -> Result<(), Failed>
where
    R: DeserializeOwned + 'a,
    T: DeserializeOwned + 'a,
    E: ErrorBody + 'a,
{
    let mut stream = std::pin::pin!(pages.max_pages(PAGES).pages());
    while let Some(page) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        outcome(page)?;
    }
    Ok(())
}

/// How one operation fared with one judge.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Pass,
    Fail(String),
    /// Not called: the reason.
    Skipped(String),
    /// The reader cannot read some of its parameters: the table is their judge.
    NotRead(String),
    /// The document contradicts itself (Prism's answer, made from it, breaks it): the
    /// evidence.
    Defect(String),
    /// A judge failed on its own (Prism crashed or could not answer, openapi-core raised):
    /// the evidence.
    Limitation(String),
}

impl Verdict {
    fn cell(&self) -> String {
        match self {
            Verdict::Pass => "pass".to_owned(),
            Verdict::Fail(why) => format!("fail: {why}"),
            Verdict::Skipped(why) => format!("skipped: {why}"),
            Verdict::NotRead(why) => format!("not read: {why}"),
            Verdict::Defect(why) => format!("document defect: {why}"),
            Verdict::Limitation(why) => format!("judge's limitation: {why}"),
        }
    }
}

/// One operation's verdicts.
#[derive(Debug, Clone)]
pub struct Row {
    pub method: &'static str,
    pub endpoint: String,
    pub prism_static: Verdict,
    pub prism_dynamic: Verdict,
    pub read_back: Verdict,
    /// The document's examples that did not fit their schemas.
    pub defects: Vec<String>,
    /// How many requests Prism received for the call, static then dynamic: more than one
    /// for the pages of a list that has a next page.
    pub requests: [usize; 2],
}

impl Row {
    /// Prism's verdict in static or dynamic mode.
    fn prism_mut(&mut self, dynamic: bool) -> &mut Verdict {
        if dynamic {
            &mut self.prism_dynamic
        } else {
            &mut self.prism_static
        }
    }
}

/// The verdicts of every operation.
pub struct Report {
    pub rows: Vec<Row>,
}

impl Report {
    /// The operations that failed a judge, with the evidence, except those in `known`
    /// (method name and reason).
    pub fn failures(&self, known: &[(&str, &str)]) -> Vec<String> {
        let mut failures = Vec::new();
        for row in &self.rows {
            if known.iter().any(|(name, _)| *name == row.method) {
                continue;
            }
            for (judge, verdict) in [
                ("Prism static", &row.prism_static),
                ("Prism dynamic", &row.prism_dynamic),
                ("openapi-core", &row.read_back),
            ] {
                if let Verdict::Fail(why) = verdict {
                    failures.push(format!("{} ({}): {judge}: {why}", row.method, row.endpoint));
                }
            }
        }
        failures
    }

    /// The report as tab-separated values, one row per operation.
    pub fn tsv(&self, document: &str) -> String {
        let mut text = String::new();
        for row in &self.rows {
            let cell = |v: &Verdict| v.cell().replace(['\t', '\n'], " ");
            let _ = writeln!(
                text,
                "{document}\t{}\t{}\t{}\t{}\t{}\t{}\t{}/{}",
                row.method,
                row.endpoint,
                cell(&row.prism_static),
                cell(&row.prism_dynamic),
                cell(&row.read_back),
                row.defects.join("; ").replace(['\t', '\n'], " "),
                row.requests[0],
                row.requests[1],
            );
        }
        text
    }

    /// `N operations: static P/N, dynamic P/N, read back P/N (M not read)`.
    pub fn summary(&self) -> String {
        let count = |f: fn(&Row) -> &Verdict, v: fn(&Verdict) -> bool| {
            self.rows.iter().filter(|r| v(f(r))).count()
        };
        let pass = |v: &Verdict| *v == Verdict::Pass;
        let not_read = |v: &Verdict| matches!(v, Verdict::NotRead(_));
        let skipped = |v: &Verdict| matches!(v, Verdict::Skipped(_));
        let defect = |v: &Verdict| matches!(v, Verdict::Defect(_));
        let limitation = |v: &Verdict| matches!(v, Verdict::Limitation(_));
        let fail = |v: &Verdict| matches!(v, Verdict::Fail(_));
        let judge = |f: fn(&Row) -> &Verdict| {
            format!(
                "{} pass, {} fail, {} document defects, {} judge's limits",
                count(f, pass),
                count(f, fail),
                count(f, defect),
                count(f, limitation)
            )
        };
        format!(
            "{} operations ({} skipped); Prism static: {}; Prism dynamic: {}; openapi-core: {}, {} not readable by it",
            self.rows.len(),
            count(|r| &r.prism_static, skipped),
            judge(|r| &r.prism_static),
            judge(|r| &r.prism_dynamic),
            judge(|r| &r.read_back),
            count(|r| &r.read_back, not_read),
        )
    }
}

/// Runs every operation of `calls` against Prism (static, then dynamic) and openapi-core
/// serving `document`. `styles` gives each operation's parameters' styles for
/// [`reader_covers`]: `(method, location, wire, style, explode)`.
pub async fn run<C: 'static>(
    document: &Path,
    calls: &Calls<C>,
    styles: &[(&str, &str, &str, &str, bool)],
) -> Report {
    run_some(document, calls, styles, |_| true).await
}

/// [`run`] over the lists that page, where the client asks for the next page (a cursor,
/// a page number or an offset from the answer): each operation, and its pages
/// (`<method>_pages`, two pages at most: see [`pages`]).
pub async fn run_paged<C: 'static>(
    document: &Path,
    calls: &Calls<C>,
    styles: &[(&str, &str, &str, &str, bool)],
) -> Report {
    let names: Vec<&str> = calls.operations.iter().map(|(name, ..)| *name).collect();
    let paged =
        |name: &str| is_pages(name, &names) || names.contains(&format!("{name}_pages").as_str());
    run_some(document, calls, styles, paged).await
}

/// Whether the method `name` gives the pages of one of `methods` (`<method>_pages`); not
/// an operation whose own name ends in `_pages` (`list_fern_pages`) without such a
/// `<method>`.
pub fn is_pages(name: &str, methods: &[&str]) -> bool {
    name.strip_suffix("_pages")
        .is_some_and(|operation| methods.contains(&operation))
}

/// [`run`] over the operations whose method name `chosen` accepts.
async fn run_some<C: 'static>(
    document: &Path,
    calls: &Calls<C>,
    styles: &[(&str, &str, &str, &str, bool)],
    chosen: impl Fn(&str) -> bool,
) -> Report {
    let samples = Samples::generate(document, calls.operations);
    let indices: Vec<usize> = (0..calls.operations.len())
        .filter(|&index| chosen(calls.operations[index].0))
        .collect();
    let mut rows: Vec<Row> = indices
        .iter()
        .map(|&index| calls.operations[index])
        .map(|(method, http, path)| Row {
            method,
            endpoint: format!("{http} {path}"),
            prism_static: Verdict::Pass,
            prism_dynamic: Verdict::Pass,
            read_back: Verdict::Pass,
            defects: Vec::new(),
            requests: [0; 2],
        })
        .collect();
    // Why Prism could not load the document, once it could not in static mode: dynamic
    // mode loads it the same way.
    let mut unloadable: Option<String> = None;
    for (dynamic, flags) in [(false, &[][..]), (true, &["-d"][..])] {
        // A Prism and a client of it, or why Prism could not start.
        let serve = || {
            Prism::start(document, flags).map(|prism| {
                let client = (calls.client)(&prism.url(), Capture::default());
                (prism, client)
            })
        };
        let mut served = match &unloadable {
            Some(why) => Err(why.clone()),
            None => serve(),
        };
        if let Err(why) = &served {
            unloadable = Some(why.clone());
        }
        for (row, &index) in rows.iter_mut().zip(&indices) {
            let (prism, client) = match &mut served {
                Ok(served) => served,
                Err(why) => {
                    *row.prism_mut(dynamic) = Verdict::Limitation(why.clone());
                    continue;
                }
            };
            let mut sent = Sent::default();
            let outcome = (calls.call)(client, &samples, index, &mut sent).await;
            let crashed = prism.has_exited();
            let timed_out = matches!(&outcome, Ok(Err(failed)) if timed_out(failed));
            *row.prism_mut(dynamic) = if crashed {
                // Prism's own failure: noted, and a new Prism serves the next calls.
                Verdict::Limitation("Prism crashed on this request".to_owned())
            } else {
                let log = prism.take_log();
                row.requests[usize::from(dynamic)] = log.matches("Request received").count();
                let operation = calls.operations[index];
                prism_verdict(document, dynamic, operation, outcome, &sent, &log)
            };
            // Prism answers one request at a time: after a timeout, the next calls would
            // wait behind the answer it is still making up.
            if crashed || timed_out {
                // Stopped first: a busy Prism beside a starting one slows the start.
                prism.stop();
                served = serve();
            }
        }
    }
    let judge = match Judge::start(document) {
        Ok(judge) => judge,
        Err(why) => {
            for row in &mut rows {
                row.read_back = Verdict::Limitation(why.clone());
            }
            return finish(document, rows);
        }
    };
    let capture = Capture::default();
    let url = format!("http://127.0.0.1:{}", judge.port);
    let client = (calls.client)(&url, capture.clone());
    for (row, &index) in rows.iter_mut().zip(&indices) {
        let mut sent = Sent::default();
        capture.calling(calls.operations[index].2);
        let outcome = (calls.call)(&client, &samples, index, &mut sent).await;
        row.defects = std::mem::take(&mut sent.defects);
        row.read_back = match outcome {
            Err(Skip(why)) => Verdict::Skipped(why),
            Ok(outcome) => {
                let unread = not_read(row.method, &sent, styles);
                match capture.read_back(&url).await {
                    None => Verdict::Fail(format!(
                        "the request did not reach the reader: {}",
                        outcome.err().map(|f| f.message).unwrap_or_default()
                    )),
                    Some(Err(error)) if !unread.is_empty() => {
                        Verdict::NotRead(format!("{} (it answered: {error})", unread.join(", ")))
                    }
                    Some(Err(error)) if error.starts_with("openapi-core failed") => {
                        Verdict::Limitation(error)
                    }
                    Some(Err(error)) if error.contains("FormatterNotFoundError") => {
                        Verdict::Limitation(format!(
                            "openapi-core rejects a format it does not know: {error}"
                        ))
                    }
                    Some(Err(error))
                        if !undefined_styles(row.method, &sent, styles, &error).is_empty() =>
                    {
                        Verdict::Defect(format!(
                            "{}, which OpenAPI's style table defines for objects only (the \
                             generator warns at build time), and the reader refuses it: {error}",
                            undefined_styles(row.method, &sent, styles, &error).join("; ")
                        ))
                    }
                    Some(Err(error)) if empty_required(&sent, &error) => {
                        Verdict::Limitation(format!(
                            "the sample of a required form property is null or empty, which the \
                             form style sends as nothing (RFC 6570's undefined): {error}"
                        ))
                    }
                    Some(Err(error)) if !misread_paths(&sent).is_empty() => {
                        Verdict::Limitation(format!("{}: {error}", misread_paths(&sent).join("; ")))
                    }
                    Some(Err(error)) if error.contains("Tried to write read-only property") => {
                        Verdict::Limitation(format!("{}: {error}", read_only_cause(&sent, &error)))
                    }
                    Some(Err(error)) if anchors_differ(&error) => Verdict::Limitation(format!(
                        "a pattern with `\\A` or `\\Z`, anchors in Python (the reader) and \
                         letters in JavaScript (the samples' checker), so the sample fits one \
                         reading and not the other: {error}"
                    )),
                    Some(Err(error)) => raw_body_refused(&error).unwrap_or_else(|| {
                        Verdict::Fail(format!("the reader rejected it: {error}"))
                    }),
                    Some(Ok(read)) => compare(&sent, &read, &unread),
                }
            }
        };
    }
    finish(document, rows)
}

/// Why the reader refused the bytes every raw body is sent with (`contract`, see
/// `calls::write`), when its error says it refused exactly those: bytes that are not the
/// body's media type (XML) are the harness's sample, and a schema of a structured value
/// for bytes (an `application/octet-stream` object) is the document's defect.
fn raw_body_refused(error: &str) -> Option<Verdict> {
    const SAMPLE: &str = "b'contract'";
    if error.contains("MediaTypeDeserializeError") && error.contains(&format!("value={SAMPLE}")) {
        return Some(Verdict::Limitation(format!(
            "the harness sends every raw body as the bytes `contract`, which are not the body's \
             media type: {error}"
        )));
    }
    error
        .contains(&format!("InvalidSchemaValue(: {SAMPLE} is not of type"))
        .then(|| {
            Verdict::Defect(format!(
                "the document gives a body of bytes the schema of a structured value: {error}"
            ))
        })
}

/// Whether the reader refused a value for a `pattern` that holds `\A`, `\Z` or `\z`:
/// anchors for Python's `re`, but the letters `A`, `Z` and `z` for JavaScript, whose Ajv
/// checked the samples.
fn anchors_differ(error: &str) -> bool {
    error.split("does not match '").skip(1).any(|pattern| {
        let pattern = pattern.split("')").next().unwrap_or(pattern);
        ["\\A", "\\Z", "\\z"]
            .iter()
            .any(|anchor| pattern.contains(anchor))
    })
}

/// Why the reader refused a read-only property: the value generator put one in the body,
/// or (when the body sent holds no such value) openapi-core wrote the property's default
/// into the body itself before validating it.
fn read_only_cause(sent: &Sent, error: &str) -> &'static str {
    const MARK: &str = "Tried to write read-only property with ";
    let value = error
        .split_once(MARK)
        .map(|(_, rest)| rest.split("'>").next().unwrap_or(rest));
    let body = sent.body.as_ref().map(Value::to_string).unwrap_or_default();
    match value {
        // A scalar's text, which the body would hold somewhere had the client sent it.
        Some(value) if !value.starts_with(['{', '[']) && !body.contains(value) => {
            "openapi-core wrote a read-only property's default into the body, which the \
             request does not hold, and refused it"
        }
        _ => "the value generator set a read-only property",
    }
}

/// The report of `rows`, written to `CONTRACT_REPORT_DIR` when it is set.
fn finish(document: &Path, mut rows: Vec<Row>) -> Report {
    // Prism routes by the document's path keys, and no request carries a fragment: a key
    // with one (`/#X-Amz-Target=...`) is beyond it. The reader is told the operation's
    // template and reads the path without the fragment, so its verdict stands.
    for row in rows.iter_mut().filter(|row| row.endpoint.contains('#')) {
        for verdict in [&mut row.prism_static, &mut row.prism_dynamic] {
            if let Verdict::Fail(why) | Verdict::Limitation(why) = verdict {
                *verdict = Verdict::Limitation(format!(
                    "the path holds a fragment (`#...`), which no request carries, so Prism \
                     cannot route it: {why}"
                ));
            }
        }
    }
    let report = Report { rows };
    if let Some(dir) = std::env::var_os("CONTRACT_REPORT_DIR") {
        let name = document.file_name().unwrap_or_default().to_string_lossy();
        let path = Path::new(&dir).join(format!("{name}.tsv"));
        std::fs::write(path, report.tsv(&name)).expect("the report directory is writable");
    }
    report
}

/// Runs the contract over `document` (see [`run`]), prints its summary, and fails on any
/// failure of a judge not listed in `known` (method name and reason); the report, for
/// further checks. Skipped, saying so, when Node.js or Python 3 is not installed (`None`);
/// under `CI=true`, which promises every judge, that fails instead.
pub async fn check<C: 'static>(
    document: &Path,
    calls: &Calls<C>,
    styles: &[(&str, &str, &str, &str, bool)],
    known: &[(&str, &str)],
) -> Option<Report> {
    if judges_missing() {
        return None;
    }
    let report = run(document, calls, styles).await;
    let name = document.file_name().unwrap_or_default().to_string_lossy();
    println!("{name}: {}", report.summary());
    let failures = report.failures(known);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Some(report)
}

/// Whether the judges cannot run here, said on standard output; under `CI=true`, which
/// promises every judge, that fails instead.
fn judges_missing() -> bool {
    let Err(why) = available() else {
        return false;
    };
    assert!(!in_ci(), "{why}, and CI=true asks for every judge");
    println!("SKIPPED: {why}");
    true
}

/// Whether the document gives any example (`example` or `examples`, read as text: a
/// description that mentions one counts too, which keeps a verdict of defect).
fn has_examples(document: &Path) -> bool {
    let text = std::fs::read_to_string(document).unwrap_or_default();
    ["\"example\"", "\"examples\"", "example:", "examples:"]
        .iter()
        .any(|key| text.contains(key))
}

/// What Prism's log says of one call: a rejected request is a failure unless every
/// reason Prism gives is one of its known misreadings (see [`prism_misreading`]); an
/// answer of Prism's that breaks the document (by Prism's own check, or by Ajv's when the
/// client could not decode it) is the document's defect or Prism's limitation.
fn prism_verdict(
    document: &Path,
    dynamic: bool,
    (_, method, path): (&str, &str, &str),
    outcome: Result<Result<(), Failed>, Skip>,
    sent: &Sent,
    log: &str,
) -> Verdict {
    let lines = |marker: &str| -> Vec<String> {
        log.lines()
            .filter(|line| line.contains(marker))
            .map(|line| {
                line.split_once("✖")
                    .map_or(line, |(_, rest)| rest)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let violations = lines("[VALIDATOR] ✖");
    let (response, request): (Vec<String>, Vec<String>) = violations
        .into_iter()
        .partition(|line| line.contains("Violation: response"));
    let terminated = lines("Request terminated with error");
    match outcome {
        Err(Skip(why)) => Verdict::Skipped(why),
        _ if !request.is_empty() => {
            let reasons: Option<Vec<String>> = request
                .iter()
                .map(|line| prism_misreading(line, sent).map(|why| format!("{why}: {line}")))
                .collect();
            match reasons {
                Some(reasons) => Verdict::Limitation(reasons.join("; ")),
                None => Verdict::Fail(request.join("; ")),
            }
        }
        // Prism flagged its own answer. That excuses the client only where the body it
        // could not read breaks the schema too (Ajv): a violation elsewhere in the answer
        // does not explain a failure on a value that fits.
        Ok(result) if !response.is_empty() => {
            let client = match &result {
                Err(Failed {
                    message,
                    undecoded: Some((status, media, body)),
                }) if !body.is_empty() => {
                    match check_answer(document, method, path, *status, media, body) {
                        Some(why) => format!(" (the client: {message}; Ajv: {why})"),
                        None => {
                            return Verdict::Fail(format!(
                                "{message} (the body fits the document's schema by Ajv; Prism \
                                 flagged: {})",
                                response.join("; ")
                            ))
                        }
                    }
                }
                Err(failed) => format!(" (the client: {})", failed.message),
                Ok(()) => String::new(),
            };
            // Without any example in the document, Prism's static answer is its own
            // placeholders: that they break the schema is Prism's doing.
            if !dynamic && !has_examples(document) {
                Verdict::Limitation(format!(
                    "Prism answered with placeholders of its own (the document has no \
                     example), which break the document's schema: {}{client}",
                    response.join("; ")
                ))
            } else {
                Verdict::Defect(format!("{}{client}", response.join("; ")))
            }
        }
        // Prism found no operation for the request: the request's fault, unless a path
        // value holds a `/`, which Prism cannot route (its parameters are one segment).
        Ok(Err(failed)) if terminated.iter().any(|l| l.contains("NO_PATH_MATCHED")) => {
            if sent.path_values().any(|v| v.contains('/')) {
                Verdict::Limitation(format!(
                    "a path value holds `/`, and Prism matches a path parameter within one \
                     segment: {}: {}",
                    failed.message,
                    terminated.join("; ")
                ))
            } else {
                Verdict::Fail(format!("{}: {}", failed.message, terminated.join("; ")))
            }
        }
        // Prism took the request and was still making up its answer when the client gave
        // up: the request is Prism's to answer, by its own log.
        Ok(Err(failed)) if timed_out(&failed) && log.contains(ACCEPTED) => {
            Verdict::Limitation(format!(
                "Prism logged \"{ACCEPTED}\" and had not answered when the client's timeout \
                 ran out (making up an answer from the schema): {}",
                failed.message
            ))
        }
        Ok(Err(failed)) if !terminated.is_empty() => {
            Verdict::Limitation(format!("{}: {}", failed.message, terminated.join("; ")))
        }
        Ok(Err(Failed {
            message,
            undecoded: Some((status, media, body)),
        })) => {
            if body.is_empty() {
                return Verdict::Limitation(format!(
                    "Prism answered {status} with an empty body for `{media}`, which the \
                     document gives no example or schema to answer with: {message}"
                ));
            }
            match check_answer(document, method, path, status, &media, &body) {
                Some(why) => Verdict::Limitation(format!(
                    "Prism's answer does not fit the document's schema (Ajv: {why}): {message}"
                )),
                None => Verdict::Fail(message),
            }
        }
        Ok(Err(failed)) => Verdict::Fail(failed.message),
        Ok(Ok(())) => Verdict::Pass,
    }
}

/// What Prism logs of a request it took: it found the operation and the request breaks
/// none of its rules.
const ACCEPTED: &str = "The request passed the validation rules";

/// Whether a call failed for want of an answer within the client's timeout.
fn timed_out(failed: &Failed) -> bool {
    failed.undecoded.is_none() && failed.message.contains("operation timed out")
}

/// Why Prism rejected a request the client wrote as the document says, when the request
/// is one Prism 5.16 is known to misread (each shown by the styles fixture or by the
/// other judge reading the same request back).
fn prism_misreading(line: &str, sent: &Sent) -> Option<&'static str> {
    let media = sent.media.as_deref().unwrap_or_default();
    let raw = !(media.contains("json") || media.contains("form"));
    let property = |rest: &str| -> Option<&Value> {
        let name = rest.split(" must ").next()?;
        sent.body.as_ref()?.get(name)
    };
    if raw
        && (line.ends_with("Request body must be array")
            || line.ends_with("Request body must be object"))
    {
        return Some("Prism checks a raw body's bytes against a schema of structured values");
    }
    if let Some((_, rest)) = line.split_once("Request body property ") {
        if media.starts_with("multipart/")
            && (rest.ends_with("must be object") || rest.ends_with("must be array"))
        {
            return Some("Prism does not decode a multipart part by its content type (a JSON part reads as text)");
        }
        if sent.form
            && rest.ends_with("must be array")
            && property(rest).is_some_and(Value::is_array)
        {
            return Some(
                "Prism does not read the repeated keys of an exploded form array as an array \
                 (a one-item array, or a body with dotted property names); openapi-core, the \
                 judge of form arrays, reads them",
            );
        }
    }
    if let Some((_, name)) = line.split_once("Request body must have required property ") {
        let name = name.trim_matches('\'');
        if sent.form
            && sent
                .body
                .as_ref()
                .and_then(|b| b.get(name))
                .is_some_and(unsendable)
        {
            return Some(
                "the sample is null or empty, which the form style sends as nothing (RFC 6570's \
                 undefined)",
            );
        }
    }
    if let Some((_, name)) = line.split_once("Request header must have required property ") {
        let name = name.trim_matches('\'');
        let empty = sent.parameters.iter().any(|((location, wire), value)| {
            location == "header" && wire.eq_ignore_ascii_case(name) && value.as_str() == Some("")
        });
        if empty {
            return Some("Prism reads an empty header value as a missing header");
        }
    }
    None
}

/// Why an answer body does not fit the schema the document gives it (`tools/check.js`,
/// Ajv), or `None` when it fits or cannot be checked.
fn check_answer(
    document: &Path,
    method: &str,
    path: &str,
    status: u16,
    media: &str,
    body: &[u8],
) -> Option<String> {
    let mut child = Command::new("node")
        .arg(tools().join("check.js"))
        .arg(document)
        .args([method, path, &status.to_string(), media])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let body = body.to_vec();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &body));
    let output = child.wait_with_output().ok()?;
    let _ = writer.join();
    let why = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !why.is_empty()).then_some(why)
}

/// Whether openapi-core 0.23.1 reads a parameter in this style back as the specification
/// writes it, for a value of this kind (measured by the styles fixture's run): not
/// `label` or `matrix` paths, `spaceDelimited`, nor exploded `form` objects in a query or
/// cookie.
pub fn reader_covers(location: &str, style: &str, explode: bool, value: &Value) -> bool {
    match (location, style) {
        (_, "label" | "matrix" | "space_delimited") => false,
        ("query" | "cookie", "form") if explode && value.is_object() => false,
        _ => true,
    }
}

/// Why the reader misreads path values of a call: `{` or `}` that read as a template, a
/// control character its template parser does not match. (A `/`, sent as `%2F`, the
/// reader routes still encoded: see `judge/judge.py`.)
fn misread_paths(sent: &Sent) -> Vec<String> {
    sent.path_values()
        .filter_map(|value| misread_path(&value).map(|why| format!("{why} ({value:?})")))
        .collect()
}

/// Why the reader misreads a path value, if it does.
fn misread_path(value: &str) -> Option<&'static str> {
    if value.contains(['{', '}']) {
        Some("a path value holds `{` or `}`, which the reader's router reads as a template")
    } else if value.contains(char::is_control) {
        Some("a path value holds a control character, which the reader's template parser does not match")
    } else {
        None
    }
}

/// The parameters of a call the reader cannot read (see [`reader_covers`]), and the
/// object properties of a form body, which are exploded `form` values unless an encoding
/// says otherwise.
fn not_read(method: &str, sent: &Sent, styles: &[(&str, &str, &str, &str, bool)]) -> Vec<String> {
    let parameters = sent
        .parameters
        .iter()
        .filter_map(|((location, wire), value)| {
            let (.., style, explode) = styles
                .iter()
                .find(|(m, l, w, ..)| *m == method && l == location && w == wire)?;
            (!reader_covers(location, style, *explode, value))
                .then(|| format!("{location} `{wire}` ({style})"))
        });
    let form_objects = sent
        .body
        .iter()
        .filter(|_| sent.form)
        .filter_map(Value::as_object)
        .flatten()
        .filter(|(_, value)| value.is_object())
        .map(|(name, _)| format!("form property `{name}` (an object)"));
    parameters.chain(form_objects).collect()
}

fn compare(sent: &Sent, read: &Value, unread: &[String]) -> Verdict {
    let mut differences = Vec::new();
    // Differences that are the reader's, with the reason.
    let mut misread = Vec::new();
    for ((location, wire), value) in &sent.parameters {
        if unread
            .iter()
            .any(|u| u.starts_with(&format!("{location} `{wire}`")))
        {
            continue;
        }
        let got = &read[location.as_str()][wire.as_str()];
        let absent = undefined(value) && got.is_null();
        if !(same(value, got) || absent) {
            let difference = format!("{location} `{wire}`: sent {value}, read {got}");
            let text = value.as_str().unwrap_or_default();
            if let Some(why) = misread_path(text).filter(|_| location == "path") {
                misread.push(format!("{why}: {difference}"));
            } else {
                differences.push(difference);
            }
        }
    }
    if let Some(body) = sent
        .body
        .as_ref()
        .filter(|_| !sent.form || unread.is_empty())
    {
        // A form sends nothing for a null or empty property; a form of nothing is no body.
        let sendable;
        let body = match body {
            Value::Object(object) if sent.form => {
                let kept: serde_json::Map<String, Value> = object
                    .iter()
                    .filter(|(_, value)| !unsendable(value))
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect();
                sendable = if kept.is_empty() && read["body"].is_null() {
                    Value::Null
                } else {
                    Value::Object(kept)
                };
                &sendable
            }
            body => body,
        };
        if !same(body, &read["body"]) {
            let difference = format!("body: sent {body}, read {}", read["body"]);
            let media = sent.media.as_deref().unwrap_or_default();
            if read["body"].is_null() && media.ends_with("+json") {
                misread.push(format!(
                    "openapi-core reads no `{media}` body (a `+json` type it does not know): \
                     {difference}"
                ));
            } else {
                differences.push(difference);
            }
        }
    }
    match (differences.is_empty(), unread.is_empty()) {
        (false, _) => Verdict::Fail(differences.join("; ")),
        (true, _) if !misread.is_empty() => Verdict::Limitation(misread.join("; ")),
        (true, false) => Verdict::NotRead(unread.join(", ")),
        (true, true) => Verdict::Pass,
    }
}

/// The parameters of a call that the document gives the `deepObject` style although their
/// value is not an object, where the reader's error names that style for them.
fn undefined_styles(
    method: &str,
    sent: &Sent,
    styles: &[(&str, &str, &str, &str, bool)],
    error: &str,
) -> Vec<String> {
    sent.parameters
        .iter()
        .filter(|((location, wire), value)| {
            !value.is_object()
                && error.contains(&format!("DeserializeError('deepObject', '{wire}')"))
                && styles.iter().any(|(m, l, w, style, _)| {
                    *m == method && l == location && w == wire && *style == "deep_object"
                })
        })
        .map(|((location, wire), value)| {
            let kind = match value {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            format!("{location} `{wire}` has the style deepObject and {kind} for its value")
        })
        .collect()
}

/// Whether the reader's error is a required form property missing because its sample
/// was null or empty, which a form sends as nothing.
fn empty_required(sent: &Sent, error: &str) -> bool {
    let Some(Value::Object(body)) = sent.body.as_ref().filter(|_| sent.form) else {
        return false;
    };
    body.iter()
        .filter(|(_, value)| unsendable(value))
        .any(|(name, _)| error.contains(&format!("'{name}' is a required property")))
}

/// A value the form style sends nothing for: `null`, or RFC 6570's undefined.
fn unsendable(value: &Value) -> bool {
    value.is_null() || undefined(value)
}

/// An empty list or object, which parameter styles do not send (RFC 6570's undefined).
fn undefined(value: &Value) -> bool {
    value.as_array().is_some_and(Vec::is_empty) || value.as_object().is_some_and(|o| o.is_empty())
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Whether this is a CI run (`CI=true`), where every judge must be installed.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document `name` holding `text`, in a directory of this test process.
    fn written(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("contract-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let document = dir.join(name);
        std::fs::write(&document, text).unwrap();
        document
    }

    /// Prism flagged `tags` in its answer; whether that excuses the client depends on the
    /// body the client refused, as Ajv reads it.
    #[test]
    fn a_flagged_answer_excuses_only_a_failure_on_a_body_that_breaks_the_schema() {
        if judges_missing() {
            return;
        }
        let document = written(
            "alerts.yaml",
            "openapi: 3.0.3\ninfo: {title: Alerts, version: '1'}\npaths:\n  /alerts:\n    get:\n      \
             responses:\n        '200':\n          description: Alerts.\n          content:\n            \
             application/json:\n              example: {tags: {}, groups: []}\n              schema:\n                \
             type: object\n                properties:\n                  tags: {type: object}\n                  \
             groups: {type: array, items: {type: string}}\n",
        );
        let log =
            "[10:00:00] › [VALIDATOR] ✖  error     Violation: response.body.tags Response body \
                   property tags must be object\n";
        let verdict = |body: &str| {
            let failed = Failed {
                message: "the body does not match the API document".to_owned(),
                undecoded: Some((200, "application/json".to_owned(), body.as_bytes().to_vec())),
            };
            let operation = ("list_alerts", "GET", "/alerts");
            prism_verdict(
                &document,
                true,
                operation,
                Ok(Err(failed)),
                &Sent::default(),
                log,
            )
        };
        // The refused body breaks the schema where Prism said: the document's defect.
        match verdict(r#"{"tags": [], "groups": ["a"]}"#) {
            Verdict::Defect(why) => assert!(why.contains("Ajv: "), "{why}"),
            other => panic!("a defect, not {other:?}"),
        }
        // The refused body fits: Prism's finding elsewhere does not excuse the client.
        match verdict(r#"{"tags": {}, "groups": ["a"]}"#) {
            Verdict::Fail(why) => assert!(why.contains("fits the document's schema"), "{why}"),
            other => panic!("a failure, not {other:?}"),
        }
        std::fs::remove_file(&document).unwrap();
    }

    #[test]
    fn the_raw_sample_refused_is_told_apart_by_the_reader_s_error() {
        // As openapi-core words them, for the harness's raw body.
        let xml = "RequestBodyValidationError() | MediaTypeDeserializeError(mimetype='application/xml', value=b'contract')";
        assert!(matches!(
            raw_body_refused(xml),
            Some(Verdict::Limitation(_))
        ));
        let object =
            "InvalidRequestBody() | InvalidSchemaValue(: b'contract' is not of type 'object')";
        assert!(matches!(raw_body_refused(object), Some(Verdict::Defect(_))));
        // Another value, or another error, is the reader's verdict on the client.
        let other = "InvalidRequestBody() | InvalidSchemaValue(: b'other' is not of type 'object')";
        assert_eq!(raw_body_refused(other), None);
        assert_eq!(
            raw_body_refused("MissingRequiredParameter(name='id')"),
            None
        );
    }

    #[test]
    fn a_document_prism_cannot_load_is_a_reason_not_a_panic() {
        if judges_missing() {
            return;
        }
        let document = written("broken.yaml", "openapi: 3.0.3\npaths: [not, a, map]\n");
        match Prism::start(&document, &[]) {
            Err(why) => assert!(why.contains("Prism exited while loading"), "{why}"),
            Ok(_) => panic!("Prism served a document that is not one"),
        }
        std::fs::remove_file(&document).unwrap();
    }

    #[test]
    fn a_deep_object_that_is_not_an_object_is_told_apart() {
        // As openapi-core words it, for Stripe's `expand` (an array) and `created`.
        let error = "ParameterValidationError(name='expand', location='query') | \
                     DeserializeError('deepObject', 'expand') | ValueError('not available') | \
                     DeserializeError('deepObject', 'created')";
        let styles = [
            ("get_accounts", "query", "expand", "deep_object", true),
            ("get_accounts", "query", "created", "deep_object", true),
        ];
        let mut sent = Sent::default();
        let mut send = |wire: &str, value: Value| {
            sent.parameters
                .insert(("query".to_owned(), wire.to_owned()), value);
        };
        send("expand", serde_json::json!(["customer"]));
        send("created", serde_json::json!({"gt": 1}));
        let found = undefined_styles("get_accounts", &sent, &styles, error);
        assert_eq!(
            found,
            ["query `expand` has the style deepObject and an array for its value"]
        );
        // An object in that style is defined: its refusal is not the document's.
        sent.parameters
            .remove(&("query".to_owned(), "expand".to_owned()));
        assert!(undefined_styles("get_accounts", &sent, &styles, error).is_empty());
    }

    #[test]
    fn a_timeout_is_prism_s_only_when_prism_took_the_request() {
        let verdict = |log: &str| {
            let failed = Failed {
                message: "request failed: error sending request for url \
                          (http://127.0.0.1:1/status): operation timed out"
                    .to_owned(),
                undecoded: None,
            };
            let operation = ("get_status", "GET", "/status");
            let document = Path::new("unread.yaml");
            prism_verdict(
                document,
                true,
                operation,
                Ok(Err(failed)),
                &Sent::default(),
                log,
            )
        };
        let took = "[HTTP SERVER] get /status ℹ  info      Request received\n    \
                    [VALIDATOR] ✔  success   The request passed the validation rules. \
                    Looking for the best response\n";
        match verdict(took) {
            Verdict::Limitation(why) => assert!(why.contains("operation timed out"), "{why}"),
            other => panic!("Prism's limitation, not {other:?}"),
        }
        // Nothing logged: Prism never read the request, which is then the client's to explain.
        assert!(matches!(verdict(""), Verdict::Fail(_)));
    }

    #[test]
    fn a_pattern_with_python_anchors_is_told_apart() {
        // As openapi-core words it (Python's repr doubles each backslash).
        let linode = r"InvalidSchemaValue(domain: 'A*.-9rN.Zx.umZ' does not match '\\A(\\*\\.)?([a-zA-Z]{2,16})\\Z')";
        assert!(anchors_differ(linode));
        let plain = r"InvalidSchemaValue(id: 'x' does not match '^[0-9]+$')";
        assert!(!anchors_differ(plain));
    }
}
