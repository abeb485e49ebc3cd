//! The client of a crate set up as a new user would set it up calls a server: a raw HTTP
//! server on 127.0.0.1 that records the request and answers with a contact.

use show_contact::types::ContactDetailsError;
use show_contact::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves one connection: reads the request head, answers `status` with `body`, and
/// returns the request head.
async fn serve_once(listener: TcpListener, status: &str, body: &str) -> String {
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.ends_with(b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(
            read > 0,
            "the connection closed before the request head ended"
        );
        head.extend_from_slice(&buffer[..read]);
    }
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await.unwrap();
    String::from_utf8(head).unwrap()
}

#[tokio::test]
async fn the_builder_makes_a_client_that_calls_the_server() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(serve_once(
        listener,
        "200 OK",
        r#"{"payload":{"id":7,"name":"Ana","email":null}}"#,
    ));

    let client = Client::builder()
        .base_url(&base_url)
        .user_api_key("secret")
        .build()
        .unwrap();
    let contact = client.contact_details(3, 7.0).await.unwrap().into_inner();
    let contact = contact.payload.unwrap();
    assert_eq!(
        (contact.id, contact.name.as_deref()),
        (Some(7), Some("Ana"))
    );
    assert_eq!(contact.email, Some(None));

    let head = server.await.unwrap().to_ascii_lowercase();
    assert!(
        head.starts_with("get /api/v1/accounts/3/contacts/7 http/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\napi_access_token: secret\r\n"), "{head}");
}

#[tokio::test]
async fn a_documented_error_is_decoded() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(serve_once(
        listener,
        "404 Not Found",
        r#"{"error":"Resource could not be found"}"#,
    ));

    let client = Client::builder()
        .base_url(base_url)
        .user_api_key("secret")
        .build()
        .unwrap();
    let error = client.contact_details(3, 8.0).await.unwrap_err();
    assert!(
        matches!(error.documented(), Some(ContactDetailsError::NotFound(_))),
        "{error:?}"
    );
    assert_eq!(error.message(), "Resource could not be found");
    server.await.unwrap();
}
