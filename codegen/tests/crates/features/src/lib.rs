//! The client generated from `tests/fixtures/features.yaml`.

include!(concat!(env!("OUT_DIR"), "/features.rs"));
