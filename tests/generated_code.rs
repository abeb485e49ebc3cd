//! The code generated from `spec/chatwoot.yaml`, as the build script wrote it.
//!
//! A change in the spec or the generator shows up here as a snapshot diff: review it with
//! `cargo insta review`.

#[test]
fn generated_code_matches_the_snapshot() {
    insta::assert_snapshot!(
        "chatwoot",
        include_str!(concat!(env!("OUT_DIR"), "/chatwoot.rs"))
    );
}
