//! Clients generated from documents that describe the requests their API sends: OpenAI's
//! webhooks, and a directory document's callbacks.

/// OpenAI's webhooks (`codegen/tests/fixtures/openai-webhooks.yaml`).
pub mod openai {
    include!(concat!(env!("OUT_DIR"), "/openai.rs"));
}

/// ETSI MEC010-2 application package management, whose `subscriptionsPOST` declares a
/// callback.
pub mod etsi {
    include!(concat!(env!("OUT_DIR"), "/etsi.rs"));
}
