//! The client generated from Chatwoot's complete 3.0.4 application API document.

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));
