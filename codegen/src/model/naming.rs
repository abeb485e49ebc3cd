//! Final type names, assigned once every type is known.
//!
//! Each type has a base name derived from where it stands in the document. Collisions are
//! resolved in a fixed order (component schemas first, then by location), so a name never
//! depends on the order in which schemas were reached, and adding or moving unrelated
//! operations or schemas changes no other name.

use crate::ir::TypeDef;
use crate::names::{camel, Scope};

/// The key of the order names are claimed in: component schemas first, then by place in
/// the document (the order [`assign_names`] and deduplication take types in).
pub(crate) fn claim_order(def: &TypeDef) -> (bool, &str, &str) {
    (!def.component, def.pointer.as_str(), &def.base)
}

/// The key of the order of names.
pub(crate) fn name_order(def: &TypeDef) -> (bool, &str, &str) {
    (false, &def.name, "")
}

/// Gives each of `types`, in claim order ([`claim_order`]), its final name.
pub(crate) fn assign_names(types: &mut [TypeDef]) {
    let mut scope = Scope::for_types();
    for def in types {
        def.name = scope.claim_type(camel(&def.base));
    }
}
