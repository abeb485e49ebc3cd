//! A path item, and the request bodies and responses, read from the document's value as
//! `openapiv3` reads them, without its copies and without their extensions; a path item
//! into a [`PathItem`] of its own, which keeps only what the model reads of it.
//!
//! `openapiv3` reads each of these objects as a struct with flattened extensions behind
//! an untagged reference, so serde copies every response, request body and schema into a
//! buffer before reading it, and again what is inside. Here the objects on the way to the
//! schemas are read key by key; every field is still read by its own type's reading (a
//! string, a list of servers), so it means what it means to `openapiv3`.
//! Where a value is not one this reading is sure of (a `null` where `openapiv3` wants an
//! object, a missing required field, a field its type does not read) it gives up, and the
//! caller reads the value with `openapiv3`, whose answer or error stands.

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Operation, Parameter, ReferenceOr, RequestBody, Response, Responses, Server,
    StatusCode,
};
use serde::de::{Deserialize, Deserializer, IntoDeserializer};
use serde_json::{Map, Value};

use super::{by_hand, field, list_of, map_of};

/// A path item as the model reads it: its parameters, and the methods it has operations
/// for.
///
/// The operations stay in the document until they are modeled, each read then
/// ([`operation_at`](super::operation_at)) and dropped once modeled: read all at once, they
/// would make the largest part of the model (Microsoft Graph's 11,422 operations, with
/// their 27,249 parameters and 44,973 schemas written in place, about 90 MB), and freeing
/// it a free of every one of its blocks. (`openapiv3`'s own `PathItem` also holds its
/// eight operations in place, about 9 KB however few are there.) Its summary, description
/// and servers, which no part of a client comes from, are checked (a path item
/// `openapiv3` does not read fails as it would) and not kept.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathItem {
    pub(crate) parameters: Vec<ReferenceOr<Parameter>>,
    /// The methods of its operations, in the order of `openapiv3`'s `PathItem::iter`
    /// (`get`, `put`, `post`, `delete`, `options`, `head`, `patch`, `trace`).
    pub(crate) methods: Vec<&'static str>,
}

impl PathItem {
    /// Its operations as they stand in `raw`, the path item in the document, each with
    /// its method.
    pub(crate) fn raw_operations<'s, 'a: 's>(
        &'s self,
        raw: Option<&'a Value>,
    ) -> impl Iterator<Item = (&'static str, &'a Value)> + 's {
        (self.methods.iter()).filter_map(move |&method| Some((method, raw?.get(method)?)))
    }
}

/// The methods of a path item, in the order its operations are listed.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl From<openapiv3::PathItem> for PathItem {
    fn from(mut item: openapiv3::PathItem) -> PathItem {
        PathItem {
            parameters: std::mem::take(&mut item.parameters),
            methods: (item.iter())
                .filter_map(|(method, _)| METHODS.into_iter().find(|m| *m == method))
                .collect(),
        }
    }
}

/// Read as `openapiv3` reads its `PathItem`.
impl<'de> Deserialize<'de> for PathItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PathItem, D::Error> {
        openapiv3::PathItem::deserialize(deserializer).map(PathItem::from)
    }
}

/// `value` read as `openapiv3` reads a `ReferenceOr<PathItem>`, or `None` where this
/// reading is not sure to agree with it; its operations are not read (an object where
/// an operation is, `null` where none is).
pub(super) fn path_item(value: &Value) -> Option<ReferenceOr<PathItem>> {
    by_hand(value, |object| {
        let mut item = PathItem::default();
        for (key, value) in object {
            match key.as_str() {
                "summary" | "description" => _ = field::<Option<String>>(value)?,
                "servers" => _ = field::<Vec<Server>>(value)?,
                "parameters" => item.parameters = parameters(value)?,
                key => match (METHODS.iter().find(|m| **m == key), value) {
                    (Some(method), Value::Object(_)) => item.methods.push(method),
                    (Some(_), Value::Null) | (None, _) => {}
                    (Some(_), _) => return None,
                },
            }
        }
        item.methods
            .sort_by_key(|method| METHODS.iter().position(|m| m == method));
        Some(item)
    })
}

/// `value` read as `openapiv3` reads a `ReferenceOr<RequestBody>`.
pub(super) fn request_body(value: &Value) -> Option<ReferenceOr<RequestBody>> {
    by_hand(value, |object| {
        let mut body = RequestBody::default();
        for (key, value) in object {
            match key.as_str() {
                "description" => body.description = field(value)?,
                "content" => body.content = content(value)?,
                "required" => body.required = field(value)?,
                _ => {}
            }
        }
        Some(body)
    })
}

