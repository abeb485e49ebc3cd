//! Client configuration.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{redirect, Url};

use crate::auth::{Credential, CredentialError, Credentials, SecurityScheme};
use crate::client::Core;
use crate::options::{Hook, Hooks, RequestOptions};
use crate::retry::RetryPolicy;

/// How long connecting may take, unless configured otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request (including reading the body) may take, unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response body read, unless configured otherwise: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// Redirects followed within the same origin.
const MAX_REDIRECTS: usize = 10;

/// The API document's server: a URL that may hold `{variables}`, each with its default.
///
/// ```
/// use openapi_clientgen_runtime::{ClientBuilder, Server};
///
/// const SERVER: Server = Server {
///     url: "https://{region}.api.example.com/v1",
///     variables: &[("region", "eu")],
/// };
/// let core = ClientBuilder::new(Some(SERVER), &[]).build().unwrap();
/// assert_eq!(core.base_url(), "https://eu.api.example.com/v1");
/// let core = ClientBuilder::new(Some(SERVER), &[]).server_variable("region", "us").build().unwrap();
/// assert_eq!(core.base_url(), "https://us.api.example.com/v1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    /// The URL, with variables in braces.
    pub url: &'static str,
    /// Each variable's name and default value.
    pub variables: &'static [(&'static str, &'static str)],
}

impl Server {
    /// The URL with each variable replaced by its value in `values`, or by its default.
    fn url_with(&self, values: &[(String, String)]) -> String {
        let mut url = self.url.to_owned();
        for (name, default) in self.variables {
            let value = values
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map_or(*default, |(_, value)| value.as_str());
            url = url.replace(&format!("{{{name}}}"), value);
        }
        url
    }
}

