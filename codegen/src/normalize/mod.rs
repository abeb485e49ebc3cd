//! Rewrites OpenAPI 3.1 (JSON Schema 2020-12) constructs into their OpenAPI 3.0 form, so
//! that the `openapiv3` model can read any 3.x document.
//!
//! Only schema positions are rewritten: examples, defaults and extensions are left as
//! they are, and property names such as `const` or `type` are never taken for keywords.
//!
//! | 3.1                                   | 3.0                                        |
//! |---------------------------------------|--------------------------------------------|
//! | `type: [T, 'null']`                   | `type: T, nullable: true`                  |
//! | `type: [A, B]`                        | `oneOf: [{type: A}, {type: B}]`            |
//! | `type: 'null'`                        | `nullable: true`                           |
//! | `oneOf: [X, {type: 'null'}]`          | `allOf: [X], nullable: true`               |
//! | `$ref` with sibling keywords          | `allOf: [{$ref}]` with the siblings        |
//! | `const: v`                            | `enum: [v]`                                |
//! | `examples: [a, ...]`                  | `example: a`                               |
//! | `exclusiveMinimum: n`                 | `minimum: n, exclusiveMinimum: true`       |
//! | `contentMediaType` / `contentEncoding`| `format: binary` (`contentMediaType` kept) |
//! | `true` / `false` schemas              | `{}` / `{not: {}}`                         |
//! | no `paths`                            | `paths: {}`                                |
//! | `mutualTLS` security scheme           | removed, with its name in requirements     |
//!
//! A `mutualTLS` scheme needs nothing in a request (the client certificate is set on the
//! HTTP client), so a requirement of it alone becomes `{}`: no credential to send.
//!
//! Defects that would stop the document from loading, but do not change the generated
//! client, are mended with a warning: a non-string `pattern`, `title` or `description`
//! becomes its text; operations' `callbacks` given by reference are written out in place
//! (see [`inline_callbacks`]).

use std::num::NonZeroUsize;

use foldhash::{HashMap, HashMapExt};
use serde_json::{json, Map, Value};

pub(crate) mod swagger2;

use crate::error::{Diagnostic, Pointer};

/// Where a value is, as a chain of keys built only when a warning needs it.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    key: Key<'a>,
}

#[derive(Clone, Copy)]
enum Key<'a> {
    Root,
    Name(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    const ROOT: At<'static> = At {
        parent: None,
        key: Key::Root,
    };

    fn name(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            key: Key::Name(key),
        }
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            key: Key::Index(index),
        }
    }

    fn pointer(&self) -> Pointer {
        let base = self.parent.map_or_else(Pointer::root, At::pointer);
        match self.key {
            Key::Root => base,
            Key::Name(name) => base.push(name),
            Key::Index(index) => base.push(index),
        }
    }
}

/// Normalizes a whole document in place, its large objects on up to `threads` threads;
/// returns the warnings for what was mended, in the document's order.
pub(crate) fn normalize_document(document: &mut Value, threads: NonZeroUsize) -> Vec<Diagnostic> {
    if let Value::Object(root) = document {
        root.entry("paths").or_insert_with(|| json!({}));
    }
    remove_mutual_tls(document);
    let mut warnings = Vec::new();
    inline_callbacks(document, &mut warnings);
    walk_document(document, &At::ROOT, &mut warnings, threads);
    warnings
}

/// Writes each operation's callbacks out in place: a callback, or a callback's path
/// item, given by reference (`#/components/callbacks/...`) is replaced by what it refers
/// to, which the model reads where the operation declares it; one that refers to nothing
/// in the document is left out with a warning. `components/callbacks`, read only through
/// such references, is then removed.
fn inline_callbacks(document: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let found = callback_targets(document);
    let target = |value: &Value| -> Option<Option<Value>> {
        let reference = value.get("$ref")?.as_str()?;
        Some(found.get(reference).cloned().flatten())
    };
    let Some(Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else { continue };
        for (method, operation) in item.iter_mut() {
            let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") else {
                continue;
            };
            let at = Pointer::root()
                .push("paths")
                .push(path)
                .push(method)
                .push("callbacks");
            callbacks.retain(|name, callback| {
                let mut unresolved = |at: &Pointer| {
                    warnings.push(Diagnostic::at(
                        at,
                        "the reference names nothing in the document; the callback is left out",
                    ));
                    false
                };
                match target(callback) {
                    Some(Some(found)) => *callback = found,
                    Some(None) => return unresolved(&at.push(name)),
                    None => {}
                }
                let Value::Object(expressions) = callback else {
                    return true;
                };
                expressions.retain(|expression, item| match target(item) {
                    Some(Some(found)) => {
                        *item = found;
                        true
                    }
                    Some(None) => unresolved(&at.push(name).push(expression)),
                    None => true,
                });
                true
            });
        }
    }
    if let Some(Value::Object(components)) = document.get_mut("components") {
        components.remove("callbacks");
    }
}

