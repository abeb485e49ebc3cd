fn main() {
    openapi_clientgen::Generator::new("../../fixtures/chatwoot-application-3.0.4.json")
        .runtime_path("chatwoot::runtime")
        .build_script("chatwoot.rs");
}
