#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// The examples show whole `build.rs` files, `fn main` included.
#![allow(clippy::needless_doctest_main)]

mod build_script;
mod emit;
mod error;
mod generator;
mod ir;
mod load;
mod model;
mod names;
mod normalize;
mod output;
mod overlay;
mod parallel;
mod parse;
mod pipeline;
mod record;

pub use error::{Error, Location, Warning};
pub use generator::Generator;
pub use ir::DateTimeCrate;
pub use load::Syntax;
pub use model::{FormatTypes, Paging};
pub use output::{Generated, GeneratedOperation, Output, Timings};
pub use record::{compare, ApiChanges, ApiRecord, Change, Severity};
