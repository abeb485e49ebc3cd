//! Generates a client for each real document in `tests/fixtures/realworld/`; their warnings
//! are counted by the generator's own test (`tests/realworld.rs`), not repeated here.

use std::path::Path;

/// Each module of `src/lib.rs` and the document it is generated from.
const CLIENTS: &[(&str, &str)] = &[
    ("conjur", "conjur.local.json"),
    ("dnd5e", "dnd5eapi.co.json"),
    ("google_tasks", "googleapis.com-tasks.json"),
    ("mineskin", "mineskin.org.json"),
    ("nexmo_numbers", "nexmo.com-numbers.json"),
    ("twilio_lookups", "twilio.com-twilio_lookups_v2.json"),
    ("xero_identity", "xero.com-xero-identity.json"),
    ("deutschebahn_fasta", "deutschebahn.com-fasta.json"),
    ("sms77", "sms77.io.json"),
    ("nexmo_verify", "nexmo.com-verify.json"),
];

/// The clients the contract run calls (`tests/contract.rs`): chosen for query arrays that
/// are not exploded (`deutschebahn_fasta`, `sms77`), form bodies and unions
/// (`nexmo_verify`).
const CONTRACT: &[&str] = &["deutschebahn_fasta", "sms77", "nexmo_verify"];

fn main() {
    let fixtures = Path::new("../../fixtures/realworld");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for (module, document) in CLIENTS {
        let document = fixtures.join(document);
        println!("cargo::rerun-if-changed={}", document.display());
        // The contract harness makes arguments from JSON and writes back what it read.
        let generated = openapi_clientgen::Generator::new(&document)
            .serde_both_ways(CONTRACT.contains(module))
            .write(Path::new(&out_dir).join(format!("{module}.rs")));
        match generated {
            Err(error) => println!("cargo::error={error}"),
            Ok(_) if CONTRACT.contains(module) => {
                let out = Path::new(&out_dir);
                contract_harness::calls::write(
                    &out.join(format!("{module}.rs")),
                    &out.join(format!("{module}_calls.rs")),
                );
            }
            Ok(_) => {}
        }
    }
}
