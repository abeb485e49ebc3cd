//! Security schemes and the server: what the client builder is made of.

use super::Ty;

/// A security scheme of `components.securitySchemes`.
#[derive(Debug, Clone)]
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

impl Server {
    /// The URL with each variable's default.
    pub(crate) fn default_url(&self) -> String {
        let mut url = self.url.clone();
        for variable in &self.variables {
            url = url.replace(&format!("{{{}}}", variable.name), &variable.default);
        }
        url
    }

    /// The path of the default URL, without a trailing `/` (`/v1`); empty when the URL has
    /// none.
    pub(crate) fn base_path(&self) -> String {
        let url = self.default_url();
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let path = match url.contains("://") {
            true => after_scheme.find('/').map_or("", |at| &after_scheme[at..]),
            false => after_scheme,
        };
        let path = path.split(['?', '#']).next().unwrap_or_default();
        if path.starts_with('/') {
            path.trim_end_matches('/').to_owned()
        } else {
            String::new()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{Server, ServerVariable};

    fn server(url: &str) -> Server {
        Server {
            url: url.to_owned(),
            variables: vec![ServerVariable {
                name: "version".to_owned(),
                method: "version".to_owned(),
                default: "v2".to_owned(),
                doc: None,
                values: None,
            }],
        }
    }

    #[test]
    fn the_base_path_is_the_default_url_path_without_a_trailing_slash() {
        for (url, path) in [
            ("https://api.example.com/v1", "/v1"),
            ("https://api.example.com/{version}/", "/v2"),
            ("https://api.example.com", ""),
            ("https://api.example.com/", ""),
            ("/api/v3?x=1", "/api/v3"),
            ("http://localhost:8080/a/b#frag", "/a/b"),
        ] {
            assert_eq!(server(url).base_path(), path, "{url}");
        }
    }
}
