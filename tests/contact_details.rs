//! `contact_details` against a real HTTP server on 127.0.0.1, with Chatwoot-shaped payloads.

use chatwoot::types::{ContactDetailsError, ContactListItemAvailabilityStatus};
use chatwoot::{Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "test-token-5f1c";
const CONTACT_PATH: &str = "/api/v1/accounts/7/contacts/42";

/// A contact as Chatwoot sends it: nulls, keys the document does not name, an
/// availability status it does not list, and some documented keys missing.
fn chatwoot_contact() -> Value {
    json!({
        "payload": {
            "additional_attributes": {
                "city": "Lisbon",
                "country": "Portugal",
                "country_code": null,
                "company_name": "Acme",
                "description": "Prefers email",
                "social_profiles": { "github": "acme", "twitter": "" }
            },
            "availability_status": "busy",
            "email": "ana@example.com",
            "id": 42,
            "name": "Ana",
            "phone_number": null,
            "identifier": null,
            "thumbnail": "",
            "custom_attributes": { "plan": "pro", "seats": 3 },
            "last_activity_at": 1_732_406_400,
            "created_at": 1_700_000_000,
            "contact_inboxes": [
                {
                    "source_id": "a1b2",
                    "inbox": {
                        "id": 1,
                        "avatar_url": "",
                        "channel_id": 3,
                        "name": "Website",
                        "channel_type": "Channel::WebWidget",
                        "provider": null
                    }
                },
                {
                    "source_id": "+351910000000",
                    "inbox": { "id": 2, "name": "WhatsApp", "channel_type": "Channel::Whatsapp", "provider": "whatsapp_cloud" }
                }
            ]
        }
    })
}

async fn server_with(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTACT_PATH))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .user_api_key(TOKEN)
        .build()
        .expect("a valid client configuration")
}

/// Asserts that exactly one request reached the server, as `GET <path>` with the token.
async fn assert_one_request(server: &MockServer, expected_path: &str, header: &str) {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), expected_path);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.headers.get(header).and_then(|v| v.to_str().ok()),
        Some(TOKEN),
        "token header `{header}` in {:?}",
        request.headers
    );
}

/// Calls `contact_details(7, 42)`, expecting an error, and checks the request sent.
async fn failed_call(server: &MockServer) -> Error<ContactDetailsError> {
    let error = client_for(server).contact_details(7, 42).await.unwrap_err();
    assert_one_request(server, CONTACT_PATH, "api_access_token").await;
    error
}

#[tokio::test]
async fn decodes_a_chatwoot_contact_and_keeps_what_the_spec_does_not_name() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(chatwoot_contact())).await;
    let response = client_for(&server).contact_details(7, 42).await.unwrap();
    assert_one_request(&server, CONTACT_PATH, "api_access_token").await;

    assert_eq!(response.status(), 200);
    let contact = response.payload.as_ref().expect("payload");
    assert_eq!(contact.id, Some(42));
    assert_eq!(contact.name.as_deref(), Some("Ana"));
    assert_eq!(contact.email, Some(Some("ana@example.com".to_owned())));
    assert_eq!(contact.phone_number, Some(None), "an explicit null");
    assert_eq!(contact.blocked, None, "a missing key");
    assert_eq!(
        contact.availability_status,
        Some(ContactListItemAvailabilityStatus::Other("busy".to_owned()))
    );
    assert_eq!(contact.custom_attributes.as_ref().unwrap()["seats"], 3);
    let attributes = contact.additional_attributes.as_ref().unwrap();
    assert_eq!(attributes.city.as_deref(), Some("Lisbon"));
    assert_eq!(attributes.country_code, Some(None));
    assert_eq!(attributes.extra.to_map()["company_name"], "Acme");
    assert_eq!(
        attributes.extra.to_map()["social_profiles"]["github"],
        "acme"
    );
    let inboxes = contact.contact_inboxes.as_ref().unwrap();
    assert_eq!(inboxes.len(), 2);
    assert_eq!(inboxes[0].inbox.as_ref().unwrap().provider, Some(None));
    assert_eq!(inboxes[1].inbox.as_ref().unwrap().avatar_url, None);
    assert_eq!(
        inboxes[1].inbox.as_ref().unwrap().provider,
        Some(Some("whatsapp_cloud".to_owned()))
    );
}

