//! The events of generated `webhooks` modules, read from the documents' own examples and
//! from signed requests.

use openapi_clientgen_runtime::Webhooks;
use serde_json::{json, Value};
use webhooks_client::{etsi, openai, repository};

/// The webhooks of the OpenAI document, each with the example its schema's `x-oaiMeta`
/// gives, parsed from the JSON text the document holds. Two of them (`live_call_incoming`,
/// `realtime_call_incoming`) end a list with a comma, which JSON does not allow (Python's
/// `json` refuses them too); they are read without it.
fn openai_examples() -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/openai-webhooks.yaml"
    ))
    .unwrap();
    let document: Value = yaml_serde::from_str(&text).unwrap();
    let schemas = &document["components"]["schemas"];
    document["webhooks"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, item)| {
            let reference = item["post"]["requestBody"]["content"]["application/json"]["schema"]
                ["$ref"]
                .as_str()
                .unwrap();
            let schema = &schemas[reference.rsplit('/').next().unwrap()];
            let example = schema["x-oaiMeta"]["example"].as_str().unwrap();
            let example = serde_json::from_str(example).unwrap_or_else(|_| {
                let mended = example.replace("},\n    ]", "}\n    ]");
                assert_ne!(mended, example, "{name}: the example is not JSON");
                serde_json::from_str(&mended).unwrap()
            });
            (name.clone(), example)
        })
        .collect()
}

/// `batch_completed` as the variant's name, `BatchCompleted`.
fn variant(name: &str) -> String {
    name.split('_')
        .map(|word| word[..1].to_uppercase() + &word[1..])
        .collect()
}

#[test]
fn each_of_openais_16_webhooks_decodes_its_own_example_into_its_variant() {
    let examples = openai_examples();
    assert_eq!(examples.len(), 16);
    for (name, example) in examples {
        let event: openai::webhooks::Event =
            serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let debug = format!("{event:?}");
        assert!(
            debug.starts_with(&format!("{}(", variant(&name))),
            "{name} read as {debug}"
        );
        // Written back, the event is what was sent.
        assert_eq!(serde_json::to_value(&event).unwrap(), example, "{name}");
    }
}

#[test]
fn an_event_the_document_does_not_describe_is_kept_as_sent() {
    let sent =
        json!({"id": "evt_1", "type": "video.generated", "created_at": 1, "data": {"id": "v"}});
    let event: openai::webhooks::Event = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(event, openai::webhooks::Event::Other(sent.clone()));
    assert_eq!(serde_json::to_value(&event).unwrap(), sent);
}

#[test]
fn a_described_event_that_does_not_fit_its_type_is_an_error_not_another_event() {
    // `data.id` is required.
    let sent = br#"{"id": "evt_1", "type": "batch.completed", "created_at": 1, "data": {}}"#;
    let error = serde_json::from_slice::<openai::webhooks::Event>(sent).unwrap_err();
    assert!(error.to_string().contains("missing field `id`"), "{error}");
}

#[test]
fn a_signed_request_is_verified_then_decoded_and_a_changed_one_refused() {
    let webhooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let body = br#"{"id":"evt_1","type":"batch.completed","created_at":1719168000,"data":{"id":"batch_1"}}"#;
    let headers = webhooks.sign("msg_1", webhooks.now(), body);
    let event: openai::webhooks::Event = webhooks.unwrap(&headers, body).unwrap();
    let openai::webhooks::Event::BatchCompleted(completed) = event else {
        panic!("read as {event:?}");
    };
    assert_eq!(completed.data.id, "batch_1");
    let changed = String::from_utf8(body.to_vec())
        .unwrap()
        .replace("batch_1", "batch_2");
    let refused = webhooks.unwrap::<openai::webhooks::Event>(&headers, changed.as_bytes());
    assert!(refused.is_err());
}

#[test]
fn a_callback_of_a_directory_document_decodes_into_its_operations_enum() {
    // An `AppPkgNotification` as the document's schema describes it.
    let sent = json!({
        "id": "n-1",
        "notificationType": "AppPackageOnBoarded",
        "subscriptionId": "s-1",
        "timeStamp": {"seconds": 1719168000, "nanoSeconds": 0},
        "appPkgId": "p-1",
        "appDId": "d-1",
        "operationalState": "ENABLED",
        "_links": {"subscription": {"href": "http://example.com/subscriptions/s-1"}}
    });
    let event: etsi::webhooks::SubscriptionsPostCallback =
        serde_json::from_value(sent.clone()).unwrap();
    let etsi::webhooks::SubscriptionsPostCallback::Notification(notification) = &event else {
        panic!("read as {event:?}");
    };
    assert_eq!(notification.subscription_id, "s-1");
    assert_eq!(serde_json::to_value(&event).unwrap(), sent);
    // Anything else is kept.
    let other = json!({"unexpected": true});
    assert_eq!(
        serde_json::from_value::<etsi::webhooks::SubscriptionsPostCallback>(other.clone()).unwrap(),
        etsi::webhooks::SubscriptionsPostCallback::Other(other)
    );
}

/// GitHub's way: `x-webhooks` in a 3.0 document, and an `action` that holds `created` in
/// two events. Each body is read as the first event whose fixed values it holds and whose
/// type reads it; an action no event has is kept, not taken for the first event that
/// would read it.
#[test]
fn x_webhooks_events_are_read_only_as_events_whose_fixed_values_they_hold() {
    use repository::webhooks::Event;
    let read = |body: Value| serde_json::from_value::<Event>(body).unwrap();
    match read(json!({"action": "opened", "issue": {"number": 7}})) {
        Event::IssuesOpened(event) => assert_eq!(event.issue.number, 7),
        other => panic!("{other:?}"),
    }
    match read(json!({"action": "created", "starred_at": "2026-12-03T10:00:00Z"})) {
        Event::StarCreated(event) => assert_eq!(event.starred_at, "2026-12-03T10:00:00Z"),
        other => panic!("{other:?}"),
    }
    match read(json!({"action": "created", "label": {"name": "bug"}})) {
        Event::LabelCreated(event) => assert_eq!(event.label.name, "bug"),
        other => panic!("{other:?}"),
    }
    // `IssuesOpened` reads it (its action is a string enum that keeps other values), but
    // its action is `opened`.
    let closed = json!({"action": "closed", "issue": {"number": 7}});
    assert_eq!(read(closed.clone()), Event::Other(closed));
}
