//! Reading the normalized document into the `openapiv3` model.
//!
//! The entries of the paths object and of each section of the components (a path item, a
//! schema...) are read one by one, on several threads, and set into the model of the
//! rest of the document: each is read from the document's own value, where `openapiv3`
//! reading the whole would first copy the paths object (which it flattens), and then each
//! entry (to try it as a reference, then as an item), into buffers. Path items,
//! responses, request bodies, parameters, headers and schemas are read by hand
//! ([`paths`], [`parameters`], [`schema`](mod@schema)), without the buffers `openapiv3`
//! fills at each level of them. What no part of a client comes from is not copied into
//! the model: the components' examples, the values of the document's own extensions
//! (kept as `null`), and the extensions of the objects read by hand but a parameter's
//! (or a header's, which shares its reading) [`SKIP_URL_ENCODING`], which the model reads
//! from its model (the others it follows, such as paging's, it reads from the document
//! itself).
//!
//! The path items are kept beside the model, as [`PathItem`]s of their parameters and
//! methods: their operations are read one at a time as the model reaches them
//! ([`operation_at`]), and dropped once modeled, so an operation the client leaves out
//! is not read at all.
//!
//! `openapiv3` flattens several maps (paths, responses, schema keywords), which hides
//! where in them a value failed to parse. On failure, the document's structure is checked
//! piece by piece so that the error names the innermost object that is wrong.

use std::num::NonZeroUsize;

use indexmap::IndexMap;
use openapiv3::{
    Callback, Header, Link, OpenAPI, Operation, Parameter, ReferenceOr, RequestBody, Response,
    Schema, SecurityScheme,
};
use serde::de::{Deserialize, DeserializeOwned};
use serde_json::{Map, Value};

use crate::error::{Diagnostic, Pointer, Result};

mod parameters;
mod paths;
mod schema;

pub(crate) use paths::PathItem;

/// The document read: `openapiv3`'s model of it, and its path items beside it.
#[derive(Debug)]
pub(crate) struct Document {
    /// The model of all but the path items: its paths object holds only its extensions.
    pub(crate) openapi: OpenAPI,
    /// The path items of the paths object, by path, in the document's order.
    pub(crate) paths: Vec<(String, ReferenceOr<PathItem>)>,
}

/// Parses the document, or names the innermost object that does not parse.
pub(crate) fn parse(document: &mut Value, threads: NonZeroUsize) -> Result<Document> {
    let taken = Taken::take(document);
    let parsed = parse_apart(document, &taken, threads);
    taken.restore(document);
    parsed.map_err(|error| locate(document).unwrap_or_else(|| diagnostic(&Pointer::root(), &error)))
}

/// Entries read between two settings into the model.
const BATCH: usize = 1024;

/// One entry of a map read apart from the document, boxed but a path item (which holds
/// little): the entries of a batch wait, all of them read, to be set into the model in
/// the document's order.
enum Entry {
    PathItem(ReferenceOr<PathItem>),
    Schema(Box<ReferenceOr<Schema>>),
    Response(Box<ReferenceOr<Response>>),
    Parameter(Box<ReferenceOr<Parameter>>),
    RequestBody(Box<ReferenceOr<RequestBody>>),
    Header(Box<ReferenceOr<Header>>),
    SecurityScheme(Box<ReferenceOr<SecurityScheme>>),
    Link(Box<ReferenceOr<Link>>),
    Callback(Box<ReferenceOr<Callback>>),
}

type Reader = fn(&Value) -> serde_json::Result<Entry>;

/// The sections of the components, and how an entry of each is read; `None` for the
/// examples, which no part of a client comes from: they are left out of the model (a
/// document's examples are often a large part of it), so a malformed one fails nothing.
const SECTIONS: [(&str, Option<Reader>); 9] = [
    (
        "schemas",
        Some(|v| entry(v, Entry::Schema, schema::reference_or)),
    ),
    (
        "responses",
        Some(|v| entry(v, Entry::Response, paths::response)),
    ),
    (
        "parameters",
        Some(|v| entry(v, Entry::Parameter, parameters::parameter)),
    ),
    ("examples", None),
    (
        "requestBodies",
        Some(|v| entry(v, Entry::RequestBody, paths::request_body)),
    ),
    (
        "headers",
        Some(|v| entry(v, Entry::Header, parameters::header)),
    ),
    (
        "securitySchemes",
        Some(|v| entry(v, Entry::SecurityScheme, delegated)),
    ),
    ("links", Some(|v| entry(v, Entry::Link, delegated))),
    ("callbacks", Some(|v| entry(v, Entry::Callback, delegated))),
];

