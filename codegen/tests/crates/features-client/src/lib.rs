//! The clients generated from `tests/fixtures/features.yaml` (at the root),
//! `tests/fixtures/hostile.json` (in `hostile`), `tests/fixtures/auth.yaml` (in `auth`),
//! `tests/fixtures/tagged.yaml` (in `tagged`), `tests/fixtures/styles.yaml` (in `styles`),
//! `tests/fixtures/formats.yaml` (in `formats`) and `tests/fixtures/pages.yaml` (in
//! `pages`).

include!(concat!(env!("OUT_DIR"), "/features.rs"));

/// Generated from a document made of keywords, odd names and text that tries to escape
/// doc comments: it must compile like any other.
pub mod hostile {
    /// The runtime under another name, which the generated code is told to use.
    pub use openapi_clientgen_runtime as rt;

    include!(concat!(env!("OUT_DIR"), "/hostile.rs"));
}

/// Generated from a document whose operations have tags, each a feature of this crate
/// (`openapi-clientgen features ../../fixtures/tagged.yaml` printed the table).
pub mod tagged {
    include!(concat!(env!("OUT_DIR"), "/tagged.rs"));
}

/// Generated from a document with every kind of security scheme and requirement.
pub mod auth {
    include!(concat!(env!("OUT_DIR"), "/auth.rs"));
}

/// Generated from a document with a parameter for each cell of the OpenAPI specification's
/// style examples, and form bodies with encodings.
pub mod styles {
    include!(concat!(env!("OUT_DIR"), "/styles.rs"));
}

/// Generated from a document with every format that becomes a type of its own.
pub mod formats {
    include!(concat!(env!("OUT_DIR"), "/formats.rs"));
}

/// Generated from a document with a list operation for each paging convention, and two
/// lists whose paging the build script describes.
pub mod pages {
    include!(concat!(env!("OUT_DIR"), "/pages.rs"));
}
