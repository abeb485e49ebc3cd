//! Receiving webhooks: verifying a request signed as [Standard Webhooks] specifies, then
//! reading its body.
//!
//! A signed request carries `webhook-id`, `webhook-timestamp` (seconds since the Unix
//! epoch) and `webhook-signature`: space-separated `v1,<base64>` signatures, each the
//! HMAC-SHA256 of `{id}.{timestamp}.{body}` under one of the sender's secrets (several
//! during a key rotation). Secrets are written `whsec_<base64>`.
//!
//! [Standard Webhooks]: https://www.standardwebhooks.com/

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// Verifies webhook requests with one or more secrets.
///
/// ```
/// use openapi_clientgen_runtime::Webhooks;
/// use reqwest::header::HeaderMap;
///
/// let webhooks = Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
/// let body = br#"{"type":"message_created","id":1}"#;
/// // What the sender does, and the mock side of a test.
/// let headers: HeaderMap = webhooks.sign("msg_1", webhooks.now(), body);
/// let event: serde_json::Value = webhooks.unwrap(&headers, body).unwrap();
/// assert_eq!(event["type"], "message_created");
/// // A changed body is refused.
/// assert!(webhooks.unwrap::<serde_json::Value>(&headers, b"{}").is_err());
/// ```
#[derive(Clone)]
pub struct Webhooks {
    keys: Vec<Vec<u8>>,
    tolerance: Duration,
}

impl fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhooks")
            .field("secrets", &self.keys.len())
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// Why a webhook request was refused. Its text never holds a secret or a signature.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A secret is not `whsec_<base64>` (or base64).
    #[error("a webhook secret is not `whsec_` followed by base64")]
    InvalidSecret,
    /// A header the signature needs is missing, or is not text.
    #[error("the request has no valid `{0}` header")]
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not a number of seconds.
    #[error("the `webhook-timestamp` header is not a number of seconds")]
    InvalidTimestamp,
    /// The timestamp is further from now than the tolerance: an old request replayed, or
    /// a clock far off.
    #[error("the request's timestamp is {0} s away from now, beyond the tolerance")]
    OutsideTolerance(u64),
    /// No `v1` signature matches the body under any secret.
    #[error("no signature of the request matches its body")]
    NoMatchingSignature,
    /// The verified body is not what the type reads.
    #[error("the verified body cannot be read: {0}")]
    Decode(#[source] serde_json::Error),
}

/// The tolerance Standard Webhooks recommends between a request's timestamp and now.
const TOLERANCE: Duration = Duration::from_secs(5 * 60);

impl Webhooks {
    /// With the secret `secret` (`whsec_<base64>`, or the base64 alone).
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        Self::with_secrets([secret])
    }

    /// With several secrets, any of which may have signed a request (during a rotation).
    pub fn with_secrets<'a>(
        secrets: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, WebhookError> {
        let keys = secrets
            .into_iter()
            .map(|secret| {
                let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
                STANDARD
                    .decode(encoded)
                    .ok()
                    .filter(|key| !key.is_empty())
                    .ok_or(WebhookError::InvalidSecret)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhooks {
            keys,
            tolerance: TOLERANCE,
        })
    }

    /// How far a request's timestamp may be from now, either way (default 5 minutes).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies the request whose headers are `headers` and body `body`: a signature of
    /// it under one of the secrets, made within the tolerance of now.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verify_at(headers, body, self.now())
    }

    /// Verifies the request, then reads its body as `T` (an API's event type).
    pub fn unwrap<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify(headers, body)?;
        serde_json::from_slice(body).map_err(WebhookError::Decode)
    }

    /// The headers of a request with body `body` signed with the first secret, as the
    /// API sends it: for tests of a webhook handler.
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> HeaderMap {
        let signature = STANDARD.encode(self.mac(&self.keys[0], id, timestamp, body));
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("webhook-id", id.to_owned()),
            ("webhook-timestamp", timestamp.to_string()),
            ("webhook-signature", format!("v1,{signature}")),
        ] {
            if let Ok(value) = value.parse() {
                headers.insert(name, value);
            }
        }
        headers
    }

    /// Now, in seconds since the Unix epoch.
    pub fn now(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |now| now.as_secs())
    }

    /// Verifies the request as of `now` (seconds since the Unix epoch): for a request
    /// stored and checked later, or a test.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: u64,
    ) -> Result<(), WebhookError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .ok_or(WebhookError::MissingHeader(name))
        };
        let id = header("webhook-id")?;
        let timestamp: u64 = header("webhook-timestamp")?
            .trim()
            .parse()
            .map_err(|_| WebhookError::InvalidTimestamp)?;
        let away = now.abs_diff(timestamp);
        if away > self.tolerance.as_secs() {
            return Err(WebhookError::OutsideTolerance(away));
        }
        let signatures = header("webhook-signature")?;
        let matches = signatures
            .split(' ')
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|encoded| STANDARD.decode(encoded).ok())
            .any(|signature| {
                // `verify_slice` compares in constant time.
                self.keys.iter().any(|key| {
                    self.hmac(key, id, timestamp, body)
                        .is_some_and(|mac| mac.verify_slice(&signature).is_ok())
                })
            });
        if matches {
            Ok(())
        } else {
            Err(WebhookError::NoMatchingSignature)
        }
    }

    fn hmac(&self, key: &[u8], id: &str, timestamp: u64, body: &[u8]) -> Option<Hmac<Sha256>> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
        mac.update(id.as_bytes());
        mac.update(format!(".{timestamp}.").as_bytes());
        mac.update(body);
        Some(mac)
    }

    fn mac(&self, key: &[u8], id: &str, timestamp: u64, body: &[u8]) -> Vec<u8> {
        self.hmac(key, id, timestamp, body)
            .map(|mac| mac.finalize().into_bytes().to_vec())
            .unwrap_or_default()
    }
}
