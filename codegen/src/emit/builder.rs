//! The client's server and security schemes, and its builder: a method per security
//! scheme and per server variable, on top of the settings every client has.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Context, TYPES};
use crate::ir::{KeyIn, Scheme, SchemeKind};

/// The `Client` items that describe the server and the security schemes, and `builder()`.
pub(super) fn emit_client_items(context: &Context) -> TokenStream {
    let api = context.api;
    let runtime = &context.runtime;
    let (default_base_url, server) = match &api.server {
        Some(server) => {
            let default = server.default_url();
            let doc = format!(" The API document's server: `{default}`.");
            let url = if server.variables.is_empty() {
                quote!(Self::DEFAULT_BASE_URL)
            } else {
                let url = &server.url;
                quote!(#url)
            };
            let variables = server.variables.iter().map(|v| {
                let (name, default) = (&v.name, &v.default);
                quote!((#name, #default))
            });
            (
                quote! {
                    #[doc = #doc]
                    pub const DEFAULT_BASE_URL: &'static str = #default;
                },
                quote!(Some(#runtime::Server { url: #url, variables: &[#(#variables),*] })),
            )
        }
        None => (TokenStream::new(), quote!(None)),
    };
    let schemes = api.schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let method = crate::names::unraw(&scheme.method);
        let kind = match &scheme.kind {
            SchemeKind::ApiKey { location, name } => match location {
                KeyIn::Header => quote!(Header(#name)),
                KeyIn::Query => quote!(Query(#name)),
                KeyIn::Cookie => quote!(Cookie(#name)),
            },
            SchemeKind::Basic => quote!(Basic),
            SchemeKind::Bearer { .. } | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect(_) => {
                quote!(Bearer)
            }
            SchemeKind::OtherHttp(_) => quote!(Authorization),
        };
        quote! {
            #runtime::SecurityScheme { name: #name, method: #method, kind: #runtime::SchemeKind::#kind }
        }
    });
    // The document names an idempotency-key header: calls that are not idempotent send a
    // fresh key in it, so that they can be retried.
    let idempotency = api.idempotency_header.as_ref().map(|header| {
        quote!(.retry_policy(#runtime::RetryPolicy::default().idempotency_header(#header)))
    });
    quote! {
        #default_base_url

        /// The API document's security schemes; the client builder has a method for each.
        pub const SECURITY_SCHEMES: &'static [#runtime::SecurityScheme] = &[#(#schemes),*];

        /// Starts configuring a client: base URL, credentials, HTTP client and limits.
        pub fn builder() -> ClientBuilder {
            ClientBuilder(#runtime::ClientBuilder::new(#server, Self::SECURITY_SCHEMES)#idempotency)
        }

        /// A client for the API at `base_url`, without credentials.
        ///
        /// Use [`Client::builder`] for credentials and other settings.
        pub fn new(base_url: &str) -> Result<Self, #runtime::BuildError> {
            Self::builder().base_url(base_url).build()
        }
    }
}

/// The `ClientBuilder` type and its API-specific methods.
pub(super) fn emit_builder(context: &Context) -> TokenStream {
    let api = context.api;
    let runtime = &context.runtime;
    let schemes = api
        .schemes
        .iter()
        .map(|scheme| scheme_method(context, scheme));
    let variables = api
        .server
        .iter()
        .flat_map(|server| &server.variables)
        .map(|variable| {
            let method = ident(&variable.method);
            let name = &variable.name;
            let mut doc = variable.doc.clone().unwrap_or_default();
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&format!(
                "The server URL's variable `{name}`; default: `{}`.",
                variable.default
            ));
            let doc = doc_attrs(Some(&doc));
            match &variable.values {
                Some(ty) => {
                    let ty = context.ty(ty, TYPES);
                    quote! {
                        #doc
                        pub fn #method(self, value: #ty) -> Self {
                            Self(self.0.server_variable(#name, value.as_str()))
                        }
                    }
                }
                None => quote! {
                    #doc
                    pub fn #method(self, value: impl Into<String>) -> Self {
                        Self(self.0.server_variable(#name, value))
                    }
                },
            }
        });
    let hyphenated = api
        .schemes
        .iter()
        .any(|s| {
            matches!(
                &s.kind,
                SchemeKind::ApiKey { location: KeyIn::Header, name } if name.contains('_')
            )
        })
        .then(|| {
            quote! {
                /// Sends API keys in the hyphenated form of their header names
                /// (`api-access-token` for `api_access_token`).
                ///
                /// Proxies such as nginx drop headers with underscores by default, so a server
                /// behind one never sees the key; servers that also read the hyphenated form
                /// get it this way.
                pub fn hyphenated_api_key_headers(self) -> Self {
                    Self(self.0.hyphenated_api_key_headers())
                }
            }
        });
    quote! {
        #runtime::client_builder!(ClientBuilder => Client);

        impl ClientBuilder {
            #( #schemes )*
            #( #variables )*
            #hyphenated
        }
    }
}

fn scheme_method(context: &Context, scheme: &Scheme) -> TokenStream {
    let runtime = &context.runtime;
    let method = ident(&scheme.method);
    let name = &scheme.name;
    let sent = match &scheme.kind {
        SchemeKind::ApiKey { location, name } => {
            let place = location.place();
            format!("An API key, sent in the {place} `{name}`.")
        }
        SchemeKind::Basic => {
            "A user name and password, sent with HTTP basic authentication.".to_owned()
        }
        SchemeKind::Bearer { format } => {
            let format = format
                .as_deref()
                .map(|f| format!(" ({})", f.trim()))
                .unwrap_or_default();
            format!("A bearer token{format}, sent as `Authorization: Bearer <token>`.")
        }
        SchemeKind::OtherHttp(http) => {
            format!("The whole `Authorization` value for the HTTP `{http}` authentication scheme.")
        }
        SchemeKind::OAuth2 { token_urls } => {
            let mut text =
                "An OAuth 2.0 access token, sent as `Authorization: Bearer <token>`.".to_owned();
            if !token_urls.is_empty() {
                let urls: Vec<String> = token_urls.iter().map(|u| format!("<{u}>")).collect();
                text.push_str(&format!(" Tokens are issued by {}.", urls.join(", ")));
            }
            text
        }
        SchemeKind::OpenIdConnect(url) => format!(
            "An OpenID Connect token, sent as `Authorization: Bearer <token>` (discovery: <{url}>)."
        ),
    };
    let mut doc = scheme
        .doc
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&sent);
    doc.push_str(&format!(
        " Operations that accept the document's security scheme `{name}` send it."
    ));
    if scheme.kind == SchemeKind::Basic {
        let doc = doc_attrs(Some(&doc));
        return quote! {
            #doc
            pub fn #method(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                Self(self.0.credential(#name, #runtime::Credential::basic(username, password)))
            }
        };
    }
    doc.push_str(&format!(
        "\n\nA string, or a token that is refreshed: see [`Token::from_source`]({}::Token::from_source).",
        super::RUNTIME_ALIAS
    ));
    let doc = doc_attrs(Some(&doc));
    quote! {
        #doc
        pub fn #method(self, token: impl Into<#runtime::Token>) -> Self {
            Self(self.0.credential(#name, #runtime::Credential::token(token)))
        }
    }
}
