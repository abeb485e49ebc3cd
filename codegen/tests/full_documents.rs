//! The two complete Chatwoot releases: every operation and schema generates, their known
//! defects are warnings at their locations, and names stay put across refreshes.
//!
//! That the generated code compiles is checked by the `chatwoot-3-*` crates under
//! `tests/crates/`, which build it.

use std::collections::{BTreeMap, BTreeSet};

use openapi_clientgen::{Generator, Location, Output, Syntax};
use serde_json::{json, Value};

const V3_0_4: &str = include_str!("fixtures/chatwoot-application-3.0.4.json");
const V3_1_0: &str = include_str!("fixtures/chatwoot-application-3.1.0.json");

fn generate(name: &str, text: &str) -> Output {
    Generator::from_text(name, text, Syntax::Json)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The operationIds the document lists.
fn operation_ids(text: &str) -> Vec<String> {
    let document: Value = serde_json::from_str(text).unwrap();
    let mut ids = Vec::new();
    for item in document["paths"].as_object().unwrap().values() {
        for (method, operation) in item.as_object().unwrap() {
            if [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                ids.push(operation["operationId"].as_str().unwrap().to_owned());
            }
        }
    }
    ids
}

fn warnings(output: &Output) -> BTreeSet<(String, String)> {
    output
        .warnings
        .iter()
        .map(|w| match &w.location {
            Location::Pointer(pointer) => (pointer.clone(), w.message.clone()),
            other => panic!("a warning without a pointer: {other:?}"),
        })
        .collect()
}

#[test]
fn every_operation_of_both_releases_becomes_a_method() {
    for (name, text, count) in [("3.0.4.json", V3_0_4, 105), ("3.1.0.json", V3_1_0, 112)] {
        let output = generate(name, text);
        let ids = operation_ids(text);
        assert_eq!(ids.len(), count);
        let sources: BTreeSet<&str> = output
            .operations
            .iter()
            .map(|o| o.source.as_str())
            .collect();
        assert_eq!(sources, ids.iter().map(String::as_str).collect(), "{name}");
        let methods: BTreeSet<&str> = output.operations.iter().map(|o| o.name.as_str()).collect();
        // A body offered as JSON and as a form is two methods.
        assert_eq!(
            methods.len(),
            output.operations.len(),
            "method names are unique"
        );
        assert!(methods.contains("update_account_form"));
        assert!(methods.contains("contact_details"));
        assert!(
            methods.contains("list_all_account_agent_bots"),
            "kebab-case operationIds"
        );
        assert!(
            output.types.len() > 300,
            "{name}: {} types",
            output.types.len()
        );
        syn::parse_file(&output.code).unwrap();
    }
}

#[test]
fn every_component_schema_gets_a_type() {
    for text in [V3_0_4, V3_1_0] {
        let document: Value = serde_json::from_str(text).unwrap();
        let output = generate("api.json", text);
        let sources: BTreeSet<&str> = output.types.iter().map(|t| t.source.as_str()).collect();
        for key in document["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
        {
            let pointer = format!("#/components/schemas/{key}");
            assert!(sources.contains(pointer.as_str()), "no type for {pointer}");
        }
    }
}

/// Both releases document a body on these two `204` responses.
const NO_CONTENT_WITH_BODY: &[(&str, &str)] = &[
    (
        "#/paths/~1api~1v1~1accounts~1{account_id}~1contacts~1{id}/put/responses/204",
        "a 204 response has no body in HTTP; its content is ignored",
    ),
    (
        "#/paths/~1api~1v1~1accounts~1{account_id}~1inboxes~1{id}~1agent_bot/get/responses/204",
        "a 204 response has no body in HTTP; its content is ignored",
    ),
];

#[test]
fn known_defects_of_3_0_4_are_warnings_at_their_locations() {
    let warnings = warnings(&generate("3.0.4.json", V3_0_4));
    let expected = [
        (
            "#/paths/~1api~1v1~1accounts~1{id}/get",
            "the placeholder `{id}` in `/api/v1/accounts/{id}` has no parameter of that name; bound it to the path parameter `account_id`",
        ),
        (
            "#/paths/~1api~1v1~1accounts~1{id}/patch",
            "the placeholder `{id}` in `/api/v1/accounts/{id}` has no parameter of that name; bound it to the path parameter `account_id`",
        ),
        (
            "#/components/schemas/article/properties/status",
            "the enum values are strings but the declared type is `integer`; generated a string enum",
        ),
    ];
    let expected: BTreeSet<(String, String)> = expected
        .iter()
        .chain(NO_CONTENT_WITH_BODY)
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(warnings, expected);
}

#[test]
fn known_defects_of_3_1_0_are_warnings_at_their_locations() {
    let output = generate("3.1.0.json", V3_1_0);
    let warnings = warnings(&output);
    let expected = [(
        "#/components/schemas/article/properties/status",
        "the enum values are strings but the declared type is `integer`; generated a string enum",
    )];
    let expected: BTreeSet<(String, String)> = expected
        .iter()
        .chain(NO_CONTENT_WITH_BODY)
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(warnings, expected);
    // The 3.1 nullable pattern `oneOf: [$ref, {type: 'null'}]` keeps the type and its nullability.
    assert!(output
        .code
        .contains("pub last_non_activity_message: Option<Option<Message>>,"));
    // A type union `[integer, string]` becomes an untagged enum.
    assert!(output.code.contains(
        "pub enum MessageUpdatedAt {\n        Integer(i64),\n        String(String),\n    }"
    ));
}

#[test]
fn restricted_generation_keeps_the_selected_operations_and_what_they_use() {
    let output = Generator::from_text("3.1.0.json", V3_1_0, Syntax::Json)
        .operations(["contactDetails"])
        .generate()
        .unwrap();
    let methods: Vec<&str> = output.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(methods, ["contact_details"]);
    let types: BTreeSet<&str> = output.types.iter().map(|t| t.name.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "BadRequestError",
        "ContactDetailsError",
        "ContactInbox",
        "ContactInboxInbox",
        "ContactListItem",
        "ContactListItemAdditionalAttributes",
        "ContactListItemAvailabilityStatus",
        "ContactShowResponse",
        "RequestError",
    ]
    .into_iter()
    .collect();
    assert_eq!(types, expected);

    let by_tag = Generator::from_text("3.1.0.json", V3_1_0, Syntax::Json)
        .tags(["Canned Responses"])
        .generate()
        .unwrap();
    let methods: Vec<&str> = by_tag.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        methods,
        [
            "get_account_canned_response",
            "add_new_canned_response_to_account",
            "delete_canned_response_from_account",
            "update_canned_response_in_account"
        ]
    );
}

/// source → name, for types and methods.
fn names(output: &Output) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let types = output.types.iter();
    let operations = output.operations.iter();
    (
        types.map(|t| (t.source.clone(), t.name.clone())).collect(),
        operations
            .map(|o| (o.source.clone(), o.name.clone()))
            .collect(),
    )
}

