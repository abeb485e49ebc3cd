//! The record of a generated Rust API, and what changed between two of them.
//!
//! A record has one line per item a caller meets: each operation's signature, endpoint and
//! security requirement; each type, field and variant; the server and the security
//! schemes. Lines are `key: value @ place`, sorted by key, so that a record diffs well and
//! two records compare item by item ([`compare`](mod@compare)).

mod compare;
mod item;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::ir::{
    definition, Api, Body, Media, Operation, Param, SchemeKind, Spelling, StatusMatch, Struct,
    Success, Ty, TypeDef, TypeId, TypeKind,
};
pub use compare::{compare, ApiChanges, Change, Severity};
use item::{Aspect, Key, Member, Signature, Value};

/// The first line of a record file.
const HEADER: &str = "# The Rust API generated from the API document, one item per line: \
                      `key: value @ place in the document`. Kept beside the document; \
                      a build reports how the API changed when the document changes.";

/// The Rust API a document yields, item by item.
///
/// ```
/// use openapi_clientgen::{compare, ApiRecord, Generator, Syntax};
///
/// let old = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {operationId: getA, responses: {'204': {description: ok}}}\n";
/// let new = old.replace("getA", "fetchA");
/// let record = |text: &str| Generator::from_text("api.yaml", text, Syntax::Yaml).generate().unwrap().record();
/// let changes = compare(&record(old), &record(&new));
/// assert_eq!(changes.breaking().count(), 1);
/// assert!(changes.to_markdown().contains("`get_a` is now `fetch_a`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiRecord {
    entries: BTreeMap<Key, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    value: Value,
    /// Where in the document the item comes from (a JSON pointer).
    place: String,
}

impl ApiRecord {
    pub(crate) fn of(api: &Api) -> ApiRecord {
        let mut record = ApiRecord::default();
        let types = api.types.as_slice();
        let requests = request_types(api);
        for op in &api.operations {
            let options = match op.options.and_then(|id| types.get(id.index())) {
                Some(TypeDef {
                    kind: TypeKind::Params(params),
                    ..
                }) => params.as_slice(),
                _ => &[],
            };
            record.operation(types, op, options);
        }
        for (def, at) in types.iter().zip(0..) {
            // An alias of a generated type is, to its callers, that type: recorded as it.
            let id = TypeId(at);
            let (target, kind) = definition(id, types).unwrap_or((id, &def.kind));
            let in_requests = requests.contains(&id) || requests.contains(&target);
            record.type_def(types, def, kind, in_requests);
        }
        if let Some(server) = &api.server {
            record.add(
                Key::Server,
                Value::Text(server.url.clone()),
                "#/servers/0".to_owned(),
            );
        }
        for scheme in &api.schemes {
            let sent = match &scheme.kind {
                SchemeKind::ApiKey { location, name } => {
                    let place = location.place();
                    format!("API key in the {place} `{name}`")
                }
                SchemeKind::Basic => "HTTP basic".to_owned(),
                SchemeKind::Bearer { .. } => "bearer token".to_owned(),
                SchemeKind::OtherHttp(http) => format!("HTTP `{http}`"),
                SchemeKind::OAuth2 { .. } => "OAuth 2.0 token".to_owned(),
                SchemeKind::OpenIdConnect(_) => "OpenID Connect token".to_owned(),
            };
            record.add(
                Key::Scheme(scheme.name.clone()),
                Value::Text(format!("builder method `{}`, {sent}", scheme.method)),
                format!("#/components/securitySchemes/{}", escape(&scheme.name)),
            );
        }
        record
    }

    fn add(&mut self, key: Key, value: Value, place: String) {
        self.entries.insert(key, Entry { value, place });
    }

