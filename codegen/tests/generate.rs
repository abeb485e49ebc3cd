//! What the generator makes of small documents: names, types, nullability, escaping.

use openapi_clientgen::{Generator, Output, Syntax};

fn generate(yaml: &str) -> Output {
    Generator::from_text("api.yaml", yaml, Syntax::Yaml)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Rust source as a canonical token string, for matching fragments whatever the layout
/// (including the trailing comma of a list split over lines).
fn tokens(source: &str) -> String {
    let tokens: proc_macro2::TokenStream = source.parse().expect("balanced Rust tokens");
    let text: String = tokens.to_string().split_whitespace().collect();
    text.replace(",)", ")")
}

fn assert_contains(code: &str, fragment: &str) {
    syn::parse_file(code).expect("the generated code parses");
    let haystack = tokens(code);
    let needle = tokens(fragment);
    assert!(haystack.contains(&needle), "`{needle}` not in:\n{code}");
}

const DOC: &str = r#"
openapi: 3.1.0
info: {title: Test, version: '1'}
paths:
  /things/{thing_id}:
    get:
      operationId: getThing
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, schema: {type: array, items: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing:
      type: object
      required: [id, owner]
      properties:
        id: {type: integer}
        owner: {type: [string, 'null']}
        label: {type: [string, 'null']}
        size: {type: number}
        type: {type: string, enum: [big, small, '24h+', '0-1h']}
        self: {type: boolean}
        2fa: {type: boolean}
        content-type: {type: string}
        fooBar: {type: string}
        foo_bar: {type: string}
        meta:
          type: object
          properties:
            tags: {type: array, items: {type: object, properties: {name: {type: string}}}}
        anything: {}
        labels: {type: object, additionalProperties: {type: integer}}
"#;

#[test]
fn nested_objects_are_named_after_their_parent_and_property() {
    let code = generate(DOC).code;
    assert_contains(&code, "pub struct Thing");
    assert_contains(&code, "pub meta: Option<ThingMeta>");
    assert_contains(&code, "pub struct ThingMeta");
    assert_contains(&code, "pub tags: Option<Vec<ThingMetaTagsItem>>");
    assert_contains(&code, "pub struct ThingMetaTagsItem");
}

#[test]
fn required_optional_and_nullable_properties() {
    let code = generate(DOC).code;
    assert_contains(&code, "pub id: i64,");
    assert_contains(&code, "pub owner: Option<String>,");
    assert_contains(&code, "pub label: Option<Option<String>>,");
    assert_contains(&code, "pub size: Option<f64>,");
    assert_contains(&code, "pub anything: Option<__rt::serde_json::Value>");
    assert_contains(
        &code,
        r#"required(id, "id"), value(owner, "owner"), present(label, "label"), value(size, "size")"#,
    );
    assert_contains(
        &code,
        "pub labels: Option<::std::collections::BTreeMap<String, i64>>",
    );
}

#[test]
fn keywords_and_odd_names_are_escaped_and_keep_their_wire_names() {
    let code = generate(DOC).code;
    assert_contains(&code, "pub r#type: Option<ThingType>");
    assert_contains(&code, r#"value(r#type, "type")"#);
    assert_contains(&code, "pub self_: Option<bool>");
    assert_contains(&code, r#"value(self_, "self")"#);
    assert_contains(&code, "pub n2fa: Option<bool>");
    assert_contains(&code, r#"value(n2fa, "2fa")"#);
    assert_contains(&code, "pub content_type: Option<String>");
    assert_contains(&code, r#"value(content_type, "content-type")"#);
    // `foo_bar` is already a Rust name, so it keeps it; `fooBar` yields.
    assert_contains(&code, r#"value(foo_bar, "foo_bar")"#);
    assert_contains(&code, r#"value(foo_bar_2, "fooBar")"#);
    assert_contains(&code, r#"N24h = "24h+""#);
    assert_contains(&code, r#"N01h = "0-1h""#);
}

#[test]
fn operations_become_snake_case_methods_with_typed_parameters() {
    let code = generate(DOC).code;
    assert_contains(
        &code,
        "pub fn get_thing(&self, thing_id: &str, params: &types::GetThingParams,) -> impl ::std::future::Future<Output = Result<__rt::ResponseValue<types::Thing>, __rt::Error<::std::convert::Infallible>,>,> + '_",
    );
    assert_contains(
        &code,
        r#"__rt::reqwest::Method::GET, "/things/{thing_id}", &[]"#,
    );
    assert_contains(
        &code,
        r#"request.path(__rt::Param::simple("thing_id"), &thing_id);"#,
    );
    assert_contains(
        &code,
        r#"if let Some(value) = &params.expand { request.query(__rt::Param::form("expand"), value); }"#,
    );
    assert_contains(
        &code,
        "#[derive(Debug, Clone, PartialEq, Default)] pub struct GetThingParams { pub expand: Option<Vec<String>>, }",
    );
}

#[test]
fn nullability_is_the_same_from_3_0_and_3_1_documents() {
    let v31 = generate(DOC).code;
    let v30 = generate(
        &DOC.replace("openapi: 3.1.0", "openapi: 3.0.3")
            .replace("{type: [string, 'null']}", "{type: string, nullable: true}"),
    )
    .code;
    let body = |code: &str| code.split_once("pub mod types").unwrap().1.to_owned();
    assert_eq!(body(&v30), body(&v31));
}

#[test]
fn generation_is_deterministic() {
    let first = generate(DOC).code;
    for _ in 0..3 {
        assert_eq!(generate(DOC).code, first);
    }
}

#[test]
fn a_document_without_types_has_an_empty_types_module() {
    let code = generate(
        r#"
openapi: 3.0.3
info: {title: Empty, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '204': {description: pong}
"#,
    )
    .code;
    assert_contains(&code, "pub mod types {}");
    assert_contains(&code, "pub fn ping");
}

#[test]
fn builder_methods_of_schemes_and_server_variables_never_clash() {
    let output = generate(
        r#"
openapi: 3.1.0
info: {title: Test, version: '1'}
servers:
  - url: 'https://api.example.com/{timeout}/{apiKey}'
    variables:
      timeout: {default: a}
      apiKey: {default: b}
paths: {}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: k1}
    api-key: {type: apiKey, in: query, name: k2}
    build: {type: http, scheme: bearer}
    type: {type: http, scheme: basic}
"#,
    );
    let token = "(self, token: impl Into<__rt::Token>) -> Self";
    for method in ["api_key", "api_key_2", "build_credential"] {
        assert_contains(&output.code, &format!("pub fn {method}{token}"));
    }
    assert_contains(
        &output.code,
        "pub fn r#type(self, username: impl Into<String>, password: impl Into<String>) -> Self",
    );
    for method in ["timeout_variable", "api_key_3"] {
        assert_contains(
            &output.code,
            &format!("pub fn {method}(self, value: impl Into<String>) -> Self"),
        );
    }
}

#[test]
fn repeated_inline_schemas_share_one_definition_and_keep_their_names() {
    let owner = "{type: object, properties: {login: {type: string}, kind: {type: string, enum: [user, bot]}}}";
    let code = generate(&format!(
        r#"
openapi: 3.0.3
info: {{title: Owners, version: '1'}}
paths:
  /widgets/owner:
    get:
      operationId: getWidgetOwner
      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{description: The owner of a widget., {}}}}}}}}}}}
  /gadgets/owner:
    get:
      operationId: getGadgetOwner
      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {owner}}}}}}}}}
  /gadgets/owner/kind:
    get:
      operationId: getOwnerKind
      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{type: string, enum: [user, bot]}}}}}}}}}}
  /owners/any:
    get:
      operationId: getAnyOwner
      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{oneOf: [{owner}, {{type: integer}}]}}}}}}}}}}
