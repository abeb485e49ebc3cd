//! A schema read from the document's value as `openapiv3` reads it, without its copies
//! and without its extensions.
//!
//! `openapiv3` reads a schema as two flattened parts behind an untagged reference, so
//! serde copies the schema into a buffer before reading it, and again each schema inside
//! it: the copying grows with the square of the nesting. This reads the value in one pass
//! and makes the model `openapiv3` makes. Where it is not sure to make the same (a keyword
//! whose value is not of the type it takes, a `null` `openapiv3` does not read as none, a
//! `$ref` that is not a string) it gives up, and the caller reads the value with `openapiv3`, whose answer or error stands.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
};
use serde_json::{Map, Number, Value};

use super::{by_hand, field, list_of, map_of};

/// `value` read as `openapiv3` reads a `ReferenceOr<Schema>`, or `None` where this
/// reading is not sure to agree with it.
pub(super) fn reference_or(value: &Value) -> Option<ReferenceOr<Schema>> {
    by_hand(value, schema)
}

/// The boxed form `openapiv3` keeps a property's or an array's items' schema in.
fn boxed(value: &Value) -> Option<ReferenceOr<Box<Schema>>> {
    by_hand(value, |object| schema(object).map(Box::new))
}

/// The keywords that decide a schema's kind, as `openapiv3` gathers them before it
/// decides.
#[derive(Default)]
struct Keywords<'v> {
    typ: Option<&'v str>,
    pattern: Option<&'v str>,
    multiple_of: Option<&'v Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<&'v Number>,
    maximum: Option<&'v Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<&'v [Value]>,
    format: Option<&'v str>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

/// A schema object (without a `$ref`) read, each keyword once, in one pass.
fn schema(object: &Map<String, Value>) -> Option<Schema> {
    let mut data = SchemaData::default();
    let mut k = Keywords::default();
    for (key, value) in object {
        match key.as_str() {
            "nullable" => data.nullable = value.as_bool()?,
            "readOnly" => data.read_only = value.as_bool()?,
            "writeOnly" => data.write_only = value.as_bool()?,
            "deprecated" => data.deprecated = value.as_bool()?,
            "externalDocs" => data.external_docs = field(value)?,
            "example" => data.example = unless_null(value),
            "title" => data.title = field(value)?,
            "description" => data.description = field(value)?,
            "discriminator" => data.discriminator = field(value)?,
            "default" => data.default = unless_null(value),
            "type" => k.typ = Some(value.as_str()?),
            "pattern" => k.pattern = Some(value.as_str()?),
            "multipleOf" => k.multiple_of = Some(value.as_number()?),
            "exclusiveMinimum" => k.exclusive_minimum = Some(value.as_bool()?),
            "exclusiveMaximum" => k.exclusive_maximum = Some(value.as_bool()?),
            "minimum" => k.minimum = Some(value.as_number()?),
            "maximum" => k.maximum = Some(value.as_number()?),
            "properties" => k.properties = Some(map_of(value, boxed)?),
            "required" => {
                k.required = Some(list_of(value, |name| name.as_str().map(str::to_owned))?);
            }
            "additionalProperties" => {
                k.additional_properties = Some(match value {
                    Value::Bool(allowed) => AdditionalProperties::Any(*allowed),
                    _ => AdditionalProperties::Schema(Box::new(reference_or(value)?)),
                });
            }
            "minProperties" => k.min_properties = Some(size(value)?),
            "maxProperties" => k.max_properties = Some(size(value)?),
            "items" => k.items = Some(boxed(value)?),
            "minItems" => k.min_items = Some(size(value)?),
            "maxItems" => k.max_items = Some(size(value)?),
            "uniqueItems" => k.unique_items = Some(value.as_bool()?),
            "enum" => k.enumeration = Some(value.as_array()?),
            "format" => k.format = Some(value.as_str()?),
            "minLength" => k.min_length = Some(size(value)?),
            "maxLength" => k.max_length = Some(size(value)?),
            "oneOf" => k.one_of = Some(list(value)?),
            "allOf" => k.all_of = Some(list(value)?),
            "anyOf" => k.any_of = Some(list(value)?),
            "not" => k.not = Some(Box::new(reference_or(value)?)),
            _ => {}
        }
    }
    Some(Schema {
        schema_data: data,
        schema_kind: kind(k),
    })
}

