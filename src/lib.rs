#![doc = include_str!("../README.md")]

/// The runtime the generated client is built on: the builder, responses, errors, and the
/// crates its types come from (`runtime::codegen::serde_json`, `runtime::codegen::reqwest`).
pub use openapi_clientgen_runtime as runtime;

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));

pub use runtime::{Body, BuildError, Error, FilePart, ResponseValue};
