//! The contract run over three real documents of the APIs.guru directory, chosen for query
//! arrays that are not exploded and for form bodies and unions: every operation called
//! with the document's examples or openapi-sampler's values, judged by Prism (static and
//! dynamic) and read back by openapi-core (see `contract-harness`).
//!
//! Skipped, saying so, only when Node.js or Python 3 is not installed; under `CI=true`,
//! which promises both, that fails instead.

use std::path::Path;

macro_rules! contract {
    ($test:ident, $module:ident, $document:literal, $known:expr) => {
        mod $module {
            use realworld_clients::$module::{types, Client};

            include!(concat!(
                env!("OUT_DIR"),
                "/",
                stringify!($module),
                "_calls.rs"
            ));
        }

        #[tokio::test(flavor = "multi_thread")]
        async fn $test() {
            let document = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fixtures/realworld")
                .join($document);
            contract_harness::check(&document, &$module::CALLS, $module::STYLES, $known).await;
        }
    };
}

contract!(
    deutschebahn_fasta_agrees,
    deutschebahn_fasta,
    "deutschebahn.com-fasta.json",
    &[]
);
contract!(sms77_agrees, sms77, "sms77.io.json", &[]);
contract!(
    nexmo_verify_agrees,
    nexmo_verify,
    "nexmo.com-verify.json",
    &[]
);
