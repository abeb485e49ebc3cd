//! Reading a document's text into a JSON value and checking that it is OpenAPI 3.

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
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
    /// Swagger 2.0, which the normalize stage rewrites as OpenAPI 3.0.
    Swagger2,
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
    let value = parse(text, syntax)?;
    let version = check_root(&value)?;
    Ok((value, version))
}

/// Parses `text` as JSON or YAML, without checking what it holds (an overlay, for one).
pub(crate) fn parse(text: &str, syntax: Syntax) -> Result<Value> {
    match syntax {
        Syntax::Json => parse_json(text),
        Syntax::Yaml => parse_yaml(text),
    }
}

/// Reads JSON into a `Value` as `serde_json::from_str` does, but each object and array
/// allocated once, at its length ([`Exact`]).
fn parse_json(text: &str) -> Result<Value> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut pending = Pending::default();
    let value = Exact(&mut pending)
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    value.map_err(|e| Diagnostic {
        location: Location::Text {
            line: e.line(),
            column: e.column(),
        },
        message: format!("invalid JSON: {}", strip_position(&e.to_string())),
    })
}

/// The keys and values of the objects and arrays being read, innermost last: each waits
/// here until its object or array ends.
#[derive(Default)]
struct Pending {
    keys: Vec<String>,
    values: Vec<Value>,
}

/// A JSON value read as `serde_json`'s `Value` reads it, but each object and array is
/// made at its length once it has ended, from the entries [`Pending`] holds; `Value`'s
/// own reading grows each object's entries and index, and each array, as they come (a
/// few times over for most of them: a large document has hundreds of thousands).
struct Exact<'p>(&'p mut Pending);

impl<'de> DeserializeSeed<'de> for Exact<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Exact<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    /// As `Value` reads it: a NaN or an infinity, which JSON cannot hold, would be `null`
    /// (`serde_json` reads none from text: `1E400` is an error).
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let start = self.0.values.len();
        while let Some(item) = seq.next_element_seed(Exact(&mut *self.0))? {
            self.0.values.push(item);
        }
        Ok(Value::Array(self.0.values.drain(start..).collect()))
    }

    /// A key given twice keeps its first place and its last value, as in `Value`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let (keys, values) = (self.0.keys.len(), self.0.values.len());
        while let Some(key) = map.next_key::<String>()? {
            self.0.keys.push(key);
            let value = map.next_value_seed(Exact(&mut *self.0))?;
            self.0.values.push(value);
        }
        let mut object = Map::with_capacity(self.0.keys.len() - keys);
        let entries = self.0.keys.drain(keys..).zip(self.0.values.drain(values..));
        for (key, value) in entries {
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn parse_yaml(text: &str) -> Result<Value> {
    let parsed = serde_yaml::from_str(text).or_else(|error| {
        // `"\uD83E\uDD16"`: a character beyond the Basic Multilingual Plane written as a
        // UTF-16 surrogate pair, as JSON writes it, which YAML parsers read though YAML
        // escapes single code points. Read again with each pair as one escape.
        match joined_surrogates(text) {
            Some(joined) if error.to_string().contains("Unicode") => serde_yaml::from_str(&joined),
            _ => Err(error),
        }
    });
    let yaml: Yaml = parsed.map_err(|e| Diagnostic {
        location: e.location().map_or(Location::Document, |l| Location::Text {
            line: l.line(),
            column: l.column(),
        }),
        message: format!("invalid YAML: {}", strip_position(&e.to_string())),
    })?;
    yaml_to_json(yaml, &Pointer::root())
}

/// `text` with each escaped UTF-16 surrogate pair (`\uD83E\uDD16`) as one escape
/// (`\U0001F916`); `None` when it has none.
fn joined_surrogates(text: &str) -> Option<String> {
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u32::from_str_radix(s, 16).ok())
            .flatten()
    };
    let mut joined = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find("\\u") {
        joined.push_str(&rest[..at]);
        let escape = &rest[at..];
        let pair = escape.get(..12).and_then(|e| {
            let high = hex(e.get(2..6)?)?;
            let low = hex(e.get(8..12)?)?;
            (e.get(6..8)? == "\\u"
                && (0xD800..0xDC00).contains(&high)
                && (0xDC00..0xE000).contains(&low))
            .then_some((high, low))
        });
        match pair {
            Some((high, low)) => {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                joined.push_str(&format!("\\U{code:08X}"));
                rest = &escape[12..];
                found = true;
            }
            None => {
                joined.push_str("\\u");
                rest = &escape[2..];
            }
        }
    }
    joined.push_str(rest);
    found.then_some(joined)
}

