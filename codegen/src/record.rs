//! The record of a generated Rust API, and what changed between two of them.
//!
//! A record has one line per item a caller meets: each operation's signature, endpoint and
//! security requirement; each type, field and variant; the server and the security
//! schemes. Lines are `key: value @ place`, sorted by key, so that a record diffs well and
//! two records compare item by item.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::ir::{
    definition, Api, Body, Media, Operation, Param, SchemeKind, StatusMatch, Struct, Success, Ty,
    TypeDef, TypeKind,
};

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
/// let record = |text: &str| Generator::from_text("api.yaml", text, Syntax::Yaml).generate().unwrap().record;
/// let changes = compare(&record(old), &record(&new));
/// assert_eq!(changes.breaking().count(), 1);
/// assert!(changes.to_markdown().contains("`get_a` is now `fetch_a`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiRecord {
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    value: String,
    /// Where in the document the item comes from (a JSON pointer).
    place: String,
}

impl ApiRecord {
    pub(crate) fn of(api: &Api) -> ApiRecord {
        let mut record = ApiRecord::default();
        let requests = request_types(api);
        let forms: BTreeSet<&str> = api
            .types
            .iter()
            .filter(|def| matches!(def.kind, TypeKind::Form(_)))
            .map(|def| def.name.as_str())
            .collect();
        for op in &api.operations {
            let options = op
                .options
                .as_ref()
                .and_then(|name| api.types.iter().find(|def| def.name == *name))
                .map_or(&[][..], |def| match &def.kind {
                    TypeKind::Params(params) => params.as_slice(),
                    _ => &[],
                });
            record.operation(op, &forms, options);
        }
        let kinds: HashMap<&str, &TypeKind> = api
            .types
            .iter()
            .map(|def| (def.name.as_str(), &def.kind))
            .collect();
        for def in &api.types {
            // An alias of a generated type is, to its callers, that type: recorded as it.
            let (name, kind) = definition(&def.name, &kinds).unwrap_or((&def.name, &def.kind));
            let in_requests = requests.contains(def.name.as_str()) || requests.contains(name);
            record.type_def(def, kind, in_requests);
        }
        if let Some(server) = &api.server {
            record.add(
                "server".to_owned(),
                server.url.clone(),
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
                format!("scheme {}", scheme.name),
                format!("builder method `{}`, {sent}", scheme.method),
                format!("#/components/securitySchemes/{}", escape(&scheme.name)),
            );
        }
        record
    }

    fn add(&mut self, key: String, value: String, place: String) {
        self.entries.insert(key, Entry { value, place });
    }

