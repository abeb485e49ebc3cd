fn main() {
    openapi_clientgen::Generator::new("../../fixtures/chatwoot-application-3.0.4.json")
        // The release's defects, reviewed: `codegen/tests/full_documents.rs` checks how
        // each is handled.
        .allow_warnings([
            "#/paths/~1api~1v1~1accounts~1{id}/get",
            "#/paths/~1api~1v1~1accounts~1{id}/patch",
            "#/paths/~1api~1v1~1accounts~1{account_id}~1contacts~1{id}/put/responses/204",
            "#/paths/~1api~1v1~1accounts~1{account_id}~1inboxes~1{id}~1agent_bot/get/responses/204",
            "#/components/schemas/article/properties/status",
        ])
        .build_script("chatwoot.rs");
}
