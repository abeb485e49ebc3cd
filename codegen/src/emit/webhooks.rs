//! The `webhooks` module: the requests the API sends to its users, one enum per set (the
//! document's webhooks, each operation's callbacks).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, rust_expr, Context, TYPES};
use crate::ir::{Events, Gate, TypeKind, WEBHOOKS};

/// The module, when the document describes any request the API sends; nothing otherwise.
pub(super) fn emit_webhooks(context: &Context) -> TokenStream {
    let sets: Vec<_> = context
        .api
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Events(events) => Some((def, events)),
            _ => None,
        })
        .collect();
    if sets.is_empty() {
        return TokenStream::new();
    }
    let runtime = &context.runtime;
    let doc = doc_attrs(Some(&format!(
        "The requests the {} API sends to its users: its webhooks and callbacks.\n\n\
         Each enum reads a request's JSON body (`serde_json::from_slice`, or \
         `Webhooks::unwrap`, which verifies the request's signature first, with the \
         runtime's feature `webhooks`); an event the document does not describe is kept \
         as JSON in the enum's last variant.",
        context.api.title.trim()
    )));
    // With tag features, the module is behind the feature `webhooks` (`model/features.rs`).
    let cfg = match context.features {
        Some(_) => Context::cfg(Some(&Gate::Any([WEBHOOKS.to_owned()].into()))),
        None => TokenStream::new(),
    };
    let enums = sets.iter().map(|(def, events)| {
        let doc = doc_attrs(def.doc.as_deref());
        let items = emit_events(context, &def.name, events);
        quote! {
            #doc
            #items
        }
    });
    quote! {
        #doc
        #cfg
        pub mod webhooks {
            #[allow(unused_imports)]
            use super::{#runtime, types};

            #( #enums )*
        }
    }
}

/// A set's enum (the type `def_name`) and the macro call that reads it (and writes it,
/// when the client sends it too).
fn emit_events(context: &Context, def_name: &str, events: &Events) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(&events.name);
    let other = ident(&events.other);
    let variants = events.events.iter().map(|event| {
        let doc = doc_attrs(event.doc.as_deref());
        let variant = ident(&event.variant);
        let ty = context.ty(&event.ty, TYPES);
        let ty = if context.is_struct(&event.ty) {
            quote!(Box<#ty>)
        } else {
            ty
        };
        quote! {
            #doc
            #variant(#ty),
        }
    });
    let serde_name = rust_expr(&context.serde_name(def_name, &events.name));
    // Each event with the value of the tag that tells it, or without a tag, the values of
    // its fixed properties.
    let arms = events.events.iter().map(|event| {
        let variant = ident(&event.variant);
        match &events.tag {
            Some(_) => {
                let value = event.tag_value.as_deref().unwrap_or_default();
                quote!(#variant(#value))
            }
            None if event.fixed.is_empty() => quote!(#variant),
            None => {
                let (properties, values): (Vec<_>, Vec<_>) = event.fixed.iter().cloned().unzip();
                quote!(#variant { #( #properties = #values ),* })
            }
        }
    });
    let read = match &events.tag {
        Some(tag) => {
            quote!(#runtime::serde_union!(#serde_name, tag(#tag) { #( #arms ),* }, other(#other));)
        }
        None => quote!(#runtime::serde_union!(#serde_name { #( #arms ),* }, other(#other));),
    };
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #variants )*
            /// An event the document does not describe, as it was sent.
            #other(#runtime::serde_json::Value),
        }
        #read
    }
}
