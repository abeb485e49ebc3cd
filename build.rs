fn main() {
    openapi_clientgen::Generator::new("spec/chatwoot.yaml").build_script("chatwoot.rs");
}