#[tokio::test]
async fn a_contact_read_and_written_back_is_unchanged() {
    let original = chatwoot_contact();
    let server = server_with(ResponseTemplate::new(200).set_body_json(&original)).await;
    let response = client_for(&server).contact_details(7, 42).await.unwrap();
    let written = serde_json::to_value(response.into_inner()).unwrap();
    assert_eq!(written, original);
}

#[tokio::test]
async fn known_enum_values_decode_to_their_variants() {
    let body = json!({ "payload": { "availability_status": "online" } });
    let server = server_with(ResponseTemplate::new(200).set_body_json(body)).await;
    let response = client_for(&server).contact_details(7, 42).await.unwrap();
    let contact = response.into_inner().payload.unwrap();
    assert_eq!(
        contact.availability_status,
        Some(ContactListItemAvailabilityStatus::Online)
    );
    assert_eq!(contact.email, None, "absent, not null");
    assert_eq!(
        serde_json::to_value(&contact).unwrap(),
        json!({ "availability_status": "online" }),
        "nothing absent is written as null"
    );
}

#[tokio::test]
async fn documented_403_carries_the_typed_body_and_the_raw_text() {
    let body = json!({
        "description": "Access denied",
        "errors": [{ "field": "account_id", "message": "is not yours", "code": "forbidden" }]
    });
    let server = server_with(ResponseTemplate::new(403).set_body_json(&body)).await;
    let error = failed_call(&server).await;

    let Error::Status(response) = &error else {
        panic!("expected a documented status, got {error:?}");
    };
    let ContactDetailsError::Forbidden(forbidden) = &response.body else {
        panic!("expected Forbidden, got {:?}", response.body);
    };
    assert_eq!(forbidden.description.as_deref(), Some("Access denied"));
    assert_eq!(
        forbidden.errors.as_ref().unwrap()[0].message.as_deref(),
        Some("is not yours")
    );
    assert_eq!(error.status().unwrap(), 403);
    let raw: Value = serde_json::from_slice(error.raw_body().unwrap()).unwrap();
    assert_eq!(raw, body);
    assert_eq!(error.message(), "Access denied");
}

