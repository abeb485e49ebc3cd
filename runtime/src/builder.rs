//! Client configuration.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{redirect, Url};

use crate::client::Core;

/// How long connecting may take, unless configured otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request (including reading the body) may take, unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response body read, unless configured otherwise: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// Redirects followed within the same origin.
const MAX_REDIRECTS: usize = 10;

/// Configures a client; obtained from the generated `Client::builder()`, which fills in the
/// API document's server and token header.
///
/// `C` is the client it builds: the generated `Client`, or a bare [`Core`].
///
/// ```
/// use openapi_clientgen_runtime::{ClientBuilder, Core};
///
/// # fn main() -> Result<(), openapi_clientgen_runtime::BuildError> {
/// let client: Core = ClientBuilder::new(None, Some("api_access_token"))
///     .base_url("https://support.example.com/")
///     .token("my-access-token")
///     .hyphenated_token_header()
///     .timeout(std::time::Duration::from_secs(20))
///     .build()?;
/// assert_eq!(client.base_url(), "https://support.example.com");
/// # Ok(())
/// # }
/// ```
#[must_use]
pub struct ClientBuilder<C> {
    base_url: Option<String>,
    token: Option<String>,
    token_header: Option<String>,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("token_header", &self.token_header)
            .field("http", &self.http.as_ref().map(|_| "<caller's client>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl<C: From<Core>> ClientBuilder<C> {
    /// A builder with the API document's server and token header as defaults.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let core: Core = ClientBuilder::new(Some("https://api.example.com"), Some("x-api-key"))
    ///     .token("secret")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(core.base_url(), "https://api.example.com");
    /// ```
    pub fn new(default_base_url: Option<&str>, token_header: Option<&str>) -> Self {
        ClientBuilder {
            base_url: default_base_url.map(str::to_owned),
            token: None,
            token_header: token_header.map(str::to_owned),
            http: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            client: PhantomData,
        }
    }

    /// The URL of the server, such as `https://api.example.com/` or, for a server under a
    /// sub-path, `https://example.com/api/`. A trailing slash is optional.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let core: Core = ClientBuilder::new(Some("https://api.example.com"), None)
    ///     .base_url("http://127.0.0.1:8080/api/")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(core.base_url(), "http://127.0.0.1:8080/api");
    /// ```
    ///
    /// It replaces the API document's server, path included: a document whose server is
    /// `https://example.com/api/v2` needs `base_url("https://other.example/api/v2")`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The API access token, sent with every operation that requires authentication.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.token(std::env::var("API_TOKEN").unwrap_or_default()).build();
    /// ```
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sends the token in the header `name` instead of the one the API document names.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.token("secret").token_header("x-api-token").build().unwrap();
    /// assert!(format!("{core:?}").contains("<redacted> in `x-api-token`"));
    /// ```
    pub fn token_header(mut self, name: impl Into<String>) -> Self {
        self.token_header = Some(name.into());
        self
    }

    /// Sends the token in the hyphenated form of its header (`api-access-token` for
    /// `api_access_token`).
    ///
    /// Proxies such as nginx drop headers with underscores by default
    /// (`underscores_in_headers off`), so a server behind one never sees the token;
    /// servers that also read the hyphenated form get it this way.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let core: Core = ClientBuilder::new(Some("https://api.example.com"), Some("api_access_token"))
    ///     .token("secret")
    ///     .hyphenated_token_header()
    ///     .build()
    ///     .unwrap();
    /// assert!(format!("{core:?}").contains("`api-access-token`"));
    /// ```
    pub fn hyphenated_token_header(mut self) -> Self {
        self.token_header = self.token_header.map(|name| name.replace('_', "-"));
        self
    }

    /// Uses the caller's HTTP client (connection pool, proxy, TLS settings...).
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// use openapi_clientgen_runtime::codegen::reqwest;
    ///
    /// let http = reqwest::Client::builder().user_agent("my-app/1.0").build().unwrap();
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.http_client(http).build().unwrap();
    /// ```
    ///
    /// The timeouts of this builder then do not apply: the caller's client has its own.
    /// Its redirect policy should not follow redirects to other origins, or the token
    /// would be sent there too; clients built here stop such redirects with an error.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How long connecting to the server may take. Default: 10 seconds.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.connect_timeout(std::time::Duration::from_secs(2)).build();
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole request, including reading the response body, may take.
    /// Default: 60 seconds.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.timeout(std::time::Duration::from_secs(300)).build();
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read; a larger one is an error. Default: 32 MiB.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// let builder = ClientBuilder::<Core>::new(Some("https://api.example.com"), Some("api_key"));
    /// let core = builder.max_response_bytes(512 * 1024 * 1024).build();
    /// ```
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Checks the settings and creates the client.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Core};
    /// use openapi_clientgen_runtime::BuildError;
    ///
    /// let error = ClientBuilder::<Core>::new(None, None).token("secret").base_url("https://a.example").build();
    /// assert!(matches!(error, Err(BuildError::NoTokenHeader)));
    /// ```
    pub fn build(self) -> Result<C, BuildError> {
        let base_url = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        let parsed = Url::parse(&base_url).map_err(|e| BuildError::InvalidBaseUrl {
            url: base_url.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(BuildError::InvalidBaseUrl {
                url: base_url,
                reason: "the scheme must be http or https".to_owned(),
            });
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::InvalidBaseUrl {
                url: base_url,
                reason: "a base URL has no query or fragment".to_owned(),
            });
        }
        let auth = match (self.token, self.token_header) {
            (Some(token), Some(header)) => {
                let name = HeaderName::from_bytes(header.as_bytes())
                    .map_err(|_| BuildError::InvalidTokenHeader(header.clone()))?;
                let mut value =
                    HeaderValue::from_str(&token).map_err(|_| BuildError::InvalidToken)?;
                value.set_sensitive(true);
                Some((name, value))
            }
            (Some(_), None) => return Err(BuildError::NoTokenHeader),
            (None, _) => None,
        };
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(same_origin_redirects())
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(C::from(Core::new(
            http,
            parsed.as_str().trim_end_matches('/').to_owned(),
            auth,
            self.max_response_bytes,
        )))
    }
}

/// Follows redirects within the origin of the first request only, so that the token
/// header (which reqwest does not strip, unlike `Authorization`) never leaves it.
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let origin = attempt.previous().first().map(Url::origin);
        if origin.as_ref() != Some(&attempt.url().origin()) {
            let message = format!(
                "not following a redirect to another origin ({}), so that the API token \
                 is not sent there",
                attempt.url().origin().ascii_serialization()
            );
            attempt.error(message)
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// A client configuration that cannot be used.
///
/// ```
/// use openapi_clientgen_runtime::{BuildError, ClientBuilder, Core};
///
/// let error = ClientBuilder::<Core>::new(None, None).build().unwrap_err();
/// assert!(matches!(error, BuildError::MissingBaseUrl));
/// let error = ClientBuilder::<Core>::new(Some("ftp://example.com"), None).build().unwrap_err();
/// assert!(matches!(error, BuildError::InvalidBaseUrl { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The API document names no server and none was configured.
    #[error("no base URL: the API document names no server, so set one with `base_url`")]
    MissingBaseUrl,
    /// The base URL is not an absolute http(s) URL.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The token header name is not a valid HTTP header name.
    #[error("invalid token header name `{0}`")]
    InvalidTokenHeader(String),
    /// The token contains characters that cannot be sent in a header.
    #[error("the API token contains characters that cannot be sent in an HTTP header")]
    InvalidToken,
    /// A token was set, but the API document has no API-key header to send it in.
    #[error("a token was set, but the API document names no header for it: set `token_header`")]
    NoTokenHeader,
    /// The HTTP client could not be created.
    #[error("cannot create the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}
