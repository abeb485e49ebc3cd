fn main() {
    let document = "../../fixtures/chatwoot-application-3.1.0.json";
    openapi_clientgen::Generator::new(document)
        .runtime_path("chatwoot::runtime")
        .build_script("chatwoot.rs");
    openapi_clientgen::Generator::new(document)
        .runtime_path("chatwoot::runtime")
        .operations(["contactDetails", "contactUpdate"])
        .tags(["Canned Responses"])
        .build_script("selected.rs");
}
