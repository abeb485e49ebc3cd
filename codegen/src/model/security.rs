//! Security schemes, each operation's security requirement, and the server: what the
//! client builder is made of.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme};

use super::modeler::Modeler;
use super::schemas::Hint;
use crate::error::Pointer;
use crate::ir::{KeyIn, Scheme, SchemeKind, Server, ServerVariable};
use crate::names::{snake, Scope};

/// Methods of every generated client builder, which scheme and server-variable methods
/// must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "server_variable",
    "credential",
    "hyphenated_api_key_headers",
    "http_client",
    "connect_timeout",
    "timeout",
    "max_response_bytes",
    "retry_policy",
    "request_options",
    "hook",
    "build",
];

/// The document's security schemes, in document order, and its first server, with their
/// builder method names.
pub(crate) fn schemes_and_server(modeler: &mut Modeler) -> (Vec<Scheme>, Option<Server>) {
    let document = modeler.document;
    let mut methods = Scope::with_reserved(BUILDER_METHODS);
    let mut method_name = |raw: &str, suffix: &str| {
        let name = snake(raw);
        if BUILDER_METHODS.contains(&name.as_str()) {
            methods.claim(format!("{name}_{suffix}"))
        } else {
            methods.claim(&name)
        }
    };
    let at = Pointer::root().push("components").then("securitySchemes");
    let mut schemes = Vec::new();
    if let Some(components) = &document.components {
        for (name, scheme) in &components.security_schemes {
            let Some(scheme) = resolve(document, scheme) else {
                modeler.warn(
                    &at.push(name),
                    "the scheme's reference does not lead to a security scheme; the scheme is left out",
                );
                continue;
            };
            let (kind, doc) = match scheme {
                SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        APIKeyLocation::Header => KeyIn::Header,
                        APIKeyLocation::Query => KeyIn::Query,
                        APIKeyLocation::Cookie => KeyIn::Cookie,
                    };
                    let name = name.clone();
                    (SchemeKind::ApiKey { location, name }, description)
                }
                SecurityScheme::HTTP {
                    scheme,
                    bearer_format,
                    description,
                    ..
                } => {
                    let kind = if scheme.eq_ignore_ascii_case("basic") {
                        SchemeKind::Basic
                    } else if scheme.eq_ignore_ascii_case("bearer") {
                        SchemeKind::Bearer {
                            format: bearer_format.clone(),
                        }
                    } else {
                        SchemeKind::OtherHttp(scheme.clone())
                    };
                    (kind, description)
                }
                SecurityScheme::OAuth2 {
                    flows, description, ..
                } => {
                    let token_urls = [
                        flows.client_credentials.as_ref().map(|f| &f.token_url),
                        flows.authorization_code.as_ref().map(|f| &f.token_url),
                        flows.password.as_ref().map(|f| &f.token_url),
                    ]
                    .into_iter()
                    .flatten()
                    .fold(Vec::new(), |mut urls, url| {
                        if !urls.contains(url) {
                            urls.push(url.clone());
                        }
                        urls
                    });
                    (SchemeKind::OAuth2 { token_urls }, description)
                }
                SecurityScheme::OpenIDConnect {
                    open_id_connect_url,
                    description,
                    ..
                } => (
                    SchemeKind::OpenIdConnect(open_id_connect_url.clone()),
                    description,
                ),
            };
            schemes.push(Scheme {
                name: name.clone(),
                method: method_name(name, "credential"),
                kind,
                doc: doc.clone(),
            });
        }
    }
    let server = document.servers.first().map(|server| {
        let at = Pointer::root().push("servers").then(0).then("variables");
        let variables = server
            .variables
            .iter()
            .flatten()
            .map(|(name, variable)| {
                let values = (!variable.enumeration.is_empty()).then(|| {
                    modeler.string_enum(
                        &variable.enumeration,
                        &Hint::Derived(format!("server {name}")),
                        variable.description.clone(),
                        &at.push(name),
                    )
                });
                ServerVariable {
                    name: name.clone(),
                    method: method_name(name, "variable"),
                    default: variable.default.clone(),
                    doc: variable.description.clone(),
                    values,
                }
            })
            .collect();
        Server {
            url: server.url.clone(),
            variables,
        }
    });
    (schemes, server)
}

fn resolve<'d>(
    document: &'d OpenAPI,
    scheme: &'d ReferenceOr<SecurityScheme>,
) -> Option<&'d SecurityScheme> {
    match scheme {
        ReferenceOr::Item(scheme) => Some(scheme),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/securitySchemes/")?;
            match document.components.as_ref()?.security_schemes.get(name)? {
                ReferenceOr::Item(scheme) => Some(scheme),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// The alternatives an operation accepts, each a list of scheme names: the operation's
/// own `security`, else the document's. Alternatives naming a scheme the document does
/// not define cannot be met, and are left out with a warning.
pub(crate) fn requirement(
    modeler: &mut Modeler,
    schemes: &[Scheme],
    own: Option<&Vec<SecurityRequirement>>,
    pointer: &Pointer,
) -> Vec<Vec<String>> {
    let (requirements, at) = match own {
        Some(own) => (Some(own), pointer.push("security")),
        None => (
            modeler.document.security.as_ref(),
            Pointer::root().push("security"),
        ),
    };
    let mut alternatives = Vec::new();
    for (index, requirement) in requirements.into_iter().flatten().enumerate() {
        let unknown: Vec<&String> = requirement
            .keys()
            .filter(|name| !schemes.iter().any(|s| &s.name == *name))
            .collect();
        if unknown.is_empty() {
            alternatives.push(requirement.keys().cloned().collect());
        } else {
            let names: Vec<String> = unknown.iter().map(|n| format!("`{n}`")).collect();
            modeler.warn(
                &at.push(index),
                format!(
                    "the requirement names undefined security schemes ({}); it is left out",
                    names.join(", ")
                ),
            );
        }
    }
    alternatives
}
