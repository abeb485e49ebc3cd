//! Operations with several media types, against a server on 127.0.0.1: the caller picks
//! how a request body is sent (one method per way), and a response is read as its
//! `Content-Type` says.

use features_client::types::{
    ChatChunk, CompleteBody, CompleteResponse, CompleteResponseJson, GetReportResponse,
};
use futures_util::StreamExt;
use openapi_clientgen_runtime::Body;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

use common::client;

#[tokio::test]
async fn each_method_sends_the_body_in_its_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/records"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"read": 2})))
        .mount(&server)
        .await;
    let client = client(&server);
    let records = vec!["a".to_owned(), "b".to_owned()];
    let response = client.import_records(&records).await.unwrap();
    assert_eq!(response.read, Some(2));
    let patch = features_client::types::ImportRecordsMergePatchBody {
        remove: Some(vec!["a".to_owned()]),
        ..Default::default()
    };
    client.import_records_merge_patch(&patch).await.unwrap();
    client.import_records_text("a\nb\n").await.unwrap();
    client
        .import_records_binary(vec![0x1f, 0x8b])
        .await
        .unwrap();
    client
        .import_records_binary(Body::from(vec![b'P', b'K']).media_type("application/zip"))
        .await
        .unwrap();

    let sent: Vec<(String, Vec<u8>)> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.headers["content-type"].to_str().unwrap().to_owned(),
                r.body,
            )
        })
        .collect();
    assert_eq!(
        sent,
        vec![
            ("application/json".to_owned(), br#"["a","b"]"#.to_vec()),
            // Another JSON schema is its own method, sent with its own media type; a
            // JSON type of the same schema (`json-seq+json`) is the first method's.
            (
                "application/merge-patch+json".to_owned(),
                br#"{"remove":["a"]}"#.to_vec()
            ),
            ("text/csv".to_owned(), b"a\nb\n".to_vec()),
            // The first binary type the document lists, unless the body names its own.
            ("application/gzip".to_owned(), vec![0x1f, 0x8b]),
            ("application/zip".to_owned(), b"PK".to_vec()),
        ]
    );
}

/// Answers `POST /completions` with JSON, or with events when the body asks to stream.
async fn completions() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/completions"))
        .respond_with(|request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            if body["stream"] == true {
                ResponseTemplate::new(200).set_body_raw(
                    "data: {\"index\": 0, \"delta\": \"Hel\"}\n\ndata: {\"index\": 1, \"delta\": \"lo\"}\n\n",
                    "text/event-stream",
                )
            } else {
                ResponseTemplate::new(200).set_body_json(json!({"text": "Hello"}))
            }
        })
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn json_or_events_by_the_content_type_the_server_sends() {
    let server = completions().await;
    let client = client(&server);

    let whole = CompleteBody {
        stream: Some(false),
        ..Default::default()
    };
    match client.complete(&whole).await.unwrap().into_inner() {
        CompleteResponse::Json(json) => assert_eq!(
            *json,
            CompleteResponseJson {
                text: Some("Hello".into()),
                ..Default::default()
            }
        ),
        other => panic!("expected JSON, got {other:?}"),
    }

    let streamed = CompleteBody {
        stream: Some(true),
        ..Default::default()
    };
    let CompleteResponse::Events(events) = client.complete(&streamed).await.unwrap().into_inner()
    else {
        panic!("expected events");
    };
    let chunks: Vec<ChatChunk> = events.map(|event| event.unwrap().data).collect().await;
    let deltas: Vec<&str> = chunks.iter().filter_map(|c| c.delta.as_deref()).collect();
    assert_eq!(deltas, ["Hel", "lo"]);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].headers["accept"],
        "application/json, text/event-stream"
    );
}

#[tokio::test]
async fn text_or_bytes_by_the_content_type_the_server_sends() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/reports/1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("a,b\n1,2\n", "text/csv"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/reports/2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7".to_vec(), "application/pdf"),
        )
        .mount(&server)
        .await;
    // No `Content-Type`: read the first way the document lists.
    Mock::given(method("GET"))
        .and(path("/reports/3"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"x,y\n".to_vec()))
        .mount(&server)
        .await;
    let client = client(&server);

    match client.get_report(1).await.unwrap().into_inner() {
        GetReportResponse::Text(text) => assert_eq!(text, "a,b\n1,2\n"),
        other => panic!("expected text, got {other:?}"),
    }
    match client.get_report(2).await.unwrap().into_inner() {
        GetReportResponse::Bytes(bytes) => {
            assert_eq!(&bytes.collect().await.unwrap()[..], b"%PDF-1.7")
        }
        other => panic!("expected bytes, got {other:?}"),
    }
    match client.get_report(3).await.unwrap().into_inner() {
        GetReportResponse::Text(text) => assert_eq!(text, "x,y\n"),
        other => panic!("expected text, got {other:?}"),
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers["accept"], "text/csv, application/pdf");
}
