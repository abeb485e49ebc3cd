//! Swagger 2.0 documents, rewritten into the OpenAPI 3.0 form the later stages read.
//!
//! | Swagger 2.0                                   | OpenAPI 3.0                                      |
//! |-----------------------------------------------|--------------------------------------------------|
//! | `host`, `basePath`, `schemes`                 | `servers` (one per scheme)                       |
//! | `x-ms-parameterized-host`                     | a server with variables                          |
//! | `definitions`, `parameters`, `responses`      | `components.schemas`, `.parameters`, `.responses`|
//! | `securityDefinitions`                         | `components.securitySchemes` (basic: `http`; oauth2 flows renamed) |
//! | a `body` parameter                            | `requestBody`, one media type per `consumes`     |
//! | `formData` parameters                         | a form or multipart `requestBody`; `type: file` a binary property |
//! | `type`, `format`, `items`... of a parameter or header | its `schema`                             |
//! | `collectionFormat` csv, ssv, pipes, multi     | `style` and `explode` (an `encoding` for form properties) |
//! | a response `schema`                           | `content`, one media type per `produces`         |
//! | `x-nullable`, `x-example`, a string `discriminator`, `type: file` | `nullable`, `example`, `{propertyName}`, binary |
//! | `x-anyOf`, `x-oneOf`, `x-not`, `x-required`, `x-discriminator`, `x-servers` | the OpenAPI 3 keywords they stand for |
//! | response `examples` of a media type without a `schema` | content of that media type |
//!
//! The `consumes` and `produces` of an operation replace the document's. Extensions stay
//! where they were. Diagnostics about the result are reported at the place in the original
//! document they come from ([`Origins`]).

use serde_json::{json, Map, Value};

use crate::error::{Diagnostic, Location, Pointer};

mod components;
mod values;

use components::{body_name, escape, sanitise, sanitise_all, Names, REFERENCES};
use values::{
    copy_extensions, header_of, lookup, lookup_mut, schema_of, security_scheme, SCHEMA_KEYWORDS,
};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Where the parts of the converted document come from in the original: pairs of
/// pointer prefixes, the converted one first.
#[derive(Debug, Default)]
pub(crate) struct Origins(Vec<(String, String)>);

impl Origins {
    fn add(&mut self, converted: &Pointer, original: &Pointer) {
        self.0.push((converted.to_string(), original.to_string()));
    }

    /// `diagnostic` with its place in the original document, and the references its
    /// message quotes as the original writes them.
    pub(crate) fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if !self.0.is_empty() {
            for (converted, original) in REFERENCES {
                diagnostic.message = diagnostic.message.replace(converted, original);
            }
        }
        if let Location::Pointer(pointer) = &diagnostic.location {
            let best = self
                .0
                .iter()
                .filter(|(converted, _)| {
                    pointer == converted
                        || pointer
                            .strip_prefix(converted.as_str())
                            .is_some_and(|rest| rest.starts_with('/'))
                })
                .max_by_key(|(converted, _)| converted.len());
            if let Some((converted, original)) = best {
                diagnostic.location =
                    Location::Pointer(format!("{original}{}", &pointer[converted.len()..]));
            }
        }
        diagnostic
    }
}

/// Rewrites the Swagger 2.0 `document` as OpenAPI 3.0; the warnings name what has no
/// OpenAPI 3 equivalent.
pub(crate) fn convert(document: &mut Value) -> (Origins, Vec<Diagnostic>) {
    let mut converter = Converter {
        origins: Origins::default(),
        warnings: Vec::new(),
        consumes: strings(&document["consumes"]),
        produces: strings(&document["produces"]),
        original: document.clone(),
        bodies: Vec::new(),
        names: Names::default(),
    };
    let Value::Object(swagger) = std::mem::take(document) else {
        return (converter.origins, converter.warnings);
    };
    *document = Value::Object(converter.document(swagger));
    (converter.origins, converter.warnings)
}

/// A parameter with its index in the list it came from.
type Indexed = (usize, Value);

struct Converter {
    origins: Origins,
    warnings: Vec<Diagnostic>,
    /// The document's default media types.
    consumes: Vec<String>,
    produces: Vec<String>,
    /// The document as written, for references to parameters.
    original: Value,
    /// Each request body made, in document order: where it is and the name a shared
    /// request body made of it takes.
    bodies: Vec<(Pointer, String)>,
    /// The components renamed.
    names: Names,
}

/// A list of strings (`consumes`, `produces`, `schemes`), or one string.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(one) => vec![one.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

