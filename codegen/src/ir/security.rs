//! Security schemes and the server: what the client builder is made of.

use super::Ty;

/// A security scheme of `components.securitySchemes`.
#[derive(Debug)]
pub(crate) struct Scheme {
    /// The scheme's name in the document.
    pub name: String,
    /// The builder method that sets its credential.
    pub method: String,
    pub kind: SchemeKind,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    ApiKey {
        location: KeyIn,
        name: String,
    },
    Basic,
    Bearer {
        format: Option<String>,
    },
    /// Another HTTP authentication scheme: the `Authorization` value is given whole.
    OtherHttp(String),
    OAuth2 {
        token_urls: Vec<String>,
    },
    OpenIdConnect(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyIn {
    Header,
    Query,
    Cookie,
}

impl KeyIn {
    /// Where the key goes, in words: `header`, `query parameter`, `cookie`.
    pub(crate) fn place(self) -> &'static str {
        match self {
            KeyIn::Header => "header",
            KeyIn::Query => "query parameter",
            KeyIn::Cookie => "cookie",
        }
    }
}

/// The document's first server.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    /// The URL with `{variables}`.
    pub url: String,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone)]
pub(crate) struct ServerVariable {
    pub name: String,
    /// The builder method that sets it.
    pub method: String,
    pub default: String,
    pub doc: Option<String>,
    /// The enum of the values the document lists, if it lists them.
    pub values: Option<Ty>,
}