fn assert_same_names_where_both_have_them(a: &Output, b: &Output) -> usize {
    let (a_types, a_methods) = names(a);
    let (b_types, b_methods) = names(b);
    let mut compared = 0;
    for (source, name) in a_types.iter().chain(a_methods.iter()) {
        if let Some(other) = b_types.get(source).or_else(|| b_methods.get(source)) {
            assert_eq!(name, other, "the name of {source} changed");
            compared += 1;
        }
    }
    compared
}

#[test]
fn names_stay_the_same_from_one_release_to_the_next() {
    let old = generate("3.0.4.json", V3_0_4);
    let new = generate("3.1.0.json", V3_1_0);
    let compared = assert_same_names_where_both_have_them(&old, &new);
    assert!(compared > 300, "only {compared} items in common");
}

#[test]
fn names_do_not_depend_on_unrelated_operations_or_schemas_or_their_order() {
    let original = generate("3.1.0.json", V3_1_0);
    let mut document: Value = serde_json::from_str(V3_1_0).unwrap();
    // Reverse the paths and schemas, drop every third path, add an unrelated schema and an
    // operation whose response type's name collides with an existing schema's.
    let paths: Vec<(String, Value)> = document["paths"]
        .as_object()
        .unwrap()
        .clone()
        .into_iter()
        .collect();
    let kept: serde_json::Map<String, Value> = paths
        .into_iter()
        .rev()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0)
        .map(|(_, entry)| entry)
        .chain([(
            "/aaa/contact".to_owned(),
            json!({ "get": { "operationId": "ContactShow", "responses": { "200": {
                "description": "ok",
                "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "payload": { "type": "object", "properties": { "a": { "type": "string" } } } }
                } } }
            } } } }),
        )])
        .collect();
    document["paths"] = Value::Object(kept);
    let schemas: serde_json::Map<String, Value> = document["components"]["schemas"]
        .as_object()
        .unwrap()
        .clone()
        .into_iter()
        .rev()
        .chain([(
            "zz_unrelated".to_owned(),
            json!({ "type": "object", "properties": { "x": { "type": "integer" } } }),
        )])
        .collect();
    document["components"]["schemas"] = Value::Object(schemas);
    let changed = generate("changed.json", &document.to_string());
    let compared = assert_same_names_where_both_have_them(&original, &changed);
    let (types, _) = names(&changed);
    assert_eq!(
        types["#/components/schemas/contact_show_response"],
        "ContactShowResponse"
    );
    assert_eq!(
        types["#/paths/~1aaa~1contact/get/responses/200/content/application~1json/schema"],
        "ContactShowResponse2"
    );
    assert!(compared > 250, "only {compared} items in common");
}

