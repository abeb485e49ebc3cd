//! A parameter and a header read from the document's value as `openapiv3` reads them,
//! without its copies.
//!
//! `openapiv3` reads a parameter as an enum tagged by its `in`, whose variants flatten
//! the fields every parameter has, which flatten in turn its schema or content and its
//! extensions: serde copies the parameter into a buffer, and again its schema. Here the
//! fields are gathered in one pass over the object, and what each means is decided by the
//! parameter's kind once it is known (a header's `style` is not a query's; a field
//! another kind takes is ignored, as `openapiv3` ignores it). Each field is still read by
//! its own type's reading. Where the reading is not sure to agree (an `in` that is not
//! one of the four names, both a schema and a content, a field of the wrong type) it
//! gives up, and the caller reads the value with `openapiv3`, whose answer or error
//! stands.

use indexmap::IndexMap;
use openapiv3::{Header, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{by_hand, extension, field};

/// `value` read as `openapiv3` reads a `ReferenceOr<Parameter>`, or `None` where this
/// reading is not sure to agree with it.
pub(super) fn parameter(value: &Value) -> Option<ReferenceOr<Parameter>> {
    by_hand(value, |object| {
        let fields = Fields::gather(object)?;
        let parameter_data = ParameterData {
            name: field(fields.name?)?,
            description: or_default(fields.description)?,
            required: or_default(fields.required)?,
            deprecated: or_default(fields.deprecated)?,
            format: fields.format()?,
            example: or_default(fields.example)?,
            examples: or_default(fields.examples)?,
            explode: or_default(fields.explode)?,
            extensions: fields.extensions,
        };
        Some(match fields.location?.as_str()? {
            "query" => Parameter::Query {
                parameter_data,
                allow_reserved: or_default(fields.allow_reserved)?,
                style: or_default(fields.style)?,
                allow_empty_value: or_default(fields.allow_empty_value)?,
            },
            "header" => Parameter::Header {
                parameter_data,
                style: or_default(fields.style)?,
            },
            "path" => Parameter::Path {
                parameter_data,
                style: or_default(fields.style)?,
            },
            "cookie" => Parameter::Cookie {
                parameter_data,
                style: or_default(fields.style)?,
            },
            _ => return None,
        })
    })
}

/// `value` read as `openapiv3` reads a `ReferenceOr<Header>`: the fields of a parameter
/// without its name and location.
pub(super) fn header(value: &Value) -> Option<ReferenceOr<Header>> {
    by_hand(value, |object| {
        let fields = Fields::gather(object)?;
        Some(Header {
            description: or_default(fields.description)?,
            style: or_default(fields.style)?,
            required: or_default(fields.required)?,
            deprecated: or_default(fields.deprecated)?,
            format: fields.format()?,
            example: or_default(fields.example)?,
            examples: or_default(fields.examples)?,
            extensions: fields.extensions,
        })
    })
}

/// The fields of a parameter or a header, each as the document holds it, before the
/// kind decides which it reads; the extensions are read as they come.
#[derive(Default)]
struct Fields<'v> {
    name: Option<&'v Value>,
    location: Option<&'v Value>,
    description: Option<&'v Value>,
    required: Option<&'v Value>,
    deprecated: Option<&'v Value>,
    /// `schema` or `content`, whichever the object has.
    format: Option<(&'v str, &'v Value)>,
    example: Option<&'v Value>,
    examples: Option<&'v Value>,
    style: Option<&'v Value>,
    explode: Option<&'v Value>,
    allow_reserved: Option<&'v Value>,
    allow_empty_value: Option<&'v Value>,
    extensions: IndexMap<String, Value>,
}

