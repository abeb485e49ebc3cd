//! Security schemes, the credentials a client holds for them, and choosing and applying
//! them for each request.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use percent_encoding::utf8_percent_encode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, COOKIE};
use reqwest::Url;

use crate::params::COOKIE_VALUE;

/// An error from a caller's code, such as a [`TokenSource`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One of the API document's security schemes, as the generated client describes it.
///
/// ```
/// use openapi_clientgen_runtime::{SchemeKind, SecurityScheme};
///
/// const SCHEMES: &[SecurityScheme] = &[SecurityScheme {
///     name: "apiKey",
///     method: "api_key",
///     kind: SchemeKind::Header("x-api-key"),
/// }];
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the document (`components.securitySchemes`).
    pub name: &'static str,
    /// The client builder method that sets its credential.
    pub method: &'static str,
    /// Where its credential is sent.
    pub kind: SchemeKind,
}

/// Where a scheme's credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// An API key in the named header.
    Header(&'static str),
    /// An API key in the named query parameter, percent-encoded.
    Query(&'static str),
    /// An API key in the named cookie.
    Cookie(&'static str),
    /// HTTP basic authentication: `Authorization: Basic base64(username:password)`.
    Basic,
    /// A bearer token, OAuth 2.0 access token or OpenID Connect token:
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// Another HTTP scheme: the token is the whole `Authorization` value.
    Authorization,
}

/// Supplies a token each time a request needs one, so that a token that expires can be
/// refreshed without rebuilding the client.
///
/// Any `Fn() -> impl Future<Output = Result<String, E>>` is a token source; a source that
/// fetches tokens should keep one until it expires rather than fetch one per request.
///
/// ```
/// use openapi_clientgen_runtime::Token;
///
/// let token = Token::from_source(|| async {
///     Ok::<_, std::io::Error>(std::env::var("ACCESS_TOKEN").unwrap_or_default())
/// });
/// ```
pub trait TokenSource: Send + Sync + 'static {
    /// The token to send now.
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>>;
}

impl<F, Fut, E> TokenSource for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        let token = self();
        Box::pin(async move { token.await.map_err(Into::into) })
    }
}

/// A token for a security scheme: fixed, or asked of a [`TokenSource`] per request.
///
/// Strings convert into fixed tokens. Its `Debug` output never shows the token.
///
/// ```
/// use openapi_clientgen_runtime::Token;
///
/// let token = Token::from("secret");
/// assert_eq!(format!("{token:?}"), "Token(<redacted>)");
/// ```
#[derive(Clone)]
pub struct Token(TokenKind);

#[derive(Clone)]
enum TokenKind {
    Fixed(String),
    Source(Arc<dyn TokenSource>),
}

impl Token {
    /// A token asked of `source` each time a request needs it.
    pub fn from_source(source: impl TokenSource) -> Self {
        Token(TokenKind::Source(Arc::new(source)))
    }

    async fn get(&self) -> Result<String, BoxError> {
        match &self.0 {
            TokenKind::Fixed(token) => Ok(token.clone()),
            TokenKind::Source(source) => source.token().await,
        }
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Token(TokenKind::Fixed(token))
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Self {
        Token(TokenKind::Fixed(token.to_owned()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            TokenKind::Fixed(_) => f.write_str("Token(<redacted>)"),
            TokenKind::Source(_) => f.write_str("Token(<source>)"),
        }
    }
}

/// The credential for one security scheme: a token, or a user name and password for
/// HTTP basic authentication. Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct Credential(CredentialKind);

#[derive(Clone)]
enum CredentialKind {
    Token(Token),
    Basic { username: String, password: String },
}

impl Credential {
    /// A token: an API key, a bearer or OAuth 2.0 access token, or an `Authorization`
    /// value.
    pub fn token(token: impl Into<Token>) -> Self {
        Credential(CredentialKind::Token(token.into()))
    }

    /// A user name and password for HTTP basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credential(CredentialKind::Basic {
            username: username.into(),
            password: password.into(),
        })
    }

    fn is_basic(&self) -> bool {
        matches!(self.0, CredentialKind::Basic { .. })
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            CredentialKind::Token(token) => token.fmt(f),
            CredentialKind::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"<redacted>")
                .finish(),
        }
    }
}

