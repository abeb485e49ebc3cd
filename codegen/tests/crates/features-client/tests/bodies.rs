//! Bodies that are not JSON, sent and received through a real server on 127.0.0.1: bytes
//! (all 256 values, none, 100 MB, a stream), text, and an error answered as JSON to a
//! binary download.

use features_client::types::DownloadFileError;
use features_client::Client;
use futures_util::StreamExt;
use openapi_clientgen_runtime::{Body, Error, StreamError};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers `PUT /files/...` and `POST /notes` with the body it received, and
/// `GET /files/...` with the bytes of the file name's length.
async fn echo_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(|request: &Request| {
            ResponseTemplate::new(200)
                .set_body_raw(request.body.clone(), "application/octet-stream")
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(|request: &Request| {
            ResponseTemplate::new(200)
                .set_body_raw(request.body.clone(), "text/plain; charset=utf-8")
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token("secret")
        .max_response_bytes(1024)
        .build()
        .unwrap()
}

#[tokio::test]
async fn bytes_round_trip_exactly() {
    let server = echo_server().await;
    let client = client(&server);
    let every_byte: Vec<u8> = (0..=255).collect();
    let response = client.upload_file("all", every_byte.clone()).await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(
        &response.into_inner().collect().await.unwrap()[..],
        &every_byte[..]
    );

    let response = client.upload_file("empty", Vec::new()).await.unwrap();
    assert!(response.into_inner().collect().await.unwrap().is_empty());

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["content-type"], "application/octet-stream");
    assert_eq!(request.headers["accept"], "application/octet-stream");
    assert_eq!(request.body, every_byte);
}

#[tokio::test]
async fn a_hundred_megabytes_stream_both_ways_past_the_collect_limit() {
    const SIZE: usize = 100 * 1024 * 1024;
    let server = echo_server().await;
    let client = client(&server);
    // Sent from a stream of 1 MiB chunks, never whole in the client.
    let chunks = futures_util::stream::iter(
        (0..100).map(|i: u32| Ok::<_, std::io::Error>(vec![(i % 251) as u8; 1024 * 1024])),
    );
    let response = client
        .upload_file("big", Body::from_stream(chunks))
        .await
        .unwrap();
    // Received chunk by chunk: the client's limit (1 KiB here) applies only to `collect`.
    let mut stream = response.into_inner();
    let mut received = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        for (offset, byte) in chunk.iter().enumerate() {
            let at = received + offset;
            assert_eq!(*byte, ((at / (1024 * 1024)) % 251) as u8, "byte {at}");
        }
        received += chunk.len();
    }
    assert_eq!(received, SIZE);

    // Collected, the same body is held to the limit.
    let bytes = vec![7u8; 4096];
    let response = client.upload_file("over", bytes).await.unwrap();
    match response.into_inner().collect().await {
        Err(StreamError::TooLarge { limit, read }) => {
            assert_eq!(limit, 1024);
            assert_eq!(read.len(), 1024);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_file_is_sent_as_it_is_read() {
    let server = echo_server().await;
    let client = client(&server);
    let path = std::env::temp_dir().join(format!("clientgen-upload-{}", std::process::id()));
    let contents: Vec<u8> = (0..200_000u32).map(|i| (i % 256) as u8).collect();
    tokio::fs::write(&path, &contents).await.unwrap();
    let file = tokio::fs::File::open(&path).await.unwrap();
    let response = client.upload_file("file", file).await.unwrap();
    let mut echoed = Vec::new();
    let mut stream = response.into_inner();
    while let Some(chunk) = stream.chunk().await.unwrap() {
        echoed.extend_from_slice(&chunk);
    }
    assert_eq!(echoed, contents);
    tokio::fs::remove_file(path).await.unwrap();
}

#[tokio::test]
async fn text_is_sent_and_received_as_text() {
    let server = echo_server().await;
    let client = client(&server);
    let note = client.post_note(Some("ünïcode\nand lines")).await.unwrap();
    assert_eq!(note.into_inner(), "ünïcode\nand lines");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["content-type"], "text/plain");
    assert_eq!(request.headers["accept"], "text/plain");
}

#[tokio::test]
async fn a_binary_download_with_a_documented_json_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/files/missing"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"error": "no such file"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/logo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"\x89PNG\r\n".to_vec(), "image/png"))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.download_file("missing").await.unwrap_err();
    match &error {
        Error::Status(status) => {
            let DownloadFileError::NotFound(body) = &status.body;
            assert_eq!(body.error.as_deref(), Some("no such file"));
        }
        other => panic!("{other:?}"),
    }
    let png = client.download_file("logo").await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(
        &png.into_inner().collect().await.unwrap()[..],
        b"\x89PNG\r\n"
    );
    let request = &server.received_requests().await.unwrap()[1];
    assert_eq!(request.headers["accept"], "image/png");
}
