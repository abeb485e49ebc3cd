//! The contract run over `tests/fixtures/styles.yaml`: a parameter in every location and
//! style, and form bodies with encodings, each call judged by Prism and read back by
//! openapi-core (see `contract-harness`); the styles openapi-core cannot read are judged
//! by the specification's table in `tests/styles.rs`.
//!
//! Skipped, saying so, only when Node.js or Python 3 is not installed; under `CI=true`,
//! which promises both, that fails instead.

use std::path::Path;

use features_client::styles::{types, Client};

include!(concat!(env!("OUT_DIR"), "/styles_calls.rs"));

/// Operations that fail a judge for a reason that is not the client's, with the evidence.
/// (Where Prism crashes or cannot answer, the run classifies it as Prism's limitation.)
const KNOWN: &[(&str, &str)] = &[
    ("path_label_exploded_object", MISREAD),
    ("query_form_exploded_object", MISREAD),
    ("query_deep_object_exploded_object", MISREAD),
    ("defaults", MISREAD),
    (
        "submit_form",
        "Prism 5.16's limitation: a form property sent once (`tags=string`) is not read as a \
         one-item array, and an exploded object property (`R=0&G=0&B=0`) is not read back; \
         openapi-core reads the arrays",
    ),
    (
        "submit_encoded_form",
        "Prism 5.16's limitation: `sizes=0` is not read as a one-item array, and a property \
         whose encoding has a JSON `contentType` is not decoded from JSON; openapi-core reads \
         the body back equal",
    ),
];

const MISREAD: &str = "Prism 5.16's limitation: it does not read an object in this style (422 `must have required property`), with or without percent-encoded brackets; openapi-core or the table judges it";

#[tokio::test(flavor = "multi_thread")]
async fn every_style_agrees_with_prism_and_reads_back_equal() {
    let document = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/styles.yaml");
    contract_harness::check(&document, &CALLS, STYLES, KNOWN).await;
}

/// The calls of `tests/fixtures/pages.yaml`'s client, its lists' pages among them.
mod pages {
    use features_client::pages::{types, Client};

    include!(concat!(env!("OUT_DIR"), "/pages_calls.rs"));
}

/// Every list of the pages fixture, and the pages of those whose next page the client
/// asks for (a cursor, a page number or an offset from the answer): Prism checks each
/// request, the second page's included, and openapi-core reads the first back.
#[tokio::test(flavor = "multi_thread")]
async fn every_list_and_its_next_page_agree_with_prism_and_read_back_equal() {
    let document = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pages.yaml");
    let Some(report) = contract_harness::check(&document, &pages::CALLS, pages::STYLES, &[]).await
    else {
        return;
    };
    // From the fixture's examples, which Prism answers in static mode: every list whose
    // next page the client asks for has one, but the numbered list, whose example gives
    // its whole total on the first page.
    // A method's pages are `<method>_pages` (`list_fern_pages` is an operation's name).
    let methods: Vec<&str> = report.rows.iter().map(|row| row.method).collect();
    let pages: Vec<_> = report
        .rows
        .iter()
        .filter(|row| contract_harness::is_pages(row.method, &methods))
        .map(|row| (row.method, row.requests[0]))
        .collect();
    assert_eq!(pages.len(), 10, "{pages:?}");
    for (method, requests) in pages {
        let expected = if method == "list_numbered_pages" {
            1
        } else {
            2
        };
        assert_eq!(requests, expected, "requests Prism received for {method}");
    }
}
