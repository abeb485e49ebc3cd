//! The command-line tool, run as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

const EXCERPT: &str = "tests/fixtures/chatwoot-show-contact.yaml";
const FEATURES: &str = "tests/fixtures/features.yaml";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openapi-clientgen"))
        .args(args)
        .output()
        .expect("the tool runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clientgen-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn generate_writes_what_the_library_generates_and_check_compares_with_it() {
    let dir = scratch("check");
    let file = dir.join("api.rs");
    let file = file.to_str().unwrap();
    let expected = openapi_clientgen::Generator::new(EXCERPT)
        .generate()
        .unwrap()
        .code;

    let missing = run(&["generate", EXCERPT, "--output", file, "--check"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("is missing"), "{missing:?}");

    let written = run(&["generate", EXCERPT, "-o", file]);
    assert!(written.status.success(), "{written:?}");
    assert_eq!(std::fs::read_to_string(file).unwrap(), expected);

    let same = run(&["generate", EXCERPT, "--output", file, "--check"]);
    assert_eq!(same.status.code(), Some(0), "{same:?}");

    std::fs::write(file, expected.replace("contact_details", "contact_detail")).unwrap();
    let changed = run(&["generate", EXCERPT, "--output", file, "--check"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(text(&changed.stderr).contains("differs from the generated client"));
    // --check writes nothing.
    assert!(std::fs::read_to_string(file)
        .unwrap()
        .contains("contact_detail("));

    let stdout = run(&["generate", EXCERPT]);
    assert_eq!(text(&stdout.stdout), expected);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn generate_takes_the_builder_options() {
    let selected = run(&[
        "generate",
        FEATURES,
        "--operation",
        "getWidget",
        "--runtime-path",
        "crate::rt",
    ]);
    assert!(selected.status.success(), "{selected:?}");
    let code = text(&selected.stdout);
    assert!(code.contains("pub async fn get_widget("), "{code}");
    assert!(!code.contains("pub async fn list_widgets("), "{code}");
    assert!(code.contains("crate::rt::Request::new("), "{code}");
}

#[test]
fn operations_and_tags_are_listed() {
    let operations = run(&["operations", EXCERPT]);
    assert!(operations.status.success());
    assert_eq!(
        text(&operations.stdout),
        "contact_details  GET    /api/v1/accounts/{account_id}/contacts/{id}  [Contacts]\n"
    );
    let tags = run(&["tags", EXCERPT]);
    assert_eq!(text(&tags.stdout), "   1  Contacts\n");
}

#[test]
fn errors_are_located_and_exit_with_2() {
    let dir = scratch("errors");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "openapi: 3.0.3\ninfo: [\n").unwrap();
    let failed = run(&["generate", bad.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(2));
    let message = text(&failed.stderr);
    assert!(
        message.starts_with(&format!("error: {}:", bad.display())),
        "{message}"
    );
    assert!(failed.stdout.is_empty());

    for args in [
        &["generate"][..],
        &["frobnicate"],
        &["generate", EXCERPT, "--check"],
    ] {
        let usage = run(args);
        assert_eq!(usage.status.code(), Some(2), "{args:?}");
        assert!(text(&usage.stderr).starts_with("error: "), "{args:?}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