/// Why the credentials a client was given cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CredentialError {
    UnknownScheme(String),
    /// A user name and password for a token scheme, or the other way round.
    WrongKind(&'static str),
    /// A fixed token that cannot be sent in a header.
    NotSendable(&'static str),
}

/// The credentials a client holds, one per security scheme.
#[derive(Clone)]
pub(crate) struct Credentials {
    schemes: &'static [SecurityScheme],
    /// Parallel to `schemes`.
    values: Vec<Option<Credential>>,
    /// Parallel to `schemes`: the header of each API-key-in-header scheme.
    headers: Vec<Option<HeaderName>>,
}

impl Credentials {
    /// Checks `given` (by scheme name) against `schemes`; `hyphenated` sends API keys
    /// in the hyphenated form of their header names.
    pub(crate) fn new(
        schemes: &'static [SecurityScheme],
        given: Vec<(String, Credential)>,
        hyphenated: bool,
    ) -> Result<Self, CredentialError> {
        let mut values = vec![None; schemes.len()];
        for (name, credential) in given {
            let index = schemes
                .iter()
                .position(|s| s.name == name)
                .ok_or(CredentialError::UnknownScheme(name))?;
            let scheme = &schemes[index];
            if credential.is_basic() != (scheme.kind == SchemeKind::Basic) {
                return Err(CredentialError::WrongKind(scheme.name));
            }
            if let CredentialKind::Token(Token(TokenKind::Fixed(token))) = &credential.0 {
                let in_header =
                    !matches!(scheme.kind, SchemeKind::Query(_) | SchemeKind::Cookie(_));
                if in_header && header_value(scheme.kind, token).is_none() {
                    return Err(CredentialError::NotSendable(scheme.name));
                }
            }
            values[index] = Some(credential);
        }
        let headers = schemes
            .iter()
            .map(|scheme| match scheme.kind {
                SchemeKind::Header(name) => {
                    let name = if hyphenated {
                        name.replace('_', "-")
                    } else {
                        name.to_owned()
                    };
                    HeaderName::from_bytes(name.as_bytes()).ok()
                }
                _ => None,
            })
            .collect();
        Ok(Credentials {
            schemes,
            values,
            headers,
        })
    }

    /// Adds the credentials of the first alternative of `security` whose credentials are
    /// all set, in the document's order; an empty alternative (optional authentication)
    /// applies only when no other one does. Returns the names of the query parameters
    /// that carry secrets.
    pub(crate) async fn apply(
        &self,
        security: &[&[&str]],
        headers: &mut HeaderMap,
        url: &mut Url,
    ) -> Result<Vec<&'static str>, AuthError> {
        let index = |name: &str| self.schemes.iter().position(|s| s.name == name);
        let chosen = security
            .iter()
            .filter(|a| !a.is_empty())
            .find(|alternative| {
                alternative
                    .iter()
                    .all(|name| index(name).is_some_and(|i| self.values[i].is_some()))
            });
        let Some(chosen) = chosen else {
            if security.is_empty() || security.iter().any(|a| a.is_empty()) {
                return Ok(Vec::new());
            }
            return Err(AuthError::Missing(MissingCredentials {
                accepted: security
                    .iter()
                    .map(|alternative| {
                        alternative
                            .iter()
                            .map(|name| match index(name) {
                                Some(i) => (self.schemes[i].name, self.schemes[i].method),
                                None => ("", ""),
                            })
                            .filter(|(name, _)| !name.is_empty())
                            .collect()
                    })
                    .collect(),
            }));
        };
        let mut secret_query = Vec::new();
        let mut cookies = Vec::new();
        for i in chosen.iter().filter_map(|name| index(name)) {
            let scheme = &self.schemes[i];
            let Some(credential) = &self.values[i] else {
                continue;
            };
            let secret = match &credential.0 {
                CredentialKind::Token(token) => {
                    token.get().await.map_err(|source| AuthError::Source {
                        scheme: scheme.name,
                        source,
                    })?
                }
                CredentialKind::Basic { username, password } => {
                    base64::engine::general_purpose::STANDARD
                        .encode(format!("{username}:{password}"))
                }
            };
            match scheme.kind {
                SchemeKind::Query(name) => {
                    url.query_pairs_mut().append_pair(name, &secret);
                    secret_query.push(name);
                }
                SchemeKind::Cookie(name) => {
                    let pair = format!("{name}={}", utf8_percent_encode(&secret, COOKIE_VALUE));
                    cookies.push((pair, scheme.name));
                }
                kind => {
                    let value = header_value(kind, &secret).ok_or(AuthError::NotSendable {
                        scheme: scheme.name,
                    })?;
                    let name = match &self.headers[i] {
                        Some(name) => name.clone(),
                        None => AUTHORIZATION,
                    };
                    headers.append(name, value);
                }
            }
        }
        if let Some((_, scheme)) = cookies.first() {
            let pairs: Vec<&str> = cookies.iter().map(|(pair, _)| pair.as_str()).collect();
            // Only a cookie name from the document can make this fail.
            let mut value = HeaderValue::from_str(&pairs.join("; "))
                .map_err(|_| AuthError::NotSendable { scheme })?;
            value.set_sensitive(true);
            headers.append(COOKIE, value);
        }
        Ok(secret_query)
    }
}

