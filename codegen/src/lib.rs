#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// The examples show whole `build.rs` files, `fn main` included.
#![allow(clippy::needless_doctest_main)]

/// Pieces of text (`&str`, `String`...) joined into one string, made as large as they
/// are at once: where the generator writes much text from few pieces, `format!`, which
/// grows its string as it goes, costs several times as much.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {
        <[&str]>::concat(&[$(::core::convert::AsRef::<str>::as_ref(&$piece)),+])
    };
}

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
