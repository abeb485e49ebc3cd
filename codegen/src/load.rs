//! Reading a document's text into a JSON value and checking that it is OpenAPI 3.

use serde_json::{Map, Value};

use crate::error::{Diagnostic, Location, Pointer, Result};

/// The syntax a document is written in.
///
/// ```
/// use openapi_clientgen::Syntax;
///
/// assert_eq!(Syntax::from_file_name("spec/api.JSON"), Syntax::Json);
/// assert_eq!(Syntax::from_file_name("spec/api.yml"), Syntax::Yaml);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// YAML 1.2 (of which JSON is a subset).
    Yaml,
}

impl Syntax {
    /// The syntax a file name implies: `.json` is JSON, anything else is read as YAML
    /// (which JSON documents also are).
    pub fn from_file_name(name: &str) -> Self {
        if name.to_ascii_lowercase().ends_with(".json") {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }
}

/// Which OpenAPI 3 minor version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V3_0,
    V3_1,
}

fn document_error(message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        location: Location::Document,
        message: message.into(),
    }
}

/// Parses `text` and checks the document's root and version.
pub(crate) fn load(text: &str, syntax: Syntax) -> Result<(Value, Version)> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(document_error("the document is empty"));
    }
    if trimmed.starts_with('<') {
        return Err(document_error(
            "this is HTML or XML, not an OpenAPI document (a failed download saves an error page)",
        ));
    }
    let value = match syntax {
        Syntax::Json => parse_json(text)?,
        Syntax::Yaml => parse_yaml(text)?,
    };
    let version = check_root(&value)?;
    Ok((value, version))
}

fn parse_json(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Diagnostic {
        location: Location::Text {
            line: e.line(),
            column: e.column(),
        },
        message: format!("invalid JSON: {}", strip_position(&e.to_string())),
    })
}

fn parse_yaml(text: &str) -> Result<Value> {
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| Diagnostic {
        location: e.location().map_or(Location::Document, |l| Location::Text {
            line: l.line(),
            column: l.column(),
        }),
        message: format!("invalid YAML: {}", strip_position(&e.to_string())),
    })?;
    yaml.apply_merge()
        .map_err(|e| document_error(format!("invalid YAML merge key: {e}")))?;
    yaml_to_json(yaml, &Pointer::root())
}

/// Drops the " at line L column C" that serde errors append: the location is reported apart.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Converts YAML to JSON, turning scalar keys (`200:` in `responses`) into strings.
fn yaml_to_json(yaml: serde_yaml::Value, pointer: &Pointer) -> Result<Value> {
    use serde_yaml::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| yaml_to_json(item, &pointer.push(i)))
                .collect::<Result<_>>()?,
        ),
        Y::Mapping(mapping) => {
            let mut object = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_owned(),
                    _ => {
                        return Err(Diagnostic::at(
                            pointer,
                            "a mapping key must be a scalar (string, number or boolean)",
                        ))
                    }
                };
                let value = yaml_to_json(value, &pointer.push(&key))?;
                object.insert(key, value);
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, pointer)?,
    })
}

fn check_root(value: &Value) -> Result<Version> {
    let root = Pointer::root();
    let Some(object) = value.as_object() else {
        return Err(Diagnostic::at(
            &root,
            format!("the document must be an object, found {}", kind_of(value)),
        ));
    };
    if let Some(swagger) = object.get("swagger") {
        return Err(Diagnostic::at(
            &root.push("swagger"),
            format!(
                "Swagger {} is not supported; convert the document to OpenAPI 3 first",
                swagger.as_str().unwrap_or("2.0")
            ),
        ));
    }
    let Some(version) = object.get("openapi") else {
        return Err(Diagnostic::at(
            &root,
            "missing the `openapi` field: this does not look like an OpenAPI document",
        ));
    };
    let version_text = match version {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(Diagnostic::at(
                &root.push("openapi"),
                format!(
                    "`openapi` must be a version string, found {}",
                    kind_of(other)
                ),
            ))
        }
    };
    let mut parts = version_text.split('.');
    match (parts.next(), parts.next()) {
        (Some("3"), Some("0")) => Ok(Version::V3_0),
        (Some("3"), Some("1")) => Ok(Version::V3_1),
        _ => Err(Diagnostic::at(
            &root.push("openapi"),
            format!("unsupported OpenAPI version `{version_text}`; supported are 3.0.x and 3.1.x"),
        )),
    }
}

/// A short description of a JSON value's kind, for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str, syntax: Syntax) -> Diagnostic {
        load(text, syntax).expect_err("the document should be rejected")
    }

    #[test]
    fn reads_yaml_with_numeric_keys_as_strings() {
        let (doc, version) = load(
            "openapi: 3.1.0\npaths: {}\nresponses:\n  200: {description: ok}\n",
            Syntax::Yaml,
        )
        .unwrap();
        assert_eq!(version, Version::V3_1);
        assert_eq!(doc["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn invalid_yaml_reports_line_and_column() {
        let e = error("openapi: 3.0.0\ninfo:\n  title: [unclosed\n", Syntax::Yaml);
        assert!(
            matches!(e.location, Location::Text { line: 4, .. }),
            "{e:?}"
        );
        assert!(e.message.starts_with("invalid YAML"), "{e:?}");
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let e = error("{\n  \"openapi\": \"3.0.0\",\n  oops\n}", Syntax::Json);
        assert_eq!(e.location, Location::Text { line: 3, column: 3 });
        assert!(
            e.message.starts_with("invalid JSON: key must be a string"),
            "{e:?}"
        );
    }

    #[test]
    fn rejects_what_is_not_openapi_3() {
        let html = error("<!DOCTYPE html><html><body>502</body></html>", Syntax::Yaml);
        assert!(html.message.contains("HTML"), "{html:?}");
        assert!(error("", Syntax::Yaml).message.contains("empty"));
        assert!(error("[1, 2]", Syntax::Json)
            .message
            .contains("must be an object"));
        let swagger = error("swagger: '2.0'\n", Syntax::Yaml);
        assert_eq!(swagger.location, Location::Pointer("#/swagger".into()));
        assert!(
            swagger.message.contains("Swagger 2.0 is not supported"),
            "{swagger:?}"
        );
        assert!(error("info: {}\n", Syntax::Yaml)
            .message
            .contains("missing the `openapi` field"));
        let v4 = error("openapi: 4.0.0\n", Syntax::Yaml);
        assert!(
            v4.message.contains("unsupported OpenAPI version `4.0.0`"),
            "{v4:?}"
        );
    }
}
