//! Rewrites of single values: schemas, headers, security schemes and extensions, and
//! looking values up by pointer.

use crate::error::Pointer;
use serde_json::{json, Map, Value};

/// The keywords a Swagger 2.0 parameter, header or items object shares with a schema.
pub(super) const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

pub(super) fn lookup<'v>(value: &'v Value, at: &Pointer) -> Option<&'v Value> {
    at.segments().try_fold(value, |value, segment| match value {
        Value::Object(object) => object.get(segment.as_ref()),
        Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

pub(super) fn lookup_mut<'v>(value: &'v mut Value, at: &Pointer) -> Option<&'v mut Value> {
    at.segments().try_fold(value, |value, segment| match value {
        Value::Object(object) => object.get_mut(segment.as_ref()),
        _ => None,
    })
}

/// A response header: its type keywords become its schema.
pub(super) fn header_of(header: Value) -> Value {
    let Value::Object(mut header) = header else {
        return header;
    };
    if header.contains_key("$ref") {
        return Value::Object(header);
    }
    let mut schema = Map::new();
    for keyword in SCHEMA_KEYWORDS {
        if let Some(value) = header.remove(keyword) {
            schema.insert(keyword.into(), value);
        }
    }
    header.remove("collectionFormat");
    header.insert("schema".into(), schema_of(Value::Object(schema)));
    Value::Object(header)
}

/// A security scheme: `basic` becomes HTTP basic, oauth2's one flow its `flows`.
pub(super) fn security_scheme(scheme: Value) -> Value {
    let Value::Object(mut scheme) = scheme else {
        return scheme;
    };
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => {
            scheme.insert("type".into(), json!("http"));
            scheme.insert("scheme".into(), json!("basic"));
        }
        Some("oauth2") => {
            let flow = scheme.remove("flow");
            let name = match flow.as_ref().and_then(Value::as_str) {
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                Some("password") => "password",
                _ => "implicit",
            };
            let mut settings = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.remove(key) {
                    settings.insert(key.into(), url);
                }
            }
            let scopes = scheme.remove("scopes").unwrap_or(json!({}));
            settings.insert("scopes".into(), scopes);
            scheme.insert("flows".into(), json!({ name: settings }));
            scheme.remove("name");
        }
        _ => {}
    }
    Value::Object(scheme)
}

/// The extensions (`x-...`) of `from`, copied to `to`.
pub(super) fn copy_extensions(from: &Value, to: &mut Map<String, Value>) {
    for (key, value) in from.as_object().into_iter().flatten() {
        if key.starts_with("x-") && key != "x-nullable" && key != "x-example" {
            to.insert(key.clone(), value.clone());
        }
    }
}

/// A Swagger 2.0 schema as an OpenAPI 3.0 one: `x-nullable` is `nullable`, a string
/// `discriminator` names the property, `type: file` is binary; recursively.
pub(super) fn schema_of(schema: Value) -> Value {
    let Value::Object(mut schema) = schema else {
        return schema;
    };
    if let Some(nullable) = schema.remove("x-nullable") {
        if nullable.is_boolean() {
            schema.insert("nullable".into(), nullable);
        }
    }
    // OpenAPI 3 keywords written as extensions, which Swagger 2.0 lacks.
    for keyword in ["anyOf", "oneOf", "not"] {
        if let Some(value) = schema.remove(&format!("x-{keyword}")) {
            schema.entry(keyword).or_insert(value);
        }
    }
    if let Some(Value::Array(names)) = schema.remove("x-required") {
        if let Value::Array(required) = schema.entry("required").or_insert(json!([])) {
            required.extend(names);
        }
    }
    if let Some(mut discriminator) = schema.remove("x-discriminator") {
        if discriminator["propertyName"].is_string() {
            for target in discriminator["mapping"]
                .as_object_mut()
                .into_iter()
                .flatten()
            {
                if let Value::String(reference) = target.1 {
                    if let Some(name) = reference.strip_prefix("#/definitions/") {
                        *reference = format!("#/components/schemas/{name}");
                    }
                }
            }
            schema.insert("discriminator".into(), discriminator);
        }
    }
    if let Some(Value::String(property)) = schema.get("discriminator") {
        let property = property.clone();
        schema.insert("discriminator".into(), json!({ "propertyName": property }));
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), json!("string"));
        schema.insert("format".into(), json!("binary"));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.remove(key) {
            let child = match child {
                Value::Array(items) if key == "items" => match items.len() {
                    0 => json!({}),
                    1 => schema_of(items.into_iter().next().unwrap_or_default()),
                    _ => json!({"anyOf": items.into_iter().map(schema_of).collect::<Vec<_>>()}),
                },
                Value::Bool(flag) => Value::Bool(flag),
                child => schema_of(child),
            };
            schema.insert(key.into(), child);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = schema.remove(key) {
            schema.insert(
                key.into(),
                Value::Array(parts.into_iter().map(schema_of).collect()),
            );
        }
    }
    if let Some(Value::Object(properties)) = schema.remove("properties") {
        let properties = properties
            .into_iter()
            .map(|(name, property)| (name, schema_of(property)))
            .collect();
        schema.insert("properties".into(), Value::Object(properties));
    }
    if schema.get("type").and_then(Value::as_str) == Some("array") && !schema.contains_key("items")
    {
        schema.insert("items".into(), json!({}));
    }
    Value::Object(schema)
}