    /// An operation of an API whose types are `types` (multipart forms are taken by
    /// value); `options` are its optional parameters.
    fn operation(&mut self, types: &[TypeDef], op: &Operation, options: &[Param]) {
        let name = crate::names::unraw(&op.method_name);
        let key = |aspect| Key::Operation(name.to_owned(), aspect);
        let path_key = match &op.query {
            Some(query) => format!("{}?{query}", op.path),
            None => op.path.clone(),
        };
        let place = format!(
            "#/paths/{}/{}",
            escape(&path_key),
            op.http_method.to_ascii_lowercase()
        );
        let mut args: Vec<(String, String)> = op
            .params
            .iter()
            .map(|p| {
                let ty = rust_type(types, &p.ty);
                let ty = if p.required {
                    ty
                } else {
                    format!("Option<{ty}>")
                };
                (crate::names::unraw(&p.name).to_owned(), ty)
            })
            .collect();
        if let Some(Body {
            ty,
            required,
            media,
            ..
        }) = &op.body
        {
            // As the method takes it: by reference, or by value.
            let ty = match (media, ty) {
                (Media::Text(_), _) => "&str".to_owned(),
                (Media::Binary(_), _) => "Body".to_owned(),
                (_, Ty::Named(id))
                    if matches!(
                        types.get(id.index()).map(|def| &def.kind),
                        Some(TypeKind::Form(_))
                    ) =>
                {
                    rust_type(types, ty)
                }
                (_, ty) => format!("&{}", rust_type(types, ty)),
            };
            let ty = if *required {
                ty
            } else {
                format!("Option<{ty}>")
            };
            args.push(("body".to_owned(), ty));
        }
        if let Some(options) = op.options {
            args.push((
                "params".to_owned(),
                format!("&{}", rust_type(types, &Ty::Named(options))),
            ));
        }
        let signature = Signature {
            args,
            output: op
                .success
                .as_ref()
                .map_or("()".to_owned(), |success| success_type(types, success)),
            errors: op.errors.map_or_else(
                || "none".to_owned(),
                |errors| rust_type(types, &Ty::Named(errors)),
            ),
        };
        self.add(
            key(Aspect::Signature),
            Value::Signature(signature),
            place.clone(),
        );
        self.add(
            key(Aspect::Endpoint),
            Value::Text(op.endpoint()),
            place.clone(),
        );
        // Parameters written in a style other than their location's default.
        let parameters: Vec<String> = op
            .params
            .iter()
            .chain(options)
            .filter(|p| p.layout != p.location.default_layout())
            .map(|p| {
                let layout = &p.layout;
                let mut wire = format!(
                    "\"{}\" in {}, {}",
                    p.wire_name,
                    p.location.name(),
                    layout.style.name()
                );
                if layout.explode {
                    wire.push_str(" exploded");
                }
                if layout.allow_reserved {
                    wire.push_str(" reserved kept");
                }
                wire
            })
            .collect();
        if !parameters.is_empty() {
            self.add(
                key(Aspect::Parameters),
                Value::Text(parameters.join("; ")),
                place.clone(),
            );
        }
        let security = if op.security.is_empty() {
            "none".to_owned()
        } else {
            op.security
                .iter()
                .map(|alternative| {
                    if alternative.is_empty() {
                        "optional".to_owned()
                    } else {
                        alternative.join(" and ")
                    }
                })
                .collect::<Vec<_>>()
                .join(" or ")
        };
        if let Some(pages) = &op.pages {
            self.add(
                key(Aspect::Pages),
                Value::Pages {
                    stream: format!("{name}_stream"),
                    item: rust_type(types, &pages.item),
                    how: pages.describe(),
                },
                place.clone(),
            );
        }
        self.add(key(Aspect::Security), Value::Text(security), place);
    }

