//! The client generated from Chatwoot's 2021 release, a Swagger 2.0 document read as it is.

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));
