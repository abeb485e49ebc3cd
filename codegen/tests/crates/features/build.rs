fn main() {
    for (document, output) in [
        ("../../fixtures/features.yaml", "features.rs"),
        ("../../fixtures/hostile.json", "hostile.rs"),
    ] {
        openapi_clientgen::Generator::new(document)
            .runtime_path("chatwoot::runtime")
            .build_script(output);
    }
}
