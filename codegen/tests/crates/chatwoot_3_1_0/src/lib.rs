//! The client generated from Chatwoot's complete 3.1.0 application API document.

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));