/// What each reference among the operations' callbacks (and their path items) names in
/// the document as it is before any is written out, by reference; `None` for a reference
/// that names nothing.
fn callback_targets(document: &Value) -> HashMap<String, Option<Value>> {
    let reference = |value: &Value| value.get("$ref")?.as_str().map(str::to_owned);
    let resolve = |reference: &str| {
        reference
            .strip_prefix('#')
            .and_then(|pointer| document.pointer(pointer))
            .cloned()
    };
    let mut found: HashMap<String, Option<Value>> = HashMap::new();
    let operations = document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values().filter_map(Value::as_object))
        .flat_map(|item| item.values());
    for callbacks in operations.filter_map(|op| op.get("callbacks")?.as_object()) {
        for callback in callbacks.values() {
            let callback = match reference(callback) {
                Some(reference) => found
                    .entry(reference)
                    .or_insert_with_key(|reference| resolve(reference))
                    .clone(),
                None => Some(callback.clone()),
            };
            let Some(Value::Object(expressions)) = callback else {
                continue;
            };
            for reference in expressions.values().filter_map(reference) {
                found
                    .entry(reference)
                    .or_insert_with_key(|reference| resolve(reference));
            }
        }
    }
    found
}

/// Removes `mutualTLS` security schemes, and their names from security requirements.
fn remove_mutual_tls(document: &mut Value) {
    let Some(Value::Object(schemes)) = document.pointer_mut("/components/securitySchemes") else {
        return;
    };
    let mutual: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    if mutual.is_empty() {
        return;
    }
    schemes.retain(|name, _| !mutual.contains(name));
    let strip = |requirements: Option<&mut Value>| {
        if let Some(Value::Array(requirements)) = requirements {
            for requirement in requirements.iter_mut().filter_map(Value::as_object_mut) {
                requirement.retain(|name, _| !mutual.contains(name));
            }
        }
    };
    strip(document.get_mut("security"));
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for operation in item.values_mut() {
                strip(operation.get_mut("security"));
            }
        }
    }
}

/// Walks the non-schema part of a document, normalizing every schema it holds.
fn walk_document(
    value: &mut Value,
    at: &At,
    warnings: &mut Vec<Diagnostic>,
    threads: NonZeroUsize,
) {
    match value {
        Value::Object(object) => each_member(
            object,
            at,
            warnings,
            threads,
            |key, child, at, warnings, threads| match key {
                "schema" => normalize_schema(child, at, warnings),
                "schemas" => {
                    if let Value::Object(schemas) = child {
                        each_member(
                            schemas,
                            at,
                            warnings,
                            threads,
                            |_, schema, at, warnings, _| normalize_schema(schema, at, warnings),
                        );
                    }
                }
                "example" | "examples" | "default" => {}
                key if key.starts_with("x-") => {}
                _ => walk_document(child, at, warnings, threads),
            },
        ),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk_document(item, &at.index(i), warnings, threads);
            }
        }
        _ => {}
    }
}

/// Members of an object walked on several threads, at least (the paths, the schemas of
/// a large document): fewer are not worth a thread.
const MEMBERS_APART: usize = 512;
/// Members a thread takes at a time.
const MEMBERS_PER_RUN: usize = 64;

