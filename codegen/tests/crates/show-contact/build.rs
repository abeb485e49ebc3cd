fn main() {
    openapi_clientgen::Generator::new("../../fixtures/chatwoot-show-contact.yaml")
        .build_script("api.rs");
}