impl<'v> Fields<'v> {
    /// The object's fields, or `None` if it has both a schema and a content (`openapiv3`
    /// takes the first).
    fn gather(object: &'v Map<String, Value>) -> Option<Fields<'v>> {
        let mut fields = Fields::default();
        for (key, value) in object {
            let slot = match key.as_str() {
                "name" => &mut fields.name,
                "in" => &mut fields.location,
                "description" => &mut fields.description,
                "required" => &mut fields.required,
                "deprecated" => &mut fields.deprecated,
                "schema" | "content" if fields.format.is_some() => return None,
                "schema" | "content" => {
                    fields.format = Some((key, value));
                    continue;
                }
                "example" => &mut fields.example,
                "examples" => &mut fields.examples,
                "style" => &mut fields.style,
                "explode" => &mut fields.explode,
                "allowReserved" => &mut fields.allow_reserved,
                "allowEmptyValue" => &mut fields.allow_empty_value,
                _ => {
                    extension(&mut fields.extensions, key, value);
                    continue;
                }
            };
            *slot = Some(value);
        }
        Some(fields)
    }

    /// The schema or the content (one is required).
    fn format(&self) -> Option<ParameterSchemaOrContent> {
        Some(match self.format? {
            ("schema", value) => {
                ParameterSchemaOrContent::Schema(super::schema::reference_or(value)?)
            }
            (_, value) => ParameterSchemaOrContent::Content(super::paths::content(value)?),
        })
    }
}

/// A field read by its own type's reading, or its type's default where it is absent (as
/// `openapiv3` reads its optional fields).
fn or_default<T: DeserializeOwned + Default>(value: Option<&Value>) -> Option<T> {
    value.map_or_else(|| Some(T::default()), field)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    use crate::parse::{assert_read_as_openapiv3_reads, SKIP_URL_ENCODING};

    /// Parameters of each kind with every field, and fields another kind takes: read as
    /// `openapiv3` reads them, or left to it.
    #[test]
    fn parameters_are_read_as_openapiv3_reads_them() {
        let sure = [
            r##"{"$ref": "#/components/parameters/P", "name": "beside"}"##,
            r##"{"name": "q", "in": "query", "schema": {"type": "integer"}}"##,
            r##"{"name": "q", "in": "query", "description": "D", "required": true, "deprecated": false, "schema": {"$ref": "#/s"},
                "example": 3, "examples": {"a": {"value": 1}, "b": {"$ref": "#/e"}}, "explode": false, "x-b": [1], "x-a": null,
                "style": "deepObject", "allowReserved": true, "allowEmptyValue": false, "other": 1}"##,
            r##"{"name": "q", "in": "query", "style": "pipeDelimited", "content": {"application/json": {"schema": {"type": "object"}}}}"##,
            r##"{"name": "q", "in": "query", "description": null, "deprecated": null, "example": null, "explode": null, "allowEmptyValue": null, "schema": {}}"##,
            r##"{"name": "h", "in": "header", "style": "simple", "allowReserved": "ignored", "allowEmptyValue": 7, "schema": {"type": "string"}}"##,
            r##"{"name": "id", "in": "path", "required": true, "style": "label", "explode": true, "schema": {"type": "array", "items": {"type": "string"}}}"##,
            r##"{"name": "id", "in": "path", "style": "matrix", "schema": {"type": "string"}}"##,
            r##"{"name": "c", "in": "cookie", "style": "form", "schema": {"type": "string"}, "allowReserved": []}"##,
        ];
        let unsure = [
            r##"{"name": "q", "in": "query"}"##,
            r##"{"in": "query", "schema": {}}"##,
            r##"{"name": "q", "schema": {}}"##,
            r##"{"name": "q", "in": "nowhere", "schema": {}}"##,
            r##"{"name": "q", "in": 0, "schema": {}}"##,
            r##"{"name": 7, "in": "query", "schema": {}}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "content": {}}"##,
            r##"{"name": "q", "in": "query", "schema": null}"##,
            r##"{"name": "q", "in": "query", "schema": {"type": 7}}"##,
            r##"{"name": "q", "in": "query", "content": {"a/b": null}}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "required": null}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "style": "simple"}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "style": null}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "allowReserved": "yes"}"##,
            r##"{"name": "h", "in": "header", "schema": {}, "style": "form"}"##,
            r##"{"name": "q", "in": "query", "schema": {}, "examples": []}"##,
            r##"{"$ref": 7}"##,
            r##"[]"##,
        ];
        assert_read_as_openapiv3_reads(parameter, &sure, &unsure);
    }

    /// A parameter keeps the extension the model reads there, as `openapiv3` reads it,
    /// and no other; its schema's are left out, as every schema's.
    #[test]
    fn a_parameter_keeps_the_extension_the_model_reads() {
        let value: Value = serde_json::from_str(
            r##"{"name": "q", "in": "query", "x-ms-skip-url-encoding": true, "x-b": [{"c": 1}],
                "schema": {"type": "string", "x-s": 1}}"##,
        )
        .unwrap();
        let extensions = |parameter: Option<ReferenceOr<Parameter>>| {
            let data = parameter
                .and_then(ReferenceOr::into_item)
                .unwrap()
                .parameter_data();
            let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = data.format else {
                panic!("no schema");
            };
            (data.extensions, schema.schema_data.extensions)
        };
        let (mine, my_schemas) = extensions(parameter(&value));
        let (theirs, their_schemas) = extensions(ReferenceOr::deserialize(&value).ok());
        assert_eq!(mine.len(), 1);
        assert_eq!(mine.get(SKIP_URL_ENCODING), theirs.get(SKIP_URL_ENCODING));
        assert_eq!(theirs.len(), 2);
        assert!(my_schemas.is_empty());
        assert_eq!(their_schemas.len(), 1);
    }

    /// Headers: a parameter's fields without a name or a location (which are ignored).
    #[test]
    fn headers_are_read_as_openapiv3_reads_them() {
        let sure = [
            r##"{"$ref": "#/components/headers/H"}"##,
            r##"{"schema": {"type": "integer"}}"##,
            r##"{"description": "D", "style": "simple", "required": true, "deprecated": true, "content": {"text/plain": {}},
                "example": "e", "examples": {"a": {"value": 1}}, "x-a": 1, "name": "ignored", "in": 7, "explode": "ignored"}"##,
        ];
        let unsure = [
            r##"{}"##,
            r##"{"schema": {}, "style": "form"}"##,
            r##"{"schema": {}, "content": {}}"##,
            r##"{"schema": {}, "description": 1}"##,
        ];
        assert_read_as_openapiv3_reads(header, &sure, &unsure);
    }
}
