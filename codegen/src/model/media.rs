//! Media types: how a request body of each media type is sent, how a response body of
//! each is read, and what a request accepts.

use std::borrow::Cow;

use crate::ir::{Media, Success};

/// A media type without its parameters, in lower case (`application/json; charset=utf-8`
/// is `application/json`); borrowed when it is in lower case already, as most are.
pub(super) fn essence(media: &str) -> Cow<'_, str> {
    let essence = media.split(';').next().unwrap_or_default().trim();
    if essence.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(essence.to_ascii_lowercase())
    } else {
        Cow::Borrowed(essence)
    }
}

/// Whether a media type is JSON (`application/json`, `*+json`).
pub(super) fn is_json(media: &str) -> bool {
    essence_is_json(&essence(media))
}

/// Whether a media type's essence is JSON.
fn essence_is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}

/// How a response body of a media type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// Decoded from JSON: JSON, and any media type (`*/*`).
    Json,
    /// Server-sent events.
    Events,
    /// Text (`text/*`).
    Text,
    /// Anything else, as bytes.
    Binary,
}

/// How a response body of the media type `media` is read.
pub(super) fn reads(media: &str) -> Reading {
    let essence = essence(media);
    if essence_is_json(&essence) || essence == "*/*" {
        Reading::Json
    } else if essence == "text/event-stream" {
        Reading::Events
    } else if essence.starts_with("text/") {
        Reading::Text
    } else {
        Reading::Binary
    }
}

/// How much a request media type is preferred (lowest first), and how it is written.
pub(super) fn sent_as(media: &str) -> (u8, Media) {
    let media = essence(media);
    match &*media {
        "application/json" => (0, Media::Json("application/json".to_owned())),
        // A range (`application/*+json`) is sent as plain JSON.
        m if m.contains('*') && m.ends_with("+json") => {
            (1, Media::Json("application/json".to_owned()))
        }
        m if m == "text/json" || m.ends_with("+json") => (1, Media::Json(m.to_owned())),
        "application/x-www-form-urlencoded" => (2, Media::Form),
        "multipart/form-data" => (3, Media::Multipart),
        "text/*" => (4, Media::Text("text/plain".to_owned())),
        m if m.starts_with("text/") => (4, Media::Text(m.to_owned())),
        // Anything else is sent as it is; a range (`*/*`, `image/*`) as bytes.
        m if m.contains('*') || m.is_empty() => {
            (6, Media::Binary("application/octet-stream".to_owned()))
        }
        m => (5, Media::Binary(m.to_owned())),
    }
}

/// The media types a request accepts for a success response declared in `declared` and
/// read as `bodies`: for JSON, each JSON type or range the document declares (`*/*`
/// included); `None` when that is just `application/json`, the runtime's default.
pub(super) fn accepted<'m>(
    declared: impl Iterator<Item = &'m String>,
    bodies: &[Success],
) -> Option<String> {
    let json: Vec<&str> = declared
        .filter(|media| reads(media) == Reading::Json)
        .map(String::as_str)
        .collect();
    let accept: Vec<String> = bodies
        .iter()
        .map(|body| match body {
            Success::Json(_) if json.is_empty() => "application/json".to_owned(),
            Success::Json(_) => json.join(", "),
            Success::Events(_) => "text/event-stream".to_owned(),
            Success::Text(media) | Success::Binary(media) => media.clone(),
            Success::Content(_) => String::new(),
        })
        .collect();
    let accept = accept.join(", ");
    (accept != "application/json" && !accept.is_empty()).then_some(accept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_are_read_by_their_media_type_whatever_its_case_and_parameters() {
        let cases = [
            ("application/json; charset=utf-8", Reading::Json),
            ("application/problem+JSON", Reading::Json),
            ("*/*", Reading::Json),
            ("Text/Event-Stream", Reading::Events),
            ("text/csv", Reading::Text),
            ("text/json", Reading::Text),
            ("image/png", Reading::Binary),
        ];
        for (media, reading) in cases {
            assert_eq!(reads(media), reading, "{media}");
        }
    }

    #[test]
    fn request_bodies_prefer_json_then_forms_then_text_then_bytes() {
        let ranks: Vec<u8> = [
            "application/json",
            "application/*+json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "application/pdf",
            "*/*",
        ]
        .iter()
        .map(|m| sent_as(m).0)
        .collect();
        assert_eq!(ranks, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            sent_as("application/*+json").1,
            Media::Json("application/json".to_owned())
        );
    }
}
