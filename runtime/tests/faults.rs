//! The fault matrix: a server on 127.0.0.1 that misbehaves in a scripted way for each
//! attempt, and what each call ends in. Every call ends in success or the right error,
//! within its time budget: no panic, no hang.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openapi_clientgen_runtime::codegen::reqwest::{self, Method, StatusCode};
use openapi_clientgen_runtime::codegen::serde_json::{json, Value};
use openapi_clientgen_runtime::codegen::Request;
use openapi_clientgen_runtime::{
    Attempt, BoxError, ClientBuilder, Core, Error, Hook, RequestOptions, RetryPolicy,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Debug, Clone)]
enum Fault {
    /// Answers 200 with `{"ok": true}`.
    Ok,
    /// Closes the connection with a reset before any response.
    ResetBeforeHeaders,
    /// Sends headers and part of the body, then resets the connection.
    ResetAfterHeaders,
    /// Answers with this status and extra header lines.
    Status(u16, &'static str),
    /// Never answers.
    Silence,
    /// Sends headers, then nothing more.
    StalledBody,
    /// Promises 100 bytes, sends 10 and closes.
    Truncated,
    /// Sends body bytes until the client stops reading.
    Endless,
    /// Sends bytes that are not HTTP.
    Garbage,
    /// Sends the status line one byte every 100 ms.
    Slowloris,
}

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Received {
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

struct FaultServer {
    base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FaultServer {
    /// A server that meets its `n`th request with `script[n]`, and any after with `Ok`.
    async fn start(script: Vec<Fault>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            let mut script = script.into_iter();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let fault = script.next().unwrap_or(Fault::Ok);
                let log = log.clone();
                tokio::spawn(serve(stream, fault, log));
            }
        });
        FaultServer { base_url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, fault: Fault, log: Arc<Mutex<Vec<Received>>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    log.lock().unwrap().push(request);
    let head = |status: &str, extra: &str, length: usize| {
        format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nconnection: close\r\n{extra}\r\n")
    };
    let _ = match fault {
        Fault::Ok => {
            let body = r#"{"ok":true}"#;
            stream
                .write_all(format!("{}{body}", head("200 OK", "", body.len())).as_bytes())
                .await
        }
        Fault::ResetBeforeHeaders => {
            reset(stream);
            Ok(())
        }
        Fault::ResetAfterHeaders => {
            let _ = stream
                .write_all(format!("{}{{\"ok\"", head("200 OK", "", 100)).as_bytes())
                .await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
            reset(stream);
            Ok(())
        }
        Fault::Status(status, extra) => {
            let body = format!(r#"{{"error":"status {status}"}}"#);
            let reason = StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let head = head(&format!("{status} {reason}"), extra, body.len());
            stream.write_all(format!("{head}{body}").as_bytes()).await
        }
        Fault::Silence => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        }
        Fault::StalledBody => {
            let _ = stream.write_all(head("200 OK", "", 100).as_bytes()).await;
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        }
        Fault::Truncated => {
            stream
                .write_all(format!("{}{{\"ok\":tru", head("200 OK", "", 100)).as_bytes())
                .await
        }
        Fault::Endless => {
            let _ = stream
                .write_all(head("200 OK", "", 1 << 40).as_bytes())
                .await;
            let chunk = vec![b' '; 64 * 1024];
            while stream.write_all(&chunk).await.is_ok() {}
            Ok(())
        }
        Fault::Garbage => stream.write_all(b"\x00\x01 not HTTP at all\r\n\r\n").await,
        Fault::Slowloris => {
            for byte in b"HTTP/1.1 200 OK\r\n" {
                if stream.write_all(&[*byte]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Ok(())
        }
    };
}

/// Closes the connection with a reset (RST) rather than an orderly close.
#[allow(deprecated)] // A zero linger does not block on drop: the reset is immediate.
fn reset(stream: TcpStream) {
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}

async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buffer = [0; 8192];
    let end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut body = data[end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buffer[..n]);
    }
    Some(Received { head, body })
}

/// Retries fast, so that the matrix runs in seconds.
fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
}

fn client(server: &FaultServer, policy: RetryPolicy) -> Core {
    ClientBuilder::new(None, &[])
        .base_url(&server.base_url)
        .timeout(Duration::from_millis(500))
        .max_response_bytes(1024 * 1024)
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// Calls `GET /thing` (or `method`), and fails the test if the call takes longer than
/// `budget`.
async fn call(
    core: &Core,
    method: Method,
    budget: Duration,
) -> (Result<Value, Error<Infallible>>, Duration) {
    let started = Instant::now();
    let mut request = Request::new(core, "thing", method, "/thing", &[]);
    request.json(&json!({"name": "widget"}));
    let result = tokio::time::timeout(budget, request.send_json::<Value, Infallible>())
        .await
        .expect("the call ended within its budget")
        .map(|response| response.into_inner());
    (result, started.elapsed())
}

#[tokio::test]
async fn connection_resets_are_retried_until_an_answer() {
    let server =
        FaultServer::start(vec![Fault::ResetBeforeHeaders, Fault::ResetBeforeHeaders]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(5)).await;
    assert_eq!(result.unwrap(), json!({"ok": true}));
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn retries_stop_at_the_limit_with_the_last_error() {
    let server = FaultServer::start(vec![Fault::ResetBeforeHeaders; 5]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(5)).await;
    assert!(matches!(result, Err(Error::Request(_))), "{result:?}");
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn retry_after_and_retry_after_ms_are_honoured() {
    let server = FaultServer::start(vec![
        Fault::Status(503, "retry-after: 1\r\n"),
        Fault::Status(429, "retry-after-ms: 150\r\n"),
    ])
    .await;
    let core = client(&server, quick_retries());
    let (result, elapsed) = call(&core, Method::GET, Duration::from_secs(5)).await;
    assert_eq!(result.unwrap(), json!({"ok": true}));
    assert!(elapsed >= Duration::from_millis(1150), "{elapsed:?}");
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn a_wait_beyond_the_cap_or_the_budget_is_not_made() {
    let server = FaultServer::start(vec![Fault::Status(503, "retry-after: 3600\r\n")]).await;
    let core = client(&server, quick_retries());
    let (result, elapsed) = call(&core, Method::GET, Duration::from_secs(2)).await;
    let error = result.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(server.received().len(), 1);

    let server = FaultServer::start(vec![Fault::Status(503, "retry-after: 2\r\n")]).await;
    let core = client(&server, quick_retries().budget(Duration::from_secs(1)));
    let (result, _) = call(&core, Method::GET, Duration::from_secs(2)).await;
    assert_eq!(
        result.unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn statuses_outside_the_policy_and_unsafe_calls_are_not_retried() {
    let server = FaultServer::start(vec![Fault::Status(500, "")]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(2)).await;
    assert_eq!(
        result.unwrap_err().status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(server.received().len(), 1);

    // POST carries no idempotency key: one attempt.
    let server = FaultServer::start(vec![Fault::Status(503, ""), Fault::ResetBeforeHeaders]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::POST, Duration::from_secs(2)).await;
    assert_eq!(
        result.unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn keyed_calls_are_retried_with_the_same_key_and_body() {
    let server = FaultServer::start(vec![Fault::Status(503, ""), Fault::ResetBeforeHeaders]).await;
    let core = client(
        &server,
        quick_retries().idempotency_header("Idempotency-Key"),
    );
    let (result, _) = call(&core, Method::POST, Duration::from_secs(5)).await;
    assert_eq!(result.unwrap(), json!({"ok": true}));
    let received = server.received();
    assert_eq!(received.len(), 3);
    let keys: Vec<Option<String>> = received
        .iter()
        .map(|r| r.header("idempotency-key"))
        .collect();
    let first = keys[0].clone().expect("a key is sent");
    assert_eq!(first.len(), 32);
    assert!(
        keys.iter().all(|k| k.as_deref() == Some(first.as_str())),
        "{keys:?}"
    );
    for request in &received {
        assert_eq!(request.body, br#"{"name":"widget"}"#);
    }
    // The next call gets a key of its own.
    let (result, _) = call(&core, Method::POST, Duration::from_secs(5)).await;
    result.unwrap();
    assert_ne!(server.received()[3].header("idempotency-key"), Some(first));
}

#[tokio::test]
async fn timeouts_end_calls_within_their_budget() {
    // No answer at all: each attempt times out (0.5 s), and is retried.
    let server = FaultServer::start(vec![Fault::Silence; 3]).await;
    let core = client(&server, quick_retries());
    let (result, elapsed) = call(&core, Method::GET, Duration::from_secs(5)).await;
    match result {
        Err(Error::Request(error)) => assert!(error.is_timeout(), "{error:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received().len(), 3);
    assert!(elapsed >= Duration::from_millis(1500), "{elapsed:?}");

    // A body that stops coming: the time runs out while it is read.
    let server = FaultServer::start(vec![Fault::StalledBody]).await;
    let core = client(&server, RetryPolicy::none());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(Error::IncompleteBody(_))),
        "{result:?}"
    );

    // A server that answers one byte at a time.
    let server = FaultServer::start(vec![Fault::Slowloris]).await;
    let core = client(&server, RetryPolicy::none());
    let (result, elapsed) = call(&core, Method::GET, Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(Error::Request(ref e)) if e.is_timeout()),
        "{result:?}"
    );
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn broken_bodies_become_errors_that_keep_what_arrived() {
    let server = FaultServer::start(vec![Fault::Truncated]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(3)).await;
    match result {
        Err(Error::IncompleteBody(incomplete)) => {
            assert_eq!(&incomplete.response.body[..], br#"{"ok":tru"#)
        }
        other => panic!("{other:?}"),
    }

    let server = FaultServer::start(vec![Fault::ResetAfterHeaders]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(Error::IncompleteBody(_))),
        "{result:?}"
    );

    let server = FaultServer::start(vec![Fault::Endless]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(3)).await;
    match result {
        Err(Error::BodyTooLarge(response)) => assert_eq!(response.body.len(), 1024 * 1024),
        other => panic!("{other:?}"),
    }

    let server = FaultServer::start(vec![Fault::Garbage; 3]).await;
    let core = client(&server, quick_retries());
    let (result, _) = call(&core, Method::GET, Duration::from_secs(3)).await;
    assert!(matches!(result, Err(Error::Request(_))), "{result:?}");
}

#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(u32, Option<u16>)>>,
    refuse: bool,
}

impl Hook for Recorder {
    fn before_send(
        &self,
        request: &mut reqwest::Request,
        attempt: Attempt,
    ) -> Result<(), BoxError> {
        if self.refuse {
            return Err("refused by policy".into());
        }
        assert_eq!(attempt.operation, "thing");
        request
            .headers_mut()
            .insert("x-attempt", attempt.retry.to_string().parse()?);
        self.seen.lock().unwrap().push((attempt.retry, None));
        Ok(())
    }

    fn after_receive(&self, response: &reqwest::Response, attempt: Attempt) {
        self.seen
            .lock()
            .unwrap()
            .push((attempt.retry, Some(response.status().as_u16())));
    }
}

#[tokio::test]
async fn hooks_see_every_attempt_and_can_stop_a_call() {
    let server = FaultServer::start(vec![Fault::Status(502, ""), Fault::ResetBeforeHeaders]).await;
    let recorder = Arc::new(Recorder::default());
    struct Shared(Arc<Recorder>);
    impl Hook for Shared {
        fn before_send(&self, r: &mut reqwest::Request, a: Attempt) -> Result<(), BoxError> {
            self.0.before_send(r, a)
        }
        fn after_receive(&self, r: &reqwest::Response, a: Attempt) {
            self.0.after_receive(r, a)
        }
    }
    let core = ClientBuilder::new(None, &[])
        .base_url(&server.base_url)
        .retry_policy(quick_retries())
        .hook(Shared(recorder.clone()))
        .build()
        .unwrap();
    let (result, _) = call(&core, Method::GET, Duration::from_secs(5)).await;
    result.unwrap();
    assert_eq!(
        *recorder.seen.lock().unwrap(),
        [
            (0, None),
            (0, Some(502)),
            (1, None),
            (2, None),
            (2, Some(200))
        ]
    );
    let attempts: Vec<Option<String>> = server
        .received()
        .iter()
        .map(|r| r.header("x-attempt"))
        .collect();
    assert_eq!(
        attempts,
        [Some("0".into()), Some("1".into()), Some("2".into())]
    );

    let server = FaultServer::start(vec![]).await;
    let core = ClientBuilder::new(None, &[])
        .base_url(&server.base_url)
        .hook(Recorder {
            refuse: true,
            ..Recorder::default()
        })
        .build()
        .unwrap();
    let (result, _) = call(&core, Method::GET, Duration::from_secs(2)).await;
    let error = result.unwrap_err();
    assert!(matches!(error, Error::Hook(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "a hook stopped the call: refused by policy"
    );
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn per_call_options_apply_without_a_second_client() {
    let server = FaultServer::start(vec![Fault::Status(503, ""), Fault::Status(503, "")]).await;
    let core = ClientBuilder::new(None, &[])
        .base_url(&server.base_url)
        .retry_policy(quick_retries())
        .request_options(
            RequestOptions::new()
                .header("x-team", "billing")
                .query("locale", "fr"),
        )
        .build()
        .unwrap();
    let once = core.with_options(
        RequestOptions::new()
            .retry_policy(RetryPolicy::none())
            .header("x-job", "nightly")
            .query("dry_run", "true"),
    );
    let (result, _) = call(&once, Method::GET, Duration::from_secs(2)).await;
    assert_eq!(
        result.unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    let first = &server.received()[0];
    assert!(
        first
            .head
            .starts_with("GET /thing?locale=fr&dry_run=true HTTP/1.1"),
        "{}",
        first.head
    );
    assert_eq!(first.header("x-team").as_deref(), Some("billing"));
    assert_eq!(first.header("x-job").as_deref(), Some("nightly"));

    // The client itself keeps its own settings: retried, without the call's extras.
    let (result, _) = call(&core, Method::GET, Duration::from_secs(5)).await;
    result.unwrap();
    let received = server.received();
    assert_eq!(received.len(), 3);
    assert!(received[2].header("x-job").is_none());
    assert!(received[2]
        .head
        .starts_with("GET /thing?locale=fr HTTP/1.1"));

    // A per-call timeout.
    let server = FaultServer::start(vec![Fault::Silence]).await;
    let core = client(&server, RetryPolicy::none())
        .with_options(RequestOptions::new().timeout(Duration::from_millis(100)));
    let (result, elapsed) = call(&core, Method::GET, Duration::from_secs(2)).await;
    assert!(
        matches!(result, Err(Error::Request(ref e)) if e.is_timeout()),
        "{result:?}"
    );
    assert!(elapsed < Duration::from_millis(400), "{elapsed:?}");
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_even_with_an_idempotency_key() {
    let server = FaultServer::start(vec![Fault::Status(503, "")]).await;
    let core = client(
        &server,
        quick_retries().idempotency_header("Idempotency-Key"),
    );
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(b"streamed".to_vec())]);
    let mut request = Request::new(&core, "thing", Method::POST, "/thing", &[]);
    request.binary(
        openapi_clientgen_runtime::Body::from_stream(chunks),
        "application/octet-stream",
    );
    let error = request.send_empty::<Infallible>().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    let received = server.received();
    assert_eq!(received.len(), 1);
    // The same call with bytes, which can be sent again, is retried.
    let server = FaultServer::start(vec![Fault::Status(503, "")]).await;
    let core = client(
        &server,
        quick_retries().idempotency_header("Idempotency-Key"),
    );
    let mut request = Request::new(&core, "thing", Method::POST, "/thing", &[]);
    request.binary(b"bytes".to_vec(), "application/octet-stream");
    request.send_empty::<Infallible>().await.unwrap();
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|r| r.body == b"bytes"));
}