#[tokio::test]
async fn documented_404_with_chatwoots_real_body() {
    let body = json!({ "error": "Resource could not be found" });
    let server = server_with(ResponseTemplate::new(404).set_body_json(&body)).await;
    let error = failed_call(&server).await;

    match error.documented() {
        Some(ContactDetailsError::NotFound(not_found)) => {
            assert_eq!(not_found.description, None);
            assert_eq!(
                not_found.extra.to_map()["error"],
                "Resource could not be found"
            );
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert_eq!(error.status().unwrap(), 404);
    assert_eq!(error.message(), "Resource could not be found");
    assert_eq!(
        error.to_string(),
        "HTTP 404 Not Found: Resource could not be found"
    );
}

#[tokio::test]
async fn undocumented_401_keeps_status_and_body() {
    let body = r#"{"error":"Invalid Access Token"}"#;
    let server = server_with(ResponseTemplate::new(401).set_body_string(body)).await;
    let error = failed_call(&server).await;

    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.status().unwrap(), 401);
    assert_eq!(error.raw_body().unwrap(), body.as_bytes());
    assert_eq!(error.message(), "Invalid Access Token");
    assert_eq!(
        error.to_string(),
        "unexpected HTTP 401 Unauthorized: Invalid Access Token"
    );
}

#[tokio::test]
async fn proxy_502_with_html() {
    let html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let server = server_with(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string(html),
    )
    .await;
    // A 502 is retried (twice by default; here without the waits), and the last answer
    // kept.
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key(TOKEN)
        .retry_policy(
            chatwoot::runtime::RetryPolicy::default().initial_backoff(std::time::Duration::ZERO),
        )
        .build()
        .unwrap();
    let error = client.contact_details(7, 42).await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.status().unwrap(), 502);
    assert_eq!(error.raw_body().unwrap(), html.as_bytes());
    assert_eq!(error.message(), "502 Bad Gateway");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_raw_body() {
    let body = r#"{"payload": {"id": 42, "name": "Ana""#;
    let server = server_with(ResponseTemplate::new(200).set_body_string(body)).await;
    let error = failed_call(&server).await;

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(decode.source.is_eof(), "{}", decode.source);
    assert_eq!(error.status().unwrap(), 200);
    assert_eq!(error.raw_body().unwrap(), body.as_bytes());
    assert!(
        error
            .to_string()
            .starts_with("HTTP 200 OK: the body does not match the API document: EOF"),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error() {
    let body = r#"{"payload": {"id": "forty-two"}}"#;
    let server = server_with(ResponseTemplate::new(200).set_body_string(body)).await;
    let error = client_for(&server)
        .contact_details(7, 42)
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(
        decode.source.to_string().contains("expected i64"),
        "{}",
        decode.source
    );
    assert_eq!(decode.response.text(), body);
}

#[tokio::test]
async fn self_hosted_base_urls_with_sub_paths_never_produce_double_slashes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let cases = [
        (server.uri(), CONTACT_PATH.to_owned()),
        (format!("{}/", server.uri()), CONTACT_PATH.to_owned()),
        (
            format!("{}/chatwoot", server.uri()),
            format!("/chatwoot{CONTACT_PATH}"),
        ),
        (
            format!("{}/chatwoot/", server.uri()),
            format!("/chatwoot{CONTACT_PATH}"),
        ),
    ];
    for (base_url, expected_path) in cases {
        let client = Client::builder()
            .base_url(&base_url)
            .user_api_key(TOKEN)
            .build()
            .unwrap();
        client.contact_details(7, 42).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        let last = requests.last().unwrap();
        assert_eq!(last.url.path(), expected_path, "base URL {base_url}");
        assert!(!last.url.as_str()[8..].contains("//"), "{}", last.url);
    }
}

#[tokio::test]
async fn ids_are_integers_in_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client_for(&server);
    client.contact_details(7, 42).await.unwrap();
    client.contact_details(-1, i64::MAX).await.unwrap();
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            CONTACT_PATH,
            "/api/v1/accounts/-1/contacts/9223372036854775807"
        ]
    );
}

#[tokio::test]
async fn the_token_can_be_sent_in_the_hyphenated_header() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key(TOKEN)
        .hyphenated_api_key_headers()
        .build()
        .unwrap();
    client.contact_details(7, 42).await.unwrap();
    assert_one_request(&server, CONTACT_PATH, "api-access-token").await;
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("api_access_token").is_none());
}

#[tokio::test]
async fn a_caller_supplied_http_client_is_used() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let http = reqwest::Client::builder()
        .user_agent("caller-agent/1.0")
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key(TOKEN)
        .http_client(http)
        .build()
        .unwrap();
    client.contact_details(7, 42).await.unwrap();
    assert_one_request(&server, CONTACT_PATH, "api_access_token").await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers["user-agent"], "caller-agent/1.0");
}

#[tokio::test]
async fn the_default_base_url_comes_from_the_spec() {
    let client = Client::builder().user_api_key(TOKEN).build().unwrap();
    assert_eq!(Client::DEFAULT_BASE_URL, "https://app.chatwoot.com/");
    assert_eq!(client.base_url(), "https://app.chatwoot.com");
}

#[test]
fn invalid_base_urls_are_rejected_when_building() {
    for url in [
        "",
        "app.chatwoot.com",
        "ftp://example.com/",
        "https://example.com/?a=1",
    ] {
        let error = Client::new(url).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("invalid base URL `{url}`")),
            "{error}"
        );
    }
    let error = Client::builder()
        .user_api_key("bad\ntoken")
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the credential for the security scheme `userApiKey` contains characters that cannot \
         be sent in an HTTP header"
    );
    assert!(!format!("{error:?}").contains("bad"));
}