components:
  schemas:
    Owner: {{description: Someone who owns things., {}}}
"#,
        &owner[1..owner.len() - 1],
        &owner[1..owner.len() - 1]
    ))
    .code;
    // The component is defined (components come first) and every inline copy is an alias
    // of it, whatever its own description; the enum is the component's, which is what
    // made the structs the same.
    assert!(code.contains("pub struct Owner {"), "{code}");
    assert_contains(&code, "pub type GetGadgetOwnerResponse = Owner;");
    assert_contains(&code, "pub type GetWidgetOwnerResponse = Owner;");
    assert_contains(&code, "pub type GetOwnerKindResponse = OwnerKind;");
    assert_eq!(code.matches("pub struct").count(), 2, "{code}"); // with `Client`
                                                                 // A variant holding an alias of a struct is boxed, as one holding the struct is.
    assert_contains(&code, "Object(Box<GetAnyOwnerResponseObject>)");
    // An alias keeps its own description, and links to its definition.
    assert!(
        code.contains(
            "/// The owner of a widget.\n    ///\n    /// The same type as [`Owner`].\n    pub type GetWidgetOwnerResponse"
        ),
        "{code}"
    );
    assert!(
        code.contains("/// The same type as [`Owner`].\n    pub type GetGadgetOwnerResponse"),
        "{code}"
    );
    // Each method still names the type of its own place.
    assert_contains(&code, "ResponseValue<types::GetWidgetOwnerResponse>");
}

