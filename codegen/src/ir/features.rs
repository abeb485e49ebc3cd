//! Cargo features per tag: which feature compiles each method and each type.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::HashMap;

/// The feature that enables all the others, and the types no method uses.
pub(crate) const FULL: &str = "full";

/// The feature of the `webhooks` module and the types of its events.
pub(crate) const WEBHOOKS: &str = "webhooks";

/// When an item is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gate {
    Always,
    /// With any of these features.
    Any(BTreeSet<String>),
}

/// Which features compile what.
#[derive(Debug, Default)]
pub(crate) struct Features {
    /// Every tag's feature, sorted, with the tags it stands for (none for `webhooks`).
    pub tags: BTreeMap<String, BTreeSet<String>>,
    /// Each method's gate, by method name.
    pub methods: HashMap<String, Gate>,
    /// Each type's gate, by its place in [`Api::types`](super::Api::types).
    pub types: Vec<Gate>,
}