/// `value` read as `openapiv3` reads a `ReferenceOr<Response>`.
pub(super) fn response(value: &Value) -> Option<ReferenceOr<Response>> {
    by_hand(value, |object| {
        let mut response = Response::default();
        let mut description = None;
        for (key, value) in object {
            match key.as_str() {
                "description" => description = Some(field(value)?),
                "headers" => response.headers = map_of(value, super::parameters::header)?,
                "content" => response.content = content(value)?,
                "links" => response.links = field(value)?,
                _ => {}
            }
        }
        // Required.
        response.description = description?;
        Some(response)
    })
}

/// An operation, or none for `null`.
pub(super) fn operation(value: &Value) -> Option<Option<Operation>> {
    let object = match value {
        Value::Null => return Some(None),
        value => value.as_object()?,
    };
    let mut operation = Operation::default();
    let mut responses = None;
    for (key, value) in object {
        match key.as_str() {
            "tags" => operation.tags = field(value)?,
            "summary" => operation.summary = field(value)?,
            "description" => operation.description = field(value)?,
            "externalDocs" => operation.external_docs = field(value)?,
            "operationId" => operation.operation_id = field(value)?,
            "parameters" => operation.parameters = parameters(value)?,
            "requestBody" if value.is_null() => operation.request_body = None,
            "requestBody" => operation.request_body = Some(request_body(value)?),
            "responses" => responses = Some(self::responses(value.as_object()?)?),
            "callbacks" => operation.callbacks = field(value)?,
            "deprecated" => operation.deprecated = field(value)?,
            "security" => operation.security = field(value)?,
            "servers" => operation.servers = field(value)?,
            _ => {}
        }
    }
    // Required.
    operation.responses = responses?;
    Some(Some(operation))
}

/// The responses of an operation: `default` and a response for each key that is a status
/// code (`404`, `4XX`; other keys are not responses).
fn responses(object: &Map<String, Value>) -> Option<Responses> {
    let mut responses = Responses::default();
    for (key, value) in object {
        if key == "default" {
            responses.default = match value {
                Value::Null => None,
                value => Some(response(value)?),
            };
        } else if let Ok(code) = StatusCode::deserialize(key.as_str().into_deserializer())
            as Result<_, serde::de::value::Error>
        {
            responses.responses.insert(code, response(value)?);
        }
    }
    Some(responses)
}

/// The parameters of a path item or an operation.
fn parameters(value: &Value) -> Option<Vec<ReferenceOr<Parameter>>> {
    list_of(value, super::parameters::parameter)
}

/// The media types of a request body, a response, a parameter or a header.
pub(super) fn content(value: &Value) -> Option<IndexMap<String, MediaType>> {
    map_of(value, |value| media_type(value.as_object()?))
}