    /// An operation; `forms` names the multipart forms, which methods take by value, and
    /// `options` are its optional parameters.
    fn operation(&mut self, op: &Operation, forms: &BTreeSet<&str>, options: &[Param]) {
        let name = crate::names::unraw(&op.method_name);
        let place = format!(
            "#/paths/{}/{}",
            escape(&op.path),
            op.http_method.to_ascii_lowercase()
        );
        let mut args: Vec<String> = op
            .params
            .iter()
            .map(|p| {
                let ty = rust_type(&p.ty);
                let ty = if p.required {
                    ty
                } else {
                    format!("Option<{ty}>")
                };
                format!("{}: {ty}", crate::names::unraw(&p.name))
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
                (_, Ty::Named(name)) if forms.contains(name.as_str()) => name.clone(),
                (_, ty) => format!("&{}", rust_type(ty)),
            };
            args.push(if *required {
                format!("body: {ty}")
            } else {
                format!("body: Option<{ty}>")
            });
        }
        if let Some(options) = &op.options {
            args.push(format!("params: &{options}"));
        }
        let success = op.success.as_ref().map_or("()".to_owned(), success_type);
        let errors = op.errors.as_deref().unwrap_or("none");
        self.add(
            format!("operation {name}"),
            format!("fn({}) -> {success}; errors: {errors}", args.join(", ")),
            place.clone(),
        );
        self.add(
            format!("operation {name} endpoint"),
            format!("{} {}", op.http_method, op.path),
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
                format!("operation {name} parameters"),
                parameters.join("; "),
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
                format!("operation {name} pages"),
                format!(
                    "{name}_stream -> {}; {}",
                    rust_type(&pages.item),
                    pages.describe()
                ),
                place.clone(),
            );
        }
        self.add(format!("operation {name} security"), security, place);
    }

    /// A type, described by `kind`: its own, or for an alias, its target's.
    fn type_def(&mut self, def: &TypeDef, kind: &TypeKind, in_requests: bool) {
        let place = def.pointer.to_string();
        let name = &def.name;
        let definition = kind;
        let kind = match definition {
            TypeKind::Struct(_) => "struct".to_owned(),
            TypeKind::Enum { .. } => "string enum".to_owned(),
            TypeKind::Union(_) => "union".to_owned(),
            TypeKind::Alias(ty) => format!("alias of {}", rust_type(ty)),
            TypeKind::Errors(_) => "error responses".to_owned(),
            TypeKind::Params(_) => "optional parameters".to_owned(),
            TypeKind::Form(_) => "multipart form".to_owned(),
            TypeKind::Content(_) => "response by media type".to_owned(),
        };
        let kind = if in_requests {
            format!("{kind}, sent in requests")
        } else {
            kind
        };
        self.add(format!("type {name}"), kind, place.clone());
        match definition {
            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                for field in fields {
                    let mut ty = rust_type(&field.ty);
                    if field.nullable {
                        ty = format!("Option<{ty}>");
                    }
                    if !field.required {
                        ty = format!("Option<{ty}>");
                    }
                    let required = if field.required { ", required" } else { "" };
                    self.add(
                        format!("type {name}.{}", crate::names::unraw(&field.name)),
                        format!("{ty} as \"{}\"{required}", field.wire_name),
                        format!("{place}/properties/{}", escape(&field.wire_name)),
                    );
                }
            }
            TypeKind::Enum { variants, .. } => {
                for variant in variants {
                    self.add(
                        format!("type {name}::{}", variant.name),
                        format!("\"{}\"", variant.value),
                        place.clone(),
                    );
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    self.add(
                        format!("type {name}::{}", variant.name),
                        format!("({})", rust_type(&variant.ty)),
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
                    let body = case.ty.as_ref().map_or("no body".to_owned(), rust_type);
                    self.add(
                        format!("type {name}::{}", case.variant),
                        format!("status {status}, {body}"),
                        place.clone(),
                    );
                }
            }
            TypeKind::Params(params) => {
                for param in params {
                    let location = param.location.name();
                    self.add(
                        format!("type {name}.{}", crate::names::unraw(&param.name)),
                        format!(
                            "Option<{}> as {location} \"{}\"",
                            rust_type(&param.ty),
                            param.wire_name
                        ),
                        place.clone(),
                    );
                }
            }
            TypeKind::Content(bodies) => {
                for body in bodies {
                    self.add(
                        format!("type {name}::{}", body.variant()),
                        format!("({})", success_type(body)),
                        place.clone(),
                    );
                }
            }
            TypeKind::Alias(_) => {}
        }
    }

    /// The record as the text of a record file.
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER}\n");
        for (key, entry) in &self.entries {
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
            let parsed = line.split_once(": ").and_then(|(key, rest)| {
                let (value, place) = rest.rsplit_once(" @ ")?;
                Some((key, value, place))
            });
            let Some((key, value, place)) = parsed else {
                return Err(format!(
                    "line {}: not `key: value @ place`: {line}",
                    number + 1
                ));
            };
            record.add(key.to_owned(), value.to_owned(), place.to_owned());
        }
        Ok(record)
    }
}

/// A JSON pointer segment, escaped.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A type as a caller writes it.
fn rust_type(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Integer => "i64".to_owned(),
        Ty::Number => "f64".to_owned(),
        Ty::Format(format) => format.record_name().to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Json => "Value".to_owned(),
        Ty::List(item) => format!("Vec<{}>", rust_type(item)),
        Ty::Map(value) => format!("Map<String, {}>", rust_type(value)),
        Ty::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
        Ty::Named(name) => name.clone(),
        Ty::File(_) => "FilePart".to_owned(),
    }
}

