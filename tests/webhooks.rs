//! Chatwoot's webhooks (described in `spec/chatwoot.overlay.yaml`): bodies shaped as its
//! documentation's "Supported webhook events" lists them read into `webhooks::Event`.

use chatwoot::webhooks::Event;
use serde_json::json;

#[test]
fn a_message_created_body_reads_as_its_event_with_the_documented_properties() {
    // Chatwoot's sample payload, with its ids as the server sends them (integers; the
    // documentation's sample quotes them).
    let sent = json!({
        "event": "message_created",
        "id": 1,
        "content": "Hi",
        "created_at": "2020-03-03 13:05:57 UTC",
        "message_type": "incoming",
        "content_type": "text",
        "content_attributes": {},
        "source_id": "",
        "sender": {"id": 1, "name": "Agent", "email": "agent@example.com"},
        "contact": {"id": 1, "name": "contact-name"},
        "conversation": {"display_id": 1, "additional_attributes": {"referer": "http://www.chatwoot.com"}},
        "account": {"id": 1, "name": "Chatwoot"}
    });
    let event: Event = serde_json::from_value(sent.clone()).unwrap();
    let Event::MessageCreated(message) = &event else {
        panic!("read as {event:?}");
    };
    assert_eq!(message.id, Some(1));
    assert_eq!(message.content, Some(Some("Hi".to_owned())));
    assert_eq!(message.message_type.as_deref(), Some("incoming"));
    assert_eq!(
        message.account.as_ref().and_then(|a| a.name.as_deref()),
        Some("Chatwoot")
    );
    // `contact` is not among the documented properties of a message: it is kept.
    assert_eq!(serde_json::to_value(&event).unwrap(), sent);
}

#[test]
fn conversation_and_contact_events_read_by_their_name() {
    let status = json!({
        "event": "conversation_status_changed",
        "id": 7,
        "inbox_id": 2,
        "account_id": 1,
        "status": "resolved",
        "changed_attributes": [{"status": {"previous_value": "open", "current_value": "resolved"}}]
    });
    let Event::ConversationStatusChanged(conversation) =
        serde_json::from_value::<Event>(status).unwrap()
    else {
        panic!("not a status change");
    };
    assert_eq!(conversation.status.as_deref(), Some("resolved"));
    let changed = conversation.changed_attributes.as_ref().unwrap();
    assert_eq!(changed[0]["status"].current_value, Some(json!("resolved")));

    let contact = json!({"event": "contact_created", "id": 3, "name": "Ada", "type": "contact"});
    let Event::ContactCreated(contact) = serde_json::from_value::<Event>(contact).unwrap() else {
        panic!("not a contact");
    };
    assert_eq!(contact.name, Some(Some("Ada".to_owned())));
}

#[test]
fn an_event_chatwoot_adds_later_is_kept_as_sent() {
    let sent =
        json!({"event": "conversation_typing_on", "conversation": {"id": 7}, "is_private": false});
    assert_eq!(
        serde_json::from_value::<Event>(sent.clone()).unwrap(),
        Event::Other(sent)
    );
}
