//! The code generated from each fixture, checked in under `tests/golden/`.
//!
//! A change in the generator shows up as a diff of these files: review it with
//! `cargo insta review`, or accept it with `INSTA_UPDATE=always cargo test` and read the
//! `git diff`.

use openapi_clientgen::{Generator, Paging};

fn assert_golden(fixture: &str, warnings: usize) {
    assert_golden_of(
        Generator::new(format!("tests/fixtures/{fixture}")),
        fixture,
        warnings,
    );
}

fn assert_golden_of(generator: Generator, fixture: &str, warnings: usize) {
    let generated = generator.generate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        generated.warnings.len(),
        warnings,
        "{:#?}",
        generated.warnings
    );
    insta::with_settings!({ snapshot_path => "golden", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(fixture, generated.code);
    });
}

#[test]
fn features() {
    // The path key `/flags?beta=true`, which holds a query string.
    assert_golden("features.yaml", 1);
}

#[test]
fn tagged_with_tag_features() {
    let generator = Generator::new("tests/fixtures/tagged.yaml").tag_features();
    assert_golden_of(generator, "tagged.yaml", 0);
}

#[test]
fn pages() {
    let generator = Generator::new("tests/fixtures/pages.yaml")
        .paging(
            "listNumbered",
            Paging::page_number("page")
                .items("$.payload")
                .total("$.meta.count"),
        )
        .paging(
            "listMessages",
            Paging::cursor("before", "$.payload[0].id").items("$.payload"),
        );
    assert_golden_of(generator, "pages.yaml", 0);
}

#[test]
fn swagger2() {
    assert_golden("swagger2.yaml", 0);
}

#[test]
fn auth() {
    assert_golden("auth.yaml", 1);
}

#[test]
fn hostile() {
    assert_golden("hostile.json", 1);
}

#[test]
fn chatwoot_show_contact() {
    assert_golden("chatwoot-show-contact.yaml", 0);
}

#[test]
fn chatwoot_application_3_0_4() {
    assert_golden("chatwoot-application-3.0.4.json", 5);
}

#[test]
fn chatwoot_application_3_1_0() {
    assert_golden("chatwoot-application-3.1.0.json", 3);
}

#[test]
fn styles() {
    assert_golden("styles.yaml", 0);
}

#[test]
fn formats() {
    assert_golden("formats.yaml", 0);
}

#[test]
fn openai_webhooks() {
    // The 3.1 `webhooks` of OpenAI's document: the `webhooks` module's `Event`.
    assert_golden("openai-webhooks.yaml", 0);
}
