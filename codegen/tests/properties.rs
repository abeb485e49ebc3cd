//! Property tests: for any document, generation returns code that parses or an error,
//! and never panics.
//!
//! Two sources of documents: random schema trees inside random operations, and random
//! mutations of the real Chatwoot documents. Case counts are set per test below; a run
//! prints nothing unless a property fails, in which case proptest shrinks the input.

use openapi_clientgen::{Generator, Syntax};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Generates `document` and checks the property.
fn check(document: &Value) -> Result<(), TestCaseError> {
    let text = document.to_string();
    match Generator::from_text("random.json", text, Syntax::Json).generate() {
        Ok(output) => {
            syn::parse_file(&output.code)
                .map_err(|e| TestCaseError::fail(format!("the output does not parse: {e}")))?;
        }
        Err(error) => {
            prop_assert!(!error.message.is_empty());
            prop_assert!(!error.message.contains("internal error"), "{}", error);
        }
    }
    Ok(())
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}",
        "[A-Za-z0-9_@$+ -]{0,6}",
        prop::sample::select(vec![
            "type", "self", "Self", "crate", "super", "async", "try", "union", "gen", "2fa",
            "@type", "+1", "", "名前", "café", "Option", "Result", "extra", "Other", "value",
            "request", "body", "params", "fooBar", "foo_bar", "FooBar",
        ])
        .prop_map(str::to_owned),
    ]
}

fn scalar_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        name().prop_map(Value::from),
        Just(json!("\"quoted\" */ #[x] \u{0}")),
    ]
}

fn type_name() -> impl Strategy<Value = Value> {
    let single = prop::sample::select(vec![
        "string", "integer", "number", "boolean", "object", "array", "null", "bogus",
    ]);
    prop_oneof![
        single.clone().prop_map(Value::from),
        prop::collection::vec(single, 1..3).prop_map(|types| json!(types)),
    ]
}

fn leaf_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({})),
        type_name().prop_map(|t| json!({ "type": t })),
        (type_name(), prop::collection::vec(scalar_value(), 0..4)).prop_map(|(t, e)| json!({ "type": t, "enum": e })),
        prop::sample::select(vec!["a", "b", "c", "missing", "../x"])
            .prop_map(|target| json!({ "$ref": format!("#/components/schemas/{target}") })),
        (prop::sample::select(vec!["date-time", "binary", "int32", "uuid", ""]), scalar_value())
            .prop_map(|(format, example)| json!({ "type": "string", "format": format, "example": example, "default": example })),
        scalar_value().prop_map(|value| json!({ "const": value })),
        Just(json!({ "type": "string", "nullable": true })),
    ]
}

fn schema() -> impl Strategy<Value = Value> {
    leaf_schema().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            (
                prop::collection::btree_map(name(), inner.clone(), 0..6),
                prop::collection::vec(name(), 0..3),
                prop_oneof![
                    Just(None),
                    any::<bool>().prop_map(|b| Some(json!(b))),
                    inner.clone().prop_map(Some)
                ],
            )
                .prop_map(|(properties, required, additional)| {
                    let mut object =
                        json!({ "type": "object", "properties": properties, "required": required });
                    if let Some(additional) = additional {
                        object["additionalProperties"] = additional;
                    }
                    object
                }),
            inner
                .clone()
                .prop_map(|items| json!({ "type": "array", "items": items })),
            (
                prop::sample::select(vec!["allOf", "oneOf", "anyOf"]),
                prop::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(keyword, parts)| json!({ keyword: parts })),
            (inner.clone(), name()).prop_map(
                |(schema, description)| json!({ "not": schema, "description": description })
            ),
            (prop::collection::vec(inner.clone(), 1..3), name()).prop_map(
                |(parts, tag)| json!({ "oneOf": parts, "discriminator": { "propertyName": tag } })
            ),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (name(), prop::sample::select(vec!["path", "query", "header", "cookie"]), any::<bool>(), schema())
        .prop_map(|(name, location, required, schema)| {
            json!({ "name": name, "in": location, "required": required, "schema": schema })
        })
}