    /// A type, described by `kind`: its own, or for an alias, its target's.
    fn type_def(&mut self, types: &[TypeDef], def: &TypeDef, kind: &TypeKind, in_requests: bool) {
        let place = def.pointer.to_string();
        let name = &def.name;
        let definition = kind;
        let kind = match definition {
            TypeKind::Struct(_) => "struct".to_owned(),
            TypeKind::Enum { .. } => "string enum".to_owned(),
            TypeKind::Union(_) => "union".to_owned(),
            TypeKind::Alias(ty) => format!("alias of {}", rust_type(types, ty)),
            TypeKind::Errors(_) => "error responses".to_owned(),
            TypeKind::Params(_) => "optional parameters".to_owned(),
            TypeKind::Form(_) => "multipart form".to_owned(),
            TypeKind::Content(_) => "response by media type".to_owned(),
            TypeKind::Events(events) => format!("events, `webhooks::{}`", events.name),
        };
        let member = |member| Key::Type(name.clone(), Some(member));
        self.add(
            Key::Type(name.clone(), None),
            Value::Kind {
                kind,
                sent_in_requests: in_requests,
            },
            place.clone(),
        );
        match definition {
            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                for field in fields {
                    let mut ty = rust_type(types, &field.ty);
                    if field.nullable {
                        ty = format!("Option<{ty}>");
                    }
                    if !field.required {
                        ty = format!("Option<{ty}>");
                    }
                    self.add(
                        member(Member::Field(crate::names::unraw(&field.name).to_owned())),
                        Value::Field {
                            ty,
                            wire: format!("\"{}\"", field.wire_name),
                            required: field.required,
                        },
                        format!("{place}/properties/{}", escape(&field.wire_name)),
                    );
                }
            }
            TypeKind::Enum { variants, .. } => {
                for variant in variants.iter() {
                    self.add(
                        member(Member::Variant(variant.name.clone())),
                        Value::Named(variant.value.clone()),
                        place.clone(),
                    );
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    self.add(
                        member(Member::Variant(variant.name.clone())),
                        Value::Carries(format!("({})", rust_type(types, &variant.ty))),
                        place.clone(),
                    );
                }
            }
            TypeKind::Errors(cases) => {
                for case in cases {
                    let status = match case.status {
                        StatusMatch::Code(code) => code.to_string(),
                        StatusMatch::Class(class) => format!("{class}XX"),
                        StatusMatch::Default => "default".to_owned(),
                    };
                    let body = case
                        .ty
                        .as_ref()
                        .map_or("no body".to_owned(), |ty| rust_type(types, ty));
                    self.add(
                        member(Member::Variant(case.variant.clone())),
                        Value::Carries(format!("status {status}, {body}")),
                        place.clone(),
                    );
                }
            }
            TypeKind::Events(events) => {
                for event in &events.events {
                    let tag = match (&events.tag, &event.tag_value) {
                        (Some(tag), Some(value)) => format!(", {tag} \"{value}\""),
                        _ => String::new(),
                    };
                    self.add(
                        member(Member::Variant(event.variant.clone())),
                        Value::Carries(format!("({}){tag}", rust_type(types, &event.ty))),
                        place.clone(),
                    );
                }
            }
            TypeKind::Params(params) => {
                for param in params {
                    let location = param.location.name();
                    self.add(
                        member(Member::Field(crate::names::unraw(&param.name).to_owned())),
                        Value::Field {
                            ty: format!("Option<{}>", rust_type(types, &param.ty)),
                            wire: format!("{location} \"{}\"", param.wire_name),
                            required: false,
                        },
                        place.clone(),
                    );
                }
            }
            TypeKind::Content(bodies) => {
                for body in bodies {
                    self.add(
                        member(Member::Variant(body.variant().to_owned())),
                        Value::Carries(format!("({})", success_type(types, body))),
                        place.clone(),
                    );
                }
            }
            TypeKind::Alias(_) => {}
        }
    }

    /// The record as the text of a record file.
    pub fn to_text(&self) -> String {
        // Sorted as text, so that the file reads in the order of its keys.
        let mut lines: Vec<(String, &Entry)> = self
            .entries
            .iter()
            .map(|(key, entry)| (key.to_string(), entry))
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut text = format!("{HEADER}\n");
        for (key, entry) in lines {
            let _ = writeln!(text, "{key}: {} @ {}", entry.value, entry.place);
        }
        text
    }

    /// Reads the text of a record file.
    pub fn parse(text: &str) -> Result<ApiRecord, String> {
        let mut record = ApiRecord::default();
        for (number, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value, place) = item::parse_line(line)
                .map_err(|error| format!("line {}: {error}: {line}", number + 1))?;
            record.add(key, value, place);
        }
        Ok(record)
    }
}

/// A JSON pointer segment, escaped.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A type of an API whose types are `types`, as a caller reads it.
fn rust_type(types: &[TypeDef], ty: &Ty) -> String {
    ty.rust(Spelling::Record { types })
}

/// The type a success body is read as.
fn success_type(types: &[TypeDef], success: &Success) -> String {
    success.rust(Spelling::Record { types })
}

/// The types a caller builds to send: request bodies and what they contain.
fn request_types(api: &Api) -> BTreeSet<TypeId> {
    let mut found = BTreeSet::new();
    let mut pending: Vec<&Ty> = api
        .operations
        .iter()
        .filter_map(|op| op.body.as_ref().map(|b| &b.ty))
        .collect();
    while let Some(ty) = pending.pop() {
        match ty {
            Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => pending.push(inner),
            Ty::Named(id) => {
                if let Some(def) = api.types.get(id.index()) {
                    if found.insert(*id) {
                        match &def.kind {
                            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                                pending.extend(fields.iter().map(|f| &f.ty))
                            }
                            TypeKind::Union(u) => pending.extend(u.variants.iter().map(|v| &v.ty)),
                            TypeKind::Alias(ty) => pending.push(ty),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}
