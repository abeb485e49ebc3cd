//! A client of Chatwoot's 2021 Swagger 2.0 document sends what the document says, to a
//! server on 127.0.0.1.

use chatwoot_2021::Client;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn contact_details_goes_to_its_path_with_the_user_s_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/1/contacts/42"))
        .and(header("api_access_token", "secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "payload": {"contact": {"id": 42, "name": "Ada"}}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key("secret")
        .build()
        .unwrap();
    // The document types the contact's id `number`.
    let response = client.contact_details(1, 42.0).await.unwrap();
    assert_eq!(response.status(), 200);
}

#[test]
fn the_document_s_server_is_the_default() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://app.chatwoot.com");
}
