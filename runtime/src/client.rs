//! A configured client, shared by the generated `Client`'s methods.

use std::fmt;

use crate::auth::Credentials;
use crate::options::{Hooks, RequestOptions};
use crate::retry::{RetryPolicy, DEFAULT_POLICY};

/// A configured connection to the API, shared by the generated `Client`'s methods.
///
/// Cheap to clone: clones share the connection pool.
///
/// ```
/// use openapi_clientgen_runtime::{ClientBuilder, Core};
///
/// let core: Core = ClientBuilder::new(None, &[])
///     .base_url("https://api.example.com/v1/")
///     .build()
///     .unwrap();
/// assert_eq!(core.base_url(), "https://api.example.com/v1");
/// ```
#[derive(Clone)]
pub struct Core {
    http: reqwest::Client,
    /// Without a trailing slash.
    base_url: String,
    credentials: Credentials,
    max_response_bytes: usize,
    options: RequestOptions,
    hooks: Hooks,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("options", &self.options)
            .field("hooks", &self.hooks)
            .finish()
    }
}

impl Core {
    pub(crate) fn new(
        http: reqwest::Client,
        base_url: String,
        credentials: Credentials,
        max_response_bytes: usize,
        options: RequestOptions,
        hooks: Hooks,
    ) -> Self {
        Core {
            http,
            base_url,
            credentials,
            max_response_bytes,
            options,
            hooks,
        }
    }

    /// This client with `options` on top of its own, sharing its connections.
    ///
    /// ```
    /// use std::time::Duration;
    /// use openapi_clientgen_runtime::{ClientBuilder, RequestOptions, RetryPolicy};
    ///
    /// let core = ClientBuilder::new(None, &[]).base_url("https://api.example.com").build().unwrap();
    /// let quick = core.with_options(RequestOptions::new().retry_policy(RetryPolicy::none()));
    /// # let _ = quick;
    /// ```
    pub fn with_options(&self, options: RequestOptions) -> Core {
        Core {
            options: options.over(&self.options),
            ..self.clone()
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(crate) fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    pub(crate) fn options(&self) -> &RequestOptions {
        &self.options
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        self.options.retry.as_ref().unwrap_or(&DEFAULT_POLICY)
    }

    pub(crate) fn hooks(&self) -> &Hooks {
        &self.hooks
    }
}
