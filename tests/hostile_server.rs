//! The client against servers that misbehave, all on 127.0.0.1: every outcome is an error
//! value, never a panic or a hang, and the token never leaves its origin or shows in `Debug`.

use std::time::{Duration, Instant};

use chatwoot::types::ContactDetailsError;
use chatwoot::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "hostile-test-token-93af";
const CONTACT_PATH: &str = "/api/v1/accounts/1/contacts/2";

/// A server that answers every connection by running `respond` on it.
async fn raw_server<F, Fut>(respond: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            // Read the request head before answering.
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buffer[..n]),
                }
            }
            tokio::spawn(respond(stream));
        }
    });
    format!("http://{address}")
}

/// A server that answers every GET with `response`.
async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// Calls `contact_details(1, 2)` on the server at `base_url`, expecting an error.
async fn failed_call(base_url: &str) -> Error<ContactDetailsError> {
    client(base_url).contact_details(1, 2).await.unwrap_err()
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .user_api_key(TOKEN)
        .timeout(Duration::from_millis(500))
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTACT_PATH))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/steal", elsewhere.uri())),
        )
        .mount(&server)
        .await;

    let error = client(&server.uri())
        .contact_details(1, 2)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Request(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("not following a redirect to another origin"),
        "{message}"
    );
    assert!(message.contains(&elsewhere.uri()), "{message}");
    assert!(
        elsewhere.received_requests().await.unwrap().is_empty(),
        "the other origin got a request"
    );
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTACT_PATH))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/moved"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"payload": {"id": 2}})),
        )
        .mount(&server)
        .await;
    let response = client(&server.uri()).contact_details(1, 2).await.unwrap();
    assert_eq!(response.payload.as_ref().unwrap().id, Some(2));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].url.path(), "/moved");
    assert_eq!(requests[1].headers["api_access_token"], TOKEN);
}

#[tokio::test]
async fn debug_output_never_shows_the_token() {
    let builder = Client::builder()
        .base_url("http://127.0.0.1:9")
        .user_api_key(TOKEN);
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let client_debug = format!("{client:?} {client:#?}");
    let error = client.contact_details(1, 2).await.unwrap_err();
    let error_debug = format!("{error:?} {error}");
    for text in [&builder_debug, &client_debug, &error_debug] {
        assert!(!text.contains(TOKEN), "the token shows in: {text}");
    }
    // Which schemes have credentials shows; the credentials do not.
    assert!(
        client_debug.contains(r#"credentials: ["userApiKey"]"#),
        "{client_debug}"
    );
    assert!(builder_debug.contains("<redacted>"), "{builder_debug}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let base = raw_server(|stream| async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let started = Instant::now();
    let error = failed_call(&base).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    match &error {
        Error::Request(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_stalls_midway_keeps_what_was_read() {
    let base = raw_server(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"payload\":")
            .await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let started = Instant::now();
    let error = failed_call(&base).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    let Error::IncompleteBody(incomplete) = &error else {
        panic!("{error:?}")
    };
    assert!(incomplete.source.is_timeout(), "{:?}", incomplete.source);
    assert_eq!(error.status().unwrap(), 200);
    assert_eq!(error.raw_body().unwrap(), b"{\"payload\":");
}

#[tokio::test]
async fn a_connection_closed_midway_keeps_what_was_read() {
    let base = raw_server(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 100\r\n\r\n<html>partial")
            .await;
        let _ = stream.shutdown().await;
    })
    .await;
    let error = failed_call(&base).await;
    assert!(matches!(error, Error::IncompleteBody(_)), "{error:?}");
    assert_eq!(error.status().unwrap(), 502);
    assert_eq!(error.raw_body().unwrap(), b"<html>partial");
    assert!(
        error
            .to_string()
            .starts_with("HTTP 502 Bad Gateway: the body was cut off after 13 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit() {
    let base = raw_server(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = format!("{:x}\r\n{}\r\n", 4096, "x".repeat(4096));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    })
    .await;
    let started = Instant::now();
    let error = failed_call(&base).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
    assert_eq!(error.raw_body().unwrap().len(), 64 * 1024);
    assert_eq!(
        error.to_string(),
        "HTTP 200 OK: the body is larger than the limit of 65536 bytes"
    );
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_that_keeps_the_bytes() {
    let body: &[u8] = b"{\"payload\": {\"name\": \"Ana \xff\"}}";
    let server =
        answering(ResponseTemplate::new(200).set_body_raw(body.to_vec(), "application/json")).await;
    let error = client(&server.uri())
        .contact_details(1, 2)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.raw_body().unwrap(), body);

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_raw(b"denied \xfe".to_vec(), "text/plain"),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .contact_details(1, 2)
        .await
        .unwrap_err();
    assert_eq!(error.message(), "denied \u{fffd}");
    assert_eq!(error.raw_body().unwrap(), b"denied \xfe");
}

#[tokio::test]
async fn the_content_type_does_not_decide_how_a_body_is_read() {
    let server = answering(
        ResponseTemplate::new(200).set_body_raw(br#"{"payload": {"id": 2}}"#.to_vec(), "text/html"),
    )
    .await;
    let response = client(&server.uri()).contact_details(1, 2).await.unwrap();
    assert_eq!(response.payload.as_ref().unwrap().id, Some(2));

    server.reset().await;
    let html = "<!DOCTYPE html><html><head><title>Sign in</title></head></html>";
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(html.as_bytes().to_vec(), "application/json"),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .contact_details(1, 2)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.raw_body().unwrap(), html.as_bytes());
}