/// The kind `openapiv3` decides on: a type when the keywords are all among those of the
/// type and the enumerated values of its JSON type; a composition when it is the only
/// keyword; otherwise any schema.
fn kind(k: Keywords<'_>) -> SchemaKind {
    let numeric = k.multiple_of.is_some()
        || k.exclusive_minimum.is_some()
        || k.exclusive_maximum.is_some()
        || k.minimum.is_some()
        || k.maximum.is_some();
    let object = k.properties.is_some()
        || k.required.is_some()
        || k.additional_properties.is_some()
        || k.min_properties.is_some()
        || k.max_properties.is_some();
    let array = k.items.is_some()
        || k.min_items.is_some()
        || k.max_items.is_some()
        || k.unique_items.is_some();
    let string = k.pattern.is_some() || k.min_length.is_some() || k.max_length.is_some();
    let values_are = |is: fn(&Value) -> bool| {
        k.enumeration
            .is_none_or(|values| values.iter().all(|v| v.is_null() || is(v)))
    };
    let whole = |n: Option<&Number>| n.is_none_or(Number::is_i64);
    let untyped = k.enumeration.is_none() && k.format.is_none();
    let Keywords {
        typ,
        pattern,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        properties,
        required,
        additional_properties,
        min_properties,
        max_properties,
        items,
        min_items,
        max_items,
        unique_items,
        enumeration,
        format,
        min_length,
        max_length,
        one_of,
        all_of,
        any_of,
        not,
    } = k;
    // A composition is the only keyword of its kind.
    let sole = !numeric && !object && !array && !string && untyped;
    match (typ, one_of, all_of, any_of, not) {
        (Some("string"), None, None, None, None)
            if !numeric && !object && !array && values_are(Value::is_string) =>
        {
            SchemaKind::Type(Type::String(StringType {
                format: format.map(str::to_owned).into(),
                pattern: pattern.map(str::to_owned),
                enumeration: enumerated(enumeration, |v| v.as_str().map(str::to_owned)),
                min_length,
                max_length,
            }))
        }
        (Some("number"), None, None, None, None)
            if !object && !array && !string && values_are(Value::is_number) =>
        {
            SchemaKind::Type(Type::Number(NumberType {
                format: format.map(str::to_owned).into(),
                multiple_of: multiple_of.and_then(Number::as_f64),
                exclusive_minimum: exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: exclusive_maximum.unwrap_or_default(),
                minimum: minimum.and_then(Number::as_f64),
                maximum: maximum.and_then(Number::as_f64),
                enumeration: enumerated(enumeration, Value::as_f64),
            }))
        }
        (Some("integer"), None, None, None, None)
            if !object
                && !array
                && !string
                && values_are(Value::is_i64)
                && whole(multiple_of)
                && whole(minimum)
                && whole(maximum) =>
        {
            SchemaKind::Type(Type::Integer(IntegerType {
                format: format.map(str::to_owned).into(),
                multiple_of: multiple_of.and_then(Number::as_i64),
                exclusive_minimum: exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: exclusive_maximum.unwrap_or_default(),
                minimum: minimum.and_then(Number::as_i64),
                maximum: maximum.and_then(Number::as_i64),
                enumeration: enumerated(enumeration, Value::as_i64),
            }))
        }
        (Some("boolean"), None, None, None, None)
            if !numeric
                && !object
                && !array
                && !string
                && format.is_none()
                && values_are(Value::is_boolean) =>
        {
            SchemaKind::Type(Type::Boolean(BooleanType {
                enumeration: enumerated(enumeration, Value::as_bool),
            }))
        }
        (Some("object"), None, None, None, None) if !numeric && !array && !string && untyped => {
            SchemaKind::Type(Type::Object(ObjectType {
                properties: properties.unwrap_or_default(),
                required: required.unwrap_or_default(),
                additional_properties,
                min_properties,
                max_properties,
            }))
        }
        (Some("array"), None, None, None, None) if !numeric && !object && !string && untyped => {
            SchemaKind::Type(Type::Array(ArrayType {
                items,
                min_items,
                max_items,
                unique_items: unique_items.unwrap_or_default(),
            }))
        }
        (None, Some(one_of), None, None, None) if sole => SchemaKind::OneOf { one_of },
        (None, None, Some(all_of), None, None) if sole => SchemaKind::AllOf { all_of },
        (None, None, None, Some(any_of), None) if sole => SchemaKind::AnyOf { any_of },
        (None, None, None, None, Some(not)) if sole => SchemaKind::Not { not },
        (typ, one_of, all_of, any_of, not) => SchemaKind::Any(AnySchema {
            typ: typ.map(str::to_owned),
            pattern: pattern.map(str::to_owned),
            multiple_of: multiple_of.and_then(Number::as_f64),
            exclusive_minimum,
            exclusive_maximum,
            minimum: minimum.and_then(Number::as_f64),
            maximum: maximum.and_then(Number::as_f64),
            properties: properties.unwrap_or_default(),
            required: required.unwrap_or_default(),
            additional_properties,
            min_properties,
            max_properties,
            items,
            min_items,
            max_items,
            unique_items,
            enumeration: enumeration.map(<[Value]>::to_vec).unwrap_or_default(),
            format: format.map(str::to_owned),
            min_length,
            max_length,
            one_of: one_of.unwrap_or_default(),
            all_of: all_of.unwrap_or_default(),
            any_of: any_of.unwrap_or_default(),
            not,
        }),
    }
}

