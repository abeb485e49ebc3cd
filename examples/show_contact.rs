//! Shows one contact.
//!
//! ```text
//! cargo run --example show_contact -- <account_id> <contact_id>
//! ```
//!
//! Against a real Chatwoot, set `CHATWOOT_BASE_URL` (such as `https://app.chatwoot.com/`)
//! and `CHATWOOT_API_TOKEN` (from the profile settings page). Without `CHATWOOT_BASE_URL`,
//! the example starts a stand-in server on 127.0.0.1 that answers like Chatwoot: contact 42
//! of account 1 exists, other contacts are 404, and a wrong token is 401.

mod common;

use std::process::ExitCode;

use serde_json::json;
use wiremock::matchers::{header, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const STAND_IN_TOKEN: &str = "stand-in-token";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(account_id), Some(contact_id)) = (
        args.first().and_then(|a| a.parse::<i64>().ok()),
        args.get(1).and_then(|a| a.parse::<i64>().ok()),
    ) else {
        eprintln!("usage: show_contact <account_id> <contact_id>");
        return ExitCode::from(2);
    };

    // Keeps the stand-in server, if any, running until the end of `main`.
    let target = common::target("CHATWOOT_API_TOKEN", STAND_IN_TOKEN, stand_in_server).await;

    let client = chatwoot::Client::builder()
        .base_url(&target.base_url)
        .user_api_key(&*target.token)
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match client.contact_details(account_id, contact_id).await {
        Ok(response) => {
            let Some(contact) = &response.payload else {
                println!("The response has no contact.");
                return ExitCode::SUCCESS;
            };
            let text = |value: Option<&str>| value.unwrap_or("-").to_owned();
            println!(
                "Contact {}",
                contact.id.map_or("-".to_owned(), |id| id.to_string())
            );
            println!("  name:         {}", text(contact.name.as_deref()));
            println!(
                "  email:        {}",
                text(contact.email.clone().flatten().as_deref())
            );
            println!(
                "  phone:        {}",
                text(contact.phone_number.clone().flatten().as_deref())
            );
            println!(
                "  availability: {}",
                text(contact.availability_status.as_ref().map(|s| s.as_str()))
            );
            for inbox in contact.contact_inboxes.iter().flatten() {
                let inbox_name = inbox.inbox.as_ref().and_then(|i| i.name.as_deref());
                println!(
                    "  inbox:        {} (source {})",
                    text(inbox_name),
                    text(inbox.source_id.as_deref())
                );
            }
            println!("As received:");
            println!(
                "{}",
                serde_json::to_string_pretty(contact).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A server on 127.0.0.1 that answers `GET /api/v1/accounts/{account}/contacts/{id}` the
/// way Chatwoot does.
async fn stand_in_server() -> MockServer {
    let server = MockServer::start().await;
    let contacts = r"^/api/v1/accounts/[^/]+/contacts/[^/]+$";
    Mock::given(method("GET"))
        .and(path_regex(contacts))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({ "error": "Invalid Access Token" })),
        )
        .with_priority(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(contacts))
        .and(header("api_access_token", STAND_IN_TOKEN))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({ "error": "Resource could not be found" })),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/1/contacts/42"))
        .and(header("api_access_token", STAND_IN_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "payload": {
                "additional_attributes": {
                    "city": "Lisbon",
                    "country": "Portugal",
                    "country_code": "PT",
                    "company_name": "Acme",
                    "social_profiles": { "github": "acme" }
                },
                "availability_status": "online",
                "email": "ana@example.com",
                "id": 42,
                "name": "Ana Silva",
                "phone_number": null,
                "blocked": false,
                "identifier": null,
                "thumbnail": "",
                "custom_attributes": { "plan": "pro" },
                "last_activity_at": 1_732_406_400,
                "created_at": 1_700_000_000,
                "contact_inboxes": [{
                    "source_id": "4f6b2a",
                    "inbox": {
                        "id": 1,
                        "avatar_url": "",
                        "channel_id": 1,
                        "name": "Website",
                        "channel_type": "Channel::WebWidget",
                        "provider": null
                    }
                }]
            }
        })))
        .with_priority(1)
        .mount(&server)
        .await;
    server
}
