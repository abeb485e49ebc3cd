//! Reading the normalized document into the `openapiv3` model.
//!
//! `openapiv3` flattens several maps (paths, responses, schema keywords), which hides
//! where in them a value failed to parse. On failure, the document's structure is checked
//! piece by piece so that the error names the innermost object that is wrong.

use openapiv3::{
    Header, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme,
};
use serde::de::{Deserialize, DeserializeOwned};
use serde_json::Value;

use crate::error::{Diagnostic, Pointer, Result};

/// Parses the document, or names the innermost object that does not parse.
pub(crate) fn parse(document: &Value) -> Result<OpenAPI> {
    OpenAPI::deserialize(document)
        .map_err(|error| locate(document).unwrap_or_else(|| diagnostic(&Pointer::root(), &error)))
}

fn diagnostic(at: &Pointer, error: &serde_json::Error) -> Diagnostic {
    Diagnostic::at(at, format!("invalid document: {error}"))
}

/// The error of parsing `value` as a `T`, if it does not parse.
///
/// Every value is read through `&Value`, so that the model's deserializers are compiled
/// once.
fn check<T: DeserializeOwned>(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    T::deserialize(value)
        .err()
        .map(|error| diagnostic(at, &error))
}

/// The members of an object or array, with their pointers.
fn entries<'v>(value: &'v Value, at: &Pointer) -> Vec<(&'v Value, Pointer)> {
    match value {
        Value::Object(object) => object
            .iter()
            .map(|(key, child)| (child, at.push(key)))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, child)| (child, at.push(i)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The members of `value[key]`, with their pointers.
fn members<'v>(value: &'v Value, key: &str, at: &Pointer) -> Vec<(&'v Value, Pointer)> {
    value
        .get(key)
        .map(|child| entries(child, &at.push(key)))
        .unwrap_or_default()
}

fn locate(document: &Value) -> Option<Diagnostic> {
    let root = Pointer::root();
    if let Some(found) = members(document, "paths", &root)
        .into_iter()
        .find_map(|(item, at)| {
            check::<ReferenceOr<PathItem>>(item, &at).map(|e| path_item(item, &at).unwrap_or(e))
        })
    {
        return Some(found);
    }
    let components = root.push("components");
    let section = |name: &str| match document.get("components") {
        Some(c) => members(c, name, &components),
        None => Vec::new(),
    };
    section("schemas")
        .into_iter()
        .find_map(|(value, at)| schema(value, &at))
        .or_else(|| {
            section("parameters")
                .into_iter()
                .find_map(|(v, at)| parameter(v, &at))
        })
        .or_else(|| {
            section("responses")
                .into_iter()
                .find_map(|(v, at)| response(v, &at))
        })
        .or_else(|| {
            section("requestBodies")
                .into_iter()
                .find_map(|(v, at)| request_body(v, &at))
        })
        .or_else(|| {
            section("headers")
                .into_iter()
                .find_map(|(v, at)| check::<ReferenceOr<Header>>(v, &at))
        })
        .or_else(|| {
            section("securitySchemes")
                .into_iter()
                .find_map(|(v, at)| check::<ReferenceOr<SecurityScheme>>(v, &at))
        })
}

fn path_item(item: &Value, at: &Pointer) -> Option<Diagnostic> {
    members(item, "parameters", at)
        .into_iter()
        .find_map(|(value, at)| parameter(value, &at))
        .or_else(|| {
            [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ]
            .iter()
            .filter_map(|method| item.get(*method).map(|op| (op, at.push(method))))
            .find_map(|(op, at)| {
                check::<Operation>(op, &at).map(|e| operation(op, &at).unwrap_or(e))
            })
        })
}

fn operation(op: &Value, at: &Pointer) -> Option<Diagnostic> {
    members(op, "parameters", at)
        .into_iter()
        .find_map(|(value, at)| parameter(value, &at))
        .or_else(|| {
            op.get("requestBody")
                .and_then(|b| request_body(b, &at.push("requestBody")))
        })
        .or_else(|| {
            let responses = at.push("responses");
            let found = members(op, "responses", at)
                .into_iter()
                .find_map(|(value, at)| response(value, &at));
            found.or_else(|| {
                op.get("responses")
                    .and_then(|r| check::<openapiv3::Responses>(r, &responses))
            })
        })
}

fn parameter(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    let error = check::<ReferenceOr<Parameter>>(value, at)?;
    Some(
        value
            .get("schema")
            .and_then(|s| schema(s, &at.push("schema")))
            .unwrap_or(error),
    )
}

fn request_body(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    let error = check::<ReferenceOr<RequestBody>>(value, at)?;
    Some(content(value, at).unwrap_or(error))
}

fn response(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    let error = check::<ReferenceOr<Response>>(value, at)?;
    Some(content(value, at).unwrap_or(error))
}

fn content(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    members(value, "content", at)
        .into_iter()
        .find_map(|(media, at)| {
            media
                .get("schema")
                .and_then(|s| schema(s, &at.push("schema")))
        })
}

/// The innermost schema under `value` that does not parse.
fn schema(value: &Value, at: &Pointer) -> Option<Diagnostic> {
    let error = check::<ReferenceOr<Schema>>(value, at)?;
    let children = ["properties", "allOf", "oneOf", "anyOf"]
        .iter()
        .flat_map(|key| members(value, key, at))
        .chain(
            ["items", "not", "additionalProperties"]
                .iter()
                .filter_map(|key| {
                    value
                        .get(*key)
                        .filter(|v| v.is_object())
                        .map(|v| (v, at.push(key)))
                }),
        )
        .collect::<Vec<_>>();
    Some(
        children
            .into_iter()
            .find_map(|(child, at)| schema(child, &at))
            .unwrap_or(error),
    )
}
