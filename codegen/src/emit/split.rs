//! A client with tag features, written to several files: the items behind each feature
//! gate (types, methods) move to files of their own, which the main file includes under
//! the gate's `cfg`. rustc does not read a file whose `include!` is configured away, so a
//! crate that enables one tag of a large API does not even parse the others.
//!
//! The files of a gate are named after its feature (`users.types.rs`,
//! `users.client.rs`), or, for a gate of several features, after a hash of them
//! (`shared-1f0c….types.rs`): the names depend on the gate alone, so that every chunk of
//! the file finds the same name without asking the others.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// The `include!` of a gate's file from the main file, under the gate's attribute.
pub(super) fn include(cfg: &impl ToTokens, directory: &str, file: &str) -> TokenStream {
    let path = format!("{directory}/{file}");
    quote! {
        #cfg
        include!(#path);
    }
}

/// The file of a gate's items (`suffix` is `types` or `client`), named after its feature,
/// or `shared-` and a hash of its features, in the order its `cfg` lists them.
pub(super) fn gate_file<S: AsRef<str>>(features: &[S], suffix: &str) -> String {
    let name = match features {
        [one] => one.as_ref().to_owned(),
        _ => {
            let joined: Vec<&str> = features.iter().map(AsRef::as_ref).collect();
            format!("shared-{:016x}", fnv1a(joined.join(",").as_bytes()))
        }
    };
    format!("{name}.{suffix}.rs")
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
    fn a_gate_of_one_feature_has_its_file_and_a_gate_of_several_a_shared_one() {
        assert_eq!(gate_file(&["users"], "types"), "users.types.rs");
        let shared = format!("shared-{:016x}.client.rs", fnv1a(b"groups,users"));
        assert_eq!(gate_file(&["groups", "users"], "client"), shared);
        let cfg: TokenStream = "#[cfg(feature = \"users\")]".parse().unwrap();
        assert_eq!(
            include(&cfg, "api", "users.types.rs").to_string(),
            "# [cfg (feature = \"users\")] include ! (\"api/users.types.rs\") ;"
        );
    }
}