impl Converter {
    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(at, message));
    }

    fn document(&mut self, mut swagger: Map<String, Value>) -> Map<String, Value> {
        let root = Pointer::root();
        let mut openapi = Map::new();
        openapi.insert("openapi".into(), json!("3.0.3"));
        for key in ["info", "tags", "externalDocs", "security"] {
            if let Some(value) = swagger.remove(key) {
                openapi.insert(key.into(), value);
            }
        }
        // OpenAPI 3 servers written as an extension, which Swagger 2.0 lacks, win.
        let servers = match swagger.remove("x-servers") {
            Some(Value::Array(servers)) => servers,
            _ => self.servers(&swagger),
        };
        if !servers.is_empty() {
            openapi.insert("servers".into(), Value::Array(servers));
        }
        let mut components = Map::new();
        // Component names as swagger2openapi writes them (OpenAPI 3 allows only letters,
        // digits, `.`, `-` and `_` in them), so that types are named the same either way.
        let mut names = std::mem::take(&mut self.names);
        if let Some(Value::Object(definitions)) = swagger.remove("definitions") {
            self.origins.add(
                &root.push("components").push("schemas"),
                &root.push("definitions"),
            );
            let keys: Vec<String> = definitions.keys().cloned().collect();
            let mut schemas = Map::new();
            for (name, schema) in definitions {
                let clean = sanitise_all(&name);
                let mut new = clean.clone();
                let mut suffix = 1;
                while new != name && (keys.contains(&new) || schemas.contains_key(&new)) {
                    suffix += 1;
                    new = format!("{clean}{suffix}");
                }
                if new != name {
                    self.origins.add(
                        &root.push("components").push("schemas").push(&new),
                        &root.push("definitions").push(&name),
                    );
                    names.schemas.insert(name, new.clone());
                }
                schemas.insert(new, schema_of(schema));
            }
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(Value::Object(parameters)) = swagger.remove("parameters") {
            let mut kept = Map::new();
            for (name, parameter) in parameters {
                let from = root.push("parameters").push(&name);
                // Body and form parameters become part of each body that refers to them.
                if matches!(parameter["in"].as_str(), Some("body" | "formData")) {
                    continue;
                }
                let new = sanitise(&name);
                let to = root.push("components").push("parameters").push(&new);
                let converted = self.parameter(parameter, &to, &from);
                if new != name {
                    names.parameters.insert(name, new.clone());
                }
                kept.insert(new, converted);
            }
            if !kept.is_empty() {
                components.insert("parameters".into(), Value::Object(kept));
            }
        }
        if let Some(Value::Object(responses)) = swagger.remove("responses") {
            let produces = self.produces.clone();
            let converted = responses
                .into_iter()
                .map(|(name, response)| {
                    let new = sanitise(&name);
                    let from = root.push("responses").push(&name);
                    let to = root.push("components").push("responses").push(&new);
                    let response = self.response(response, &produces, &to, &from);
                    if new != name {
                        names.responses.insert(name, new.clone());
                    }
                    (new, response)
                })
                .collect();
            components.insert("responses".into(), Value::Object(converted));
        }
        if let Some(Value::Object(schemes)) = swagger.remove("securityDefinitions") {
            self.origins.add(
                &root.push("components").push("securitySchemes"),
                &root.push("securityDefinitions"),
            );
            let converted = schemes
                .into_iter()
                .map(|(name, scheme)| {
                    let new = sanitise(&name);
                    if new != name {
                        self.origins.add(
                            &root.push("components").push("securitySchemes").push(&new),
                            &root.push("securityDefinitions").push(&name),
                        );
                        names.schemes.insert(name, new.clone());
                    }
                    (new, security_scheme(scheme))
                })
                .collect();
            components.insert("securitySchemes".into(), Value::Object(converted));
        }
        self.names = names;
        let paths = match swagger.remove("paths") {
            Some(Value::Object(paths)) => paths
                .into_iter()
                .map(|(path, item)| {
                    let at = root.push("paths").push(&path);
                    let item = self.path_item(item, &at);
                    (path, item)
                })
                .collect(),
            _ => Map::new(),
        };
        openapi.insert("paths".into(), Value::Object(paths));
        let shared = self.share_bodies(&mut openapi);
        if !shared.is_empty() {
            components.insert("requestBodies".into(), Value::Object(shared));
        }
        if !components.is_empty() {
            openapi.insert("components".into(), Value::Object(components));
        }
        // The document's own extensions; the rest is Swagger 2.0's alone.
        for (key, value) in swagger {
            if key.starts_with("x-") && key != "x-ms-parameterized-host" {
                openapi.insert(key, value);
            }
        }
        let mut value = Value::Object(openapi);
        self.names.rewrite(&mut value);
        match value {
            Value::Object(openapi) => openapi,
            _ => Map::new(),
        }
    }

    /// The request bodies that several operations repeat word for word, moved into
    /// shared request bodies, which the operations refer to: as swagger2openapi does, and
    /// named as it names them, so that a client generated from a document converted by it
    /// and one generated from the document itself have the same types.
    fn share_bodies(&mut self, openapi: &mut Map<String, Value>) -> Map<String, Value> {
        let mut document = Value::Object(std::mem::take(openapi));
        // The bodies by their text, in the order of their first use.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, (at, _)) in self.bodies.iter().enumerate() {
            let Some(body) = lookup(&document, at) else {
                continue;
            };
            let text = body.to_string();
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, uses)) => uses.push(index),
                None => groups.push((text, vec![index])),
            }
        }
        let mut shared = Map::new();
        let mut unnamed = 0;
        for (_, uses) in groups.into_iter().filter(|(_, uses)| uses.len() > 1) {
            let (first_at, name) = self.bodies[uses[0]].clone();
            let base = if name.is_empty() {
                unnamed += 1;
                format!("requestBody{unnamed}")
            } else {
                name
            };
            let mut name = base.clone();
            let mut suffix = 1;
            while shared.contains_key(&name) {
                suffix += 1;
                name = format!("{base}{suffix}");
            }
            let component = Pointer::root()
                .push("components")
                .push("requestBodies")
                .push(&name);
            let mut body = Value::Null;
            for &index in &uses {
                let at = &self.bodies[index].0;
                if let Some(slot) = lookup_mut(&mut document, at) {
                    let reference =
                        json!({ "$ref": format!("#/components/requestBodies/{}", escape(&name)) });
                    body = std::mem::replace(slot, reference);
                }
            }
            // Diagnostics about the shared body are about the first operation's.
            let first = first_at.to_string();
            let moved: Vec<(String, String)> = self
                .origins
                .0
                .iter()
                .filter_map(|(converted, original)| {
                    let rest = converted.strip_prefix(first.as_str())?;
                    (rest.is_empty() || rest.starts_with('/'))
                        .then(|| (format!("{component}{rest}"), original.clone()))
                })
                .collect();
            self.origins.0.extend(moved);
            shared.insert(name, body);
        }
        if let Value::Object(object) = document {
            *openapi = object;
        }
        shared
    }

    /// `host`, `basePath` and `schemes` (or Azure's `x-ms-parameterized-host`) as servers.
    fn servers(&mut self, swagger: &Map<String, Value>) -> Vec<Value> {
        let base_path = swagger
            .get("basePath")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim_end_matches('/');
        let schemes = strings(swagger.get("schemes").unwrap_or(&Value::Null));
        if let Some(host) = swagger.get("x-ms-parameterized-host") {
            let template = host["hostTemplate"].as_str().unwrap_or_default();
            let mut variables = Map::new();
            for parameter in host["parameters"].as_array().into_iter().flatten() {
                let parameter = match parameter.get("$ref").and_then(Value::as_str) {
                    Some(reference) => self.resolve(reference).unwrap_or(Value::Null),
                    None => parameter.clone(),
                };
                let Some(name) = parameter["name"].as_str() else {
                    continue;
                };
                let mut variable = Map::new();
                let default = parameter
                    .get("default")
                    .cloned()
                    .or_else(|| parameter["enum"].get(0).cloned())
                    .unwrap_or(json!("none"));
                variable.insert("default".into(), default);
                for key in ["enum", "description"] {
                    if let Some(value) = parameter.get(key) {
                        variable.insert(key.into(), value.clone());
                    }
                }
                variables.insert(name.to_owned(), Value::Object(variable));
            }
            let url = format!("{template}{base_path}");
            let prefixed = host["useSchemePrefix"].as_bool() != Some(false);
            let schemes = if prefixed && !schemes.is_empty() {
                schemes.iter().map(|s| format!("{s}://{url}")).collect()
            } else {
                vec![url]
            };
            return schemes
                .into_iter()
                .map(|url| json!({"url": url, "variables": variables}))
                .collect();
        }
        match swagger.get("host").and_then(Value::as_str) {
            Some(host) if schemes.is_empty() => {
                vec![json!({"url": format!("//{host}{base_path}")})]
            }
            Some(host) => schemes
                .iter()
                .map(|scheme| json!({"url": format!("{scheme}://{host}{base_path}")}))
                .collect(),
            None if !base_path.is_empty() => vec![json!({"url": base_path})],
            None => Vec::new(),
        }
    }

    /// The value a local reference (`#/...`) points to in the original document.
    fn resolve(&self, reference: &str) -> Option<Value> {
        lookup(&self.original, &Pointer::from_ref(reference)?).cloned()
    }

    fn path_item(&mut self, item: Value, at: &Pointer) -> Value {
        let Value::Object(mut item) = item else {
            return item;
        };
        let shared: Vec<Value> = match item.remove("parameters") {
            Some(Value::Array(parameters)) => parameters,
            _ => Vec::new(),
        };
        // Path-level body and form parameters go into each operation's body.
        let (shared_bodies, shared_others): (Vec<Indexed>, Vec<Indexed>) = shared
            .into_iter()
            .enumerate()
            .partition(|(_, p)| self.is_body(p));
        let mut converted = Map::new();
        if let Some(servers @ Value::Array(_)) = item.remove("x-servers") {
            converted.insert("servers".into(), servers);
        }
        for (key, value) in item {
            if METHODS.contains(&key.as_str()) {
                let operation = self.operation(value, &shared_bodies, &at.push(&key), at);
                converted.insert(key, operation);
            } else {
                converted.insert(key, value);
            }
        }
        if !shared_others.is_empty() {
            let parameters = shared_others
                .into_iter()
                .enumerate()
                .map(|(new, (old, parameter))| {
                    let to = at.push("parameters").push(new);
                    let from = at.push("parameters").push(old);
                    self.parameter(parameter, &to, &from)
                })
                .collect();
            converted.insert("parameters".into(), Value::Array(parameters));
        }
        Value::Object(converted)
    }

    /// Whether a parameter (or a reference to one) is a body or form parameter.
    fn is_body(&self, parameter: &Value) -> bool {
        let parameter = match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.resolve(reference).unwrap_or(Value::Null),
            None => parameter.clone(),
        };
        matches!(parameter["in"].as_str(), Some("body" | "formData"))
    }

    fn operation(
        &mut self,
        operation: Value,
        shared_bodies: &[Indexed],
        at: &Pointer,
        item_at: &Pointer,
    ) -> Value {
        let Value::Object(mut operation) = operation else {
            return operation;
        };
        let consumes = match operation.remove("consumes") {
            Some(value) => strings(&value),
            None => self.consumes.clone(),
        };
        let produces = match operation.remove("produces") {
            Some(value) => strings(&value),
            None => self.produces.clone(),
        };
        operation.remove("schemes");
        if let Some(servers @ Value::Array(_)) = operation.remove("x-servers") {
            operation.insert("servers".into(), servers);
        }
        let own: Vec<Value> = match operation.remove("parameters") {
            Some(Value::Array(parameters)) => parameters,
            _ => Vec::new(),
        };
        let mut bodies: Vec<(Value, Pointer)> = Vec::new();
        let mut parameters = Vec::new();
        let mut own_names = Vec::new();
        for (index, parameter) in own.into_iter().enumerate() {
            let from = at.push("parameters").push(index);
            let resolved = match parameter.get("$ref").and_then(Value::as_str) {
                Some(reference) => self.resolve(reference),
                None => Some(parameter.clone()),
            };
            let resolved = resolved.unwrap_or(Value::Null);
            own_names.push((
                resolved["name"].as_str().unwrap_or_default().to_owned(),
                resolved["in"].as_str().unwrap_or_default().to_owned(),
            ));
            if matches!(resolved["in"].as_str(), Some("body" | "formData")) {
                bodies.push((resolved, from));
            } else if parameter.get("$ref").is_some() {
                parameters.push(parameter);
            } else {
                let to = at.push("parameters").push(parameters.len());
                parameters.push(self.parameter(parameter, &to, &from));
            }
        }
        // Path-level ones, unless the operation overrides them.
        for (index, parameter) in shared_bodies {
            let resolved = match parameter.get("$ref").and_then(Value::as_str) {
                Some(reference) => self.resolve(reference).unwrap_or(Value::Null),
                None => parameter.clone(),
            };
            let key = (
                resolved["name"].as_str().unwrap_or_default().to_owned(),
                resolved["in"].as_str().unwrap_or_default().to_owned(),
            );
            if !own_names.contains(&key) {
                bodies.push((resolved, item_at.push("parameters").push(index)));
            }
        }
        if !parameters.is_empty() {
            operation.insert("parameters".into(), Value::Array(parameters));
        }
        let name = body_name(&bodies, &operation, at, &self.names.schemas);
        if let Some(body) = self.request_body(bodies, &consumes, at) {
            operation.insert("requestBody".into(), body);
            self.bodies.push((at.push("requestBody"), name));
        }
        if let Some(Value::Object(responses)) = operation.remove("responses") {
            let converted = responses
                .into_iter()
                .map(|(status, response)| {
                    let to = at.push("responses").push(&status);
                    let response = self.response(response, &produces, &to, &to);
                    (status, response)
                })
                .collect();
            operation.insert("responses".into(), Value::Object(converted));
        }
        Value::Object(operation)
    }

    /// A parameter other than a body or form one: its type keywords become its schema,
    /// its `collectionFormat` its style.
    fn parameter(&mut self, parameter: Value, to: &Pointer, from: &Pointer) -> Value {
        let Value::Object(mut parameter) = parameter else {
            return parameter;
        };
        if parameter.contains_key("$ref") {
            return Value::Object(parameter);
        }
        self.origins.add(&to.push("schema"), from);
        self.origins.add(to, from);
        let location = parameter
            .get("in")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(example) = parameter.remove("x-example") {
            parameter.entry("example").or_insert(example);
        }
        let format = parameter.remove("collectionFormat");
        let is_array = parameter.get("type").and_then(Value::as_str) == Some("array");
        let mut schema = Map::new();
        for keyword in SCHEMA_KEYWORDS {
            if let Some(value) = parameter.remove(keyword) {
                schema.insert(keyword.into(), value);
            }
        }
        for key in ["x-nullable"] {
            if let Some(value) = parameter.remove(key) {
                schema.insert(key.into(), value);
            }
        }
        if let Some(existing) = parameter.remove("schema") {
            // Not Swagger 2.0, but some documents say it: the schema they give.
            parameter.insert("schema".into(), schema_of(existing));
        } else {
            parameter.insert("schema".into(), schema_of(Value::Object(schema)));
        }
        if location == "path" {
            parameter.insert("required".into(), json!(true));
        }
        if is_array {
            let format = format.as_ref().and_then(Value::as_str).unwrap_or("csv");
            match (format, location.as_str()) {
                ("csv", "query" | "cookie") => {
                    parameter.insert("style".into(), json!("form"));
                    parameter.insert("explode".into(), json!(false));
                }
                ("csv", _) => {
                    parameter.insert("style".into(), json!("simple"));
                }
                ("ssv", "query") => {
                    parameter.insert("style".into(), json!("spaceDelimited"));
                }
                ("pipes", "query") => {
                    parameter.insert("style".into(), json!("pipeDelimited"));
                }
                ("multi", "query" | "cookie") => {
                    parameter.insert("style".into(), json!("form"));
                    parameter.insert("explode".into(), json!(true));
                }
                (other, location) => self.warn(
                    from,
                    format!(
                        "`collectionFormat: {other}` has no OpenAPI 3 style in the {location}; \
                         the array is sent in the location's default style"
                    ),
                ),
            }
        }
        Value::Object(parameter)
    }

    /// The request body of an operation's `body` parameter or `formData` parameters.
    fn request_body(
        &mut self,
        bodies: Vec<(Value, Pointer)>,
        consumes: &[String],
        at: &Pointer,
    ) -> Option<Value> {
        let to = at.push("requestBody");
        if let Some((body, from)) = bodies.iter().find(|(p, _)| p["in"] == "body") {
            let media: Vec<String> = if consumes.is_empty() {
                vec!["application/json".into()]
            } else {
                consumes.to_vec()
            };
            let schema = schema_of(body.get("schema").cloned().unwrap_or(json!({})));
            let mut content = Map::new();
            for media in media {
                self.origins.add(
                    &to.push("content").push(&media).push("schema"),
                    &from.push("schema"),
                );
                content.insert(media, json!({ "schema": schema.clone() }));
            }
            self.origins.add(&to, from);
            let mut request = Map::new();
            request.insert("content".into(), Value::Object(content));
            if let Some(description) = body.get("description") {
                request.insert("description".into(), description.clone());
            }
            if body["required"] == json!(true) {
                request.insert("required".into(), json!(true));
            }
            copy_extensions(body, &mut request);
            return Some(Value::Object(request));
        }
        if bodies.is_empty() {
            return None;
        }
        // Form parameters: a form, or a multipart body when the operation takes one (as it
        // must for a file).
        let files = bodies.iter().any(|(p, _)| p["type"] == "file");
        let media = if files
            || consumes
                .iter()
                .any(|m| m.starts_with("multipart/form-data"))
        {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let schema_at = to.push("content").push(media).push("schema");
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut encoding = Map::new();
        for (parameter, from) in &bodies {
            let Some(name) = parameter["name"].as_str() else {
                continue;
            };
            self.origins
                .add(&schema_at.push("properties").push(name), from);
            let mut property = Map::new();
            for keyword in SCHEMA_KEYWORDS {
                if let Some(value) = parameter.get(keyword) {
                    property.insert(keyword.into(), value.clone());
                }
            }
            for key in ["description", "x-nullable"] {
                if let Some(value) = parameter.get(key) {
                    property.insert(key.into(), value.clone());
                }
            }
            if let Some(example) = parameter.get("x-example") {
                property.insert("example".into(), example.clone());
            }
            if parameter["type"] == "file" {
                property.insert("type".into(), json!("string"));
                property.insert("format".into(), json!("binary"));
            }
            copy_extensions(parameter, &mut property);
            if parameter["type"] == "array" && media == "application/x-www-form-urlencoded" {
                // Swagger 2.0's default is `csv`: one property, its items joined by commas.
                let explode = parameter["collectionFormat"].as_str() == Some("multi");
                if !explode {
                    encoding.insert(name.to_owned(), json!({"style": "form", "explode": false}));
                }
            }
            if parameter["required"] == json!(true) {
                required.push(json!(name));
            }
            properties.insert(name.to_owned(), schema_of(Value::Object(property)));
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        let body_required = !required.is_empty();
        if body_required {
            schema.insert("required".into(), Value::Array(required));
        }
        let mut media_type = Map::new();
        media_type.insert("schema".into(), Value::Object(schema));
        if !encoding.is_empty() {
            media_type.insert("encoding".into(), Value::Object(encoding));
        }
        let mut content = Map::new();
        content.insert(media.to_owned(), Value::Object(media_type));
        let mut request = Map::new();
        request.insert("content".into(), Value::Object(content));
        if body_required {
            request.insert("required".into(), json!(true));
        }
        Some(Value::Object(request))
    }

    /// A response: its `schema` becomes content in each media type the operation
    /// produces, its headers' type keywords their schemas.
    fn response(
        &mut self,
        response: Value,
        produces: &[String],
        to: &Pointer,
        from: &Pointer,
    ) -> Value {
        let Value::Object(mut response) = response else {
            return response;
        };
        if response.contains_key("$ref") {
            return Value::Object(response);
        }
        self.origins.add(to, from);
        let mut examples = match response.remove("examples") {
            Some(Value::Object(examples)) => examples,
            _ => Map::new(),
        };
        if let Some(schema) = response.remove("schema") {
            let schema = schema_of(schema);
            let media: Vec<String> = if produces.is_empty() {
                vec!["*/*".into()]
            } else {
                produces.to_vec()
            };
            let mut content = Map::new();
            for media in media {
                self.origins.add(
                    &to.push("content").push(&media).push("schema"),
                    &from.push("schema"),
                );
                let mut entry = Map::new();
                entry.insert("schema".into(), schema.clone());
                if let Some(example) = examples.remove(&media) {
                    entry.insert("example".into(), example);
                }
                content.insert(media, Value::Object(entry));
            }
            response.insert("content".into(), Value::Object(content));
        }
        // Examples of media types without a schema: a body of that type all the same.
        for (media, example) in examples {
            if let Value::Object(content) = response
                .entry("content")
                .or_insert_with(|| Value::Object(Map::new()))
            {
                content
                    .entry(media)
                    .or_insert_with(|| json!({ "example": example }));
            }
        }
        if !response.contains_key("description") {
            response.insert("description".into(), json!(""));
        }
        if let Some(Value::Object(headers)) = response.remove("headers") {
            let converted = headers
                .into_iter()
                .filter(|(name, _)| !name.eq_ignore_ascii_case("status code"))
                .map(|(name, header)| {
                    let header_to = to.push("headers").push(&name);
                    let header_from = from.push("headers").push(&name);
                    self.origins.add(&header_to.push("schema"), &header_from);
                    (name, header_of(header))
                })
                .collect();
            response.insert("headers".into(), Value::Object(converted));
        }
        Value::Object(response)
    }
}
