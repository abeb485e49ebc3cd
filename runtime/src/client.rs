//! A configured client, shared by the generated `Client`'s methods.

use std::fmt;

use crate::auth::Credentials;

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
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Core {
    pub(crate) fn new(
        http: reqwest::Client,
        base_url: String,
        credentials: Credentials,
        max_response_bytes: usize,
    ) -> Self {
        Core {
            http,
            base_url,
            credentials,
            max_response_bytes,
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
}