/// The type a success body is read as.
fn success_type(success: &Success) -> String {
    match success {
        Success::Json(ty) => rust_type(ty),
        Success::Text(_) => "String".to_owned(),
        Success::Binary(_) => "ByteStream".to_owned(),
        Success::Events(Some(ty)) => format!("EventStream<{}>", rust_type(ty)),
        Success::Events(None) => "EventStream<String>".to_owned(),
        Success::Content(name) => name.clone(),
    }
}

/// The types a caller builds to send: request bodies and what they contain.
fn request_types(api: &Api) -> BTreeSet<&str> {
    let types: BTreeMap<&str, &TypeKind> = api
        .types
        .iter()
        .map(|def| (def.name.as_str(), &def.kind))
        .collect();
    let mut found = BTreeSet::new();
    let mut pending: Vec<&Ty> = api
        .operations
        .iter()
        .filter_map(|op| op.body.as_ref().map(|b| &b.ty))
        .collect();
    while let Some(ty) = pending.pop() {
        match ty {
            Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => pending.push(inner),
            Ty::Named(name) => {
                if let Some((name, kind)) = types.get_key_value(name.as_str()) {
                    if found.insert(*name) {
                        match kind {
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

/// How much a change matters to a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Code that compiled against the old API may not compile, or may not mean the same.
    Breaking,
    /// The Rust API is the same, but what goes over the wire is not: a path, a method, a
    /// server, a security requirement, a value, a new required request field.
    Notice,
    /// Something new.
    Additive,
}

impl Severity {
    fn heading(self) -> &'static str {
        match self {
            Severity::Breaking => "Breaking for callers",
            Severity::Notice => "Changes the Rust API does not show",
            Severity::Additive => "Additions",
        }
    }

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Notice => "notice",
            Severity::Additive => "additive",
        }
    }
}

/// One change between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How much it matters.
    pub severity: Severity,
    /// The item, as the record names it (`operation contact_details`,
    /// `type Contact.email`).
    pub item: String,
    /// What happened to it.
    pub description: String,
    /// Where in the new document (or, for a removal, the old one).
    pub place: String,
}

/// The changes between two records, most severe first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiChanges {
    /// Every change, ordered by severity, then item.
    pub changes: Vec<Change>,
}

impl ApiChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking)
    }

    /// How many changes there are of each severity.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s| self.changes.iter().filter(|c| c.severity == s).count();
        (
            count(Severity::Breaking),
            count(Severity::Notice),
            count(Severity::Additive),
        )
    }

    /// One line: `2 breaking, 1 to note, 5 additions`.
    pub fn summary(&self) -> String {
        let (breaking, notice, additive) = self.counts();
        format!("{breaking} breaking, {notice} to note, {additive} additions")
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut text = format!("# API changes\n\n{}.\n", self.summary());
        for severity in [Severity::Breaking, Severity::Notice, Severity::Additive] {
            let changes: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.severity == severity)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = write!(text, "\n## {}\n\n", severity.heading());
            for change in changes {
                let _ = writeln!(
                    text,
                    "- {} (`{}`)",
                    change.description,
                    change.place.replace('`', "'")
                );
            }
        }
        text
    }

    /// The report as JSON: `{"summary": {...}, "changes": [{severity, item, description, place}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let (breaking, notice, additive) = self.counts();
        serde_json::json!({
            "summary": { "breaking": breaking, "notice": notice, "additive": additive },
            "changes": self.changes.iter().map(|c| serde_json::json!({
                "severity": c.severity.name(),
                "item": c.item,
                "description": c.description,
                "place": c.place,
            })).collect::<Vec<_>>(),
        })
    }
}

