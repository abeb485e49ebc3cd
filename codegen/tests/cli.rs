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
    assert!(code.contains("pub fn get_widget("), "{code}");
    assert!(!code.contains("pub fn list_widgets("), "{code}");
    assert!(code.contains("use crate::rt::codegen as __rt;"), "{code}");
    assert!(code.contains("__rt::Request::new("), "{code}");
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
fn tag_features_gate_the_code_and_their_table_is_printed() {
    const TAGGED: &str = "tests/fixtures/tagged.yaml";
    let features = run(&["features", TAGGED]);
    assert!(features.status.success(), "{features:?}");
    assert_eq!(
        text(&features.stdout),
        "[features]\nfull = [\"pets\", \"stores\", \"webhooks\"]\npets = []\nstores = []\nwebhooks = []\n"
    );
    let gated = run(&["generate", TAGGED, "--tag-features"]);
    let code = text(&gated.stdout);
    assert!(
        code.contains(
            "#[cfg(any(feature = \"pets\", feature = \"stores\"))]\n    #[inline]\n    pub fn list_store_pets("
        ),
        "{code}"
    );
    // Without the option, nothing is gated.
    let plain = text(&run(&["generate", TAGGED]).stdout);
    assert!(!plain.contains("#[cfg("), "{plain}");
}

#[test]
fn tag_features_written_to_a_file_put_each_gate_in_a_file_the_code_includes() {
    const TAGGED: &str = "tests/fixtures/tagged.yaml";
    let dir = scratch("split");
    let file = dir.join("api.rs");
    let path = file.to_str().unwrap();
    // A module directory of the user's own, beside the file, is left alone.
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(dir.join("api/mine.rs"), "// mine\n").unwrap();
    // A gate the document no longer has.
    std::fs::create_dir_all(dir.join("api.features")).unwrap();
    std::fs::write(dir.join("api.features/gone.client.rs"), "").unwrap();

    let written = run(&["generate", TAGGED, "--tag-features", "-o", path]);
    assert!(written.status.success(), "{written:?}");
    let code = std::fs::read_to_string(&file).unwrap();
    assert!(
        code.contains("#[cfg(feature = \"stores\")]\ninclude!(\"api.features/stores.client.rs\");"),
        "{code}"
    );
    let stores = std::fs::read_to_string(dir.join("api.features/stores.client.rs")).unwrap();
    assert!(stores.starts_with("impl Client {"), "{stores}");
    assert!(!stores.contains("#[cfg("), "{stores}");
    assert!(!dir.join("api.features/gone.client.rs").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("api/mine.rs")).unwrap(),
        "// mine\n"
    );

    let same = run(&["generate", TAGGED, "--tag-features", "-o", path, "--check"]);
    assert_eq!(same.status.code(), Some(0), "{same:?}");
    std::fs::write(dir.join("api.features/stores.client.rs"), "").unwrap();
    let changed = run(&["generate", TAGGED, "--tag-features", "-o", path, "--check"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        text(&changed.stderr).contains("stores.client.rs differs from the generated client"),
        "{changed:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_mock_server_is_generated_on_request_behind_its_feature() {
    let mocked = run(&["generate", EXCERPT, "--mock-feature"]);
    assert!(mocked.status.success(), "{mocked:?}");
    let code = text(&mocked.stdout);
    assert!(
        code.contains("#[cfg(feature = \"mock\")]\npub mod mock {"),
        "{code}"
    );
    assert!(code.contains("pub async fn contact_details("), "{code}");
    let plain = text(&run(&["generate", EXCERPT]).stdout);
    assert!(!plain.contains("pub mod mock"), "{plain}");
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

#[test]
fn diff_reports_api_changes_and_exits_by_severity() {
    const OLD: &str = "tests/fixtures/chatwoot-application-3.0.4.json";
    const NEW: &str = "tests/fixtures/chatwoot-application-3.1.0.json";
    let markdown = run(&["diff", OLD, NEW]);
    assert_eq!(markdown.status.code(), Some(1), "{markdown:?}");
    let report = text(&markdown.stdout);
    assert!(
        report.starts_with("# API changes\n\n118 breaking, 7 to note, 62 additions."),
        "{report}"
    );
    assert!(
        report.contains("- new operation `create_a_label`"),
        "{report}"
    );

    let json = run(&["diff", OLD, NEW, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["summary"]["breaking"], 118);
    assert_eq!(value["changes"][0]["severity"], "breaking");

    // A document against itself: no change, exit 0 whatever the threshold.
    let same = run(&["diff", OLD, OLD, "--fail-on", "additive"]);
    assert_eq!(same.status.code(), Some(0), "{same:?}");
    assert_eq!(
        text(&same.stdout),
        "# API changes\n\n0 breaking, 0 to note, 0 additions.\n"
    );

    // A record file compares like the document it was made from.
    let dir = scratch("diff");
    let record = dir.join("old.record");
    let record = record.to_str().unwrap();
    assert!(run(&["record", OLD, "-o", record]).status.success());
    let from_record = run(&["diff", record, NEW]);
    assert_eq!(text(&from_record.stdout), report);

    // Additions only: they fail only a stricter threshold.
    let excerpt = "tests/fixtures/chatwoot-show-contact.yaml";
    let grown = dir.join("grown.yaml");
    let source = std::fs::read_to_string(excerpt).unwrap();
    std::fs::write(
        &grown,
        source.replacen("paths:\n", "paths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204':\n          description: ok\n", 1),
    )
    .unwrap();
    let grown = grown.to_str().unwrap();
    assert_eq!(run(&["diff", excerpt, grown]).status.code(), Some(0));
    assert_eq!(
        run(&["diff", excerpt, grown, "--fail-on", "additive"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(run(&["diff", excerpt]).status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn overlays_apply_to_generate_record_and_diff() {
    let dir = scratch("overlay");
    let overlay = dir.join("ids.overlay.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: ids, version: '1'}\nactions:\n  - target: $.paths.*.parameters[?@.schema.type == 'number']\n    update: {schema: {type: integer}}\n  - target: $.paths.*.*.parameters[?@.schema.type == 'number']\n    update: {schema: {type: integer}}\n",
    )
    .unwrap();
    let overlay = overlay.to_str().unwrap();
    let document = "../spec/chatwoot.json";
    let generated = run(&["generate", document, "--overlay", overlay]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    assert!(text(&generated.stdout).contains("        id: i64,"));
    let record = run(&["record", document, "--overlay", overlay]);
    assert!(
        text(&record.stdout).contains("operation contact_details: fn(account_id: i64, id: i64)")
    );
    // Both sides with the overlay: the same API; without it on one side, ids changed.
    let same = run(&["diff", document, document, "--overlay", overlay]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stdout));
    let plain = dir.join("plain.api");
    let written = run(&["record", document, "-o", plain.to_str().unwrap()]);
    assert!(written.status.success());
    let changed = run(&[
        "diff",
        plain.to_str().unwrap(),
        document,
        "--overlay",
        overlay,
    ]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(text(&changed.stdout).contains("`contact_details` changed signature"));
    std::fs::remove_dir_all(dir).unwrap();
}
