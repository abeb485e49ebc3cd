//! OpenAPI Overlays applied by the generator: what a user's overlay renames, removes and
//! adds; errors naming the overlay; stale targets; Chatwoot's overlay on its document,
//! before and after a refresh to another release.

use std::path::{Path, PathBuf};

use openapi_clientgen::{Generator, Location, Syntax};

const DOCUMENT: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: number}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /internal/stats:
    get:
      operationId: internalStats
      x-internal: true
      responses: {'204': {description: none}}
components:
  schemas:
    Item:
      type: object
      properties:
        name: {type: string}
"#;

/// Writes `text` to a file of its own in a temporary directory.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("overlays-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn shop() -> Generator {
    Generator::from_text("shop.yaml", DOCUMENT, Syntax::Yaml)
}

#[test]
fn an_overlay_renames_removes_and_adds() {
    let overlay = file(
        "shop.overlay.yaml",
        r#"
overlay: 1.0.0
info: {title: Shop fixes, version: 1.0.0}
actions:
  - target: $.paths['/items/{id}'].get
    description: a better name
    update: {operationId: fetchItem}
  - target: $.paths.*[?@['x-internal'] == true]
    description: not for customers
    remove: true
  - target: $.components.schemas.Item.properties
    description: the server sends a price
    update:
      price: {type: string, format: decimal}
  - target: $.paths.*.*.parameters[?@.name == 'id'].schema
    update: {type: integer, format: int64}
"#,
    );
    let output = shop().overlay(&overlay).generate().unwrap();
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
    let methods: Vec<&str> = output.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(methods, ["fetch_item"]);
    assert!(output.code.contains("pub price: Option<__rt::Decimal>"));
    assert!(output.code.contains("id: i64"));
    // The record describes the document with its overlays applied.
    let record = output.record().to_text();
    assert!(
        record.contains("operation fetch_item: fn(id: i64)"),
        "{record}"
    );
    assert!(!record.contains("internal_stats"));
}

#[test]
fn overlays_apply_in_order_and_a_stale_target_is_a_warning_naming_the_overlay() {
    let first = file(
        "first.overlay.yaml",
        "overlay: 1.0.0\ninfo: {title: a, version: '1'}\nactions:\n  - target: $.info\n    update: {title: Store}\n",
    );
    let second = file(
        "second.overlay.json",
        r#"{"overlay": "1.1.0", "info": {"title": "b", "version": "1"}, "actions": [
            {"target": "$.info.title", "update": "Store API"},
            {"target": "$.paths['/gone'].get", "update": {"summary": "s"}}
        ]}"#,
    );
    let output = shop().overlay(&first).overlay(&second).generate().unwrap();
    assert!(output.code.contains("A client for the Store API API"));
    assert_eq!(output.warnings.len(), 1);
    let warning = &output.warnings[0];
    assert_eq!(warning.source_name, second.display().to_string());
    assert_eq!(
        warning.location,
        Location::Pointer("#/actions/1/target".into())
    );
    assert!(warning.message.contains("selects nothing"));
}

#[test]
fn an_invalid_overlay_fails_with_the_overlay_action_and_target() {
    let bad = file(
        "bad.overlay.yaml",
        "overlay: 1.0.0\ninfo: {title: a, version: '1'}\nactions:\n  - target: $.paths[?\n    remove: true\n",
    );
    let error = shop().overlay(&bad).generate().unwrap_err();
    assert_eq!(error.source_name, bad.display().to_string());
    assert_eq!(
        error.location,
        Location::Pointer("#/actions/0/target".into())
    );
    assert!(
        error
            .to_string()
            .contains("`$.paths[?` is not an RFC 9535 JSONPath"),
        "{error}"
    );

    let missing = Path::new("no/such.overlay.yaml");
    let error = shop().overlay(missing).generate().unwrap_err();
    assert_eq!(error.source_name, "no/such.overlay.yaml");
    assert!(error.message.contains("cannot read the overlay"));
}

const CHATWOOT: &str = "../spec/chatwoot.json";
const CHATWOOT_OVERLAY: &str = "../spec/chatwoot.overlay.yaml";

fn contact_details_id(code: &str) -> &'static str {
    let start = code.find("pub fn contact_details(").unwrap();
    let signature = &code[start..start + 200];
    if signature.contains(" id: i64") {
        "i64"
    } else if signature.contains(" id: f64") {
        "f64"
    } else {
        "?"
    }
}

#[test]
fn chatwoot_with_and_without_its_overlay() {
    let without = Generator::new(CHATWOOT).generate().unwrap();
    let with = Generator::new(CHATWOOT)
        .overlay(CHATWOOT_OVERLAY)
        .generate()
        .unwrap();
    assert_eq!(contact_details_id(&without.code), "f64");
    assert_eq!(contact_details_id(&with.code), "i64");
    assert!(!without.code.contains(r#""labels[]""#));
    assert!(with.code.contains(r#"__rt::Param::form("labels[]")"#));
    // The 204 bodies the overlay removes were warnings; they are gone.
    let about_204 = |output: &openapi_clientgen::Output| {
        output
            .warnings
            .iter()
            .filter(|w| w.message.contains("204 response has no body"))
            .count()
    };
    assert_eq!(about_204(&without), 2);
    assert_eq!(about_204(&with), 0);
    assert!(with
        .warnings
        .iter()
        .all(|w| !w.message.contains("selects nothing")));
}

#[test]
fn chatwoot_s_overlay_keeps_applying_across_releases() {
    for release in ["3.0.4", "3.1.0"] {
        let document = format!("tests/fixtures/chatwoot-application-{release}.json");
        let output = Generator::new(&document)
            .overlay(CHATWOOT_OVERLAY)
            .generate()
            .unwrap();
        assert_eq!(contact_details_id(&output.code), "i64", "{release}");
        assert!(
            output.code.contains(r#"Param::form("labels[]")"#),
            "{release}"
        );
        let stale: Vec<_> = output
            .warnings
            .iter()
            .filter(|w| w.message.contains("selects nothing"))
            .collect();
        assert!(stale.is_empty(), "{release}: {stale:?}");
    }
}
