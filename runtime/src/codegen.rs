//! What generated code calls, and the crates whose items it names.
//!
//! Generated code imports this module once (`use <runtime>::codegen as __rt;`) and names
//! everything through it: the request builder and parameter styles, the paging
//! descriptor, the macros that implement the generated types' conversions, and, by the
//! same path, the items of the crate root that its signatures show. Callers of a generated
//! client meet the crate root; this module is the contract between the generator and the
//! runtime.
//!
//! The crates are those whose items generated code names, at the versions this crate
//! uses, so a generated client's crate needs no dependency on them. Code that works with
//! the values a client returns can use them from here too: `serde_json::Value` for
//! free-form properties, `reqwest` for the HTTP types (`StatusCode`, `HeaderMap`) and for
//! a client of one's own.

pub use crate::json::from_json;
pub use crate::multipart::{Multipart, MultipartForm};
pub use crate::pages::{next_link, Input, Next, Paging, Path, Source, Step, Unit};
pub use crate::params::{Param, Style};
pub use crate::request::Request;
pub use crate::response::{ContentKind, Received};

pub use crate::__client_builder as client_builder;
pub use crate::__error_body as error_body;
pub use crate::__serde_struct as serde_struct;
pub use crate::__serde_union as serde_union;
pub use crate::__string_enum as string_enum;
#[doc(hidden)]
pub use crate::extra::ExtraProperties;
#[doc(hidden)]
pub use crate::string_enum::{deserialize_string_enum, string_enum_order};
#[doc(hidden)]
pub use crate::structs::{
    missing_field, read, read_struct, write, write_struct, Key, NoExtra, Slots, Values,
};
#[doc(hidden)]
pub use crate::unions::{
    read_holding, read_tagged, read_tagged_or, read_untagged, Fixed, ReadVariant, TryVariant,
};

// The crate root's items that generated code names, by the same path.
#[cfg(feature = "mock")]
#[doc(no_inline)]
pub use crate::mock;
#[doc(no_inline)]
pub use crate::{
    Base64, Body, BuildError, ByteStream, ClientBuilder, Core, Credential, Decimal, Error,
    EventStream, Extra, FilePart, Pages, RequestOptions, ResponseValue, RetryPolicy, SchemeKind,
    SecurityScheme, Server, Token,
};

pub use bytes;
#[cfg(feature = "chrono")]
pub use chrono;
pub use futures_core;
pub use futures_util;
#[cfg(feature = "jiff")]
pub use jiff;
pub use reqwest;
pub use serde;
pub use serde_json;
#[cfg(feature = "uuid")]
pub use uuid;
