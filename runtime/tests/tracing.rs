//! What a call reports through `tracing`: a span with the operation, method and URL (with
//! query-string credentials redacted), and an event per response and per retry.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openapi_clientgen_runtime::codegen::reqwest::Method;
use openapi_clientgen_runtime::codegen::Request;
use openapi_clientgen_runtime::{
    ClientBuilder, Credential, RetryPolicy, SchemeKind, SecurityScheme,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Records each span's and event's fields as `name=value` text.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Subscriber for Collector {
    /// Only the runtime's own spans and events, not those of the HTTP stack below it.
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("openapi_clientgen_runtime")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields(format!("span {}", span.metadata().name()));
        span.record(&mut fields);
        let mut lines = self.0.lock().unwrap();
        lines.push(fields.0);
        Id::from_u64(lines.len() as u64)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(format!("event {}", event.metadata().level()));
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

const SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "key",
    method: "key",
    kind: SchemeKind::Query("api_key"),
}];

#[tokio::test]
async fn a_call_is_traced_without_its_secrets() {
    // Answers 503 once, then 200.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for status in ["503 Service Unavailable", "200 OK"] {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buffer = [0; 4096];
            let _ = stream.read(&mut buffer).await.unwrap();
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\nretry-after-ms: 1\r\n\r\n{{}}"
            );
            stream.write_all(response.as_bytes()).await.unwrap();
        }
    });
    let core = ClientBuilder::new(None, SCHEMES)
        .base_url(base_url)
        .credential("key", Credential::token("secret-9f2"))
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();
    let collector = Collector::default();
    let _guard = tracing::subscriber::set_default(collector.clone());
    Request::new(&core, "getThing", Method::GET, "/thing", &[&["key"]])
        .send_empty::<Infallible>()
        .await
        .unwrap();
    let lines = collector.0.lock().unwrap().clone();
    let text = lines.join("\n");
    assert!(!text.contains("secret-9f2"), "{text}");
    assert!(
        lines[0]
            .starts_with("span request operation=\"getThing\" method=GET url=http://127.0.0.1:"),
        "{text}"
    );
    assert!(lines[0].ends_with("/thing?api_key=REDACTED"), "{text}");
    let events: Vec<&String> = lines.iter().filter(|l| l.starts_with("event")).collect();
    assert_eq!(events.len(), 3, "{text}");
    assert!(
        events[0].starts_with("event DEBUG message=response retry=0 status=503 duration_ms="),
        "{text}"
    );
    assert_eq!(
        events[1].as_str(),
        "event INFO message=retrying retry=1 wait_ms=1"
    );
    assert!(
        events[2].starts_with("event DEBUG message=response retry=1 status=200"),
        "{text}"
    );
}
