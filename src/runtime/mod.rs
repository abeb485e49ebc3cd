//! Runtime support for generated clients: configuration, requests, responses and errors.
//!
//! Generated code calls into this module; nothing in it depends on a particular API, so
//! the operations themselves stay small.

mod builder;
mod error;
mod request;
mod response;
mod wire;

pub use builder::{BuildError, ClientBuilder, Core};
pub use error::{DecodeError, Error, ErrorBody, ErrorResponse, IncompleteBody, RawResponse};
pub use request::{PathSegment, Request};
pub use response::ResponseValue;
pub use wire::{deserialize_string_enum, nullable};