/// The header value that carries `secret` for a scheme sent in a header, marked
/// sensitive; `None` if it cannot be sent in one (or the scheme is not sent in a header).
fn header_value(kind: SchemeKind, secret: &str) -> Option<HeaderValue> {
    let text = match kind {
        SchemeKind::Bearer => format!("Bearer {secret}"),
        // The secret is already base64.
        SchemeKind::Basic => format!("Basic {secret}"),
        SchemeKind::Header(_) | SchemeKind::Authorization => secret.to_owned(),
        SchemeKind::Query(_) | SchemeKind::Cookie(_) => return None,
    };
    let mut value = HeaderValue::from_str(&text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set: Vec<&str> = self
            .schemes
            .iter()
            .zip(&self.values)
            .filter(|(_, value)| value.is_some())
            .map(|(scheme, _)| scheme.name)
            .collect();
        f.debug_list().entries(set).finish()
    }
}

/// Why a request's credentials could not be added.
#[derive(Debug)]
pub(crate) enum AuthError {
    Missing(MissingCredentials),
    Source {
        scheme: &'static str,
        source: BoxError,
    },
    NotSendable {
        scheme: &'static str,
    },
}

/// An operation needs credentials that the client does not hold; nothing was sent.
///
/// Its text names the schemes the operation accepts and the builder methods that set them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingCredentials {
    /// The operation's alternatives, each a list of `(scheme name, builder method)` that
    /// must all be set.
    pub accepted: Vec<Vec<(&'static str, &'static str)>>,
}

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let alternatives: Vec<String> = self
            .accepted
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
                    .map(|(name, method)| format!("`{method}` ({name})"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect();
        write!(
            f,
            "the operation needs credentials the client does not have; set {} on the client builder",
            alternatives.join(" or ")
        )
    }
}

impl std::error::Error for MissingCredentials {}

/// `error` with the values of the query parameters `secret` replaced, so that its text
/// (which includes the URL) does not show them.
pub(crate) fn redact_url(mut error: reqwest::Error, secret: &[&str]) -> reqwest::Error {
    if !secret.is_empty() {
        if let Some(url) = error.url_mut() {
            redact_query(url, secret);
        }
    }
    error
}

/// `url` as text, with the values of the query parameters `secret` replaced.
pub(crate) fn redacted(url: &Url, secret: &[&str]) -> String {
    if secret.is_empty() {
        return url.to_string();
    }
    let mut url = url.clone();
    redact_query(&mut url, secret);
    url.to_string()
}

fn redact_query(url: &mut Url, secret: &[&str]) {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if secret.contains(&&*name) {
                "REDACTED".to_owned()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}
