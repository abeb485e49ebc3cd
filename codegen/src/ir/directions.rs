//! Which way each generated type travels: sent by the client, read by it, or both.

use foldhash::HashSet;

/// The generated types the client sends (in a request's body or parameters) and those it
/// reads (a response's body, an error's, an event's), each with the types within them.
/// A type is given `Serialize` only when it is sent and `Deserialize` only when it is
/// read; a type no operation names counts as both, and so does every type within it.
#[derive(Debug, Default)]
pub(crate) struct Directions<'a> {
    pub sent: HashSet<&'a str>,
    pub read: HashSet<&'a str>,
}

/// The serde traits a generated type implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Traits {
    Both,
    /// `Deserialize`; `Serialize` too with the mock server, which sends what the client reads.
    Read,
    /// `Serialize` only.
    Sent,
}

impl Directions<'_> {
    /// The traits of the type `name`.
    pub(crate) fn traits(&self, name: &str) -> Traits {
        match (self.sent.contains(name), self.read.contains(name)) {
            (true, false) => Traits::Sent,
            (false, true) => Traits::Read,
            _ => Traits::Both,
        }
    }
}