fn operation() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(None), name().prop_map(Some)],
        prop::collection::vec(parameter(), 0..4),
        prop_oneof![Just(None), schema().prop_map(Some)],
        prop::collection::btree_map(
            prop::sample::select(vec![
                "200", "201", "204", "2XX", "400", "404", "4XX", "default", "999",
            ]),
            prop_oneof![Just(None), schema().prop_map(Some)],
            0..4,
        ),
        prop::sample::select(vec![
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
        ]),
    )
        .prop_map(|(id, parameters, body, responses, media)| {
            let mut operation = json!({ "parameters": parameters, "responses": {} });
            if let Some(id) = id {
                operation["operationId"] = json!(id);
            }
            if let Some(body) = body {
                operation["requestBody"] = json!({ "content": { media: { "schema": body } } });
            }
            for (status, schema) in responses {
                let mut response = json!({ "description": "d" });
                if let Some(schema) = schema {
                    response["content"] = json!({ "application/json": { "schema": schema } });
                }
                operation["responses"][status] = response;
            }
            operation
        })
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["3.0.3", "3.1.0"]),
        prop::collection::vec(
            (
                prop::sample::select(vec!["/a", "/a/{id}", "/{type}/{x}", "/b/{"]),
                prop::sample::select(vec!["get", "post", "put", "delete"]),
                operation(),
            ),
            0..4,
        ),
        prop::collection::btree_map(
            prop::sample::select(vec!["a", "b", "c", "Contact", "contact"]),
            schema(),
            0..4,
        ),
    )
        .prop_map(|(version, operations, schemas)| {
            let mut paths = Map::new();
            for (path, method, operation) in operations {
                let item = paths.entry(path).or_insert_with(|| json!({}));
                item[method] = operation;
            }
            json!({
                "openapi": version,
                "info": { "title": "random", "version": "1" },
                "paths": paths,
                "components": { "schemas": schemas },
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_generate_parseable_code_or_an_error(document in document()) {
        check(&document)?;
    }
}

/// A change to one place in a document.
#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
    RenameKey(String),
}

fn mutation() -> impl Strategy<Value = (Vec<usize>, Mutation)> {
    (
        prop::collection::vec(any::<usize>(), 1..8),
        prop_oneof![
            Just(Mutation::Remove),
            prop_oneof![
                scalar_value(),
                schema(),
                Just(json!([])),
                Just(json!({"$ref": "#/nowhere"}))
            ]
            .prop_map(Mutation::Replace),
            name().prop_map(Mutation::RenameKey),
        ],
    )
}

/// Applies `mutation` at the node reached by following `steps` (each picks a child).
fn apply(document: &mut Value, steps: &[usize], mutation: &Mutation) {
    let mut node = document;
    for (depth, step) in steps.iter().enumerate() {
        let last = depth + 1 == steps.len();
        let children = match &*node {
            Value::Object(object) => object.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if children == 0 {
            return;
        }
        let index = step % children;
        if last {
            match (node, mutation) {
                (Value::Object(object), Mutation::Remove) => {
                    let key = object.keys().nth(index).cloned().unwrap_or_default();
                    object.remove(&key);
                }
                (Value::Object(object), Mutation::RenameKey(new)) => {
                    let key = object.keys().nth(index).cloned().unwrap_or_default();
                    if let Some(value) = object.remove(&key) {
                        object.insert(new.clone(), value);
                    }
                }
                (Value::Object(object), Mutation::Replace(value)) => {
                    if let Some(slot) = object.values_mut().nth(index) {
                        *slot = value.clone();
                    }
                }
                (Value::Array(items), Mutation::Remove) => {
                    items.remove(index);
                }
                (Value::Array(items), Mutation::Replace(value)) => items[index] = value.clone(),
                _ => {}
            }
            return;
        }
        node = match node {
            Value::Object(object) => object.values_mut().nth(index).expect("index < len"),
            Value::Array(items) => &mut items[index],
            _ => return,
        };
    }
}

fn mutated(base: &Value, mutations: &[(Vec<usize>, Mutation)]) -> Value {
    let mut document = base.clone();
    for (steps, mutation) in mutations {
        apply(&mut document, steps, mutation);
    }
    document
}

fn show_contact() -> Value {
    let yaml = include_str!("fixtures/chatwoot-show-contact.yaml");
    serde_yaml::from_str(yaml).expect("the vendored spec is YAML")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutations_of_the_show_contact_document(mutations in prop::collection::vec(mutation(), 1..6)) {
        check(&mutated(&show_contact(), &mutations))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutations_of_the_complete_3_1_0_document(mutations in prop::collection::vec(mutation(), 1..10)) {
        let base: Value = serde_json::from_str(include_str!("fixtures/chatwoot-application-3.1.0.json")).unwrap();
        check(&mutated(&base, &mutations))?;
    }
}

fn swagger2() -> Value {
    let yaml = include_str!("fixtures/swagger2.yaml");
    serde_yaml::from_str(yaml).expect("the fixture is YAML")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Swagger 2.0 documents go through their conversion first: it must take anything.
    #[test]
    fn mutations_of_the_swagger_2_document(mutations in prop::collection::vec(mutation(), 1..6)) {
        check(&mutated(&swagger2(), &mutations))?;
    }
}
