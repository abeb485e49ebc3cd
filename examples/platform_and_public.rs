//! A platform call (an account's details, with a platform app's token) and a public call
//! (a new contact in an API inbox, with no token) through one client.
//!
//! ```text
//! cargo run --example platform_and_public -- <account_id> <inbox_identifier>
//! ```
//!
//! Against a real Chatwoot, set `CHATWOOT_BASE_URL` and `CHATWOOT_PLATFORM_TOKEN` (the
//! token of a platform app, from the super admin console). Without `CHATWOOT_BASE_URL`,
//! the example starts a stand-in server on 127.0.0.1 that knows account 1 and inbox
//! `web-inbox`.

mod common;

use std::process::ExitCode;

use chatwoot::types::PublicContactCreateUpdatePayload;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const STAND_IN_TOKEN: &str = "stand-in-platform-token";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(account_id), Some(inbox)) = (
        args.first().and_then(|a| a.parse::<i64>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: platform_and_public <account_id> <inbox_identifier>");
        return ExitCode::from(2);
    };

    // Keeps the stand-in server, if any, running until the end of `main`.
    let target = common::target("CHATWOOT_PLATFORM_TOKEN", STAND_IN_TOKEN, stand_in_server).await;
    let client = chatwoot::Client::builder()
        .base_url(&target.base_url)
        .platform_app_api_key(&*target.token)
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };

    // Platform API: the token is sent.
    match client.get_details_of_an_account(account_id).await {
        Ok(account) => println!(
            "Account {account_id}: {}",
            account.name.as_deref().unwrap_or("-")
        ),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }

    // Public API: no token is sent, whatever the client holds.
    let payload = PublicContactCreateUpdatePayload {
        name: Some("Ana Silva".to_owned()),
        email: Some("ana@example.com".to_owned()),
        ..Default::default()
    };
    match client.create_a_contact(inbox, &payload).await {
        Ok(contact) => {
            println!(
                "New contact in inbox {inbox}: id {}, source {}",
                contact.id.map_or("-".to_owned(), |id| id.to_string()),
                contact.source_id.as_deref().unwrap_or("-")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A server on 127.0.0.1 that answers the two calls the way Chatwoot does.
async fn stand_in_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/platform/api/v1/accounts/1"))
        .and(header("api_access_token", STAND_IN_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 1,
            "name": "Acme Support"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/public/api/v1/inboxes/web-inbox/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 7,
            "source_id": "8f2b61c0",
            "name": "Ana Silva",
            "email": "ana@example.com",
            "pubsub_token": "Zx1pZ9"
        })))
        .mount(&server)
        .await;
    // Anything else: what Chatwoot answers for an unknown record.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error": "Resource could not be found"})),
        )
        .with_priority(10)
        .mount(&server)
        .await;
    server
}
