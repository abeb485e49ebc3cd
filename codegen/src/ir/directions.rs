//! Which way each generated type travels: sent by the client, read by it, or both.

use super::TypeId;

/// The generated types the client sends (in a request's body or parameters) and those it
/// reads (a response's body, an error's, an event's), each with the types within them.
/// A type is given `Serialize` only when it is sent and `Deserialize` only when it is
/// read; a type no operation names counts as both, and so does every type within it.
#[derive(Debug, Default)]
pub(crate) struct Directions {
    /// Whether the type at each place is sent.
    pub sent: Vec<bool>,
    /// Whether the type at each place is read.
    pub read: Vec<bool>,
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

impl Directions {
    /// The traits of the type `id`.
    pub(crate) fn traits(&self, id: TypeId) -> Traits {
        let has = |of: &[bool]| of.get(id.index()).copied().unwrap_or(false);
        match (has(&self.sent), has(&self.read)) {
            (true, false) => Traits::Sent,
            (false, true) => Traits::Read,
            _ => Traits::Both,
        }
    }
}
