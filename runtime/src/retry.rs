//! When a failed attempt is tried again, and after how long.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName};
use reqwest::{Method, StatusCode};

/// When and how calls are retried; set per client with
/// [`ClientBuilder::retry_policy`](crate::ClientBuilder::retry_policy) and per call with
/// [`RequestOptions::retry_policy`](crate::RequestOptions::retry_policy).
///
/// | question | answer (default) |
/// |---|---|
/// | which calls | idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE), and any call that carries an idempotency key; never one whose body is a stream |
/// | on what | no response (connection refused or reset, a timeout), or a status in `statuses` (408, 429, 502, 503, 504) |
/// | how often | `max_retries` more attempts (2) |
/// | how long between | `retry-after-ms`, else `Retry-After` (seconds or an HTTP date), up to `max_retry_after` (60 s); without either, `initial_backoff · 2ⁿ` (0.5 s, 1 s, 2 s...) up to `max_backoff` (8 s), less up to 25% at random |
/// | when not | a `Retry-After` beyond `max_retry_after`, or a wait that would end after `budget` (2 min from the start of the call): the last answer or error is returned |
///
/// ```
/// use std::time::Duration;
/// use openapi_clientgen_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_retries(5)
///     .budget(Duration::from_secs(300))
///     .idempotency_header("Idempotency-Key");
/// let never = RetryPolicy::none();
/// # let _ = (patient, never);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    budget: Duration,
    statuses: Vec<StatusCode>,
    idempotency_header: Option<HeaderName>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            budget: Duration::from_secs(120),
            statuses: [408, 429, 502, 503, 504]
                .into_iter()
                .filter_map(|code| StatusCode::from_u16(code).ok())
                .collect(),
            idempotency_header: None,
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is one attempt.
    pub fn none() -> Self {
        RetryPolicy::default().max_retries(0)
    }

    /// How many more attempts a call may make after its first. Default: 2.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry, doubled for each one after. Default: 0.5 s.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait between attempts that the server did not ask for. Default: 8 s.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The longest wait a server may ask for with `Retry-After` or `retry-after-ms`; a call
    /// told to wait longer is not retried. Default: 60 s.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// How long a call may take from its start to the start of its last attempt: no retry
    /// begins after it. Default: 2 minutes.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// The response statuses that are retried. Default: 408, 429, 502, 503 and 504.
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = StatusCode>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// Sends each call that is not idempotent by its method (POST, PATCH) with a fresh
    /// random key in the header `name`, the same for all attempts of the call, so that the
    /// call can be retried: the server recognises the repeats. A key the caller sets in
    /// that header is kept. A `name` that is not a valid header name is ignored.
    pub fn idempotency_header(mut self, name: &str) -> Self {
        self.idempotency_header = HeaderName::from_bytes(name.as_bytes()).ok();
        self
    }

    pub(crate) fn idempotency(&self) -> Option<&HeaderName> {
        self.idempotency_header.as_ref()
    }

    /// Whether a call may be retried at all.
    pub(crate) fn may_retry(&self, method: &Method, headers: &HeaderMap, streamed: bool) -> bool {
        let idempotent = is_idempotent(method);
        let keyed = self
            .idempotency_header
            .as_ref()
            .is_some_and(|name| headers.contains_key(name));
        self.max_retries > 0 && !streamed && (idempotent || keyed)
    }

    /// Whether a response with `status` is worth another attempt.
    pub(crate) fn retries_status(&self, status: StatusCode) -> bool {
        self.statuses.contains(&status)
    }

    /// The wait before retry number `retry` (0 for the first), given what the server asked
    /// for, if anything, and how long the call has taken; `None` when no retry is made.
    pub(crate) fn delay(
        &self,
        retry: u32,
        asked: Option<Duration>,
        elapsed: Duration,
        random: f64,
    ) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        let wait = match asked {
            Some(asked) if asked > self.max_retry_after => return None,
            Some(asked) => asked,
            None => {
                let backoff = self
                    .initial_backoff
                    .saturating_mul(2u32.saturating_pow(retry))
                    .min(self.max_backoff);
                backoff.mul_f64(1.0 - 0.25 * random.clamp(0.0, 1.0))
            }
        };
        (elapsed + wait <= self.budget).then_some(wait)
    }
}

