//! The code generated from `spec/chatwoot.json`, as the build script wrote it.
//!
//! When the document or the generator changes, this shows the diff of the generated code:
//! review it with `cargo insta review`.

#[test]
fn generated_code_matches_the_snapshot() {
    insta::assert_snapshot!(
        "chatwoot",
        include_str!(concat!(env!("OUT_DIR"), "/chatwoot.rs"))
    );
}