#[test]
fn operations_answering_the_same_errors_share_one_error_type() {
    let code = generate(
        r#"
openapi: 3.0.3
info: {title: Errors, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '204': {description: ok}
        '404': {description: Not found., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /b:
    get:
      operationId: getB
      responses:
        '204': {description: ok}
        '404': {description: Not found., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /c:
    get:
      operationId: getC
      responses:
        '204': {description: ok}
        '404': {description: Nothing there., content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
components:
  schemas:
    Problem: {type: object, properties: {detail: {type: string}}}
"#,
    )
    .code;
    // The same cases with the same descriptions: one definition, and each operation's
    // error type keeps its name and says whose it is.
    assert!(code.contains("pub enum GetAError {"), "{code}");
    assert_contains(&code, "pub type GetBError = GetAError;");
    assert!(
        code.contains(
            "/// The documented error responses of [`Client::get_b`](super::Client::get_b).\n    ///\n    /// The same type as [`GetAError`].\n    pub type GetBError"
        ),
        "{code}"
    );
    // A case described otherwise is another type.
    assert!(code.contains("pub enum GetCError {"), "{code}");
    assert_contains(&code, "__rt::Error<types::GetBError>");
}

#[test]
fn a_query_string_in_a_path_key_is_sent_as_written_and_said() {
    let output = generate(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /responses/compact?beta=true:\n    post: {operationId: compact, responses: {'204': {description: ok}}}\n",
    );
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["api.yaml at #/paths/~1responses~1compact?beta=true: the path `/responses/compact?beta=true` \
          holds a query string; `beta=true` is sent with every call of its operations, as \
          written"]
    );
    assert_contains(
        &output.code,
        "let mut request = __rt::Request::new(&self.core, \"compact\", \
         __rt::reqwest::Method::POST, \"/responses/compact\", &[]); \
         request.query_string(\"beta=true\");",
    );
}

/// A paged operation whose stream or pages method would take another operation's
/// method name has neither, with a warning; an operation without pages is not in the
/// way of one whose name ends alike.
#[test]
fn a_paged_operation_whose_stream_method_is_taken_has_none_and_says_so() {
    let page = "{'200': {description: ok, content: {application/json: {schema: {type: object, \
                properties: {value: {type: array, items: {type: string}}, nextLink: {type: string}}}}}}}";
    let output = generate(&format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  \
         /items:\n    get: {{operationId: listItems, x-ms-pageable: {{nextLinkName: nextLink}}, responses: {page}}}\n  \
         /items/stream:\n    get: {{operationId: listItemsStream, responses: {{'204': {{description: ok}}}}}}\n  \
         /things:\n    get: {{operationId: listThings, x-ms-pageable: {{nextLinkName: nextLink}}, responses: {page}}}\n  \
         /thing:\n    get: {{operationId: getThing, responses: {{'204': {{description: ok}}}}}}\n  \
         /thing/stream:\n    get: {{operationId: getThingStream, responses: {{'204': {{description: ok}}}}}}\n"
    ));
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "api.yaml at #/paths/~1items: no `_stream` method for `list_items`: \
          `list_items_stream` is another operation's method"
        ]
    );
    let code = &output.code;
    for (method, has) in [
        ("list_items_stream", true),
        ("list_items_pages", false),
        ("list_things_stream", true),
        ("list_things_pages", true),
        ("get_thing_stream", true),
    ] {
        assert_eq!(
            code.contains(&format!("fn {method}(")),
            has,
            "{method}:\n{code}"
        );
    }
}

