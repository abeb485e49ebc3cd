//! A bot that welcomes a contact in a conversation by name: the kind of code a Chatwoot
//! user writes, and tests against `chatwoot::mock` without a Chatwoot (`tests/welcome.rs`).

use chatwoot::types::{ContactDetailsError, ConversationMessageCreatePayload};
use chatwoot::Client;

/// What [`welcome`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Welcome {
    /// Posted this message.
    Posted(String),
    /// The contact does not exist: nothing was posted.
    NoSuchContact,
}

/// Posts `Welcome, {name}!` in the conversation `conversation_id` for the contact
/// `contact_id`, or `Welcome!` when the contact has no name.
pub async fn welcome(
    client: &Client,
    account_id: i64,
    conversation_id: i64,
    contact_id: i64,
) -> Result<Welcome, Box<dyn std::error::Error + Send + Sync>> {
    let contact = match client.contact_details(account_id, contact_id).await {
        Ok(response) => response.into_inner(),
        Err(error) if matches!(error.documented(), Some(ContactDetailsError::NotFound(_))) => {
            return Ok(Welcome::NoSuchContact)
        }
        Err(error) => return Err(error.into()),
    };
    let name = contact
        .payload
        .and_then(|contact| contact.name)
        .filter(|name| !name.trim().is_empty());
    let content = match name {
        Some(name) => format!("Welcome, {name}!"),
        None => "Welcome!".to_owned(),
    };
    let message = ConversationMessageCreatePayload {
        content: content.clone(),
        ..Default::default()
    };
    client
        .create_a_new_message_in_a_conversation(account_id, conversation_id, &message)
        .await?;
    Ok(Welcome::Posted(content))
}
