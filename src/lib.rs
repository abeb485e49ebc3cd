#![doc = include_str!("../README.md")]

pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));

pub use runtime::{BuildError, Error, ResponseValue};
