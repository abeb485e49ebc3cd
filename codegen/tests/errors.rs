//! A document that cannot be given a meaning fails with one message naming the file and
//! the place in it.

use openapi_clientgen::{Error, Generator, Location, Syntax};

fn error_for(name: &str, text: &str) -> Error {
    Generator::from_text(name, text, Syntax::from_file_name(name))
        .generate()
        .expect_err("the document should be rejected")
}

const HEADER: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_missing_file_names_the_file() {
    let error = Generator::new("spec/does-not-exist.yaml")
        .generate()
        .unwrap_err();
    assert_eq!(error.location, Location::Document);
    let message = error.to_string();
    assert!(
        message.starts_with("spec/does-not-exist.yaml: cannot read the API document: "),
        "{message}"
    );
}

#[test]
fn invalid_yaml_names_the_line_and_column() {
    let error = error_for("api.yaml", &format!("{HEADER}paths:\n  /a: {{get: [}}\n"));
    assert_eq!(
        error.location,
        Location::Text {
            line: 4,
            column: 14
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("api.yaml:4:14: invalid YAML: "),
        "{error}"
    );
}

#[test]
fn invalid_json_names_the_line_and_column() {
    let error = error_for(
        "api.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {,}\n}",
    );
    assert_eq!(
        error.to_string(),
        "api.json:3:12: invalid JSON: key must be a string"
    );
}

#[test]
fn an_unresolved_ref_names_the_pointer_and_the_target() {
    let text = format!(
        "{HEADER}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/missing'\n"
    );
    let error = error_for("api.yaml", &text);
    assert_eq!(
        error.to_string(),
        "api.yaml at #/paths/~1a/get/responses/200/content/application~1json/schema: \
         reference `#/components/schemas/missing` does not resolve: nothing is at \
         `#/components/schemas/missing`"
    );
}

#[test]
fn a_reference_into_another_file_is_unsupported() {
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      $ref: 'other.yaml#/components/schemas/b'\n"
    );
    let error = error_for("api.yaml", &text);
    assert_eq!(
        error.location,
        Location::Pointer("#/components/schemas/a".into())
    );
    assert!(
        error.message.contains("points into another document"),
        "{error}"
    );
}

#[test]
fn a_cycle_of_references_is_an_error() {
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    a: {{$ref: '#/components/schemas/b'}}\n    b: {{$ref: '#/components/schemas/a'}}\n"
    );
    let error = error_for("api.yaml", &text);
    assert!(error.message.contains("cycle of references"), "{error}");
    assert!(matches!(error.location, Location::Pointer(_)), "{error:?}");
}

#[test]
fn a_structurally_invalid_document_names_the_place() {
    let text = format!("{HEADER}paths:\n  /a:\n    get:\n      responses: 12\n");
    let error = error_for("api.yaml", &text);
    assert_eq!(
        error.location,
        Location::Pointer("#/paths/~1a/get/responses".into())
    );
    assert!(
        error
            .message
            .starts_with("invalid document: invalid type: integer `12`"),
        "{error}"
    );

    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        b:\n          type: array\n          items:\n            properties: [1]\n"
    );
    let error = error_for("api.yaml", &text);
    assert_eq!(
        error.location,
        Location::Pointer("#/components/schemas/a/properties/b/items/properties/0".into()),
        "{error}"
    );
}

/// An operation is read as it is modeled: one that does not parse fails the build when it
/// is generated, naming the innermost place, and not when it is left out.
#[test]
fn an_operation_that_does_not_parse_fails_where_it_is_generated() {
    let text = format!(
        "{HEADER}paths:\n  /a:\n    get:\n      operationId: good\n      responses: {{'204': {{description: none}}}}\n    post:\n      operationId: bad\n      requestBody: {{content: {{application/json: {{schema: {{type: 7}}}}}}}}\n      responses: {{'204': {{description: none}}}}\n"
    );
    let error = error_for("api.yaml", &text);
    assert_eq!(
        error.location,
        Location::Pointer("#/paths/~1a/post/requestBody/content/application~1json/schema".into()),
        "{error}"
    );
    assert!(error.message.starts_with("invalid document: "), "{error}");
    let only_good = Generator::from_text("api.yaml", &text, Syntax::Yaml)
        .operations(["good"])
        .generate()
        .unwrap();
    assert!(
        only_good.code.contains("pub fn good("),
        "{}",
        only_good.code
    );
}

#[test]
fn an_html_error_page_is_recognized() {
    let error = error_for(
        "api.yaml",
        "<!doctype html>\n<html><title>404 Not Found</title></html>",
    );
    assert_eq!(
        error.to_string(),
        "api.yaml: this is HTML or XML, not an OpenAPI document (a failed download saves an error page)"
    );
}

#[test]
fn swagger_1_is_rejected_by_its_version() {
    let error = error_for("api.json", r#"{"swaggerVersion": "1.2", "apis": []}"#);
    assert_eq!(
        error.to_string(),
        "api.json at #/swaggerVersion: Swagger 1.2 is not supported; supported are Swagger 2.0 and OpenAPI 3.0.x and 3.1.x (convert a Swagger 1.x document with a tool such as swagger-converter)"
    );
}

#[test]
fn unknown_operation_ids_and_tags_in_the_selection_are_errors() {
    let text = format!(
        "{HEADER}paths:\n  /a:\n    get:\n      operationId: getA\n      tags: [A]\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let error = Generator::from_text("api.yaml", text.clone(), Syntax::Yaml)
        .operations(["getA", "getB"])
        .generate()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "api.yaml at #/paths: no operation has the operationId `getB`"
    );
    let error = Generator::from_text("api.yaml", text, Syntax::Yaml)
        .tags(["Nope"])
        .generate()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "api.yaml at #/paths: no operation has the tag `Nope`"
    );
}

#[test]
fn an_invalid_runtime_path_is_an_error_not_a_panic() {
    let error = Generator::from_text("api.yaml", format!("{HEADER}paths: {{}}\n"), Syntax::Yaml)
        .runtime_path("not a path")
        .generate()
        .unwrap_err();
    assert_eq!(error.location, Location::Document);
    assert!(
        error
            .to_string()
            .starts_with("api.yaml: invalid runtime path `not a path`: "),
        "{error}"
    );
}

#[test]
fn a_schema_that_merges_itself_into_its_own_parts_is_an_error_not_a_stack_overflow() {
    // `b`'s map values are `b` merged with a number schema: each level of `b` holds
    // another, without end.
    let text = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    b:\n      type: object\n      \
         additionalProperties:\n        allOf: [{{type: object, properties: {{n: {{type: number}}}}}}, \
         {{$ref: '#/components/schemas/b'}}]\n"
    );
    let error = error_for("api.yaml", &text);
    let message = error.to_string();
    assert!(
        message.starts_with("api.yaml at #/components/schemas/b/additionalProperties"),
        "{message}"
    );
    assert!(message.contains("nest more than 64 levels"), "{message}");
}