/// A path item, read as an entry.
const PATH_ITEM: Reader = |v| read(v, paths::path_item).map(Entry::PathItem);

/// `value` read as a reference or a `T`, the entry `wrap` makes of it ([`read`]).
fn entry<T: DeserializeOwned>(
    value: &Value,
    wrap: fn(Box<ReferenceOr<T>>) -> Entry,
    by_hand: fn(&Value) -> Option<ReferenceOr<T>>,
) -> serde_json::Result<Entry> {
    read(value, by_hand).map(|item| wrap(Box::new(item)))
}

/// `value` read as a reference or a `T`: by `by_hand` where that reading is sure, else by
/// `openapiv3` whole (which copies the value to try each variant on the copy), whose
/// answer or error stands.
fn read<T: DeserializeOwned>(
    value: &Value,
    by_hand: fn(&Value) -> Option<ReferenceOr<T>>,
) -> serde_json::Result<ReferenceOr<T>> {
    match by_hand(value) {
        Some(item) => Ok(item),
        None => ReferenceOr::deserialize(value),
    }
}

/// The operation `value`, at `at`, read as `openapiv3` reads it, or the innermost object
/// in it that does not parse. A path item's operations are read as they are modeled
/// ([`PathItem`]).
pub(crate) fn operation_at(value: &Value, at: &Pointer) -> Result<Operation> {
    match paths::operation(value) {
        Some(Some(operation)) => Ok(operation),
        _ => Operation::deserialize(value)
            .map_err(|error| operation(value, at).unwrap_or_else(|| diagnostic(at, &error))),
    }
}

/// A webhook's path item, which stands outside the paths object, read as those in it
/// are.
pub(crate) fn webhook(value: &Value) -> serde_json::Result<ReferenceOr<PathItem>> {
    read(value, paths::path_item)
}

/// `value` read as `openapiv3` reads a `ReferenceOr<T>`, the reference by hand and the
/// item by its own type's reading, or `None` where either is not sure.
fn delegated<T: DeserializeOwned>(value: &Value) -> Option<ReferenceOr<T>> {
    by_hand(value, |_| field(value))
}

