use openapi_clientgen::Paging;

fn main() {
    // With its mock server (feature `mock`), which the tests turn on.
    openapi_clientgen::Generator::new("../../fixtures/features.yaml")
        .mock_feature()
        .allow_warnings(["#/paths/~1flags?beta=true"])
        .build_script("features.rs");
    // Through a re-export of the runtime, as a crate that builds on another generated
    // client's re-export would.
    openapi_clientgen::Generator::new("../../fixtures/hostile.json")
        .runtime_path("crate::hostile::rt")
        .mock_feature()
        .allow_warnings(["#/components/schemas/odd_combinations/properties/mixed_enum"])
        .build_script("hostile.rs");
    // The contract harness (`tests/contract.rs`) makes the arguments of the styles' and
    // pages' clients from JSON and writes back what they read.
    openapi_clientgen::Generator::new("../../fixtures/styles.yaml")
        .mock_feature()
        .serde_both_ways(true)
        .build_script("styles.rs");
    openapi_clientgen::Generator::new("../../fixtures/formats.yaml").build_script("formats.rs");
    // Two lists the document does not say how to page.
    openapi_clientgen::Generator::new("../../fixtures/pages.yaml")
        .serde_both_ways(true)
        .paging(
            "listNumbered",
            Paging::page_number("page")
                .items("$.payload")
                .total("$.meta.count"),
        )
        .paging(
            "listMessages",
            Paging::cursor("before", "$.payload[0].id").items("$.payload"),
        )
        .build_script("pages.rs");
    let out_dir = std::env::var("OUT_DIR").expect("set by Cargo");
    let out_dir = std::path::Path::new(&out_dir);
    for client in ["styles", "pages"] {
        let generated = out_dir.join(format!("{client}.rs"));
        if generated.exists() {
            contract_harness::calls::write(&generated, &out_dir.join(format!("{client}_calls.rs")));
        }
    }
    openapi_clientgen::Generator::new("../../fixtures/auth.yaml")
        .allow_warnings(["#/paths/~1undefined/get/security/0"])
        .build_script("auth.rs");
    // Behind the crate's features `pets`, `stores` and `full`, of which only `pets` is on
    // by default.
    openapi_clientgen::Generator::new("../../fixtures/tagged.yaml")
        .tag_features()
        .mock_feature()
        .build_script("tagged.rs");
}
