//! The webhook verifier against requests signed by another implementation: Python's
//! `hmac` and `hashlib` (`tests/webhooks/vectors.py`, which wrote `vectors.json`).

use openapi_clientgen_runtime::{WebhookError, Webhooks};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn vectors() -> Vec<Value> {
    serde_json::from_str(include_str!("webhooks/vectors.json")).unwrap()
}

fn headers(vector: &Value) -> HeaderMap {
    vector["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
            )
        })
        .collect()
}

fn outcome(result: Result<(), WebhookError>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(WebhookError::NoMatchingSignature) => "no matching signature",
        Err(WebhookError::OutsideTolerance(_)) => "outside tolerance",
        Err(WebhookError::MissingHeader(_)) => "missing header",
        Err(WebhookError::InvalidTimestamp) => "invalid timestamp",
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn requests_signed_by_python_verify_and_altered_ones_do_not() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 14);
    for vector in &vectors {
        let secrets: Vec<&str> = vector["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let webhooks = Webhooks::with_secrets(secrets).unwrap();
        let body = vector["body"].as_str().unwrap().as_bytes();
        let now = vector["now"].as_u64().unwrap();
        assert_eq!(
            outcome(webhooks.verify_at(&headers(vector), body, now)),
            vector["expect"].as_str().unwrap(),
            "{}",
            vector["name"]
        );
    }
}

#[test]
fn the_signer_signs_as_python_does() {
    let vector = &vectors()[0];
    let webhooks = Webhooks::new(SECRET).unwrap();
    let body = vector["body"].as_str().unwrap().as_bytes();
    let signed = webhooks.sign("msg_1", vector["now"].as_u64().unwrap(), body);
    assert_eq!(
        signed["webhook-signature"].to_str().unwrap(),
        vector["headers"]["webhook-signature"].as_str().unwrap()
    );
}

#[test]
fn a_verified_body_is_read_and_errors_keep_secrets_out() {
    let webhooks = Webhooks::new(SECRET).unwrap();
    let body = br#"{"event":"conversation_created","id":7}"#;
    let headers = webhooks.sign("msg_9", webhooks.now(), body);
    let event: Value = webhooks.unwrap(&headers, body).unwrap();
    assert_eq!(event["id"], 7);
    // The tolerance is the caller's: an hour-old request passes a two-hour tolerance.
    let old = webhooks.sign("msg_9", webhooks.now() - 3600, body);
    assert!(webhooks.verify(&old, body).is_err());
    let lenient = webhooks
        .clone()
        .tolerance(std::time::Duration::from_secs(7200));
    assert!(lenient.verify(&old, body).is_ok());
    // Neither the errors nor `Debug` show the secret or a signature.
    let error = webhooks.verify(&headers, b"{}").unwrap_err().to_string();
    let shown = format!("{error} {webhooks:?}");
    let signature = headers["webhook-signature"].to_str().unwrap();
    assert!(
        !shown.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        "{shown}"
    );
    assert!(!shown.contains(&signature[3..]), "{shown}");
    assert!(matches!(
        Webhooks::new("whsec_not base64!"),
        Err(WebhookError::InvalidSecret)
    ));
}
