fn main() {
    // The tests write each event back to check that reading it kept everything, so the
    // events implement `Serialize` too.
    // OpenAI's 16 webhooks (OpenAPI 3.1 `webhooks`).
    openapi_clientgen::Generator::new("../../fixtures/openai-webhooks.yaml")
        .serde_both_ways(true)
        .build_script("openai.rs");
    // A 3.0 document of the APIs.guru directory whose subscription operation declares a
    // callback.
    openapi_clientgen::Generator::new(
        "../../fixtures/realworld/etsi.local-MEC010-2_AppPkgMgmt.json",
    )
    .serde_both_ways(true)
    .build_script("etsi.rs");
    // A 3.0 document's `x-webhooks`, told apart by values that repeat across events.
    openapi_clientgen::Generator::new("../../fixtures/x-webhooks.yaml")
        .build_script("repository.rs");
}
