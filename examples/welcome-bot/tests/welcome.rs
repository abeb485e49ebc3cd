//! The bot against `chatwoot::mock`: Chatwoot's answers stated in its own types, the bot's
//! requests checked as the real client sends them, and nothing else reaching the server.

use std::time::{Duration, Instant};

use chatwoot::mock::MockServer;
use chatwoot::types::{
    BadRequestError, ContactListItem, ContactShowResponse, ConversationMessageCreatePayload,
    Message,
};
use chatwoot::Client;
use welcome_bot::{welcome, Welcome};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .user_api_key("test-token")
        .build()
        .unwrap()
}

fn ada() -> ContactShowResponse {
    ContactShowResponse {
        payload: Some(ContactListItem {
            id: Some(42),
            name: Some("Ada Lovelace".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_known_contact_is_welcomed_by_name_and_a_missing_one_is_not() {
    let server = MockServer::start().await;
    let found = server
        .contact_details(|when, then| {
            when.account_id(1).id(42);
            then.ok(&ada());
        })
        .await;
    let missing = server
        .contact_details(|when, then| {
            when.account_id(1).id(7);
            then.not_found(&BadRequestError {
                description: Some("Resource could not be found".into()),
                ..Default::default()
            });
        })
        .await;
    let posted = server
        .create_a_new_message_in_a_conversation(|when, then| {
            when.account_id(1)
                .conversation_id(5)
                .body(&ConversationMessageCreatePayload {
                    content: "Welcome, Ada Lovelace!".into(),
                    ..Default::default()
                });
            then.ok(&Message::default());
        })
        .await;
    let client = client(&server);

    assert_eq!(
        welcome(&client, 1, 5, 42).await.unwrap(),
        Welcome::Posted("Welcome, Ada Lovelace!".into())
    );
    assert_eq!(
        welcome(&client, 1, 5, 7).await.unwrap(),
        Welcome::NoSuchContact
    );
    assert_eq!(found.calls().await, 1);
    assert_eq!(missing.calls().await, 1);
    assert_eq!(posted.calls().await, 1);
}

#[tokio::test]
async fn a_request_the_test_did_not_expect_is_an_error_at_once() {
    let server = MockServer::start().await;
    let _found = server
        .contact_details(|when, then| {
            when.account_id(1).id(42);
            then.ok(&ada());
        })
        .await;
    // The message the bot would post is not expected: its call is answered 501.
    let client = client(&server);
    let started = Instant::now();
    let error = welcome(&client, 1, 5, 42).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    let error = error
        .downcast::<chatwoot::Error<chatwoot::types::CreateANewMessageInAConversationError>>()
        .unwrap();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(501));
    let text = String::from_utf8_lossy(error.raw_body().unwrap_or_default()).into_owned();
    assert!(
        text.contains("POST /api/v1/accounts/1/conversations/5/messages"),
        "{text}"
    );
}