#[test]
fn tag_features_generated_for_a_file_move_items_to_gate_files_and_lose_none() {
    let generator = Generator::new("tests/fixtures/tagged.yaml").tag_features();
    let whole = generator.generate().unwrap();
    let split = generator.generate_for("src/api.rs").unwrap();
    assert!(whole.parts.is_empty());
    let files: Vec<&str> = split.parts.keys().map(String::as_str).collect();
    assert!(
        files.contains(&"api.features/stores.client.rs"),
        "{files:?}"
    );
    // Every item is in one of the files, once; none carries a gate but the includes.
    let count = |text: &str| {
        ["pub fn ", "pub struct ", "pub enum ", "pub type "].map(|item| text.matches(item).count())
    };
    let mut moved = count(&split.code);
    for text in split.parts.values() {
        assert!(!text.contains("#[cfg("), "{text}");
        for (total, n) in moved.iter_mut().zip(count(text)) {
            *total += n;
        }
    }
    assert_eq!(moved, count(&whole.code));
    for part in split.parts.keys() {
        assert_eq!(
            split.code.matches(&format!("include!(\"{part}\")")).count(),
            1,
            "{part}"
        );
    }
    // Each part parses: the types as items of the module, the methods as an `impl`.
    for text in split.parts.values() {
        syn::parse_file(text).unwrap();
    }
}

/// Sent, read, both, and named by no operation: a note's body, its answer, a tag in
/// both, an error, a query parameter's enum, a 3.0 document's `x-webhooks` event, and a
/// component no operation names.
const DIRECTIONS: &str = r#"
openapi: 3.0.3
info: {title: Notes, version: '1'}
paths:
  /notes:
    post:
      operationId: createNote
      parameters:
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NoteInput'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
        '422':
          description: invalid
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
components:
  schemas:
    NoteInput:
      type: object
      required: [text]
      properties:
        text: {type: string}
        tag: {$ref: '#/components/schemas/Tag'}
    Note:
      type: object
      properties:
        tag: {$ref: '#/components/schemas/Tag'}
        author: {$ref: '#/components/schemas/Author'}
    Tag:
      type: object
      properties: {name: {type: string}}
    Author:
      type: object
      properties: {login: {type: string}}
    Problem:
      type: object
      properties: {detail: {type: string}}
    Orphan:
      type: object
      properties: {inner: {$ref: '#/components/schemas/OrphanInner'}}
    OrphanInner:
      type: object
      properties: {id: {type: integer}}
    NoteCreated:
      type: object
      required: [action]
      properties:
        action: {type: string, enum: [created]}
        author: {$ref: '#/components/schemas/Author'}
x-webhooks:
  note-created:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NoteCreated'}
      responses: {'200': {description: ok}}
"#;