/// The kind of item a record key names, and the item it belongs to.
enum Item<'a> {
    Operation(&'a str),
    Endpoint(&'a str),
    /// How an operation's parameters are written.
    Wire(&'a str),
    Security(&'a str),
    /// How an operation pages: its `_stream` and `_pages` methods.
    Pages(&'a str),
    Type(&'a str),
    /// A field or optional parameter: the type and the member.
    Field(&'a str),
    Variant(&'a str),
    Server,
    Scheme,
}

fn item(key: &str) -> Item<'_> {
    if let Some(rest) = key.strip_prefix("operation ") {
        if let Some(op) = rest.strip_suffix(" endpoint") {
            Item::Endpoint(op)
        } else if let Some(op) = rest.strip_suffix(" parameters") {
            Item::Wire(op)
        } else if let Some(op) = rest.strip_suffix(" security") {
            Item::Security(op)
        } else if let Some(op) = rest.strip_suffix(" pages") {
            Item::Pages(op)
        } else {
            Item::Operation(rest)
        }
    } else if let Some(rest) = key.strip_prefix("type ") {
        if let Some((ty, _)) = rest.split_once("::") {
            Item::Variant(ty)
        } else if let Some((ty, _)) = rest.split_once('.') {
            Item::Field(ty)
        } else {
            Item::Type(rest)
        }
    } else if key == "server" {
        Item::Server
    } else {
        Item::Scheme
    }
}

/// What changed from `old` to `new`.
pub fn compare(old: &ApiRecord, new: &ApiRecord) -> ApiChanges {
    let mut changes = Vec::new();
    let mut change = |severity, item: &str, description: String, place: &str| {
        changes.push(Change {
            severity,
            item: item.to_owned(),
            description,
            place: place.to_owned(),
        })
    };
    let removed_ops: Vec<(&str, &Entry)> = old
        .entries
        .iter()
        .filter(|(k, _)| matches!(item(k), Item::Operation(_)) && !new.entries.contains_key(*k))
        .map(|(k, e)| (k.as_str(), e))
        .collect();
    let added_ops: BTreeSet<&str> = new
        .entries
        .keys()
        .filter(|k| matches!(item(k), Item::Operation(_)) && !old.entries.contains_key(*k))
        .map(String::as_str)
        .collect();
    // An operation removed and one added at the same endpoint: a rename.
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    for (old_key, _) in &removed_ops {
        let Item::Operation(name) = item(old_key) else {
            continue;
        };
        let endpoint = old.entries.get(&format!("operation {name} endpoint"));
        let found = added_ops.iter().find(|new_key| {
            let Item::Operation(new_name) = item(new_key) else {
                return false;
            };
            !renamed.values().any(|v| v == *new_key)
                && endpoint.is_some()
                && new
                    .entries
                    .get(&format!("operation {new_name} endpoint"))
                    .map(|e| &e.value)
                    == endpoint.map(|e| &e.value)
        });
        if let Some(new_key) = found {
            renamed.insert(old_key, new_key);
        }
    }
    let old_types: BTreeSet<&str> = keys_of(old, |i| matches!(i, Item::Type(_)));
    let new_types: BTreeSet<&str> = keys_of(new, |i| matches!(i, Item::Type(_)));
    let gone = |key: &str| match item(key) {
        Item::Endpoint(op) | Item::Wire(op) | Item::Security(op) | Item::Pages(op) => {
            !new.entries.contains_key(&format!("operation {op}"))
        }
        Item::Field(ty) | Item::Variant(ty) => !new_types.contains(ty),
        _ => false,
    };
    let fresh = |key: &str| match item(key) {
        Item::Endpoint(op) | Item::Wire(op) | Item::Security(op) | Item::Pages(op) => {
            !old.entries.contains_key(&format!("operation {op}"))
        }
        Item::Field(ty) | Item::Variant(ty) => !old_types.contains(ty),
        _ => false,
    };
    for (key, before) in &old.entries {
        match new.entries.get(key) {
            None if gone(key) => {}
            None => {
                let (severity, description) = match item(key) {
                    Item::Operation(name) => match renamed.get(key.as_str()) {
                        Some(new_key) => {
                            let new_name = new_key.trim_start_matches("operation ");
                            let after = &new.entries[*new_key].value;
                            let signature = if *after == before.value {
                                String::new()
                            } else {
                                format!(
                                    "; its signature changed from `{}` to `{after}`",
                                    before.value
                                )
                            };
                            (
                                Severity::Breaking,
                                format!("`{name}` is now `{new_name}`{signature}"),
                            )
                        }
                        None => (
                            Severity::Breaking,
                            format!("operation `{name}` removed (was `{}`)", before.value),
                        ),
                    },
                    Item::Type(name) => (Severity::Breaking, format!("type `{name}` removed")),
                    Item::Field(_) | Item::Variant(_) => (
                        Severity::Breaking,
                        format!("`{}` removed (was `{}`)", member(key), before.value),
                    ),
                    Item::Scheme => (
                        Severity::Breaking,
                        format!("security scheme removed: `{}`", before.value),
                    ),
                    Item::Server => (Severity::Notice, "the server is gone".to_owned()),
                    Item::Wire(name) => (
                        Severity::Notice,
                        format!(
                            "`{name}` now sends its parameters in their locations' default \
                             styles (was {})",
                            before.value
                        ),
                    ),
                    Item::Pages(name) => (
                        Severity::Breaking,
                        format!(
                            "`{name}` no longer pages: `{name}_stream` and `{name}_pages` are gone"
                        ),
                    ),
                    Item::Endpoint(_) | Item::Security(_) => continue,
                };
                change(severity, key, description, &before.place);
            }
            Some(after) if after.value == before.value => {}
            // Arguments are positional: renaming one changes nothing for a caller.
            Some(after)
                if matches!(item(key), Item::Operation(_))
                    && argument_types(&after.value) == argument_types(&before.value) => {}
            Some(after) => {
                let (severity, description) = match item(key) {
                    Item::Operation(name) => (
                        Severity::Breaking,
                        format!(
                            "`{name}` changed signature: `{}` → `{}`",
                            before.value, after.value
                        ),
                    ),
                    Item::Endpoint(name) => (
                        Severity::Notice,
                        format!(
                            "`{name}` now calls `{}` (was `{}`)",
                            after.value, before.value
                        ),
                    ),
                    Item::Wire(name) => (
                        Severity::Notice,
                        format!(
                            "`{name}` now sends its parameters as {} (was {})",
                            after.value, before.value
                        ),
                    ),
                    Item::Security(name) => (
                        Severity::Notice,
                        format!(
                            "`{name}` now accepts {} (was {})",
                            after.value, before.value
                        ),
                    ),
                    Item::Pages(name) => {
                        let item_type =
                            |v: &str| v.split(';').next().unwrap_or_default().to_owned();
                        let severity = if item_type(&after.value) == item_type(&before.value) {
                            Severity::Notice
                        } else {
                            Severity::Breaking
                        };
                        (
                            severity,
                            format!(
                                "`{name}` now pages as {} (was {})",
                                after.value, before.value
                            ),
                        )
                    }
                    Item::Type(name) => {
                        let kind = |v: &str| v.trim_end_matches(", sent in requests").to_owned();
                        if kind(&before.value) == kind(&after.value) {
                            let now = if after.value.ends_with("sent in requests") {
                                "is now sent in requests"
                            } else {
                                "is no longer sent in requests"
                            };
                            (Severity::Notice, format!("type `{name}` {now}"))
                        } else {
                            (
                                Severity::Breaking,
                                format!(
                                    "type `{name}` is now a {} (was a {})",
                                    kind(&after.value),
                                    kind(&before.value)
                                ),
                            )
                        }
                    }
                    Item::Field(_) => {
                        let ty = |v: &str| v.split(" as ").next().unwrap_or(v).to_owned();
                        if ty(&before.value) == ty(&after.value) {
                            (
                                Severity::Notice,
                                format!(
                                    "`{}` is now `{}` (was `{}`)",
                                    member(key),
                                    after.value,
                                    before.value
                                ),
                            )
                        } else {
                            (
                                Severity::Breaking,
                                format!(
                                    "`{}` changed type: `{}` → `{}`",
                                    member(key),
                                    ty(&before.value),
                                    ty(&after.value)
                                ),
                            )
                        }
                    }
                    Item::Variant(ty) => {
                        let types = |v: &str| !v.starts_with('"');
                        let severity = if types(&after.value) {
                            Severity::Breaking
                        } else {
                            Severity::Notice
                        };
                        (
                            severity,
                            format!(
                                "`{}` of `{ty}` is now `{}` (was `{}`)",
                                member(key),
                                after.value,
                                before.value
                            ),
                        )
                    }
                    Item::Server => (
                        Severity::Notice,
                        format!(
                            "the server is now `{}` (was `{}`)",
                            after.value, before.value
                        ),
                    ),
                    Item::Scheme => (
                        Severity::Notice,
                        format!(
                            "security scheme `{}` is now: {} (was: {})",
                            key.trim_start_matches("scheme "),
                            after.value,
                            before.value
                        ),
                    ),
                };
                change(severity, key, description, &after.place);
            }
        }
    }
    let requests: BTreeSet<&str> = new
        .entries
        .iter()
        .filter(|(k, e)| matches!(item(k), Item::Type(_)) && e.value.ends_with("sent in requests"))
        .map(|(k, _)| k.trim_start_matches("type "))
        .collect();
    for (key, after) in &new.entries {
        if old.entries.contains_key(key) || fresh(key) {
            continue;
        }
        let (severity, description) = match item(key) {
            Item::Operation(name) => {
                if renamed.values().any(|k| k == key) {
                    continue;
                }
                (
                    Severity::Additive,
                    format!("new operation `{name}`: `{}`", after.value),
                )
            }
            Item::Type(name) => (Severity::Additive, format!("new type `{name}`")),
            Item::Field(ty) if after.value.ends_with(", required") && requests.contains(ty) => (
                Severity::Notice,
                format!(
                    "new required field `{}` in a request body: `{}`",
                    member(key),
                    after.value
                ),
            ),
            Item::Field(_) | Item::Variant(_) => (
                Severity::Additive,
                format!("new `{}`: `{}`", member(key), after.value),
            ),
            Item::Scheme => (
                Severity::Additive,
                format!(
                    "new security scheme `{}`: {}",
                    key.trim_start_matches("scheme "),
                    after.value
                ),
            ),
            Item::Server => (
                Severity::Notice,
                format!("the server is now `{}`", after.value),
            ),
            Item::Wire(name) => (
                Severity::Notice,
                format!(
                    "`{name}` now sends its parameters as {} (was their locations' default \
                     styles)",
                    after.value
                ),
            ),
            Item::Pages(name) => (
                Severity::Additive,
                format!("`{name}` pages: {}", after.value),
            ),
            Item::Endpoint(_) | Item::Security(_) => continue,
        };
        change(severity, key, description, &after.place);
    }
    changes.sort_by(|a, b| (a.severity, &a.item).cmp(&(b.severity, &b.item)));
    ApiChanges { changes }
}

fn keys_of(record: &ApiRecord, keep: impl Fn(Item) -> bool) -> BTreeSet<&str> {
    record
        .entries
        .keys()
        .filter(|k| keep(item(k)))
        .map(|k| k.trim_start_matches("type "))
        .collect()
}

/// An operation's signature without its argument names: `fn(i64, &Body) -> T; errors: E`.
fn argument_types(signature: &str) -> String {
    let Some((args, rest)) = signature
        .strip_prefix("fn(")
        .and_then(|s| s.split_once(") -> "))
    else {
        return signature.to_owned();
    };
    let types: Vec<&str> = args
        .split(", ")
        .map(|arg| arg.split_once(": ").map_or(arg, |(_, ty)| ty))
        .collect();
    format!("fn({}) -> {rest}", types.join(", "))
}

/// `Type.field` or `Type::Variant` from a record key.
fn member(key: &str) -> &str {
    key.trim_start_matches("type ")
}
