fn main() {
    // OpenAI's webhooks, from the document's `webhooks` (the generator's test fixture).
    openapi_clientgen::Generator::new("../../codegen/tests/fixtures/openai-webhooks.yaml")
        .build_script("openai.rs");
}
