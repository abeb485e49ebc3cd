//! One call of each API family in Chatwoot's combined document, against a server on
//! 127.0.0.1: what arrives there, and what the client makes of the answer. The application
//! API has its own tests (`contact_details.rs`, `hostile_server.rs`).

use chatwoot::types::{
    GetDetailsOfAnAccountError, PublicContactCreateUpdatePayload, UpdateProfileMultipartBody,
    UpdateProfileMultipartBodyProfile,
};
use chatwoot::{Client, Error, FilePart};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PLATFORM_TOKEN: &str = "platform-app-token-93c1";

#[tokio::test]
async fn a_platform_call_sends_the_platform_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/platform/api/v1/accounts/12"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 12,
            "name": "Acme Support",
            "locale": "en"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .platform_app_api_key(PLATFORM_TOKEN)
        .build()
        .unwrap();
    let account = client.get_details_of_an_account(12).await.unwrap();
    assert_eq!(account.id, Some(12.0));
    assert_eq!(account.name.as_deref(), Some("Acme Support"));
    assert_eq!(
        account.extra.get("locale").map(|v| v.get()),
        Some(r#""en""#)
    );

    let requests = server.received_requests().await.unwrap();
    let token = requests[0].headers.get("api_access_token").unwrap();
    assert_eq!(token, PLATFORM_TOKEN);
}

#[tokio::test]
async fn a_platform_error_is_the_documented_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/platform/api/v1/accounts/13"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"error": "Account not found"})),
        )
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .platform_app_api_key(PLATFORM_TOKEN)
        .build()
        .unwrap();
    let error = client.get_details_of_an_account(13).await.unwrap_err();
    assert!(
        matches!(&error, Error::Status(e) if matches!(e.body, GetDetailsOfAnAccountError::NotFound(_))),
        "{error:?}"
    );
    assert_eq!(error.message(), "Account not found");
}

#[tokio::test]
async fn a_public_call_sends_no_token_and_the_body_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/public/api/v1/inboxes/inbox%2Fwith%20space/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 5,
            "source_id": "c0ffee",
            "name": "Ana",
            "email": null,
            "pubsub_token": "ws-token"
        })))
        .expect(1)
        .mount(&server)
        .await;

    // A client that holds a token sends it only where the document asks for one.
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key("user-token")
        .build()
        .unwrap();
    let payload = PublicContactCreateUpdatePayload {
        name: Some("Ana".to_owned()),
        identifier: Some("crm-981".to_owned()),
        ..Default::default()
    };
    let contact = client
        .create_a_contact("inbox/with space", &payload)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(contact.source_id.as_deref(), Some("c0ffee"));
    assert_eq!(contact.name, Some(Some("Ana".to_owned())));
    assert_eq!(contact.email, Some(None));

    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("api_access_token").is_none());
    assert_eq!(
        requests[0].headers.get("content-type").unwrap(),
        "application/json"
    );
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"name": "Ana", "identifier": "crm-981"}));
}

/// The token each call carried: `(path, header, token)`.
async fn tokens_received(server: &MockServer) -> Vec<(String, String, String)> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .flat_map(|request| {
            ["api_access_token", "api-access-token"]
                .into_iter()
                .filter_map(|name| {
                    request.headers.get(name).map(|value| {
                        (
                            request.url.path().to_owned(),
                            name.to_owned(),
                            value.to_str().unwrap().to_owned(),
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[tokio::test]
async fn one_client_holds_user_agent_bot_and_platform_tokens() {
    use chatwoot::types::{ToggleStatusOfAConversationBody, ToggleStatusOfAConversationBodyStatus};

    let server = MockServer::start().await;
    let toggle = ToggleStatusOfAConversationBody {
        status: ToggleStatusOfAConversationBodyStatus::Resolved,
        snoozed_until: None,
        extra: Default::default(),
    };
    let public = PublicContactCreateUpdatePayload::default();
    for hyphenated in [false, true] {
        server.reset().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;
        let builder = |user: bool| {
            let builder = Client::builder()
                .base_url(server.uri())
                .agent_bot_api_key("bot-token")
                .platform_app_api_key(PLATFORM_TOKEN);
            let builder = if user {
                builder.user_api_key("user-token")
            } else {
                builder
            };
            if hyphenated {
                builder.hyphenated_api_key_headers()
            } else {
                builder
            }
        };
        let all = builder(true).build().unwrap();
        let bot_and_platform = builder(false).build().unwrap();

        all.contact_details(1, 2).await.unwrap();
        // Accepts a user's token or an agent bot's, in that order.
        all.toggle_status_of_a_conversation(1, 3, &toggle)
            .await
            .unwrap();
        bot_and_platform
            .toggle_status_of_a_conversation(1, 4, &toggle)
            .await
            .unwrap();
        all.get_details_of_an_account(5).await.unwrap();
        all.create_a_contact("inbox", &public).await.unwrap();
        // Accepts only a user's token, which this client lacks: nothing is sent.
        let error = bot_and_platform.contact_details(1, 2).await.unwrap_err();
        assert!(matches!(error, Error::MissingCredentials(_)), "{error:?}");
        assert!(error.to_string().contains("`user_api_key` (userApiKey)"));

        let header = if hyphenated {
            "api-access-token"
        } else {
            "api_access_token"
        };
        let expected = [
            ("/api/v1/accounts/1/contacts/2", "user-token"),
            (
                "/api/v1/accounts/1/conversations/3/toggle_status",
                "user-token",
            ),
            (
                "/api/v1/accounts/1/conversations/4/toggle_status",
                "bot-token",
            ),
            ("/platform/api/v1/accounts/5", PLATFORM_TOKEN),
        ]
        .map(|(path, token)| (path.to_owned(), header.to_owned(), token.to_owned()));
        assert_eq!(tokens_received(&server).await, expected);
        assert_eq!(server.received_requests().await.unwrap().len(), 5);
    }
}

/// The avatar upload: the document nests the avatar in `profile`, so the parts are named
/// `profile[...]`, as Rails reads them. An independent parser reads the body on the server.
#[tokio::test]
async fn an_avatar_upload_arrives_as_parts_rails_reads() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/profile"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 5, "name": "Ada"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .user_api_key("user-token")
        .build()
        .unwrap();

    let avatar: Vec<u8> = (0..=255).cycle().take(100_000).collect();
    let file = std::env::temp_dir().join(format!("chatwoot-avatar-{}.png", std::process::id()));
    std::fs::write(&file, &avatar).unwrap();
    let body = UpdateProfileMultipartBody {
        profile: UpdateProfileMultipartBodyProfile {
            name: Some("Ada Lovelace".into()),
            avatar: Some(
                FilePart::new(tokio::fs::File::open(&file).await.unwrap())
                    .file_name("ada.png")
                    .media_type("image/png"),
            ),
            ..Default::default()
        },
    };
    let response = client.update_profile_multipart(body).await.unwrap();
    assert_eq!(response.status(), 200);
    std::fs::remove_file(&file).unwrap();

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(request.headers["api_access_token"], "user-token");
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = chatwoot::runtime::codegen::bytes::Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        parts.push((
            field.name().unwrap().to_owned(),
            field.file_name().map(str::to_owned),
            field.content_type().map(|m| m.to_string()),
            field.bytes().await.unwrap().to_vec(),
        ));
    }
    assert_eq!(
        parts,
        vec![
            (
                "profile[name]".to_owned(),
                None,
                None,
                b"Ada Lovelace".to_vec()
            ),
            (
                "profile[avatar]".to_owned(),
                Some("ada.png".to_owned()),
                Some("image/png".to_owned()),
                avatar
            ),
        ]
    );
}
