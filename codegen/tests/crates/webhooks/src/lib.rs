//! Clients generated from documents that describe the requests their API sends: OpenAI's
//! webhooks, a directory document's callbacks, and a 3.0 document's `x-webhooks`.

/// OpenAI's webhooks (`codegen/tests/fixtures/openai-webhooks.yaml`).
pub mod openai {
    include!(concat!(env!("OUT_DIR"), "/openai.rs"));
}

/// ETSI MEC010-2 application package management, whose `subscriptionsPOST` declares a
/// callback.
pub mod etsi {
    include!(concat!(env!("OUT_DIR"), "/etsi.rs"));
}

/// Events of a 3.0 document's `x-webhooks` (`codegen/tests/fixtures/x-webhooks.yaml`).
pub mod repository {
    include!(concat!(env!("OUT_DIR"), "/repository.rs"));
}
