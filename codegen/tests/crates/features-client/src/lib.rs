//! The clients generated from `tests/fixtures/features.yaml` (at the root),
//! `tests/fixtures/hostile.json` (in `hostile`) and `tests/fixtures/auth.yaml` (in `auth`).

include!(concat!(env!("OUT_DIR"), "/features.rs"));

/// Generated from a document made of keywords, odd names and text that tries to escape
/// doc comments: it must compile like any other.
pub mod hostile {
    /// The runtime under another name, which the generated code is told to use.
    pub use openapi_clientgen_runtime as rt;

    include!(concat!(env!("OUT_DIR"), "/hostile.rs"));
}

/// Generated from a document with every kind of security scheme and requirement.
pub mod auth {
    include!(concat!(env!("OUT_DIR"), "/auth.rs"));
}
