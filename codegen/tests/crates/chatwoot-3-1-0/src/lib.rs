//! The client generated from Chatwoot's complete 3.1.0 application API document.

include!(concat!(env!("OUT_DIR"), "/chatwoot.rs"));

/// The same document, restricted to two operations and one tag.
pub mod selected {
    include!(concat!(env!("OUT_DIR"), "/selected.rs"));
}