#[test]
fn each_type_implements_the_serde_traits_of_the_way_the_client_uses_it() {
    let code = generate(DIRECTIONS).code;
    for fragment in [
        // Sent only: the body and a parameter's enum.
        r#"serde_struct!(impl Serialize for NoteInput, extra(extra), [required(text, "text"), value(tag, "tag")]);"#,
        r#"string_enum!(impl Serialize for CreateNoteOrder { Asc = "asc", Desc = "desc" }, Other);"#,
        // Read only: the answer, what is only within it, the error, the webhook's event.
        r#"serde_struct!(impl Deserialize for Note, extra(extra), [value(tag, "tag"), value(author, "author")]);"#,
        r#"serde_struct!(impl Deserialize for Author, extra(extra), [value(login, "login")]);"#,
        r#"serde_struct!(impl Deserialize for Problem, extra(extra), [value(detail, "detail")]);"#,
        r#"serde_struct!(impl Deserialize for NoteCreated, extra(extra), [required(action, "action"), value(author, "author")]);"#,
        r#"serde_union!(impl Deserialize for Event { NoteCreated { "action" = "created" } }, other(Other));"#,
        // Both: sent and read, and what no operation names, with what is within it.
        r#"serde_struct!(Tag, extra(extra), [value(name, "name")]);"#,
        r#"serde_struct!(Orphan, extra(extra), [value(inner, "inner")]);"#,
        r#"serde_struct!(OrphanInner, extra(extra), [value(id, "id")]);"#,
    ] {
        assert_contains(&code, fragment);
    }

    // The mock server sends what the client reads.
    let mocked = Generator::from_text("api.yaml", DIRECTIONS, Syntax::Yaml)
        .mock_feature()
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert_contains(
        &mocked,
        r#"serde_struct!(impl Deserialize + #[cfg(feature = "mock")] Serialize for Note, extra(extra), [value(tag, "tag"), value(author, "author")]);"#,
    );
    assert_contains(
        &mocked,
        r#"serde_struct!(impl Serialize for NoteInput, extra(extra), [required(text, "text"), value(tag, "tag")]);"#,
    );

    // Or every type both ways.
    let both = Generator::from_text("api.yaml", DIRECTIONS, Syntax::Yaml)
        .serde_both_ways(true)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert!(!both.contains("impl Serialize for") && !both.contains("impl Deserialize for"));
    assert_contains(
        &both,
        r#"serde_struct!(Note, extra(extra), [value(tag, "tag"), value(author, "author")]);"#,
    );
}

#[test]
fn with_tag_features_the_webhooks_and_their_events_types_have_a_feature_of_their_own() {
    let tagged = DIRECTIONS.replace(
        "      operationId: createNote\n",
        "      operationId: createNote\n      tags: [notes]\n",
    );
    let output = Generator::from_text("api.yaml", &tagged, Syntax::Yaml)
        .tag_features()
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        output.cargo_features(),
        "[features]\nfull = [\"notes\", \"webhooks\"]\nnotes = []\nwebhooks = []\n"
    );
    let code = &output.code;
    assert_contains(code, r#"#[cfg(feature = "webhooks")] pub mod webhooks"#);
    assert_contains(
        code,
        r#"#[cfg(feature = "webhooks")] #[derive(Debug, Clone, PartialEq)] pub struct NoteCreated"#,
    );
    // Read by a method of `notes` and within an event.
    assert_contains(
        code,
        r#"#[cfg(any(feature = "notes", feature = "webhooks"))] #[derive(Debug, Clone, PartialEq, Default)] pub struct Author"#,
    );
}

