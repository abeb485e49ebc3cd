//! The client's server and security schemes, and its builder: a method per security
//! scheme and per server variable, on top of the settings every client has.

use super::layout::{string, Layouts, Shape, Text};
use super::{Context, RUNTIME_ALIAS, TYPES};
use crate::ir::{KeyIn, Scheme, SchemeKind};

/// Writes the `Client` items that describe the server and the security schemes, and
/// `builder()`.
pub(super) fn client_items(context: &Context, out: &mut Text) {
    let api = context.api;
    let server = match &api.server {
        Some(server) => {
            let default = server.default_url();
            let doc = format!(" The API document's server: `{default}`.");
            if doc.chars().any(char::is_control) {
                // A doc attribute prettyplease may not print as a comment.
                out.unknown_layout();
            }
            out.docs(&[doc]);
            // A long URL is laid out by prettyplease alone, not the whole client with it.
            let url = string(&default);
            let parts = ["pub const DEFAULT_BASE_URL: &'static str = ", &url, ";"];
            if !out.line_if_it_fits(&parts) {
                out.item_by_prettyplease(&parts.concat(), &context.layouts);
            }
            let url = if server.variables.is_empty() {
                "Self::DEFAULT_BASE_URL".to_owned()
            } else {
                string(&server.url)
            };
            let variables = server
                .variables
                .iter()
                .map(|v| {
                    let pair = vec![
                        Shape::word(string(&v.name)),
                        Shape::word(string(&v.default)),
                    ];
                    Shape::call("", pair)
                })
                .collect();
            let variables = Shape::array(variables);
            let server = vec![
                Shape::field("url", Shape::word(url)),
                Shape::field("variables", variables),
            ];
            Shape::call("Some", vec![runtime_struct("Server", server)])
        }
        None => Shape::word("None"),
    };
    let new = Shape::call(
        cat!(RUNTIME_ALIAS, "::ClientBuilder::new"),
        vec![server, Shape::word("Self::SECURITY_SCHEMES")],
    );
    out.docs(&[" The API document's security schemes; the client builder has a method for each."]);
    security_schemes(&api.schemes, out);
    out.docs(&[" Starts configuring a client: base URL, credentials, HTTP client and limits."]);
    // The document names an idempotency-key header: calls that are not idempotent send a
    // fresh key in it, so that they can be retried.
    match &api.idempotency_header {
        None => {
            out.open_fixed("pub fn builder() -> ClientBuilder {");
            out.shape("", &Shape::call("ClientBuilder", vec![new]), "", 0);
            out.close("}");
        }
        // A method chain, which prettyplease lays out in ways not written here.
        Some(header) => out.item_by_prettyplease(
            &format!(
                "pub fn builder() -> ClientBuilder {{ ClientBuilder({}.retry_policy(\
                 {RUNTIME_ALIAS}::RetryPolicy::default().idempotency_header({}))) }}",
                new.flat(),
                string(header)
            ),
            &context.layouts,
        ),
    }
    out.docs(&[
        " A client for the API at `base_url`, without credentials.",
        "",
        " Use [`Client::builder`] for credentials and other settings.",
    ]);
    out.open_fixed(&format!(
        "pub fn new(base_url: &str) -> Result<Self, {RUNTIME_ALIAS}::BuildError> {{"
    ));
    out.fixed("Self::builder().base_url(base_url).build()");
    out.close("}");
}

/// `SECURITY_SCHEMES`: an array of struct literals.
fn security_schemes(schemes: &[Scheme], out: &mut Text) {
    let schemes = schemes
        .iter()
        .map(|scheme| {
            let kind = match &scheme.kind {
                SchemeKind::ApiKey { location, name } => {
                    let place = match location {
                        KeyIn::Header => "Header",
                        KeyIn::Query => "Query",
                        KeyIn::Cookie => "Cookie",
                    };
                    Shape::call(
                        cat!(RUNTIME_ALIAS, "::SchemeKind::", place),
                        vec![Shape::word(string(name))],
                    )
                }
                SchemeKind::Basic => Shape::word(cat!(RUNTIME_ALIAS, "::SchemeKind::Basic")),
                SchemeKind::Bearer { .. }
                | SchemeKind::OAuth2 { .. }
                | SchemeKind::OpenIdConnect(_) => {
                    Shape::word(cat!(RUNTIME_ALIAS, "::SchemeKind::Bearer"))
                }
                SchemeKind::OtherHttp(_) => {
                    Shape::word(cat!(RUNTIME_ALIAS, "::SchemeKind::Authorization"))
                }
            };
            let method = string(crate::names::unraw(&scheme.method));
            let fields = vec![
                Shape::field("name", Shape::word(string(&scheme.name))),
                Shape::field("method", Shape::word(method)),
                Shape::field("kind", kind),
            ];
            runtime_struct("SecurityScheme", fields)
        })
        .collect();
    out.shape(
        &cat!(
            "pub const SECURITY_SCHEMES: &'static [",
            RUNTIME_ALIAS,
            "::SecurityScheme] = "
        ),
        &Shape::array(schemes),
        ";",
        1,
    );
}

