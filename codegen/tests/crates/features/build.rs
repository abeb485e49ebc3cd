fn main() {
    openapi_clientgen::Generator::new("../../fixtures/features.yaml")
        .runtime_path("chatwoot::runtime")
        .build_script("features.rs");
}