/// References to components, to components through other components, and to objects
/// elsewhere in the document that are themselves references.
const REFERENCES: &str = r#"
openapi: 3.0.3
info: {title: Refs, version: '1'}
paths:
  /a/{id}:
    get:
      operationId: getA
      parameters:
        - $ref: '#/components/parameters/Id'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200': {$ref: '#/components/responses/Thing'}
        '404': {$ref: '#/components/responses/Missing'}
  /b/{id}:
    get:
      operationId: getB
      parameters:
        - $ref: '#/paths/~1a~1{id}/get/parameters/0'
        - $ref: '#/paths/~1c/get/parameters/0'
      responses:
        '200': {$ref: '#/paths/~1a~1{id}/get/responses/200'}
  /c:
    get:
      operationId: getC
      parameters:
        - {name: q, in: query, schema: {type: string}, description: The query.}
      responses: {'204': {description: none}}
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: integer}}
    Limit: {$ref: '#/components/parameters/LimitParam'}
    LimitParam: {name: limit, in: query, schema: {type: integer}, description: At most this many.}
  responses:
    Thing: {$ref: '#/components/responses/ThingResponse'}
    ThingResponse:
      description: A thing
      content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
    Missing:
      description: Not found
      content: {application/json: {schema: {type: object, properties: {message: {type: string}}}}}
  schemas:
    Thing: {type: object, properties: {id: {type: integer}}}
"#;

#[test]
fn references_resolve_to_components_through_chains_and_to_objects_elsewhere() {
    let code = generate(REFERENCES).code;
    // Components, one through another.
    assert_contains(
        &code,
        "pub fn get_a(&self, id: i64, params: &types::GetAParams)",
    );
    assert_contains(
        &code,
        "Output = Result<__rt::ResponseValue<types::Thing>, __rt::Error<types::GetAError>>",
    );
    assert!(
        code.contains(
            "pub struct GetAParams {\n        /// At most this many.\n        pub limit: Option<i64>,"
        ),
        "{code}"
    );
    assert!(code.contains("/// Status 404: Not found"), "{code}");
    // Objects in other operations: a reference to a component's reference, an inline
    // parameter, and a response that is a reference to a chain of them.
    assert_contains(
        &code,
        "pub fn get_b(&self, id: i64, params: &types::GetBParams)",
    );
    let get_b = code
        .split_once("pub fn get_b(")
        .and_then(|(_, rest)| rest.split_once("pub fn get_c("))
        .map(|(get_b, _)| get_b)
        .unwrap_or_default();
    assert!(
        get_b.contains("__rt::ResponseValue<types::Thing>"),
        "{get_b}"
    );
    assert!(
        code.contains(
            "pub struct GetBParams {\n        /// The query.\n        pub q: Option<String>,"
        ),
        "{code}"
    );
}