/// `visit` done on each member of `object` (its key, its value, where it stands); the
/// members of a large object on up to `threads` threads, each visited on one, and their
/// warnings in the members' order.
fn each_member(
    object: &mut Map<String, Value>,
    at: &At,
    warnings: &mut Vec<Diagnostic>,
    threads: NonZeroUsize,
    visit: impl Fn(&str, &mut Value, &At, &mut Vec<Diagnostic>, NonZeroUsize) + Sync,
) {
    if threads.get() == 1 || object.len() < MEMBERS_APART {
        for (key, child) in object.iter_mut() {
            visit(key, child, &at.name(key), warnings, threads);
        }
        return;
    }
    let mut members: Vec<(&String, &mut Value)> = object.iter_mut().collect();
    let found = crate::parallel::map_mut(&mut members, threads, MEMBERS_PER_RUN, |(key, child)| {
        let mut found = Vec::new();
        visit(key, child, &at.name(key), &mut found, NonZeroUsize::MIN);
        found
    });
    warnings.extend(found.into_iter().flatten());
}

fn is_null_type(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null"),
        _ => false,
    }
}

/// Normalizes one schema and, recursively, the schemas inside it.
fn normalize_schema(schema: &mut Value, at: &At, warnings: &mut Vec<Diagnostic>) {
    match schema {
        Value::Bool(true) => *schema = json!({}),
        Value::Bool(false) => *schema = json!({ "not": {} }),
        _ => {}
    }
    let Value::Object(object) = schema else {
        return;
    };
    if has_anything_to_rewrite(object) {
        rewrite_schema(object, at, warnings);
    }
    normalize_children(object, at, warnings);
}

/// Whether a keyword of the schema asks [`rewrite_schema`] for a change: most schemas
/// are already in their 3.0 form, and are looked through once instead of once for each
/// keyword.
fn has_anything_to_rewrite(object: &Map<String, Value>) -> bool {
    object.iter().any(|(key, value)| match key.as_str() {
        "$ref" => object.len() > 1,
        "type" => value.is_array() || value == "null",
        "pattern" | "title" | "description" => !value.is_string(),
        "exclusiveMinimum" | "exclusiveMaximum" => value.is_number(),
        "const" | "examples" | "contentMediaType" | "contentEncoding" => true,
        "oneOf" | "anyOf" => value
            .as_array()
            .is_some_and(|branches| branches.iter().any(is_null_type)),
        _ => false,
    })
}

