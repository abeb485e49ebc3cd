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
//! | `contentMediaType` / `contentEncoding`| `format: binary`                           |
//! | `true` / `false` schemas              | `{}` / `{not: {}}`                         |
//! | no `paths`                            | `paths: {}`                                |

use serde_json::{json, Map, Value};

/// Normalizes a whole document in place.
pub(crate) fn normalize_document(document: &mut Value) {
    if let Value::Object(root) = document {
        root.entry("paths").or_insert_with(|| json!({}));
    }
    walk_document(document);
}

/// Walks the non-schema part of a document, normalizing every schema it holds.
fn walk_document(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                match key.as_str() {
                    "schema" => normalize_schema(child),
                    "schemas" => {
                        if let Value::Object(schemas) = child {
                            schemas.values_mut().for_each(normalize_schema);
                        }
                    }
                    "example" | "examples" | "default" => {}
                    key if key.starts_with("x-") => {}
                    _ => walk_document(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk_document),
        _ => {}
    }
}

fn is_null_type(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null"),
        _ => false,
    }
}

/// Normalizes one schema and, recursively, the schemas inside it.
fn normalize_schema(schema: &mut Value) {
    match schema {
        Value::Bool(true) => *schema = json!({}),
        Value::Bool(false) => *schema = json!({ "not": {} }),
        _ => {}
    }
    let Value::Object(object) = schema else {
        return;
    };
    if object.len() > 1 {
        if let Some(reference) = object.remove("$ref") {
            let mut all_of = vec![json!({ "$ref": reference })];
            if let Some(Value::Array(existing)) = object.remove("allOf") {
                all_of.extend(existing);
            }
            object.insert("allOf".into(), Value::Array(all_of));
        }
    }
    normalize_type(object);
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
    let has_content_keyword =
        object.remove("contentMediaType").is_some() | object.remove("contentEncoding").is_some();
    if has_content_keyword && !object.contains_key("format") {
        object.insert("format".into(), json!("binary"));
    }
    for key in ["oneOf", "anyOf"] {
        normalize_null_branches(object, key);
    }
    normalize_children(object);
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

fn normalize_children(object: &mut Map<String, Value>) {
    for (key, child) in object.iter_mut() {
        match key.as_str() {
            "properties" => {
                if let Value::Object(properties) = child {
                    properties.values_mut().for_each(normalize_schema);
                }
            }
            "items" => {
                if child.is_array() {
                    // A 2020-12 tuple: 3.0 has no equivalent, so items may be anything.
                    *child = json!({});
                }
                normalize_schema(child);
            }
            "additionalProperties" | "not" if child.is_object() => normalize_schema(child),
            "allOf" | "oneOf" | "anyOf" => {
                if let Value::Array(branches) = child {
                    branches.iter_mut().for_each(normalize_schema);
                }
            }
            _ => {}
        }
    }
}