/// Configures a client: the server, a credential per security scheme, the HTTP client,
/// timeouts and the response size limit.
///
/// A generated client wraps this in its own `ClientBuilder`, obtained from
/// `Client::builder()`, which names a method after each of the document's security
/// schemes and server variables. This one builds a bare [`Core`]:
///
/// ```
/// use openapi_clientgen_runtime::{ClientBuilder, Credential, SchemeKind, SecurityScheme};
///
/// const SCHEMES: &[SecurityScheme] = &[SecurityScheme {
///     name: "userApiKey",
///     method: "user_api_key",
///     kind: SchemeKind::Header("api_access_token"),
/// }];
/// # fn main() -> Result<(), openapi_clientgen_runtime::BuildError> {
/// let core = ClientBuilder::new(None, SCHEMES)
///     .base_url("https://support.example.com/")
///     .credential("userApiKey", Credential::token("my-access-token"))
///     .hyphenated_api_key_headers()
///     .timeout(std::time::Duration::from_secs(20))
///     .build()?;
/// assert_eq!(core.base_url(), "https://support.example.com");
/// # Ok(())
/// # }
/// ```
#[must_use]
pub struct ClientBuilder {
    server: Option<Server>,
    server_variables: Vec<(String, String)>,
    base_url: Option<String>,
    schemes: &'static [SecurityScheme],
    credentials: Vec<(String, Credential)>,
    hyphenated: bool,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    options: RequestOptions,
    hooks: Vec<Arc<dyn Hook>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("server", &self.server)
            .field("server_variables", &self.server_variables)
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("hyphenated_api_key_headers", &self.hyphenated)
            .field("http", &self.http.as_ref().map(|_| "<caller's client>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("options", &self.options)
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

impl ClientBuilder {
    /// A builder for an API with the document's `server` (if it names one) and
    /// security `schemes`.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Server};
    /// let server = Server { url: "https://api.example.com", variables: &[] };
    /// let core = ClientBuilder::new(Some(server), &[]).build().unwrap();
    /// assert_eq!(core.base_url(), "https://api.example.com");
    /// ```
    pub fn new(server: Option<Server>, schemes: &'static [SecurityScheme]) -> Self {
        ClientBuilder {
            server,
            server_variables: Vec::new(),
            base_url: None,
            schemes,
            credentials: Vec::new(),
            hyphenated: false,
            http: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            options: RequestOptions::new(),
            hooks: Vec::new(),
        }
    }

    /// The URL of the server, such as `https://api.example.com/` or, for a server under a
    /// sub-path, `https://example.com/api/`. A trailing slash is optional.
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, Server};
    /// let server = Server { url: "https://api.example.com", variables: &[] };
    /// let core = ClientBuilder::new(Some(server), &[])
    ///     .base_url("http://127.0.0.1:8080/api/")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(core.base_url(), "http://127.0.0.1:8080/api");
    /// ```
    ///
    /// It replaces the API document's server and its variables, path included: a
    /// document whose server is `https://example.com/api/v2` needs
    /// `base_url("https://other.example/api/v2")`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets a variable of the document's server URL; [`base_url`](Self::base_url)
    /// overrides the server and its variables.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.server_variables.push((name.to_owned(), value.into()));
        self
    }

    /// The credential for the security scheme the document names `scheme`; the generated
    /// builder has a method per scheme that calls this.
    ///
    /// Each operation sends the credentials of the first of its accepted alternatives
    /// whose credentials are all set.
    pub fn credential(mut self, scheme: &str, credential: Credential) -> Self {
        self.credentials.push((scheme.to_owned(), credential));
        self
    }

    /// Sends API keys in the hyphenated form of their header names (`api-access-token` for
    /// `api_access_token`), for every scheme that sends one in a header.
    ///
    /// Proxies such as nginx drop headers with underscores by default
    /// (`underscores_in_headers off`), so a server behind one never sees the key;
    /// servers that also read the hyphenated form get it this way.
    pub fn hyphenated_api_key_headers(mut self) -> Self {
        self.hyphenated = true;
        self
    }

    /// Uses the caller's HTTP client (connection pool, proxy, TLS settings such as a client
    /// certificate for mutual TLS...).
    ///
    /// ```
    /// # use openapi_clientgen_runtime::ClientBuilder;
    /// use openapi_clientgen_runtime::codegen::reqwest;
    ///
    /// let http = reqwest::Client::builder().user_agent("my-app/1.0").build().unwrap();
    /// let core = ClientBuilder::new(None, &[])
    ///     .base_url("https://api.example.com")
    ///     .http_client(http)
    ///     .build()
    ///     .unwrap();
    /// ```
    ///
    /// The timeouts of this builder then do not apply: the caller's client has its own.
    /// Its redirect policy should not follow redirects to other origins, or credentials
    /// would be sent there too; clients built here stop such redirects with an error.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How long connecting to the server may take. Default: 10 seconds.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole request, including reading the response body, may take.
    /// Default: 60 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read; a larger one is an error. Default: 32 MiB.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// When and how calls are retried: by default, idempotent calls twice, on connection
    /// errors and on 408, 429, 502, 503 and 504 (see [`RetryPolicy`]).
    ///
    /// ```
    /// # use openapi_clientgen_runtime::{ClientBuilder, RetryPolicy};
    /// let builder = ClientBuilder::new(None, &[]).base_url("https://api.example.com");
    /// let core = builder.retry_policy(RetryPolicy::default().max_retries(4)).build().unwrap();
    /// ```
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Settings for every call: headers and query parameters added to each, a timeout, a
    /// retry policy. `Client::with_options` changes them for some calls.
    pub fn request_options(mut self, options: RequestOptions) -> Self {
        self.options = options.over(&self.options);
        self
    }

    /// Code run around every attempt of every call; hooks run in the order they are added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Checks the settings and creates the client.
    ///
    /// ```
    /// use openapi_clientgen_runtime::{BuildError, ClientBuilder, Credential};
    ///
    /// let error = ClientBuilder::new(None, &[])
    ///     .base_url("https://a.example")
    ///     .credential("apiKey", Credential::token("secret"))
    ///     .build();
    /// assert!(matches!(error, Err(BuildError::UnknownScheme(name)) if name == "apiKey"));
    /// ```
    pub fn build(self) -> Result<Core, BuildError> {
        if let Some((name, _)) = self.server_variables.iter().find(|(name, _)| {
            !self
                .server
                .is_some_and(|server| server.variables.iter().any(|(n, _)| n == name))
        }) {
            return Err(BuildError::UnknownServerVariable(name.clone()));
        }
        let base_url = self
            .base_url
            .or_else(|| {
                self.server
                    .map(|server| server.url_with(&self.server_variables))
            })
            .ok_or(BuildError::MissingBaseUrl)?;
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
        let credentials = Credentials::new(self.schemes, self.credentials, self.hyphenated)
            .map_err(|error| match error {
                CredentialError::UnknownScheme(name) => BuildError::UnknownScheme(name),
                CredentialError::WrongKind(scheme) => BuildError::WrongCredentialKind(scheme),
                CredentialError::NotSendable(scheme) => BuildError::InvalidCredential(scheme),
            })?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(same_origin_redirects())
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Core::new(
            http,
            parsed.as_str().trim_end_matches('/').to_owned(),
            credentials,
            self.max_response_bytes,
            self.options,
            Hooks(self.hooks.into()),
        ))
    }
}