/// The enumerated values of a type: `null` as `None`, the others converted (they are all
/// of the type: the kind was decided on that).
fn enumerated<T>(values: Option<&[Value]>, convert: fn(&Value) -> Option<T>) -> Vec<Option<T>> {
    values
        .unwrap_or_default()
        .iter()
        .map(|value| {
            if value.is_null() {
                None
            } else {
                convert(value)
            }
        })
        .collect()
}

/// A value `openapiv3` keeps as it is, `null` as none.
fn unless_null(value: &Value) -> Option<Value> {
    (!value.is_null()).then(|| value.clone())
}

/// A count (a length, a number of items or properties).
fn size(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// The schemas of a composition.
fn list(value: &Value) -> Option<Vec<ReferenceOr<Schema>>> {
    list_of(value, reference_or)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{assert_read_as_openapiv3_reads, shown_without_extensions};
    use serde::Deserialize;

    fn openapiv3(value: &Value) -> Result<String, String> {
        crate::parse::openapiv3_reading::<Schema>(value)
    }

    /// Every kind, every keyword and the limits of each kind's keywords: read as
    /// `openapiv3` reads them, or left to it.
    #[test]
    fn each_kind_is_read_as_openapiv3_reads_it() {
        let sure = [
            r##"{"$ref": "#/components/schemas/A", "description": "beside"}"##,
            r##"{"type": "string", "format": "date-time", "pattern": "^a", "minLength": 1, "maxLength": 9, "enum": ["a", null]}"##,
            r##"{"type": "string", "format": "uuid-ish"}"##,
            r##"{"type": "string", "enum": ["a", 1]}"##,
            r##"{"type": "string", "minimum": 1}"##,
            r##"{"type": "number", "format": "float", "multipleOf": 0.5, "minimum": -1, "maximum": 1e3, "exclusiveMinimum": true, "enum": [1, 2.5, null]}"##,
            r##"{"type": "number", "pattern": "x"}"##,
            r##"{"type": "integer", "format": "int64", "minimum": 0, "maximum": 10, "multipleOf": 2, "exclusiveMaximum": false, "enum": [1, null]}"##,
            r##"{"type": "integer", "minimum": 0.5}"##,
            r##"{"type": "integer", "maximum": 18446744073709551615}"##,
            r##"{"type": "integer", "enum": [1.5]}"##,
            r##"{"type": "boolean", "enum": [true, null]}"##,
            r##"{"type": "boolean", "format": "flag"}"##,
            r##"{"type": "object", "properties": {"b": {"type": "string"}, "a": {"$ref": "#/x"}}, "required": ["b"], "additionalProperties": false, "minProperties": 1, "maxProperties": 3}"##,
            r##"{"type": "object", "additionalProperties": {"type": "integer"}}"##,
            r##"{"type": "object", "additionalProperties": {"$ref": "#/x"}}"##,
            r##"{"type": "object", "enum": [{}]}"##,
            r##"{"type": "object", "items": {"type": "string"}}"##,
            r##"{"type": "array", "items": {"type": "array", "items": {"$ref": "#/x"}}, "minItems": 1, "maxItems": 2, "uniqueItems": true}"##,
            r##"{"type": "array", "format": "csv"}"##,
            r##"{"oneOf": [{"$ref": "#/a"}, {"type": "string"}], "discriminator": {"propertyName": "kind", "mapping": {"a": "#/a"}}}"##,
            r##"{"allOf": [{"$ref": "#/a"}, {"properties": {"b": {"type": "string"}}}]}"##,
            r##"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"##,
            r##"{"not": {"type": "string"}}"##,
            r##"{"type": "object", "oneOf": [{"type": "string"}]}"##,
            r##"{"oneOf": [{"type": "string"}], "anyOf": [{"type": "integer"}]}"##,
            r##"{"oneOf": [], "nullable": true}"##,
            r##"{"type": "thing", "pattern": "p", "properties": {}}"##,
            r##"{}"##,
            r##"{"nullable": true, "readOnly": true, "writeOnly": false, "deprecated": true, "title": "T", "description": "D", "example": {"a": [1]}, "default": 3, "externalDocs": {"url": "https://example.com", "x-a": 1}, "x-b": [1], "x-a": null, "xml": {"name": "n"}, "const": 1}"##,
            r##"{"type": "string", "example": null, "default": null, "title": null, "discriminator": null, "externalDocs": null}"##,
            r##"{"items": {"type": "string"}, "minLength": 2, "enum": [1, "a", null], "format": "f", "required": []}"##,
        ];
        // Where this reading is not sure, it leaves the value to `openapiv3`, which reads
        // some and rejects others.
        let unsure = [
            r##"{"type": null}"##,
            r##"{"nullable": null}"##,
            r##"{"$ref": 7, "type": "string"}"##,
            r##"{"type": "array", "items": [{"type": "string"}]}"##,
            r##"{"type": "string", "minLength": -1}"##,
            r##"{"type": "string", "maxLength": 1.5}"##,
            r##"{"type": "object", "required": "a"}"##,
            r##"{"type": "object", "properties": {"a": {"type": 7}}}"##,
            r##"{"allOf": [{"$ref": "#/a"}, 3]}"##,
            r##"{"not": {"nullable": "yes"}}"##,
            r##"["#/components/schemas/A"]"##,
            r##""string""##,
        ];
        assert_read_as_openapiv3_reads(reference_or, &sure, &unsure);
    }

    /// The lists and maps read are as large as `openapiv3` makes them: no more memory
    /// held for the document's model.
    #[test]
    fn lists_and_maps_take_the_room_openapiv3_gives_them() {
        let value: Value = serde_json::from_str(
            r##"{"allOf": [{"$ref": "#/a"}, {"type": "object", "required": ["a", "b", "c", "d", "e"],
                "properties": {"a": {}, "b": {}, "c": {}, "d": {}, "e": {}}}, {"$ref": "#/c"}]}"##,
        )
        .unwrap();
        let rooms = |schema: &ReferenceOr<Schema>| {
            let Some(SchemaKind::AllOf { all_of }) = schema.as_item().map(|s| &s.schema_kind)
            else {
                panic!("not an allOf: {schema:?}");
            };
            let Some(SchemaKind::Type(Type::Object(object))) =
                all_of[1].as_item().map(|s| &s.schema_kind)
            else {
                panic!("not an object: {schema:?}");
            };
            (
                all_of.capacity(),
                object.required.capacity(),
                object.properties.capacity(),
            )
        };
        let theirs = ReferenceOr::<Schema>::deserialize(&value).unwrap();
        assert_eq!(rooms(&reference_or(&value).unwrap()), rooms(&theirs));
    }

    /// Every schema of the Chatwoot documents, in the components and inside the paths.
    #[test]
    fn every_schema_of_the_fixtures_is_read_as_openapiv3_reads_it() {
        fn walk(value: &Value, schemas: &mut Vec<Value>) {
            match value {
                Value::Object(object) => {
                    for (key, child) in object {
                        if key == "schema" {
                            schemas.push(child.clone());
                        }
                        walk(child, schemas);
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| walk(item, schemas)),
                _ => {}
            }
        }
        let documents = [
            include_str!("../../tests/fixtures/chatwoot-application-3.0.4.json"),
            include_str!("../../tests/fixtures/chatwoot-application-3.1.0.json"),
        ];
        let mut read = 0;
        for text in documents {
            let mut document: Value = serde_json::from_str(text).unwrap();
            crate::normalize::normalize_document(&mut document, std::num::NonZeroUsize::MIN);
            let mut schemas: Vec<Value> = document["components"]["schemas"]
                .as_object()
                .unwrap()
                .values()
                .cloned()
                .collect();
            walk(&document["paths"], &mut schemas);
            for schema in &schemas {
                let mine = reference_or(schema).expect("every schema is read");
                assert_eq!(Ok(shown_without_extensions(&mine)), openapiv3(schema));
                read += 1;
            }
        }
        assert!(read > 400, "{read} schemas");
    }
}
