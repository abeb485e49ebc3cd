//! Settings that can differ from call to call, and hooks around each attempt.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::BoxError;
use crate::retry::RetryPolicy;

/// Settings for calls: a timeout, a retry policy, and extra headers and query parameters.
///
/// A client's defaults are set with
/// [`ClientBuilder::request_options`](crate::ClientBuilder::request_options); the generated
/// `Client::with_options` gives a view of a client (sharing its connections) whose calls use
/// other settings. Options set there replace the client's; headers and query parameters are
/// added to the client's.
///
/// ```
/// use std::time::Duration;
/// use openapi_clientgen_runtime::{RequestOptions, RetryPolicy};
///
/// let options = RequestOptions::new()
///     .timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::none())
///     .header("x-request-source", "nightly-job")
///     .query("locale", "fr");
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
}

impl RequestOptions {
    /// No settings: the client's apply.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// How long each attempt, including reading the response body, may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// When and how calls are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// A header sent with every call; a name or value that cannot be sent makes the calls
    /// fail with [`Error::InvalidRequest`](crate::Error::InvalidRequest).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A query parameter added to every call.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// These options on top of `base`.
    pub(crate) fn over(self, base: &RequestOptions) -> RequestOptions {
        RequestOptions {
            timeout: self.timeout.or(base.timeout),
            retry: self.retry.or_else(|| base.retry.clone()),
            headers: base.headers.iter().cloned().chain(self.headers).collect(),
            query: base.query.iter().cloned().chain(self.query).collect(),
        }
    }
}

/// Which call an attempt belongs to, for [`Hook`]s.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    /// The operation: its `operationId`, or `METHOD /path`.
    pub operation: &'static str,
    /// 0 for the first attempt of the call, 1 for its first retry...
    pub retry: u32,
}

/// Code run around every attempt of every call: to add headers, sign requests, count or
/// log. Set on [`ClientBuilder::hook`](crate::ClientBuilder::hook).
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
///
/// use openapi_clientgen_runtime::codegen::reqwest;
/// use openapi_clientgen_runtime::{Attempt, BoxError, Hook};
///
/// #[derive(Default)]
/// struct CountErrors(AtomicUsize);
///
/// impl Hook for CountErrors {
///     fn before_send(&self, request: &mut reqwest::Request, _: Attempt) -> Result<(), BoxError> {
///         request.headers_mut().insert("x-client", "inventory-sync".parse()?);
///         Ok(())
///     }
///
///     fn after_receive(&self, response: &reqwest::Response, _: Attempt) {
///         if !response.status().is_success() {
///             self.0.fetch_add(1, Ordering::Relaxed);
///         }
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Called before each attempt is sent, with the request as it will go (credentials
    /// included); an error stops the call with [`Error::Hook`](crate::Error::Hook).
    fn before_send(
        &self,
        request: &mut reqwest::Request,
        attempt: Attempt,
    ) -> Result<(), BoxError> {
        let _ = (request, attempt);
        Ok(())
    }

    /// Called when the status and headers of each attempt's response arrive, before its
    /// body is read.
    fn after_receive(&self, response: &reqwest::Response, attempt: Attempt) {
        let _ = (response, attempt);
    }
}

/// The hooks of a client, in the order they were added.
#[derive(Clone, Default)]
pub(crate) struct Hooks(pub(crate) Arc<[Arc<dyn Hook>]>);

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hooks", self.0.len())
    }
}
