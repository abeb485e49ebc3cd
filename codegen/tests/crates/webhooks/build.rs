fn main() {
    // OpenAI's 16 webhooks (OpenAPI 3.1 `webhooks`).
    openapi_clientgen::Generator::new("../../fixtures/openai-webhooks.yaml")
        .build_script("openai.rs");
    // A 3.0 document of the APIs.guru directory whose subscription operation declares a
    // callback.
    openapi_clientgen::Generator::new(
        "../../fixtures/realworld/etsi.local-MEC010-2_AppPkgMgmt.json",
    )
    .build_script("etsi.rs");
}
