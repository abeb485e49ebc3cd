//! The receiver on 127.0.0.1, sent requests signed as OpenAI signs them (the runtime's
//! `Webhooks::sign`, the mock side; the signatures themselves are checked against Python's
//! `hmac` in the runtime's tests).

use openapi_clientgen_runtime::Webhooks;
use tokio::sync::mpsc;
use webhook_receiver::Event;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The receiver's address, and the events it hands over.
async fn start() -> (String, mpsc::UnboundedReceiver<Event>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}/webhooks", listener.local_addr().unwrap());
    let (sender, events) = mpsc::unbounded_channel();
    let webhooks = Webhooks::new(SECRET).unwrap();
    tokio::spawn(webhook_receiver::serve(listener, webhooks, move |event| {
        let _ = sender.send(event);
    }));
    (address, events)
}

/// The headers OpenAI sends with `body`, signed now.
fn signed(id: &str, body: &str) -> reqwest::header::HeaderMap {
    let sender = Webhooks::new(SECRET).unwrap();
    sender.sign(id, sender.now(), body.as_bytes())
}

async fn post(address: &str, headers: reqwest::header::HeaderMap, body: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(address)
        .headers(headers)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_event_is_received_and_a_changed_or_unsigned_one_refused() {
    let (address, mut events) = start().await;
    let body = r#"{"id":"evt_1","type":"batch.completed","created_at":1719168000,"data":{"id":"batch_1"}}"#;
    let headers = signed("msg_1", body);

    assert_eq!(
        post(&address, headers.clone(), body).await,
        (200, String::new())
    );
    let Some(Event::BatchCompleted(batch)) = events.recv().await else {
        panic!("not the batch's event");
    };
    assert_eq!(batch.data.id, "batch_1");

    let (status, text) = post(&address, headers, &body.replace("batch_1", "batch_2")).await;
    assert_eq!(status, 400);
    assert!(!text.contains(SECRET), "{text}");
    let (status, text) = post(&address, Default::default(), body).await;
    assert_eq!(
        (status, text.as_str()),
        (400, "the request has no valid `webhook-id` header")
    );
    assert!(
        events.try_recv().is_err(),
        "a refused request handed over an event"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_event_the_document_does_not_describe_is_received_as_other() {
    let (address, mut events) = start().await;
    let body = r#"{"id":"evt_2","type":"video.completed","created_at":1,"data":{"id":"v"}}"#;
    assert_eq!(post(&address, signed("msg_2", body), body).await.0, 200);
    let Some(Event::Other(event)) = events.recv().await else {
        panic!("not kept as another event");
    };
    assert_eq!(event["type"], "video.completed");
}