fn media_type(object: &Map<String, Value>) -> Option<MediaType> {
    let mut media_type = MediaType::default();
    for (key, value) in object {
        match key.as_str() {
            "schema" if value.is_null() => media_type.schema = None,
            "schema" => media_type.schema = Some(super::schema::reference_or(value)?),
            "example" => media_type.example = field(value)?,
            "examples" => media_type.examples = field(value)?,
            "encoding" => media_type.encoding = field(value)?,
            _ => {}
        }
    }
    Some(media_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::{
        assert_read_as_openapiv3_reads, openapiv3_reading as openapiv3, shown_without_extensions,
    };

    /// A path item with every field, its operations with every field, and the objects on
    /// the way to their schemas.
    const FULL_PATH_ITEM: &str = r##"{"summary": "S", "description": null, "servers": [{"url": "https://a.example"}], "x-b": 1, "x-a": {"c": null}, "other": 2, "get": null,
        "parameters": [{"$ref": "#/components/parameters/P"}, {"name": "q", "in": "query", "schema": {"type": "integer"}}],
        "post": {"tags": ["t"], "summary": "s", "description": "d", "externalDocs": {"url": "https://d.example"}, "operationId": "postIt",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"description": "b", "required": true, "x-e": true, "content": {
                "application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}, "example": {"a": "x"}},
                "multipart/form-data": {"schema": {"$ref": "#/s"}, "encoding": {"a": {"contentType": "text/plain"}}},
                "text/plain": {"schema": null, "example": null, "examples": {"e": {"value": 1}, "f": {"$ref": "#/e"}}}}},
            "responses": {"200": {"description": "ok", "headers": {"h": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/s"}}}}, "links": {"l": {"operationId": "x"}}},
                "2XX": {"description": "some"}, "4xx": {"$ref": "#/components/responses/E"}, "default": {"description": "else"},
                "x-r": 1, "ignored": {"description": 7}, "1000": "not a code"},
            "callbacks": {"c": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}},
            "deprecated": true, "security": [], "servers": [], "x-o": [1]},
        "put": {"responses": {}, "requestBody": {"$ref": "#/components/requestBodies/B"}, "security": null},
        "delete": {"responses": {"default": null}, "requestBody": null}}"##;

    /// Path items read as `openapiv3` reads them (their methods in its order), or left to
    /// it; their operations are not read.
    #[test]
    fn path_items_are_read_as_openapiv3_reads_them() {
        let sure = [
            r##"{"$ref": "#/paths/~1a", "summary": "beside"}"##,
            r##"{}"##,
            FULL_PATH_ITEM,
        ];
        let unsure = [
            r##"{"get": 7}"##,
            r##"{"post": []}"##,
            r##"{"parameters": [{"name": "q", "in": "nowhere"}]}"##,
            r##"{"parameters": null}"##,
            r##"{"summary": 7}"##,
            r##"{"$ref": 7}"##,
            r##"[]"##,
        ];
        assert_read_as_openapiv3_reads(path_item, &sure, &unsure);
        let value: Value = serde_json::from_str(FULL_PATH_ITEM).unwrap();
        let Some(ReferenceOr::Item(item)) = path_item(&value) else {
            panic!("not read");
        };
        assert_eq!(item.methods, ["put", "post", "delete"]);
        // The operations are left to be read when they are modeled.
        let value = serde_json::json!({"trace": {}, "get": {"responses": 7}, "options": null});
        let Some(ReferenceOr::Item(item)) = path_item(&value) else {
            panic!("not read");
        };
        assert_eq!(item.methods, ["get", "trace"]);
    }

    /// Operations with every field, and the objects on the way to their schemas: read as
    /// `openapiv3` reads them, or left to it.
    #[test]
    fn operations_are_read_as_openapiv3_reads_them() {
        let item: Value = serde_json::from_str(FULL_PATH_ITEM).unwrap();
        let sure = ["post", "put", "delete"].map(|method| item[method].clone());
        let more = [
            r##"{"responses": {"200": {"description": "d", "content": {"application/json": {}}}, "2xx": {"description": "a"}, "2XX": {"description": "b"}}}"##,
        ];
        let sure = sure
            .into_iter()
            .chain(more.map(|text| serde_json::from_str(text).unwrap()));
        for value in sure {
            let read = operation(&value)
                .flatten()
                .unwrap_or_else(|| panic!("not read: {value}"));
            let theirs = Operation::deserialize(&value).unwrap();
            assert_eq!(
                shown_without_extensions(&read),
                shown_without_extensions(&theirs),
                "{value}"
            );
        }
        let unsure = [
            r##"{}"##,
            r##"{"responses": {"200": {}}}"##,
            r##"{"tags": null, "responses": {}}"##,
            r##"{"responses": {"200": {"description": "d", "content": null}}}"##,
            r##"{"responses": {"200": {"description": "d", "content": {"a/b": {"schema": {"type": 7}}}}}}"##,
            r##"{"requestBody": [], "responses": {}}"##,
        ];
        for text in unsure {
            let value: Value = serde_json::from_str(text).unwrap();
            assert!(operation(&value).flatten().is_none(), "read: {text}");
        }
    }

    /// Responses and request bodies of the components, read the same way.
    #[test]
    fn responses_and_request_bodies_are_read_as_openapiv3_reads_them() {
        let value: Value = serde_json::from_str(
            r##"{"description": "d", "content": {"application/json": {"schema": {"$ref": "#/s"}}}, "x-a": 1}"##,
        )
        .unwrap();
        let read = response(&value).unwrap();
        assert_eq!(
            Ok(shown_without_extensions(&read)),
            openapiv3::<Response>(&value)
        );
        let read = request_body(&value).unwrap();
        assert_eq!(
            Ok(shown_without_extensions(&read)),
            openapiv3::<RequestBody>(&value)
        );
    }
}
