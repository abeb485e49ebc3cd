//! The `webhooks` module: the requests the API sends to its users, one enum per set (the
//! document's webhooks, each operation's callbacks).

use super::layout::{Args, Text, Written};
use super::{Context, RUNTIME_ALIAS, TYPES};
use crate::ir::{Events, Gate, TypeId, TypeKind, WEBHOOKS};

/// The module, when the document describes any request the API sends; nothing otherwise.
pub(super) fn emit_webhooks(context: &Context) -> Option<Written> {
    let sets: Vec<_> = context
        .api
        .types
        .iter()
        .zip(0..)
        .filter_map(|(def, at)| match &def.kind {
            TypeKind::Events(events) => Some((TypeId(at), def, events)),
            _ => None,
        })
        .collect();
    if sets.is_empty() {
        return None;
    }
    let mut out = Text::new(0);
    out.doc(Some(&format!(
        "The requests the {} API sends to its users: its webhooks and callbacks.\n\n\
         Each enum reads a request's JSON body (`serde_json::from_slice`, or \
         `Webhooks::unwrap`, which verifies the request's signature first, with the \
         runtime's feature `webhooks`); an event the document does not describe is kept \
         as JSON in the enum's last variant.",
        context.api.title.trim()
    )));
    // With tag features, the module is behind the feature `webhooks` (`model/features.rs`).
    if context.features.is_some() {
        out.fixed(&Context::cfg_text(Some(&Gate::Any(
            [WEBHOOKS.to_owned()].into(),
        ))));
    }
    out.open_fixed("pub mod webhooks {");
    out.fixed("#[allow(unused_imports)]");
    out.fixed(&format!("use super::{{{RUNTIME_ALIAS}, types}};"));
    for (id, def, events) in sets {
        out.doc(def.doc.as_deref());
        emit_events(context, id, events, &mut out);
    }
    out.close("}");
    Some(out.finish())
}

/// A set's enum (the type `id`) and the macro call that reads it (and writes it, when
/// the client sends it too).
fn emit_events(context: &Context, id: TypeId, events: &Events, out: &mut Text) {
    out.fixed("#[derive(Debug, Clone, PartialEq)]");
    out.open_fixed(&format!("pub enum {} {{", events.name));
    for event in &events.events {
        out.doc(event.doc.as_deref());
        let ty = context.ty_text(&event.ty, TYPES);
        let ty = if context.is_struct(&event.ty) {
            format!("Box<{ty}>")
        } else {
            ty
        };
        out.variant(&event.variant, &ty);
    }
    out.doc(Some(
        "An event the document does not describe, as it was sent.",
    ));
    out.variant(
        &events.other,
        &format!("{RUNTIME_ALIAS}::serde_json::Value"),
    );
    out.close("}");
    // Each event with the value of the tag that tells it, or without a tag, the values of
    // its fixed properties.
    let mut args = Args::default();
    args.words(&context.serde_name(id, &events.name));
    if let Some(tag) = &events.tag {
        args.word(",").space().word("tag(").string(tag).word(")");
    }
    args.braces(&events.events, |args, event| {
        args.word(&event.variant);
        match &events.tag {
            Some(_) => {
                let value = event.tag_value.as_deref().unwrap_or_default();
                args.word("(").string(value).word(")");
            }
            None if event.fixed.is_empty() => {}
            None => {
                args.braces(&event.fixed, |args, (property, value)| {
                    args.string(property)
                        .space()
                        .word("=")
                        .space()
                        .string(value);
                });
            }
        }
    })
    .word(",")
    .space()
    .word("other(")
    .word(&events.other)
    .word(")");
    out.call(&format!("{RUNTIME_ALIAS}::serde_union"), &args, ";");
}