/// Rewrites the schema's own keywords into their 3.0 form (not its subschemas').
fn rewrite_schema(object: &mut Map<String, Value>, at: &At, warnings: &mut Vec<Diagnostic>) {
    // An `allOf` that is not a list is invalid: the `$ref` then stands alone, as 3.0 says
    // it does, and the siblings stay where references into them find them.
    let all_of_is_list = object.get("allOf").is_none_or(Value::is_array);
    if object.len() > 1 && all_of_is_list {
        if let Some(reference) = object.remove("$ref") {
            let mut all_of = vec![json!({ "$ref": reference })];
            if let Some(Value::Array(existing)) = object.remove("allOf") {
                all_of.extend(existing);
            }
            object.insert("allOf".into(), Value::Array(all_of));
        }
    }
    normalize_type(object);
    for keyword in ["pattern", "title", "description"] {
        match object.get_mut(keyword) {
            Some(Value::String(_)) | None => {}
            Some(value) => {
                let text = match &*value {
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                warnings.push(Diagnostic::at(
                    &at.name(keyword).pointer(),
                    format!("`{keyword}` must be a string, not `{value}`; read as \"{text}\""),
                ));
                *value = Value::String(text);
            }
        }
    }
    if let Some(value) = object.remove("const") {
        object.insert("enum".into(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(mut examples)) = object.remove("examples") {
        if !object.contains_key("example") && !examples.is_empty() {
            object.insert("example".into(), examples.swap_remove(0));
        }
    }
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(bound @ Value::Number(_)) = object.get(exclusive).cloned() {
            object.insert(inclusive.into(), bound);
            object.insert(exclusive.into(), Value::Bool(true));
        }
    }
    // `contentMediaType` stays: it gives a multipart file part its media type.
    let has_content_keyword =
        object.contains_key("contentMediaType") | object.remove("contentEncoding").is_some();
    if has_content_keyword && !object.contains_key("format") {
        object.insert("format".into(), json!("binary"));
    }
    for key in ["oneOf", "anyOf"] {
        normalize_null_branches(object, key);
    }
}

/// Turns type arrays and `type: 'null'` into 3.0's single type plus `nullable`.
fn normalize_type(object: &mut Map<String, Value>) {
    let types = match object.get("type") {
        Some(Value::Array(types)) => types.clone(),
        Some(Value::String(t)) if t == "null" => vec![json!("null")],
        _ => return,
    };
    object.remove("type");
    let (nulls, mut others): (Vec<Value>, Vec<Value>) =
        types.into_iter().partition(|t| t == "null");
    if !nulls.is_empty() {
        object.insert("nullable".into(), Value::Bool(true));
    }
    match others.len() {
        0 => {}
        1 => {
            object.insert("type".into(), others.swap_remove(0));
        }
        _ if object.contains_key("oneOf") => {
            // Both a type union and a `oneOf`: the `oneOf` describes the shapes.
        }
        _ => {
            let branches = others.into_iter().map(|t| json!({ "type": t })).collect();
            object.insert("oneOf".into(), Value::Array(branches));
        }
    }
}

/// Removes `{type: 'null'}` branches from `oneOf`/`anyOf`, marking the schema nullable; a
/// single remaining branch becomes `allOf: [branch]`.
fn normalize_null_branches(object: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(branches)) = object.get_mut(key) else {
        return;
    };
    let before = branches.len();
    branches.retain(|branch| !is_null_type(branch));
    if branches.len() == before {
        return;
    }
    object.insert("nullable".into(), Value::Bool(true));
    let Some(Value::Array(branches)) = object.get(key) else {
        return;
    };
    if branches.len() == 1 && !object.contains_key("allOf") {
        let branch = object.remove(key).unwrap_or_default();
        object.insert("allOf".into(), branch);
    } else if branches.is_empty() {
        object.remove(key);
    }
}

fn normalize_children(object: &mut Map<String, Value>, at: &At, warnings: &mut Vec<Diagnostic>) {
    for (key, child) in object.iter_mut() {
        let at = at.name(key);
        match key.as_str() {
            "properties" => {
                if let Value::Object(properties) = child {
                    for (name, property) in properties.iter_mut() {
                        normalize_schema(property, &at.name(name), warnings);
                    }
                }
            }
            "items" => {
                if child.is_array() {
                    // A 2020-12 tuple: 3.0 has no equivalent, so items may be anything.
                    *child = json!({});
                }
                normalize_schema(child, &at, warnings);
            }
            "additionalProperties" | "not" if child.is_object() => {
                normalize_schema(child, &at, warnings)
            }
            "allOf" | "oneOf" | "anyOf" => {
                if let Value::Array(branches) = child {
                    for (i, branch) in branches.iter_mut().enumerate() {
                        normalize_schema(branch, &at.index(i), warnings);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A schema the look-through passes is one the rewriting leaves as it is.
        #[test]
        fn schemas_with_nothing_to_rewrite_are_left_as_they_are(
            keywords in prop::collection::vec((0..20usize, 0..12usize), 0..6)
        ) {
            const KEYS: [&str; 20] = [
                "$ref", "type", "pattern", "title", "description", "exclusiveMinimum",
                "exclusiveMaximum", "const", "examples", "contentMediaType", "contentEncoding",
                "oneOf", "anyOf", "allOf", "format", "nullable", "example", "minimum",
                "properties", "x-a",
            ];
            let values = [
                json!(null), json!(true), json!(1), json!(1.5), json!("null"), json!("string"),
                json!(["string", "null"]), json!([{ "type": "null" }]),
                json!([{ "type": "string" }]), json!([{ "type": "string" }, { "type": ["null"] }]),
                json!({}), json!("#/x"),
            ];
            let schema: Map<String, Value> = keywords
                .into_iter()
                .map(|(key, value)| (KEYS[key].to_owned(), values[value].clone()))
                .collect();
            if !has_anything_to_rewrite(&schema) {
                let mut rewritten = schema.clone();
                let mut warnings = Vec::new();
                rewrite_schema(&mut rewritten, &At::ROOT, &mut warnings);
                prop_assert_eq!(rewritten, schema);
                prop_assert!(warnings.is_empty());
            }
        }
    }

    fn normalized(schema: Value) -> Value {
        let mut document = json!({ "components": { "schemas": { "s": schema } } });
        assert!(normalize_document(&mut document, NonZeroUsize::MIN).is_empty());
        document["components"]["schemas"]["s"].take()
    }

    #[test]
    fn type_arrays_with_null_become_nullable() {
        assert_eq!(
            normalized(json!({ "type": ["string", "null"], "description": "d" })),
            json!({ "type": "string", "nullable": true, "description": "d" })
        );
        assert_eq!(
            normalized(json!({ "type": ["null", "integer"] })),
            json!({ "type": "integer", "nullable": true })
        );
        assert_eq!(
            normalized(json!({ "type": ["boolean"] })),
            json!({ "type": "boolean" })
        );
        assert_eq!(
            normalized(json!({ "type": "null" })),
            json!({ "nullable": true })
        );
    }

    #[test]
    fn type_unions_become_one_of() {
        assert_eq!(
            normalized(json!({ "type": ["integer", "string", "null"] })),
            json!({ "nullable": true, "oneOf": [{ "type": "integer" }, { "type": "string" }] })
        );
    }

    #[test]
    fn null_branches_of_one_of_become_nullable() {
        assert_eq!(
            normalized(
                json!({ "oneOf": [{ "$ref": "#/components/schemas/m" }, { "type": "null" }] })
            ),
            json!({ "allOf": [{ "$ref": "#/components/schemas/m" }], "nullable": true })
        );
        assert_eq!(
            normalized(
                json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }, { "type": "null" }] })
            ),
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }], "nullable": true })
        );
    }

    #[test]
    fn json_schema_keywords_take_their_3_0_form() {
        assert_eq!(
            normalized(json!({ "const": "x" })),
            json!({ "enum": ["x"] })
        );
        assert_eq!(
            normalized(json!({ "type": "string", "examples": ["a", "b"] })),
            json!({ "type": "string", "example": "a" })
        );
        assert_eq!(
            normalized(json!({ "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10 })),
            json!({ "type": "number", "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10 })
        );
        assert_eq!(
            normalized(json!({ "type": "string", "contentMediaType": "image/png" })),
            json!({ "type": "string", "format": "binary", "contentMediaType": "image/png" })
        );
        assert_eq!(
            normalized(json!({ "$ref": "#/components/schemas/m", "description": "why" })),
            json!({ "description": "why", "allOf": [{ "$ref": "#/components/schemas/m" }] })
        );
        assert_eq!(normalized(json!(true)), json!({}));
        assert_eq!(normalized(json!(false)), json!({ "not": {} }));
    }

    #[test]
    fn nested_schemas_are_normalized_but_not_examples_or_property_names() {
        let schema = json!({
            "type": "object",
            "properties": {
                "const": { "type": ["string", "null"] },
                "tags": { "type": "array", "items": { "type": ["integer", "null"] } },
                "map": { "additionalProperties": { "const": 1 } }
            },
            "example": { "type": ["kept", "null"] }
        });
        assert_eq!(
            normalized(schema),
            json!({
                "type": "object",
                "properties": {
                    "const": { "type": "string", "nullable": true },
                    "tags": { "type": "array", "items": { "type": "integer", "nullable": true } },
                    "map": { "additionalProperties": { "enum": [1] } }
                },
                "example": { "type": ["kept", "null"] }
            })
        );
    }

    #[test]
    fn schemas_in_parameters_and_media_types_are_normalized() {
        let mut document = json!({
            "openapi": "3.1.0",
            "paths": { "/a": { "get": {
                "parameters": [{ "name": "q", "in": "query", "schema": { "type": ["string", "null"] } }],
                "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "const": 3 },
                    "examples": { "one": { "value": { "type": ["x", "null"] } } }
                } } } }
            } } }
        });
        normalize_document(&mut document, NonZeroUsize::MIN);
        let get = &document["paths"]["/a"]["get"];
        assert_eq!(
            get["parameters"][0]["schema"],
            json!({ "type": "string", "nullable": true })
        );
        let media = &get["responses"]["200"]["content"]["application/json"];
        assert_eq!(media["schema"], json!({ "enum": [3] }));
        assert_eq!(
            media["examples"]["one"]["value"],
            json!({ "type": ["x", "null"] })
        );
    }

    #[test]
    fn mutual_tls_schemes_leave_requirements_that_need_no_credential() {
        let mut document = json!({
            "openapi": "3.1.0",
            "security": [{"mtls": []}, {"key": []}],
            "paths": {"/a": {"get": {"security": [{"mtls": [], "key": []}]}}},
            "components": {"securitySchemes": {
                "mtls": {"type": "mutualTLS"},
                "key": {"type": "apiKey", "in": "header", "name": "k"}
            }}
        });
        normalize_document(&mut document, NonZeroUsize::MIN);
        assert_eq!(document["security"], json!([{}, {"key": []}]));
        assert_eq!(
            document["paths"]["/a"]["get"]["security"],
            json!([{"key": []}])
        );
        assert_eq!(
            document["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "in": "header", "name": "k"}})
        );
    }

    #[test]
    fn loading_defects_are_mended_with_a_warning_each() {
        let mut document = json!({
            "openapi": "3.0.3",
            "webhooks": {"created": {"post": {"responses": {}}}},
            "paths": {"/a": {"post": {
                "callbacks": {
                    "done": {"$ref": "#/components/callbacks/done"},
                    "lost": {"$ref": "#/components/callbacks/lost"},
                    "each": {"{$url}": {"$ref": "#/components/callbacks/done/{$url}"}}
                },
                "responses": {}
            }}},
            "components": {
                "callbacks": {"done": {"{$url}": {"post": {"responses": {}}}}},
                "schemas": {"s": {"type": "object", "properties": {
                    "timecode": {"type": "string", "pattern": 0, "title": null}
                }}}
            }
        });
        let warnings: Vec<String> = normalize_document(&mut document, NonZeroUsize::MIN)
            .into_iter()
            .map(|w| w.into_warning("api.json").to_string())
            .collect();
        assert_eq!(
            warnings,
            [
                "api.json at #/paths/~1a/post/callbacks/lost: the reference names nothing in the \
                 document; the callback is left out",
                "api.json at #/components/schemas/s/properties/timecode/pattern: `pattern` must be a \
                 string, not `0`; read as \"0\"",
                "api.json at #/components/schemas/s/properties/timecode/title: `title` must be a string, \
                 not `null`; read as \"\"",
            ]
        );
        assert_eq!(
            document["components"]["schemas"]["s"]["properties"]["timecode"],
            json!({"type": "string", "pattern": "0", "title": ""})
        );
        // Callbacks written out in place, for the model to read where they are declared.
        let done = json!({"{$url}": {"post": {"responses": {}}}});
        assert_eq!(
            document["paths"]["/a"]["post"]["callbacks"],
            json!({"done": done, "each": done})
        );
        assert!(document["components"].get("callbacks").is_none());
        assert!(document.get("webhooks").is_some());
    }

    #[test]
    fn a_missing_paths_object_is_added() {
        let mut document = json!({ "openapi": "3.1.0", "webhooks": {} });
        normalize_document(&mut document, NonZeroUsize::MIN);
        assert_eq!(document["paths"], json!({}));
    }

    /// A document whose paths and schemas are many is normalized on several threads as
    /// on one: the same document, the same warnings in the same order.
    #[test]
    fn large_objects_are_normalized_on_several_threads_as_on_one() {
        let schema = |i: usize| match i % 4 {
            0 => json!({"type": ["string", "null"], "title": i}),
            1 => json!({"type": "object", "properties": {"a": {"const": i, "pattern": i}}}),
            2 => json!({"oneOf": [{"$ref": "#/components/schemas/s0"}, {"type": "null"}]}),
            _ => json!({"type": "integer", "exclusiveMinimum": i}),
        };
        let paths: Map<String, Value> = (0..1300)
            .map(|i| {
                let operation = json!({"get": {"parameters": [{"name": "q", "in": "query",
                    "schema": schema(i)}], "responses": {"200": {"description": "ok",
                    "content": {"application/json": {"schema": schema(i + 1)}}}}}});
                (format!("/p{i}"), operation)
            })
            .collect();
        let schemas: Map<String, Value> = (0..700).map(|i| (format!("s{i}"), schema(i))).collect();
        let original = json!({"openapi": "3.1.0", "paths": paths,
            "components": {"schemas": schemas}});
        let normalized = |threads: usize| {
            let mut document = original.clone();
            let warnings: Vec<String> =
                normalize_document(&mut document, NonZeroUsize::new(threads).unwrap())
                    .into_iter()
                    .map(|w| w.into_warning("api.json").to_string())
                    .collect();
            (document, warnings)
        };
        let (one, warnings) = normalized(1);
        assert_ne!(one, original);
        // A `title` or `pattern` mended in every other schema: two in each path, one in
        // each component schema.
        assert_eq!(warnings.len(), 1300 + 700 / 2);
        for threads in [2, 3] {
            assert_eq!(normalized(threads), (one.clone(), warnings.clone()));
        }
    }
}
