//! Components' names as swagger2openapi writes them, bodies' names, and the references
//! to components rewritten from Swagger 2.0's places to OpenAPI 3's.

use foldhash::HashMap;
use serde_json::{Map, Value};

use crate::error::Pointer;

/// The name swagger2openapi gives a request body when it shares it: a `body` parameter's
/// schema's name (with `Array` for a list of them), else the operation's id and the
/// parameter's name; form parameters, the operation's id; without an id, its method and
/// path.
pub(super) fn body_name(
    bodies: &[(Value, Pointer)],
    operation: &Map<String, Value>,
    at: &Pointer,
    schemas: &HashMap<String, String>,
) -> String {
    let id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .map(sanitise_all);
    let component = |reference: &Value| {
        let reference = reference.as_str()?;
        let name = percent_decode(reference.strip_prefix("#/definitions/")?);
        Some(schemas.get(&name).cloned().unwrap_or(name))
    };
    let name = match bodies.iter().find(|(p, _)| p["in"] == "body") {
        Some((body, _)) => {
            let schema = &body["schema"];
            if let Some(name) = component(&schema["$ref"]) {
                Some(name)
            } else if let Some(name) = (schema["type"] == "array")
                .then(|| component(&schema["items"]["$ref"]))
                .flatten()
            {
                Some(format!("{name}Array"))
            } else {
                let parameter = body["name"].as_str().unwrap_or_default();
                Some(format!(
                    "{}{}",
                    id.clone().unwrap_or_default(),
                    camel_case(&format!("_{parameter}"))
                ))
            }
        }
        None => id.clone(),
    };
    let name = name.filter(|n| !n.is_empty()).unwrap_or_else(|| {
        // `method + path`, as swagger2openapi joins them.
        let mut segments = at.segments();
        let path = segments.nth(1).map(|s| s.to_string()).unwrap_or_default();
        let method = segments.next().map(|s| s.to_string()).unwrap_or_default();
        camel_case(&sanitise_all(&format!("{method}{path}")))
    });
    sanitise(&name)
}

/// swagger2openapi's `sanitise`: `[]` as `Array`, and in the first `/`-separated part,
/// each run of characters other than letters, digits, `_`, `-` and `.` as `_`.
pub(super) fn sanitise(name: &str) -> String {
    let name = name.replacen("[]", "Array", 1);
    let (first, rest) = match name.split_once('/') {
        Some((first, rest)) => (first.to_owned(), Some(rest.to_owned())),
        None => (name.clone(), None),
    };
    let mut clean = String::new();
    let mut in_run = false;
    for c in first.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            clean.push(c);
            in_run = false;
        } else if !in_run {
            clean.push('_');
            in_run = true;
        }
    }
    match rest {
        Some(rest) => format!("{clean}/{rest}"),
        None => clean,
    }
}

/// swagger2openapi's `sanitiseAll`: `/` as `_`, then [`sanitise`].
pub(super) fn sanitise_all(name: &str) -> String {
    sanitise(&name.replace('/', "_"))
}

/// swagger2openapi's `toCamelCase`: lower case, each letter after `-`, `_`, ` `, `/` or
/// `.` upper case and the separator dropped.
fn camel_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '-' | '_' | ' ' | '/' | '.') {
            if let Some(next) = chars.next() {
                out.extend(next.to_uppercase());
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `%XX` escapes decoded (as `decodeURIComponent` does for valid UTF-8).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// A JSON pointer segment escaped (`~0`, `~1`).
pub(super) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Where references to components point, in OpenAPI 3 and in Swagger 2.0.
pub(super) const REFERENCES: [(&str, &str); 3] = [
    ("#/components/schemas/", "#/definitions/"),
    ("#/components/parameters/", "#/parameters/"),
    ("#/components/responses/", "#/responses/"),
];

/// The components swagger2openapi renames, by their names in the document.
#[derive(Default)]
pub(super) struct Names {
    pub(super) schemas: HashMap<String, String>,
    pub(super) parameters: HashMap<String, String>,
    pub(super) responses: HashMap<String, String>,
    pub(super) schemes: HashMap<String, String>,
}

impl Names {
    /// Points references to their OpenAPI 3 places (`#/definitions/` to
    /// `#/components/schemas/`, `#/parameters/` and `#/responses/` to theirs) and names,
    /// and security requirements to the schemes' names.
    pub(super) fn rewrite(&self, value: &mut Value) {
        match value {
            // A JSON Reference is its `$ref` alone: Swagger 2.0 ignores what is beside it.
            Value::Object(object) if object.get("$ref").is_some_and(Value::is_string) => {
                object.retain(|key, _| key == "$ref");
                if let Some(Value::String(reference)) = object.get_mut("$ref") {
                    self.reference(reference);
                }
            }
            Value::Object(object) => {
                for (key, child) in object.iter_mut() {
                    match (key.as_str(), child) {
                        ("$ref", Value::String(reference)) => self.reference(reference),
                        ("security", Value::Array(requirements)) => {
                            for requirement in requirements.iter_mut() {
                                self.requirement(requirement);
                            }
                        }
                        (_, child) => self.rewrite(child),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.rewrite(item)),
            _ => {}
        }
    }

    pub(super) fn reference(&self, reference: &mut String) {
        for ((to, from), renamed) in
            REFERENCES
                .iter()
                .zip([&self.schemas, &self.parameters, &self.responses])
        {
            let Some(rest) = reference.strip_prefix(from) else {
                continue;
            };
            let (name, deeper) = rest.split_once('/').map_or((rest, ""), |(n, d)| (n, d));
            let decoded = percent_decode(name).replace("~1", "/").replace("~0", "~");
            let name = match renamed.get(&decoded) {
                Some(new) => escape(new),
                None => name.to_owned(),
            };
            let deeper = if deeper.is_empty() {
                String::new()
            } else {
                format!("/{deeper}")
            };
            *reference = format!("{to}{name}{deeper}");
            return;
        }
    }

    pub(super) fn requirement(&self, requirement: &mut Value) {
        if let Value::Object(object) = requirement {
            let renamed: Map<String, Value> = std::mem::take(object)
                .into_iter()
                .map(|(name, scopes)| match self.schemes.get(&name) {
                    Some(new) => (new.clone(), scopes),
                    None => (name, scopes),
                })
                .collect();
            *object = renamed;
        }
    }
}
