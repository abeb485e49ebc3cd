//! Generates the client from the complete 3.1.0 document (and a restricted one), then, for
//! the contract test, one call per client method (`tests/contract.rs` runs them).

use std::path::Path;

const DOCUMENT: &str = "../../fixtures/chatwoot-application-3.1.0.json";

/// The release's defects, reviewed: `codegen/tests/full_documents.rs` checks how each is
/// handled.
const DEFECTS: [&str; 3] = [
    "#/paths/~1api~1v1~1accounts~1{account_id}~1contacts~1{id}/put/responses/204",
    "#/paths/~1api~1v1~1accounts~1{account_id}~1inboxes~1{id}~1agent_bot/get/responses/204",
    "#/components/schemas/article/properties/status",
];

fn main() {
    // The contract harness makes arguments from JSON and writes back what the client read.
    openapi_clientgen::Generator::new(DOCUMENT)
        .allow_warnings(DEFECTS)
        .serde_both_ways(true)
        .build_script("chatwoot.rs");
    openapi_clientgen::Generator::new(DOCUMENT)
        .allow_warnings([DEFECTS[0]])
        .operations(["contactDetails", "contactUpdate"])
        .tags(["Canned Responses"])
        .build_script("selected.rs");

    let out_dir = std::env::var("OUT_DIR").expect("set by Cargo");
    let out_dir = Path::new(&out_dir);
    if out_dir.join("chatwoot.rs").exists() {
        contract_harness::calls::write(
            &out_dir.join("chatwoot.rs"),
            &out_dir.join("contract_calls.rs"),
        );
    }
}