/// A document of 800 operations, modeled in shares on two and three threads: the same
/// code and warnings as on one. Components are met first in every share (some only in
/// the later ones, one with a warning), reference each other in cycles, and are reached
/// through an alias; operations refer to a schema inside another operation, which that
/// operation also converts where it stands.
#[test]
fn operations_modeled_on_several_threads_make_what_one_thread_makes() {
    let mut paths = serde_json::Map::new();
    for i in 0..800 {
        let success = match i {
            i if i % 50 == 7 => serde_json::json!({
                "$ref": "#/paths/~1items0~1{id}/get/responses/404/content/application~1json/schema"
            }),
            i if i >= 400 => {
                serde_json::json!({"$ref": format!("#/components/schemas/Late{}", i % 4)})
            }
            i if i % 3 == 0 => serde_json::json!({"$ref": "#/components/schemas/Alias"}),
            _ => serde_json::json!({"$ref": "#/components/schemas/Node"}),
        };
        let mut responses = serde_json::json!({
            "200": {"description": "ok", "content": {"application/json": {"schema": success}}},
            "404": {"description": "missing", "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"error": {"type": "string"}, "code": {"type": "integer"}}
            }}}}
        });
        if i % 5 == 1 {
            responses["default"] = serde_json::json!({"$ref": "#/components/responses/Shared"});
        }
        let key = match i % 100 {
            5 => format!("/items{i}/{{id}}?beta=true"),
            _ => format!("/items{i}/{{id}}"),
        };
        paths.insert(
            key,
            serde_json::json!({"get": {
                "operationId": format!("getItem{i}"),
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "$select", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["a", "b", "c"]}}}
                ],
                "responses": responses
            }}),
        );
    }
    let mut schemas = serde_json::json!({
        "Node": {"type": "object", "properties": {
            "id": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            "parent": {"$ref": "#/components/schemas/Parent"},
            "kind": {"type": "string", "enum": ["leaf", "branch"]}
        }},
        "Parent": {"allOf": [
            {"$ref": "#/components/schemas/Node"},
            {"type": "object", "properties": {"depth": {"type": "integer"}}}
        ]},
        "Alias": {"$ref": "#/components/schemas/Node"},
        "Mixed": {"enum": [1, "a"]}
    });
    for k in 0..4 {
        schemas[format!("Late{k}")] = serde_json::json!({"type": "object", "properties": {
            "value": {"type": "string", "enum": [format!("x{k}"), "y"]},
            "node": {"$ref": "#/components/schemas/Node"},
            "mixed": {"$ref": "#/components/schemas/Mixed"},
            "nested": {"type": "object", "properties": {"flag": {"type": "boolean"}}}
        }});
    }
    let document = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Shares", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": {"Shared": {"description": "shared", "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "next": {"type": "string"}
                }
            }}}}}
        }
    })
    .to_string();
    // Under 64 KiB, a document is generated on one thread whatever the setting.
    assert!(document.len() >= 64 * 1024, "{} bytes", document.len());
    let generate = |threads: usize| {
        Generator::from_text("shares.json", &document, Syntax::Json)
            .threads(std::num::NonZeroUsize::new(threads).unwrap())
            .generate()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let one = generate(1);
    let mixed = one
        .warnings
        .iter()
        .filter(|w| w.message.contains("generated an untyped JSON value"))
        .count();
    assert_eq!(mixed, 1, "{:?}", one.warnings);
    assert!(one
        .warnings
        .iter()
        .any(|w| w.message.contains("holds a query string")));
    for threads in [2, 3] {
        let shared = generate(threads);
        assert_eq!(shared.warnings, one.warnings, "{threads} threads");
        assert!(
            shared.code == one.code,
            "{threads} threads: the code differs"
        );
    }
}

/// An error in the operations of a large document is the one a single thread meets first,
/// whichever share of the operations holds it.
#[test]
fn operations_modeled_on_several_threads_fail_as_one_thread_fails() {
    let document = |broken: &[usize]| {
        let paths: serde_json::Map<String, serde_json::Value> = (0..600)
            .map(|i| {
                let schema = if broken.contains(&i) {
                    format!("#/components/schemas/Missing{i}")
                } else {
                    "#/components/schemas/Thing".to_owned()
                };
                let operation = serde_json::json!({"get": {
                    "operationId": format!("get{i}"),
                    "responses": {"200": {"description": "ok", "content": {
                        "application/json": {"schema": {"$ref": schema}}
                    }}}
                }});
                (format!("/things{i}"), operation)
            })
            .collect();
        serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Broken", "version": "1"},
            "paths": paths,
            "components": {"schemas": {"Thing": {"type": "object"}}}
        })
        .to_string()
    };
    for broken in [&[450][..], &[100, 450], &[599, 300]] {
        let text = document(broken);
        // Under 64 KiB, a document is generated on one thread whatever the setting.
        assert!(text.len() >= 64 * 1024, "{} bytes", text.len());
        let error = |threads: usize| {
            Generator::from_text("broken.json", &text, Syntax::Json)
                .threads(std::num::NonZeroUsize::new(threads).unwrap())
                .generate()
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let one = error(1);
        let first = broken.iter().min().unwrap();
        assert!(one.contains(&format!("Missing{first}")), "{one}");
        assert_eq!(error(2), one, "broken at {broken:?}");
    }
}
