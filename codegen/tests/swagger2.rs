//! Swagger 2.0 documents: read as they are, judged against swagger2openapi 7.0.8's
//! conversion (committed beside each fixture as `*.swagger2openapi.json`, made by
//! `realworld/swagger2/convert.js`), with errors located in the original document.

use openapi_clientgen::{compare, Generator, Location, Syntax};

fn listed(old: &str, new: &str) -> Vec<String> {
    let old = Generator::new(old).generate().unwrap().record();
    let new = Generator::new(new).generate().unwrap().record();
    compare(&old, &new)
        .changes
        .iter()
        .map(|c| format!("{} {}", c.severity.name(), c.item))
        .collect()
}

#[test]
fn each_conversion_rule_gives_the_api_swagger2openapi_s_conversion_gives() {
    // Servers, security schemes, parameters of every collection format, body, form and
    // multipart parameters, responses and their headers, references to each kind of
    // component: the same Rust API either way.
    assert_eq!(
        listed(
            "tests/fixtures/swagger2.swagger2openapi.json",
            "tests/fixtures/swagger2.yaml"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn chatwoot_2021_gives_the_api_of_its_conversion() {
    // Including the body two operations repeat, which swagger2openapi shares under a
    // name of its making (`add-new-agent-to-inboxData`): shared and named the same here.
    assert_eq!(
        listed(
            "tests/fixtures/chatwoot-swagger2-2021-11-17.swagger2openapi.json",
            "tests/fixtures/chatwoot-swagger2-2021-11-17.json"
        ),
        Vec::<String>::new()
    );
}

fn error(yaml: &str) -> openapi_clientgen::Error {
    Generator::from_text("api.yaml", yaml, Syntax::Yaml)
        .generate()
        .unwrap_err()
}

const HEAD: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\n";

#[test]
fn errors_point_into_the_original_document() {
    let bad_definition = format!(
        "{HEAD}paths: {{}}\ndefinitions:\n  Pet:\n    type: object\n    properties:\n      owner: {{$ref: '#/definitions/Owner'}}\n"
    );
    let e = error(&bad_definition);
    assert_eq!(
        e.location,
        Location::Pointer("#/definitions/Pet/properties/owner".into()),
        "{e}"
    );
    assert!(e.message.contains("`#/definitions/Owner`"), "{e}");
    let bad_body = format!(
        "{HEAD}paths:\n  /pets:\n    post:\n      parameters:\n        - {{name: id, in: query, type: string}}\n        - {{name: pet, in: body, schema: {{$ref: '#/definitions/Missing'}}}}\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let e = error(&bad_body);
    assert_eq!(
        e.location,
        Location::Pointer("#/paths/~1pets/post/parameters/1/schema".into()),
        "{e}"
    );
    let bad_response = format!(
        "{HEAD}produces: [application/json]\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/Missing'}}}}\n"
    );
    let e = error(&bad_response);
    assert_eq!(
        e.location,
        Location::Pointer("#/paths/~1pets/get/responses/200/schema".into()),
        "{e}"
    );
}

#[test]
fn other_versions_are_refused_by_name() {
    let e = error("swaggerVersion: '1.2'\napis: []\n");
    assert!(e.message.contains("Swagger 1.2 is not supported"), "{e}");
    assert_eq!(e.location, Location::Pointer("#/swaggerVersion".into()));
    let e = error("swagger: '3.0'\n");
    assert!(
        e.message.contains("unsupported Swagger version \"3.0\""),
        "{e}"
    );
    let e = error("info: {title: t}\n");
    assert!(e.message.contains("missing the `openapi` field"), "{e}");
}

#[test]
fn chatwoot_2021_has_a_method_for_every_operation() {
    let output = Generator::new("tests/fixtures/chatwoot-swagger2-2021-11-17.json")
        .generate()
        .unwrap();
    assert_eq!(output.operations.len(), 81);
    // Its two reviewed defects (bodies on 204 responses), allowed by the crate that
    // builds it (`tests/crates/chatwoot-2021`), located in the document as written.
    let places: Vec<&Location> = output.warnings.iter().map(|w| &w.location).collect();
    assert_eq!(
        places,
        [
            &Location::Pointer(
                "#/paths/~1api~1v1~1accounts~1{account_id}~1contacts~1{id}/put/responses/204"
                    .into()
            ),
            &Location::Pointer(
                "#/paths/~1api~1v1~1accounts~1{account_id}~1inboxes~1{id}~1agent_bot/get/responses/204"
                    .into()
            ),
        ]
    );
}

#[test]
fn real_documents_give_the_api_of_their_conversion_or_a_listed_difference() {
    let dir = "tests/fixtures/swagger2-realworld";
    // BBC iPlayer (schema type lists, `x-anyOf`), Wikimedia (path parameters, responses
    // by reference): the same API.
    for name in ["bbci.co.uk__1.0", "wikimedia.org__1.0.0"] {
        assert_eq!(
            listed(
                &format!("{dir}/{name}.swagger2openapi.json"),
                &format!("{dir}/{name}.yaml")
            ),
            Vec::<String>::new(),
            "{name}"
        );
    }
    // Box's upload API: a form whose first field is optional but another required is a
    // required body here, an optional one in swagger2openapi's conversion (see
    // `realworld/README.md`).
    assert_eq!(
        listed(
            &format!("{dir}/box.com__upload-2.0.swagger2openapi.json"),
            &format!("{dir}/box.com__upload-2.0.yaml")
        ),
        ["breaking operation upload_file_version"]
    );
}