/// Drops the " at line L column C" that serde errors append: the location is reported apart.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// A YAML value as read, before it becomes JSON.
///
/// `yaml_serde`'s own `Value` rejects integers beyond 64 bits; here they become numbers
/// like any other (as in JavaScript, as floating point).
enum Yaml {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Sequence(Vec<Yaml>),
    Mapping(Vec<(Yaml, Yaml)>),
}

impl<'de> serde::Deserialize<'de> for Yaml {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> serde::de::Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Yaml, E> {
        Ok(Yaml::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Yaml, E> {
        Ok(Yaml::Number(n.into()))
    }

    fn visit_i128<E>(self, n: i128) -> Result<Yaml, E> {
        Ok(i64::try_from(n).map_or_else(|_| float(n as f64), |n| Yaml::Number(n.into())))
    }

    fn visit_u128<E>(self, n: u128) -> Result<Yaml, E> {
        Ok(u64::try_from(n).map_or_else(|_| float(n as f64), |n| Yaml::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Yaml, E> {
        Ok(float(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Yaml, E> {
        Ok(Yaml::String(s))
    }

    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Yaml::Mapping(entries))
    }

    /// A tagged value (`!tag value`): the tag is dropped.
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, variant): (serde::de::IgnoredAny, _) = data.variant()?;
        variant.newtype_variant()
    }
}

/// A floating-point number; JSON has no infinities or NaN, which become `null`.
fn float(n: f64) -> Yaml {
    serde_json::Number::from_f64(n).map_or(Yaml::Null, Yaml::Number)
}

/// Converts YAML to JSON, turning scalar keys (`200:` in `responses`) into strings and
/// applying merge keys (`<<: *defaults`): keys of the mapping itself, then of the merged
/// mappings in order, come first.
fn yaml_to_json(yaml: Yaml, pointer: &Pointer) -> Result<Value> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => Value::Number(n),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| yaml_to_json(item, &pointer.push(i)))
                .collect::<Result<_>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut object = Map::with_capacity(mapping.len());
            let mut merged = Vec::new();
            for (key, value) in mapping {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    Yaml::Null => "null".to_owned(),
                    _ => {
                        return Err(Diagnostic::at(
                            pointer,
                            "a mapping key must be a scalar (string, number or boolean)",
                        ))
                    }
                };
                let value = yaml_to_json(value, &pointer.push(&key))?;
                if key == "<<" {
                    match value {
                        Value::Object(source) => merged.push(source),
                        Value::Array(sources) => {
                            merged.extend(sources.into_iter().filter_map(|source| match source {
                                Value::Object(source) => Some(source),
                                _ => None,
                            }))
                        }
                        _ => {
                            return Err(Diagnostic::at(
                                &pointer.push("<<"),
                                "a merge key (`<<`) must refer to a mapping or a list of mappings",
                            ))
                        }
                    }
                } else {
                    object.insert(key, value);
                }
            }
            for source in merged {
                for (key, value) in source {
                    object.entry(key).or_insert(value);
                }
            }
            Value::Object(object)
        }
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
        return match swagger {
            Value::String(version) if version == "2.0" => Ok(Version::Swagger2),
            other => Err(Diagnostic::at(
                &root.push("swagger"),
                format!(
                    "unsupported Swagger version {}; supported are Swagger 2.0 and OpenAPI 3.0.x \
                     and 3.1.x",
                    other
                ),
            )),
        };
    }
    if let Some(version) = object.get("swaggerVersion") {
        return Err(Diagnostic::at(
            &root.push("swaggerVersion"),
            format!(
                "Swagger {} is not supported; supported are Swagger 2.0 and OpenAPI 3.0.x and \
                 3.1.x (convert a Swagger 1.x document with a tool such as swagger-converter)",
                version
                    .as_str()
                    .map_or_else(|| version.to_string(), str::to_owned)
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
    use proptest::prelude::*;

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
    fn reads_yaml_numbers_of_any_size_and_merge_keys() {
        let (doc, _) = load(
            "openapi: 3.0.3\nbig: -9223372036854776000\nhuge: 340282366920938463463374607431768211455\n\
             small: -12\nfloat: 1.5\ntagged: !custom 7\n\
             base: &base {a: 1, b: 2}\nmerged: {<<: *base, b: 3}\nmany: {<<: [{x: 1}, {x: 2, y: 2}]}\n",
            Syntax::Yaml,
        )
        .unwrap();
        assert_eq!(doc["big"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(doc["huge"].as_f64(), Some(3.402823669209385e38));
        assert_eq!(doc["small"].as_i64(), Some(-12));
        assert_eq!(doc["float"].as_f64(), Some(1.5));
        assert_eq!(doc["tagged"].as_i64(), Some(7));
        assert_eq!(doc["merged"], serde_json::json!({"b": 3, "a": 1}));
        assert_eq!(doc["many"], serde_json::json!({"x": 1, "y": 2}));
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
        let swagger = error("swagger: '1.5'\n", Syntax::Yaml);
        assert_eq!(swagger.location, Location::Pointer("#/swagger".into()));
        assert!(
            swagger
                .message
                .contains("unsupported Swagger version \"1.5\""),
            "{swagger:?}"
        );
        let (_, version) = load("swagger: '2.0'\n", Syntax::Yaml).unwrap();
        assert_eq!(version, Version::Swagger2);
        assert!(error("info: {}\n", Syntax::Yaml)
            .message
            .contains("missing the `openapi` field"));
        let v4 = error("openapi: 4.0.0\n", Syntax::Yaml);
        assert!(
            v4.message.contains("unsupported OpenAPI version `4.0.0`"),
            "{v4:?}"
        );
    }

    #[test]
    fn surrogate_pairs_in_yaml_escapes_read_as_their_character() {
        let value = parse_yaml("text: \"robot \\uD83E\\uDD16 and \\u00e9\"\n").unwrap();
        assert_eq!(value["text"], "robot \u{1F916} and \u{e9}");
        // A lone half is still an error, located.
        assert!(parse_yaml("text: \"\\uD83E\"\n").is_err());
        assert_eq!(joined_surrogates("no escapes"), None);
        assert_eq!(joined_surrogates("\\uD83E\\u0041").as_deref(), None);
    }

    /// JSON text of any shape: objects whose keys may repeat, strings with escapes,
    /// numbers of every kind JSON text writes.
    fn json_text() -> impl Strategy<Value = String> {
        let number = prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |n| n.is_finite())
                .prop_map(|n| format!("{n:e}")),
            Just("-0".to_owned()),
            Just("1E400".to_owned()),
            Just("123456789012345678901234567890".to_owned()),
        ];
        let string = any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap());
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("false".to_owned()),
            number,
            string,
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                proptest::collection::vec(("[ab\\\"é]{0,2}", inner), 0..6).prop_map(|entries| {
                    let entries: Vec<String> = entries
                        .iter()
                        .map(|(key, value)| {
                            format!("{}: {value}", serde_json::to_string(key).unwrap())
                        })
                        .collect();
                    format!("{{{}}}", entries.join(",\n"))
                }),
            ]
        })
    }

    proptest! {
        /// The reading is `serde_json`'s: the same value, its keys in the same order, or
        /// the same error at the same place, for the text and for every cut of it.
        #[test]
        fn json_is_read_as_serde_json_reads_it(text in json_text(), cut in any::<prop::sample::Index>()) {
            let mut cut = cut.index(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            for text in [text.as_str(), &text[..cut]] {
                let ours = parse_json(text);
                match serde_json::from_str::<Value>(text) {
                    Ok(theirs) => {
                        let ours = ours.expect("serde_json reads it");
                        prop_assert_eq!(&ours, &theirs);
                        prop_assert_eq!(ours.to_string(), theirs.to_string());
                    }
                    Err(e) => {
                        let ours = ours.expect_err("serde_json rejects it");
                        prop_assert_eq!(
                            ours.location,
                            Location::Text { line: e.line(), column: e.column() }
                        );
                        prop_assert_eq!(ours.message, format!("invalid JSON: {}", strip_position(&e.to_string())));
                    }
                }
            }
        }
    }
}