/// Follows redirects within the origin of the first request only, so that no credential
/// (API-key headers and cookies, which reqwest does not strip, unlike `Authorization`)
/// ever leaves it.
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let origin = attempt.previous().first().map(Url::origin);
        if origin.as_ref() != Some(&attempt.url().origin()) {
            let message = format!(
                "not following a redirect to another origin ({}), so that no credential \
                 is sent there",
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
/// use openapi_clientgen_runtime::{BuildError, ClientBuilder, Server};
///
/// let error = ClientBuilder::new(None, &[]).build().unwrap_err();
/// assert!(matches!(error, BuildError::MissingBaseUrl));
/// let ftp = Server { url: "ftp://example.com", variables: &[] };
/// let error = ClientBuilder::new(Some(ftp), &[]).build().unwrap_err();
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
    /// A server variable was set that the document's server does not have.
    #[error("the API document's server has no variable `{0}`")]
    UnknownServerVariable(String),
    /// A credential was set for a security scheme the document does not name.
    #[error("the API document has no security scheme `{0}`")]
    UnknownScheme(String),
    /// A user name and password for a scheme that takes a token, or the other way round.
    #[error("the security scheme `{0}` takes a different kind of credential (a token, or a user name and password for basic authentication)")]
    WrongCredentialKind(&'static str),
    /// A token contains characters that cannot be sent in an HTTP header.
    #[error("the credential for the security scheme `{0}` contains characters that cannot be sent in an HTTP header")]
    InvalidCredential(&'static str),
    /// The HTTP client could not be created.
    #[error("cannot create the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

/// Defines a generated client's builder, `$builder`, which wraps a [`ClientBuilder`] and
/// builds a `$client`, with the settings every API has; the generated code adds a method
/// per security scheme and server variable.
///
/// ```
/// use openapi_clientgen_runtime::codegen::client_builder;
/// use openapi_clientgen_runtime::{ClientBuilder, Core};
///
/// #[derive(Debug)]
/// pub struct Client(Core);
///
/// impl From<Core> for Client {
///     fn from(core: Core) -> Self {
///         Client(core)
///     }
/// }
///
/// client_builder!(Builder => Client);
///
/// let client = Builder(ClientBuilder::new(None, &[]))
///     .base_url("https://api.example.com")
///     .timeout(std::time::Duration::from_secs(5))
///     .build()
///     .unwrap();
/// assert_eq!(client.0.base_url(), "https://api.example.com");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __client_builder {
    ($builder:ident => $client:ident) => {
        #[doc = ::std::concat!(
                                    "Configures a [`", ::std::stringify!($client),
                                    "`]: the server, credentials, HTTP client, timeouts and limits."
                                )]
        #[derive(Debug)]
        #[must_use]
        pub struct $builder($crate::ClientBuilder);

        impl $builder {
            /// The URL of the server, such as `https://api.example.com/` or, for a server
            /// under a sub-path, `https://example.com/api/`; it replaces the API document's
            /// server and its variables, path included.
            pub fn base_url(
                self,
                base_url: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                Self(self.0.base_url(base_url))
            }

            /// Uses the caller's HTTP client (connection pool, proxy, TLS settings such as
            /// a client certificate for mutual TLS); the timeouts of this builder then do
            /// not apply. Its redirect policy should not follow redirects to other origins,
            /// or credentials would be sent there too.
            pub fn http_client(self, client: $crate::codegen::reqwest::Client) -> Self {
                Self(self.0.http_client(client))
            }

            /// How long connecting to the server may take. Default: 10 seconds.
            pub fn connect_timeout(self, timeout: ::std::time::Duration) -> Self {
                Self(self.0.connect_timeout(timeout))
            }

            /// How long a whole request, including reading the response body, may take.
            /// Default: 60 seconds.
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                Self(self.0.timeout(timeout))
            }

            /// The largest response body read; a larger one is an error. Default: 32 MiB.
            pub fn max_response_bytes(self, limit: usize) -> Self {
                Self(self.0.max_response_bytes(limit))
            }

            /// When and how calls are retried: by default, idempotent calls twice, on
            /// connection errors and on 408, 429, 502, 503 and 504.
            pub fn retry_policy(self, policy: $crate::RetryPolicy) -> Self {
                Self(self.0.retry_policy(policy))
            }

            /// Settings for every call: headers and query parameters added to each, a
            /// timeout, a retry policy; `with_options` on the client changes them for some
            /// calls.
            pub fn request_options(self, options: $crate::RequestOptions) -> Self {
                Self(self.0.request_options(options))
            }

            /// Code run around every attempt of every call, in the order hooks are added.
            pub fn hook(self, hook: impl $crate::Hook) -> Self {
                Self(self.0.hook(hook))
            }

            /// Checks the settings and creates the client.
            pub fn build(self) -> ::std::result::Result<$client, $crate::BuildError> {
                self.0
                    .build()
                    .map(<$client as ::std::convert::From<$crate::Core>>::from)
            }
        }
    };
}