#[test]
fn the_code_is_formatted_as_a_whole_file_whatever_the_number_of_threads() {
    let with = |threads: usize| {
        Generator::from_text("3.1.0.json", V3_1_0, Syntax::Json)
            .threads(threads.try_into().unwrap())
            .generate()
            .unwrap_or_else(|e| panic!("{e}"))
            .code
    };
    let one = with(1);
    // Formatting the file whole drops its header comment and nothing else.
    let body = one
        .split_once("\n\n")
        .map(|(header, body)| {
            assert!(header.lines().all(|line| line.starts_with("// ")));
            body
        })
        .unwrap();
    let whole = prettyplease::unparse(&syn::parse_file(&one).unwrap());
    assert_eq!(whole, body);
    for threads in [2, 3, 8] {
        assert_eq!(with(threads), one, "{threads} threads");
    }
}

#[test]
fn a_split_client_is_the_same_whatever_the_number_of_threads_and_each_gate_has_one_file() {
    let with = |threads: usize| {
        Generator::from_text("3.1.0.json", V3_1_0, Syntax::Json)
            .tag_features()
            .threads(threads.try_into().unwrap())
            .generate_for("src/api.rs")
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let one = with(1);
    // The methods are emitted in chunks of 16 operations; the operations of gates cross
    // from one chunk to the next, and still make one file with one `impl Client`, included
    // once.
    let chunks = |text: &str| {
        let at: Vec<usize> = one
            .operations
            .iter()
            .enumerate()
            .filter(|(_, op)| text.contains(&format!("    pub fn {}(", op.name)))
            .map(|(index, _)| index)
            .collect();
        at.last()
            .zip(at.first())
            .map_or(0, |(last, first)| last / 16 - first / 16 + 1)
    };
    let crossing = one
        .parts
        .iter()
        .filter(|(file, text)| file.ends_with(".client.rs") && chunks(text) > 1)
        .count();
    assert!(crossing > 3, "{crossing} gates in several chunks");
    for (file, text) in one.parts.iter().filter(|(f, _)| f.ends_with(".client.rs")) {
        assert!(text.starts_with("impl Client {\n"), "{file}");
        assert_eq!(text.matches("impl Client {").count(), 1, "{file}");
        assert_eq!(
            one.code.matches(&format!("include!(\"{file}\")")).count(),
            1
        );
        syn::parse_file(text).unwrap();
    }
    for threads in [2, 3] {
        let other = with(threads);
        assert_eq!(other.code, one.code, "{threads} threads");
        assert_eq!(other.parts, one.parts, "{threads} threads");
    }
}