/// Whether repeating a call with `method` has the effect of making it once (RFC 9110,
/// section 9.2.2), so that it may be retried without an idempotency key.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE
    )
}

/// The policy of a client that was given none.
pub(crate) static DEFAULT_POLICY: std::sync::LazyLock<RetryPolicy> =
    std::sync::LazyLock::new(RetryPolicy::default);

/// The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After`
/// (seconds, or an HTTP date).
pub(crate) fn asked_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = text("retry-after-ms").and_then(|t| t.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64(ms / 1000.0));
        }
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)` that differs between calls, for jitter.
pub(crate) fn random_fraction() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// 64 random bits from the standard library's per-process hashing keys.
pub(crate) fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_up_to_its_limit_with_at_most_a_quarter_less() {
        let policy = RetryPolicy::default().max_retries(10);
        let delay = |retry, random| policy.delay(retry, None, Duration::ZERO, random);
        assert_eq!(delay(0, 0.0), Some(Duration::from_millis(500)));
        assert_eq!(delay(1, 0.0), Some(Duration::from_secs(1)));
        assert_eq!(delay(3, 0.0), Some(Duration::from_secs(4)));
        assert_eq!(delay(4, 0.0), Some(Duration::from_secs(8)));
        assert_eq!(delay(9, 0.0), Some(Duration::from_secs(8)));
        assert_eq!(delay(0, 1.0), Some(Duration::from_millis(375)));
        assert_eq!(delay(10, 0.0), None);
    }

    #[test]
    fn waits_asked_for_are_honoured_up_to_the_cap_and_the_budget() {
        let policy = RetryPolicy::default();
        let asked = |wait: u64, elapsed: u64| {
            policy.delay(
                0,
                Some(Duration::from_secs(wait)),
                Duration::from_secs(elapsed),
                0.5,
            )
        };
        assert_eq!(asked(30, 0), Some(Duration::from_secs(30)));
        assert_eq!(asked(61, 0), None);
        assert_eq!(asked(30, 100), None);
        assert_eq!(
            RetryPolicy::none().delay(0, None, Duration::ZERO, 0.0),
            None
        );
    }

    #[test]
    fn retry_after_is_read_in_each_form() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let wait = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            asked_wait(&headers, now)
        };
        assert_eq!(wait(&[("retry-after", "7")]), Some(Duration::from_secs(7)));
        assert_eq!(
            wait(&[("retry-after", "Sun, 06 Nov 1994 08:50:07 GMT")]),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            wait(&[("retry-after", "Sunday, 06-Nov-94 08:49:47 GMT")]),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            wait(&[("retry-after", "Sun, 06 Nov 1994 08:00:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(
            wait(&[("retry-after-ms", "250.5"), ("retry-after", "9")]),
            Some(Duration::from_micros(250_500))
        );
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn only_safe_calls_are_retried() {
        let policy = RetryPolicy::default().idempotency_header("Idempotency-Key");
        let plain = HeaderMap::new();
        let mut keyed = HeaderMap::new();
        keyed.insert("idempotency-key", HeaderValue::from_static("k"));
        assert!(policy.may_retry(&Method::GET, &plain, false));
        assert!(policy.may_retry(&Method::DELETE, &plain, false));
        assert!(!policy.may_retry(&Method::POST, &plain, false));
        assert!(policy.may_retry(&Method::POST, &keyed, false));
        assert!(!policy.may_retry(&Method::GET, &plain, true));
        assert!(!RetryPolicy::none().may_retry(&Method::GET, &plain, false));
    }
}
