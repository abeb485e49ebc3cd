//! What the HTTP tests share: a client of a wiremock server on 127.0.0.1.

// Each test crate uses part of this module.
#![allow(dead_code)]

use features_client::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server`, holding the document's token.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token("secret")
        .build()
        .unwrap()
}

/// A server that answers `verb at` with `response`, and a client of it.
pub async fn serve(verb: &str, at: &str, response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = client(&server);
    (server, client)
}
