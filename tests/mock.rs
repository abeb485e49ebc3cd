//! `chatwoot::mock`, as a user's tests would use it: expectations in the API's own types,
//! answered to the real client.

use std::time::{Duration, Instant};

use chatwoot::mock::MockServer;
use chatwoot::types::{BadRequestError, ContactDetailsError, ContactShowResponse};
use chatwoot::Client;
use serde_json::json;

/// A client of `server`, with a key.
fn builder(server: &MockServer) -> chatwoot::ClientBuilder {
    Client::builder().base_url(server.uri()).user_api_key("t")
}

fn contact() -> ContactShowResponse {
    serde_json::from_value(json!({"payload": {"id": 42, "name": "Ada Lovelace"}})).unwrap()
}

#[tokio::test]
async fn a_stated_contact_and_a_documented_404_are_what_the_client_gets() {
    let server = MockServer::start().await;
    let found = server
        .contact_details(|when, then| {
            when.account_id(1).id(42);
            then.ok(&contact());
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
    let client = builder(&server).build().unwrap();

    let response = client.contact_details(1, 42).await.unwrap();
    assert_eq!(response.into_inner(), contact());
    let error = client.contact_details(1, 7).await.unwrap_err();
    match error.documented() {
        Some(ContactDetailsError::NotFound(body)) => {
            assert_eq!(
                body.description.as_deref(),
                Some("Resource could not be found")
            )
        }
        other => panic!("{other:?}"),
    }

    // A call no expectation matches is an error at once, naming the request and the
    // closest expectation.
    let started = Instant::now();
    let error = client.contact_details(1, 9).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(501));
    let text = String::from_utf8_lossy(error.raw_body().unwrap_or_default()).into_owned();
    assert!(text.contains("GET /api/v1/accounts/1/contacts/9"), "{text}");
    assert!(
        text.contains("the closest is GET /api/v1/accounts/1/contacts/"),
        "{text}"
    );

    assert_eq!(found.calls().await, 1);
    assert_eq!(missing.calls().await, 1);
}

#[tokio::test]
async fn unset_parameters_match_any_value_and_query_parameters_match_as_sent() {
    let server = MockServer::start().await;
    let any = server
        .contact_details(|_, then| {
            then.ok(&contact());
        })
        .await;
    let labelled = server
        .conversation_list(|when, then| {
            when.account_id(1)
                .labels(&["billing".to_owned(), "vip customer".to_owned()]);
            then.ok(&serde_json::from_value(json!({"data": {"payload": []}})).unwrap());
        })
        .await;
    let client = builder(&server).build().unwrap();
    client.contact_details(3, 4).await.unwrap();
    client.contact_details(5, 6).await.unwrap();
    assert_eq!(any.calls().await, 2);

    let params = chatwoot::types::ConversationListParams {
        labels: Some(vec!["billing".into(), "vip customer".into()]),
        ..Default::default()
    };
    client.conversation_list(1, &params).await.unwrap();
    // Another label is another request.
    let other = chatwoot::types::ConversationListParams {
        labels: Some(vec!["billing".into()]),
        ..Default::default()
    };
    assert_eq!(
        client
            .conversation_list(1, &other)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(501)
    );
    assert_eq!(labelled.calls().await, 1);
}

#[tokio::test]
async fn an_answer_given_once_lets_a_test_see_the_client_retry() {
    let server = MockServer::start().await;
    // Stated first, so tried first: a 503 for the first request only.
    let unavailable = server
        .contact_details(|when, then| {
            when.account_id(1).id(42);
            then.status(503).header("retry-after", "0").times(1);
        })
        .await;
    let found = server
        .contact_details(|when, then| {
            when.account_id(1).id(42);
            then.ok(&contact()).times(1);
        })
        .await;
    let client = builder(&server)
        .retry_policy(
            chatwoot::runtime::RetryPolicy::default().initial_backoff(Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    let response = client.contact_details(1, 42).await.unwrap();
    assert_eq!(response.into_inner(), contact());
    assert_eq!(unavailable.calls().await, 1);
    assert_eq!(found.calls().await, 1);
    // Both have given their answers: a third request is unexpected.
    let error = client.contact_details(1, 42).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(501));
    assert_eq!(found.calls().await, 1);
}