/// A literal of the runtime's struct `name` with `fields`.
fn runtime_struct(name: &str, fields: Vec<Shape>) -> Shape {
    Shape::struct_literal(cat!(RUNTIME_ALIAS, "::", name), fields)
}

/// Writes the `ClientBuilder` type and its API-specific methods.
pub(super) fn emit_builder(context: &Context, out: &mut Text) {
    let api = context.api;
    out.fixed(&format!(
        "{RUNTIME_ALIAS}::client_builder!(ClientBuilder => Client);"
    ));
    let hyphenated = api.schemes.iter().any(|s| {
        matches!(
            &s.kind,
            SchemeKind::ApiKey { location: KeyIn::Header, name } if name.contains('_')
        )
    });
    let variables = api.server.iter().flat_map(|server| &server.variables);
    if api.schemes.is_empty() && variables.clone().next().is_none() && !hyphenated {
        out.fixed("impl ClientBuilder {}");
        return;
    }
    out.open_fixed("impl ClientBuilder {");
    for scheme in &api.schemes {
        scheme_method(scheme, &context.layouts, out);
    }
    for variable in variables {
        let name = string(&variable.name);
        let mut doc = variable.doc.clone().unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&format!(
            "The server URL's variable `{}`; default: `{}`.",
            variable.name, variable.default
        ));
        out.doc(Some(&doc));
        let (value, argument) = match &variable.values {
            Some(ty) => (context.ty_text(ty, TYPES), "value.as_str()"),
            None => ("impl Into<String>".to_owned(), "value"),
        };
        let parameters = [("value".to_owned(), value)];
        let call = format!("server_variable({name}, {argument})");
        builder_method(out, &context.layouts, &variable.method, &parameters, &call);
    }
    if hyphenated {
        out.docs(&[
            " Sends API keys in the hyphenated form of their header names",
            " (`api-access-token` for `api_access_token`).",
            "",
            " Proxies such as nginx drop headers with underscores by default, so a server",
            " behind one never sees the key; servers that also read the hyphenated form",
            " get it this way.",
        ]);
        out.open_fixed("pub fn hyphenated_api_key_headers(self) -> Self {");
        out.fixed("Self(self.0.hyphenated_api_key_headers())");
        out.close("}");
    }
    out.close("}");
}

/// Writes the builder's method for a security scheme.
fn scheme_method(scheme: &Scheme, layouts: &Layouts, out: &mut Text) {
    let method = &scheme.method;
    let name = &scheme.name;
    let literal = string(name);
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
    // What the method takes, and the credential it makes of it.
    let string_arg = |name: &str| (name.to_owned(), "impl Into<String>".to_owned());
    let (parameters, credential) = if scheme.kind == SchemeKind::Basic {
        (
            vec![string_arg("username"), string_arg("password")],
            "basic(username, password)",
        )
    } else {
        doc.push_str(&format!(
            "\n\nA string, or a token that is refreshed: see [`Token::from_source`]({RUNTIME_ALIAS}::Token::from_source)."
        ));
        (
            vec![(
                "token".to_owned(),
                format!("impl Into<{RUNTIME_ALIAS}::Token>"),
            )],
            "token(token)",
        )
    };
    out.doc(Some(&doc));
    let call = format!("credential({literal}, {RUNTIME_ALIAS}::Credential::{credential})");
    builder_method(out, layouts, method, &parameters, &call);
}

/// A builder method, `pub fn name(self, parameters) -> Self { Self(self.0.call) }`: written
/// directly where its body fits on its line; else laid out by prettyplease alone, as the
/// method chain in it breaks in ways not written here.
fn builder_method(
    out: &mut Text,
    layouts: &Layouts,
    name: &str,
    parameters: &[(String, String)],
    call: &str,
) {
    let body = cat!("Self(self.0.", call, ")");
    if body.len() > out.room_inside() {
        let parameters: Vec<String> = (parameters.iter())
            .map(|(name, ty)| cat!(name, ": ", ty))
            .collect();
        let parameters = parameters.join(", ");
        let method = format!("pub fn {name}(self, {parameters}) -> Self {{ {body} }}");
        return out.item_by_prettyplease(&method, layouts);
    }
    out.signature(name, "self", parameters, " -> ", "Self", " {");
    out.fixed(&body);
    out.close("}");
}
