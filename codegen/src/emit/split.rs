//! A client with tag features, written to several files: the items behind each feature
//! gate (types, methods) move to files of their own, which the main file includes under
//! the gate's `cfg`. rustc does not read a file whose `include!` is configured away, so a
//! crate that enables one tag of a large API does not even parse the others.
//!
//! The files of a gate are named after its feature (`users.types.rs`,
//! `users.client.rs`), or, for a gate of several features, after a hash of them
//! (`shared-1f0c….types.rs`): the names depend on the gate alone, so that every chunk of
//! the file finds the same name without asking the others.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{Attribute, ImplItem, Item};

/// The items of one gate taken out of a chunk: the gate's attribute, the file they go
/// to, and the items.
pub(super) struct Moved<T> {
    pub cfg: Attribute,
    pub file: String,
    pub items: Vec<T>,
}

/// Takes the gated items out of `items`, grouped by file (`suffix` is `types` or
/// `client`), in their order.
pub(super) fn take_gated<T: Gated>(items: &mut Vec<T>, suffix: &str) -> Vec<Moved<T>> {
    let mut moved: BTreeMap<String, Moved<T>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(items.len());
    for mut item in items.drain(..) {
        let Some(cfg) = item.attrs_mut().and_then(|attrs| {
            let index = attrs.iter().position(|a| a.path().is_ident("cfg"))?;
            Some(attrs.remove(index))
        }) else {
            kept.push(item);
            continue;
        };
        let file = format!("{}.{suffix}.rs", gate_name(&cfg));
        moved
            .entry(file.clone())
            .or_insert_with(|| Moved {
                cfg,
                file,
                items: Vec::new(),
            })
            .items
            .push(item);
    }
    *items = kept;
    moved.into_values().collect()
}

/// The `include!` of a gate's file from the main file, under the gate's attribute.
pub(super) fn include(cfg: &Attribute, directory: &str, file: &str) -> TokenStream {
    let path = format!("{directory}/{file}");
    quote! {
        #cfg
        include!(#path);
    }
}

/// An item that can carry a gate's attribute: its attributes, for the kinds of item the
/// emitter gates.
pub(super) trait Gated {
    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>>;
}

impl Gated for Item {
    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>> {
        match self {
            Item::Struct(i) => Some(&mut i.attrs),
            Item::Enum(i) => Some(&mut i.attrs),
            Item::Type(i) => Some(&mut i.attrs),
            Item::Impl(i) => Some(&mut i.attrs),
            Item::Macro(i) => Some(&mut i.attrs),
            Item::Fn(i) => Some(&mut i.attrs),
            Item::Const(i) => Some(&mut i.attrs),
            Item::Mod(i) => Some(&mut i.attrs),
            _ => None,
        }
    }
}

impl Gated for ImplItem {
    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>> {
        match self {
            ImplItem::Fn(f) => Some(&mut f.attrs),
            ImplItem::Const(c) => Some(&mut c.attrs),
            _ => None,
        }
    }
}

/// The name of a gate's files: its feature's, or `shared-` and a hash of its features.
fn gate_name(cfg: &Attribute) -> String {
    let mut features = Vec::new();
    strings(cfg.to_token_stream(), &mut features);
    match features.as_slice() {
        [one] => one.clone(),
        _ => format!("shared-{:016x}", fnv1a(features.join(",").as_bytes())),
    }
}

/// The string literals in `tokens` (a gate's feature names), in order.
fn strings(tokens: TokenStream, found: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Group(group) => strings(group.stream(), found),
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                    found.push(inner.to_owned());
                }
            }
            _ => {}
        }
    }
}

/// FNV-1a, 64 bits: a stable hash (the standard library's may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gated_items_move_to_a_file_per_gate_and_the_rest_stay() {
        let file: syn::File = syn::parse_quote! {
            pub struct Always;
            #[cfg(feature = "users")]
            pub struct User;
            #[cfg(any(feature = "users", feature = "groups"))]
            pub struct Shared;
            #[cfg(feature = "users")]
            pub type Id = i64;
        };
        let mut items = file.items;
        let mut moved = take_gated(&mut items, "types");
        assert_eq!(items.len(), 1);
        let files: Vec<(&str, usize)> = moved
            .iter()
            .map(|m| (m.file.as_str(), m.items.len()))
            .collect();
        let shared = format!("shared-{:016x}.types.rs", fnv1a(b"users,groups"));
        assert_eq!(files, [(shared.as_str(), 1), ("users.types.rs", 2)]);
        // The attribute left the item and stays with the group, for the `include!`.
        assert!(moved[1]
            .items
            .iter_mut()
            .all(|i| i.attrs_mut().unwrap().is_empty()));
        let include = include(&moved[1].cfg, "api", &moved[1].file).to_string();
        assert_eq!(
            include,
            "# [cfg (feature = \"users\")] include ! (\"api/users.types.rs\") ;"
        );
    }
}
