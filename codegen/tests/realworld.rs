//! Real documents from the APIs.guru directory (`tests/fixtures/realworld/`), each chosen
//! for a defect the conformance run found or a kind of authentication: they generate, with
//! the number of warnings their defects deserve. The crate `tests/crates/realworld`
//! compiles, documents and doc-tests their clients.

use openapi_clientgen::Generator;

fn warnings(document: &str) -> Vec<String> {
    Generator::new(format!("tests/fixtures/realworld/{document}"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn percent_encoded_references_resolve() {
    // `#/paths/~1authn~1%7Baccount%7D~1...`: RFC 6901 pointers inside URI fragments.
    // (Its bodies offered in several media types each get a method per way of sending.)
    assert_eq!(warnings("conjur.local.json"), Vec::<String>::new());
    // Also a `$ref` whose sibling `allOf` is an object, which other references point into.
    assert_eq!(warnings("dnd5eapi.co.json"), Vec::<String>::new());
}

#[test]
fn documents_with_each_kind_of_authentication_generate_cleanly() {
    for document in [
        "googleapis.com-tasks.json",         // OAuth 2.0
        "mineskin.org.json",                 // API key in the query, bearer
        "nexmo.com-numbers.json",            // API keys in the query
        "twilio.com-twilio_lookups_v2.json", // HTTP basic
        "xero.com-xero-identity.json",       // HTTP basic, OAuth 2.0
    ] {
        assert_eq!(warnings(document), Vec::<String>::new(), "{document}");
    }
}
