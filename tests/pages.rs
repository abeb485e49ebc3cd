//! Chatwoot's lists page out of the box (their paging is described in
//! `spec/chatwoot.overlay.yaml`): against a server on 127.0.0.1 that pages as Chatwoot does.

use chatwoot::types::{ContactListParams, ContactSortParam, ListAllMessagesParams};
use chatwoot::Client;
use futures_util::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .user_api_key("token")
        .build()
        .unwrap()
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[tokio::test]
async fn contact_list_stream_yields_every_contact_of_every_page() {
    let server = MockServer::start().await;
    // 37 contacts, 15 a page, as Chatwoot answers: pages 1 to 3, then an empty page 4.
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/1/contacts"))
        .respond_with(|request: &Request| {
            assert_eq!(query(request, "sort").as_deref(), Some("name"));
            let page: i64 = query(request, "page").map_or(1, |p| p.parse().unwrap());
            let first = (page - 1) * 15 + 1;
            let payload: Vec<Value> = (first..=(first + 14).min(37))
                .map(|id| json!({"id": id, "name": format!("Contact {id}")}))
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({
                "meta": {"count": 37, "current_page": page},
                "payload": payload,
            }))
        })
        .mount(&server)
        .await;
    let params = ContactListParams {
        sort: Some(ContactSortParam::Name),
        ..Default::default()
    };
    let client = client(&server);
    let contacts: Vec<_> = client
        .contact_list_stream(1, &params)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<i64> = contacts.iter().filter_map(|c| c.id).collect();
    assert_eq!(ids, (1..=37).collect::<Vec<_>>());
    let pages: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| query(r, "page"))
        .collect();
    assert_eq!(
        pages,
        [None, Some("2".into()), Some("3".into()), Some("4".into())]
    );
}

#[tokio::test]
async fn older_messages_are_asked_for_before_the_oldest_received() {
    let server = MockServer::start().await;
    // Messages 1 to 45; each answer holds up to 20 before `before`, the oldest first.
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/1/conversations/9/messages"))
        .respond_with(|request: &Request| {
            let before: i64 = query(request, "before").map_or(46, |b| b.parse().unwrap());
            let payload: Vec<Value> = ((before - 20).max(1)..before)
                .map(|id| json!({"id": id, "content": format!("message {id}")}))
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "payload": payload }))
        })
        .mount(&server)
        .await;
    let client = client(&server);
    let messages: Vec<_> = client
        .list_all_messages_stream(1, 9, &ListAllMessagesParams::default())
        .try_collect()
        .await
        .unwrap();
    // The document types message ids `number`.
    let mut ids: Vec<i64> = messages
        .iter()
        .filter_map(|m| m.id)
        .map(|id| id as i64)
        .collect();
    assert_eq!(ids.len(), 45);
    ids.sort_unstable();
    assert_eq!(ids, (1..=45).collect::<Vec<_>>());
    let before: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| query(r, "before"))
        .collect();
    assert_eq!(
        before,
        [None, Some("26".into()), Some("6".into()), Some("1".into())]
    );
}