/// `value` read as `openapiv3` reads a `ReferenceOr<T>` whose item `read` reads from the
/// object, or `None` where this reading is not sure to agree with it: an object whose
/// `$ref` is a string is a reference, whatever else it holds; an object without `$ref`
/// is an item.
fn by_hand<T>(
    value: &Value,
    read: impl FnOnce(&Map<String, Value>) -> Option<T>,
) -> Option<ReferenceOr<T>> {
    let object = value.as_object()?;
    match object.get("$ref") {
        Some(Value::String(reference)) => Some(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        Some(_) => None,
        None => read(object).map(ReferenceOr::Item),
    }
}

/// A field of an object read by hand, read by its own type's reading, as `openapiv3`
/// reads it (`None` where that fails).
fn field<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The items of a JSON array, each read by `read`, in a list of their number (serde's
/// reading makes its lists so), or `None` if one is not read.
fn list_of<T>(value: &Value, read: impl FnMut(&Value) -> Option<T>) -> Option<Vec<T>> {
    let items = value.as_array()?;
    let mut list = Vec::with_capacity(items.len());
    for item in items.iter().map(read) {
        list.push(item?);
    }
    Some(list)
}

/// The entries of a JSON object, each value read by `read`, in a map of their number, or
/// `None` if one is not read.
fn map_of<T>(
    value: &Value,
    mut read: impl FnMut(&Value) -> Option<T>,
) -> Option<IndexMap<String, T>> {
    let entries = value.as_object()?;
    let mut map = IndexMap::with_capacity(entries.len());
    for (key, value) in entries {
        map.insert(key.clone(), read(value)?);
    }
    Some(map)
}

/// A model as text (`{:?}`, which shows every field in order, where its maps' equality
/// does not) with every object's extensions left out: the readings by hand leave them
/// out of the model, and `openapiv3` reads them.
#[cfg(test)]
fn shown_without_extensions(model: &impl std::fmt::Debug) -> String {
    const FIELD: &str = "extensions: {";
    let text = format!("{model:?}");
    let mut shown = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find(FIELD) {
        shown.push_str(&rest[..start + FIELD.len()]);
        rest = &rest[start + FIELD.len()..];
        // The brace that closes the map, past the strings in it.
        let (mut depth, mut in_string, mut escaped) = (1, false, false);
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match (in_string, c) {
                    (true, _) if escaped => escaped = false,
                    (true, '\\') => escaped = true,
                    (true, '"') | (false, '"') => in_string = !in_string,
                    (false, '{') => depth += 1,
                    (false, '}') => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(rest.len(), |(end, _)| end);
        rest = &rest[end..];
    }
    shown.push_str(rest);
    shown
}

/// `openapiv3`'s own reading of a `ReferenceOr<T>`, shown without extensions, for the
/// readings by hand to be held to.
#[cfg(test)]
fn openapiv3_reading<T: DeserializeOwned + std::fmt::Debug>(
    value: &Value,
) -> std::result::Result<String, String> {
    ReferenceOr::<T>::deserialize(value)
        .map(|item| shown_without_extensions(&item))
        .map_err(|e| e.to_string())
}

/// Holds a reading by hand to `openapiv3`'s: each of `sure` is read, and as `openapiv3`
/// reads it; each of `unsure` is left to `openapiv3`.
#[cfg(test)]
fn assert_read_as_openapiv3_reads<T: DeserializeOwned + std::fmt::Debug>(
    read: impl Fn(&Value) -> Option<ReferenceOr<T>>,
    sure: &[&str],
    unsure: &[&str],
) {
    for text in sure {
        let value: Value = serde_json::from_str(text).unwrap();
        let read = read(&value).unwrap_or_else(|| panic!("not read: {text}"));
        assert_eq!(
            Ok(shown_without_extensions(&read)),
            openapiv3_reading::<T>(&value),
            "{text}"
        );
    }
    for text in unsure {
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(read(&value).is_none(), "read: {text}");
    }
}

/// Azure's mark of a parameter whose value is sent as it is, reserved characters and all:
/// the one extension the model reads from the model, not from the document.
pub(crate) const SKIP_URL_ENCODING: &str = "x-ms-skip-url-encoding";

/// Keeps `key` among a parameter's or a header's extensions if it is the one the model
/// reads ([`SKIP_URL_ENCODING`]); the others are left out, as every other object's are.
fn extension(extensions: &mut IndexMap<String, Value>, key: &str, value: &Value) {
    if key == SKIP_URL_ENCODING {
        extensions.insert(key.to_owned(), value.clone());
    }
}

/// The maps whose entries are read apart, taken out of the document.
struct Taken {
    /// The paths object; only its paths (the keys starting with `/`) were taken: the
    /// extensions stay for `openapiv3` to read.
    paths: Option<Map<String, Value>>,
    /// Each section of the components, by index in [`SECTIONS`].
    sections: Vec<(usize, Map<String, Value>)>,
    /// The values of the document's own extensions, in order: the model keeps them as
    /// `null`, for no part of a client comes from its copy of them (the webhooks of
    /// `x-webhooks` are read from the document).
    extensions: Vec<Value>,
}

impl Taken {
    fn take(document: &mut Value) -> Taken {
        let paths = document
            .get_mut("paths")
            .and_then(Value::as_object_mut)
            .map(|paths| {
                let all = std::mem::take(paths);
                paths.extend(
                    all.iter()
                        .filter(|(key, _)| !key.starts_with('/'))
                        .map(|(key, value)| (key.clone(), value.clone())),
                );
                all
            });
        let sections = match document.get_mut("components") {
            Some(Value::Object(components)) => SECTIONS
                .iter()
                .enumerate()
                .filter_map(|(index, (name, _))| {
                    let section = components.get_mut(*name)?.as_object_mut()?;
                    Some((index, std::mem::take(section)))
                })
                .collect(),
            _ => Vec::new(),
        };
        let extensions = own_extensions(document).map(std::mem::take).collect();
        Taken {
            paths,
            sections,
            extensions,
        }
    }

    /// Puts the taken maps back where they were.
    fn restore(self, document: &mut Value) {
        if let (Some(all), Some(paths)) = (self.paths, document.get_mut("paths")) {
            *paths = Value::Object(all);
        }
        if let Some(components) = document.get_mut("components") {
            for (index, section) in self.sections {
                components[SECTIONS[index].0] = Value::Object(section);
            }
        }
        for (value, taken) in own_extensions(document).zip(self.extensions) {
            *value = taken;
        }
    }

    /// The path items taken (the other keys are the paths object's extensions).
    fn path_items(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.paths
            .iter()
            .flatten()
            .filter(|(key, _)| key.starts_with('/'))
    }

    /// The entries read apart: each with its key and how it is read.
    fn entries(&self) -> Vec<(&String, &Value, Reader)> {
        self.path_items()
            .map(|(key, value)| (key, value, PATH_ITEM))
            .chain(self.sections.iter().flat_map(|(index, section)| {
                let read = SECTIONS[*index].1;
                read.into_iter().flat_map(move |read| {
                    section.iter().map(move |(key, value)| (key, value, read))
                })
            }))
            .collect()
    }
}

/// The values of the document's own extensions (`x-...` at its root).
fn own_extensions(document: &mut Value) -> impl Iterator<Item = &mut Value> {
    document
        .as_object_mut()
        .into_iter()
        .flat_map(|root| root.iter_mut())
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(_, value)| value)
}

/// The document with its taken entries read apart and set into its model.
fn parse_apart(
    document: &Value,
    taken: &Taken,
    threads: NonZeroUsize,
) -> serde_json::Result<Document> {
    let entries = taken.entries();
    let mut openapi = OpenAPI::deserialize(document)?;
    let had_components = openapi.components.is_some();
    let mut components = openapi.components.take().unwrap_or_default();
    let mut paths = Vec::with_capacity(taken.path_items().count());
    // In batches, each set into the model before the next is read: the entries read and
    // waiting are never many beside the model.
    for batch in entries.chunks(BATCH) {
        let read = crate::parallel::map(batch, threads, || (), |(), (_, value, read)| read(value));
        for ((key, _, _), entry) in batch.iter().zip(read) {
            let key = (*key).clone();
            match entry? {
                Entry::PathItem(item) => paths.push((key, item)),
                Entry::Schema(item) => set(&mut components.schemas, key, *item),
                Entry::Response(item) => set(&mut components.responses, key, *item),
                Entry::Parameter(item) => set(&mut components.parameters, key, *item),
                Entry::RequestBody(item) => set(&mut components.request_bodies, key, *item),
                Entry::Header(item) => set(&mut components.headers, key, *item),
                Entry::SecurityScheme(item) => set(&mut components.security_schemes, key, *item),
                Entry::Link(item) => set(&mut components.links, key, *item),
                Entry::Callback(item) => set(&mut components.callbacks, key, *item),
            }
        }
    }
    openapi.components = had_components.then_some(components);
    Ok(Document { openapi, paths })
}

/// Sets `key` to `value` in the map (the keys read apart are each other's neighbours in
/// one JSON object: none is there already).
fn set<T>(map: &mut IndexMap<String, T>, key: String, value: T) {
    map.insert(key, value);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A document with every section of the components, extensions and a key that is not a
    /// path in the paths object, an extension in the components, and a reference with a
    /// sibling.
    const SECTIONS_DOCUMENT: &str = r##"{
      "openapi": "3.0.3",
      "info": {"title": "T", "version": "1"},
      "x-logo": {"url": "logo.png"},
      "paths": {
        "x-note": {"a": 1},
        "/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Ok"}}}},
        "not-a-path": {"ignored": true},
        "/b/{id}": {"$ref": "#/components/pathItems/B"}
      },
      "components": {
        "schemas": {"A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}}, "B": {"type": "string"}},
        "responses": {"Ok": {"description": "ok"}},
        "parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, "Again": {"$ref": "#/components/parameters/Id", "description": "kept beside"}},
        "examples": {"E": {"value": {"x": 1}}},
        "requestBodies": {"R": {"content": {"application/json": {"schema": {"type": "object"}}}}},
        "headers": {"H": {"schema": {"type": "integer"}}},
        "securitySchemes": {"S": {"type": "http", "scheme": "bearer"}},
        "links": {"L": {"operationId": "getA"}},
        "callbacks": {"C": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}},
        "x-extra": [1, 2]
      }
    }"##;

    fn json(value: &impl serde::Serialize) -> String {
        serde_json::to_string(value).unwrap()
    }

    /// The entries read apart make the model `openapiv3` reads from the whole document
    /// but for what it leaves out (the examples, the extensions), on one thread and on
    /// several, and the document is left as it was.
    #[test]
    fn reading_apart_makes_the_model_openapiv3_reads_whole() {
        let chatwoot = include_str!("../tests/fixtures/chatwoot-application-3.1.0.json");
        for text in [SECTIONS_DOCUMENT, chatwoot] {
            let mut original: Value = serde_json::from_str(text).unwrap();
            crate::normalize::normalize_document(&mut original, NonZeroUsize::MIN);
            let mut read = original.clone();
            if let Some(components) = read.get_mut("components").and_then(Value::as_object_mut) {
                components.remove("examples");
            }
            own_extensions(&mut read).for_each(|value| *value = Value::Null);
            let mut whole = OpenAPI::deserialize(&read).unwrap();
            let paths = std::mem::take(&mut whole.paths.paths);
            let whole = Document {
                openapi: whole,
                paths: (paths.into_iter())
                    .map(|(path, item)| match item {
                        ReferenceOr::Item(item) => (path, ReferenceOr::Item(item.into())),
                        ReferenceOr::Reference { reference } => {
                            (path, ReferenceOr::Reference { reference })
                        }
                    })
                    .collect(),
            };
            for threads in [1, 2, 3] {
                let mut document = original.clone();
                let parsed = parse(&mut document, NonZeroUsize::new(threads).unwrap()).unwrap();
                assert_eq!(
                    shown_without_extensions(&parsed),
                    shown_without_extensions(&whole)
                );
                assert_eq!(json(&document), json(&original));
            }
        }
    }

    /// The readings by hand leave the extensions out of the model, at every level, and
    /// the text the tests compare leaves them out of `openapiv3`'s model, braces and
    /// quotes in them and all.
    #[test]
    fn extensions_are_left_out() {
        let value: Value = serde_json::from_str(
            r##"{"type": "object", "x-a": {"b": "} \" {"}, "x-c": 1,
                "properties": {"p": {"type": "string", "x-d": [{}]}}}"##,
        )
        .unwrap();
        let mine = schema::reference_or(&value).unwrap();
        assert!(!format!("{mine:?}").contains("x-"), "{mine:?}");
        let theirs = ReferenceOr::<Schema>::deserialize(&value).unwrap();
        assert!(format!("{theirs:?}").contains("x-d"), "{theirs:?}");
        assert_eq!(
            shown_without_extensions(&mine),
            shown_without_extensions(&theirs)
        );
        assert!(shown_without_extensions(&mine).contains(r#""p": Item("#));
    }

    /// A bad entry read apart is located as a bad document read whole is, and the
    /// document is left as it was.
    #[test]
    fn a_bad_entry_is_located_and_the_document_left_as_it_was() {
        let mut original: Value = serde_json::from_str(SECTIONS_DOCUMENT).unwrap();
        original["components"]["schemas"]["B"]["type"] = Value::from(7);
        let mut document = original.clone();
        let error = parse(&mut document, NonZeroUsize::new(2).unwrap()).unwrap_err();
        assert_eq!(error.location.to_string(), " at #/components/schemas/B");
        assert_eq!(document, original);
    }

    /// An example no part of the client comes from fails nothing, and is left in the
    /// document.
    #[test]
    fn a_malformed_example_is_not_read() {
        let mut original: Value = serde_json::from_str(SECTIONS_DOCUMENT).unwrap();
        original["components"]["examples"]["E"]["summary"] = Value::from(7);
        assert!(OpenAPI::deserialize(&original).is_err());
        let mut document = original.clone();
        let parsed = parse(&mut document, NonZeroUsize::new(2).unwrap()).unwrap();
        assert!(parsed.openapi.components.unwrap().examples.is_empty());
        assert_eq!(document, original);
    }
}
