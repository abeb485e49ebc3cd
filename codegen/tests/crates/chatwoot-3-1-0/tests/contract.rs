//! The contract run over Chatwoot's complete 3.1.0 document: every operation called with
//! the document's examples or values openapi-sampler generates, judged by Prism (static and
//! dynamic) and read back by openapi-core (see `contract-harness`).
//!
//! Skipped, saying so, only when Node.js or Python 3 is not installed; under `CI=true`,
//! which promises both, that fails instead.

use std::path::Path;

use chatwoot_3_1_0::{types, Client};

include!(concat!(env!("OUT_DIR"), "/contract_calls.rs"));

/// Operations that fail a judge for a reason that is not the client's, with the evidence.
const KNOWN: &[(&str, &str)] = &[];

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_agrees_with_prism_and_reads_back_equal() {
    let document = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/chatwoot-application-3.1.0.json");
    contract_harness::check(&document, &CALLS, STYLES, KNOWN).await;
}
