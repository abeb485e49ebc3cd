//! Runtime support for generated clients: configuration, requests, responses and errors.
//!
//! Generated code calls into this module; nothing in it depends on a particular API, so
//! the operations themselves stay small.

mod builder;
mod error;
mod extra;
mod request;
mod response;
mod string_enum;
mod structs;

pub use builder::{BuildError, ClientBuilder, Core};
pub use error::{DecodeError, Error, ErrorBody, ErrorResponse, IncompleteBody, RawResponse};
pub use extra::Extra;
#[doc(hidden)]
pub use extra::ExtraProperties;
pub use request::{PathSegment, Request};
pub use response::{from_json, ResponseValue};
pub use string_enum::deserialize_string_enum;

pub use crate::__error_body as error_body;
pub use crate::__serde_struct as serde_struct;
pub use crate::__string_enum as string_enum;
#[doc(hidden)]
pub use serde as __serde;
#[doc(hidden)]
pub use serde_json as __serde_json;
#[doc(hidden)]
pub use structs::Key as __Key;
