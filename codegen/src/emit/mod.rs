//! The model to formatted Rust text: the types and methods written as text laid out as
//! prettyplease lays it out ([`layout`]), the rest as tokens that prettyplease prints.

mod builder;
mod client;
mod layout;
mod markdown;
mod mock;
mod render;
mod split;
mod types;
mod webhooks;

pub(crate) use render::{render, Options};

use std::borrow::Cow;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{
    definition, Api, Directions, Features, Gate, Spelling, Success, Traits, Ty, TypeDef, TypeId,
    TypeKind,
};

/// The name under which the generated file imports the runtime's `codegen` module, in the
/// module that includes it and in each module the file declares.
pub(crate) const RUNTIME_ALIAS: &str = "__rt";

/// The path generated types are named by outside the `types` module.
pub(crate) const TYPES: &str = "types::";

/// Everything the generated code needs to know about its surroundings.
pub(crate) struct Context<'a> {
    pub api: &'a Api,
    /// The cargo feature that compiles each method and type, when they are gated by tag.
    pub features: Option<&'a Features>,
    /// `__rt`, the name under which generated code imports the runtime's `codegen` module
    /// once ([`RUNTIME_ALIAS`]), and names everything of the runtime through.
    pub runtime: TokenStream,
    /// The generated types, each at its place.
    pub types: &'a [TypeDef],
    /// Which way each type travels ([`Options::directions`]).
    directions: Option<&'a Directions>,
    /// Whether the mock server module is generated.
    mock: bool,
    /// The directory of the gates' files, when gated items move to them
    /// ([`Options::split_into`]): the `include!` of a file carries its gate's `cfg`
    /// instead of each item.
    pub split_into: Option<&'a str>,
    /// The items laid out by prettyplease alone, each once.
    layouts: layout::Layouts,
}

impl<'a> Context<'a> {
    pub(crate) fn new(api: &'a Api, options: &Options<'a>) -> Self {
        let alias = ident(RUNTIME_ALIAS);
        Context {
            api,
            features: options.features,
            directions: options.directions,
            mock: options.mock,
            split_into: options.split_into(),
            layouts: layout::Layouts::default(),
            runtime: quote!(#alias),
            types: &api.types,
        }
    }

    /// The name of the generated type `id`.
    pub(crate) fn name(&self, id: TypeId) -> &'a str {
        self.types
            .get(id.index())
            .map_or("", |def| def.name.as_str())
    }

    /// The definition of the generated type `id`.
    pub(crate) fn kind(&self, id: TypeId) -> Option<&'a TypeKind> {
        self.types.get(id.index()).map(|def| &def.kind)
    }

    /// Whether `ty` is a generated struct: enum variants holding one are boxed, so that a
    /// large struct does not make every value of the enum large.
    pub(crate) fn is_struct(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Named(id)
            if matches!(definition(*id, self.types), Some((_, TypeKind::Struct(_)))))
    }

    /// The `#[cfg]` attribute that compiles an item only with the features of `gate`.
    pub(crate) fn cfg(gate: Option<&Gate>) -> TokenStream {
        rust_expr(&Self::cfg_text(gate))
    }

    /// [`Context::cfg`] as text: empty without a gate.
    pub(crate) fn cfg_text(gate: Option<&Gate>) -> String {
        match gate {
            None | Some(Gate::Always) => String::new(),
            Some(Gate::Any(features)) => {
                let features: Vec<String> = features
                    .iter()
                    .map(|feature| format!("feature = {}", layout::string(feature)))
                    .collect();
                match features.as_slice() {
                    [one] => format!("#[cfg({one})]"),
                    _ => format!("#[cfg(any({}))]", features.join(", ")),
                }
            }
        }
    }

    /// The `#[cfg]` attribute of the method `name`, if methods are gated by tag.
    pub(crate) fn method_cfg(&self, name: &str) -> TokenStream {
        rust_expr(&self.method_cfg_text(name))
    }

    /// [`Context::method_cfg`] as text.
    pub(crate) fn method_cfg_text(&self, name: &str) -> String {
        Self::cfg_text(self.method_gate(name))
    }

    /// The `#[cfg]` attribute of the type `id`, if types are gated by tag.
    pub(crate) fn type_cfg(&self, id: TypeId) -> TokenStream {
        Self::cfg(self.type_gate(id))
    }

    /// The feature gate of the method `name`, if methods are gated by tag.
    pub(crate) fn method_gate(&self, name: &str) -> Option<&'a Gate> {
        self.features.and_then(|f| f.methods.get(name))
    }

    /// The feature gate of the type `id`, if types are gated by tag.
    pub(crate) fn type_gate(&self, id: TypeId) -> Option<&'a Gate> {
        self.features.and_then(|f| f.types.get(id.index()))
    }

    /// The name of a type for the runtime's `serde_struct!`, `serde_union!` and
    /// `string_enum!`, with the serde traits it implements: the name alone for both,
    /// `impl Deserialize for Name` for a type the client only reads (and `Serialize` with
    /// the mock server, which sends it), `impl Serialize for Name` for one it only sends.
    /// `id` is the type in the model, `name` its name in the code.
    pub(crate) fn serde_name(&self, id: TypeId, name: &str) -> String {
        let traits = self.directions.map_or(Traits::Both, |d| d.traits(id));
        match traits {
            Traits::Both => name.to_owned(),
            Traits::Read if self.mock => {
                format!("impl Deserialize + #[cfg(feature = \"mock\")] Serialize for {name}")
            }
            Traits::Read => format!("impl Deserialize for {name}"),
            Traits::Sent => format!("impl Serialize for {name}"),
        }
    }

    /// Whether `ty` is a generated multipart form, which is sent by value.
    pub(crate) fn is_form(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Named(id) => matches!(self.kind(*id), Some(TypeKind::Form(_))),
            _ => false,
        }
    }

    /// The ways of reading the body of the generated enum `id`.
    pub(crate) fn contents_of(&self, id: TypeId) -> &'a [crate::ir::Success] {
        match self.kind(id) {
            Some(TypeKind::Content(bodies)) => bodies,
            _ => &[],
        }
    }

    /// The parameters of the generated `...Params` struct `id`.
    pub(crate) fn params_of(&self, id: TypeId) -> &'a [crate::ir::Param] {
        match self.kind(id) {
            Some(TypeKind::Params(params)) => params,
            _ => &[],
        }
    }

    /// The tokens of a type; `scope` prefixes generated type names (`types::` outside
    /// `types`).
    pub(crate) fn ty(&self, ty: &Ty, scope: &str) -> TokenStream {
        rust_expr(&self.ty_text(ty, scope))
    }

    /// A type as text, as prettyplease prints it; `scope` as for [`Context::ty`].
    pub(crate) fn ty_text(&self, ty: &Ty, scope: &str) -> String {
        ty.rust(Spelling::Code {
            runtime: RUNTIME_ALIAS,
            scope,
            types: self.types,
        })
    }

    /// The type a success body is read as, as text; `scope` as for [`Context::ty`].
    pub(crate) fn success_text(&self, success: &Success, scope: &str) -> String {
        success.rust(Spelling::Code {
            runtime: RUNTIME_ALIAS,
            scope,
            types: self.types,
        })
    }
}

/// The tokens of Rust text the generator wrote: a type, or an expression printed by the
/// descriptors crate, which the runtime reads (`Layout::to_rust`, `Paging::to_rust`).
/// Text that does not lex, a bug, becomes a `compile_error!` saying so rather than a
/// panic.
pub(crate) fn rust_expr(text: &str) -> TokenStream {
    text.parse().unwrap_or_else(|_| {
        let message = format!("internal error: `{text}` is not Rust");
        quote!(compile_error!(#message))
    })
}

/// An identifier, raw (`r#type`) where the name asks for it.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes for a text, one per line, so that it prints as `///` comments.
pub(crate) fn doc_attrs(text: Option<&str>) -> TokenStream {
    doc_lines(text)
        .into_iter()
        .map(|line| quote!(#[doc = #line]))
        .collect()
}

/// The lines of a doc comment for a text, each as it follows `///` ([`doc_text`]).
pub(crate) fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    doc_text(text)
        .lines()
        .map(|line| doc_line(line).concat())
        .collect()
}

/// A text as a doc comment holds it: rewritten to be safe for rustdoc, without control
/// characters or blank lines around; each of its lines goes after `///` as [`doc_line`]
/// writes it.
pub(crate) fn doc_text(text: &str) -> Cow<'_, str> {
    // Most texts have no tabs, carriage returns or other control characters.
    if has_control_or_beyond_ascii(text) {
        let text = without_controls(
            &text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\t', "    "),
        );
        return Cow::Owned(markdown::rustdoc_safe(text.trim()).into_owned());
    }
    markdown::rustdoc_safe(text.trim())
}

/// Whether `text` has a control character other than a line feed, or a character beyond
/// ASCII.
fn has_control_or_beyond_ascii(text: &str) -> bool {
    // Each chunk's bytes are folded without a branch per byte: the compiler checks many
    // at once.
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &byte| {
            found | ((byte < b' ') & (byte != b'\n')) | (byte >= 0x7f)
        })
    })
}

/// A line of a doc comment's text as it follows `///`, in two parts: a space, and the line
/// without trailing spaces (an empty line is empty).
pub(crate) fn doc_line(line: &str) -> [&str; 2] {
    let line = line.trim_end();
    [if line.is_empty() { "" } else { " " }, line]
}

/// `text` on one line, for a comment or a build-script directive.
pub(crate) fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    push_one_line(&mut line, text);
    line
}

/// [`one_line`] of `text` written at the end of `out`.
pub(crate) fn push_one_line(out: &mut String, text: &str) {
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        push_without_controls(out, word);
    }
}

/// `text` with control characters other than line feeds replaced by U+FFFD, so that no
/// document text puts a NUL or an escape sequence into the generated source.
pub(crate) fn without_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_without_controls(&mut out, text);
    out
}

/// [`without_controls`] of `text` written at the end of `out`.
fn push_without_controls(out: &mut String, text: &str) {
    let is_replaced = |c: char| c.is_control() && c != '\n';
    if !text.contains(is_replaced) {
        return out.push_str(text);
    }
    out.extend(
        text.chars()
            .map(|c| if is_replaced(c) { '\u{fffd}' } else { c }),
    );
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{one_line, without_controls};

    proptest! {
        /// One line of the words, one space between each, and no control character but
        /// a line feed (which splits words) left.
        #[test]
        fn one_line_keeps_the_words_and_no_control(text in "[a \\t\\r\\n\\u{0}\\u{1b}\\u{85}\\u{9f}é]{0,16}") {
            let line = one_line(&text);
            let words: Vec<String> = text.split_whitespace().map(without_controls).collect();
            prop_assert_eq!(&line, &words.join(" "));
            prop_assert!(!line.contains(|c: char| c.is_control()));
            prop_assert!(!line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  "));
        }

        /// A text has a character to clean when a byte of it is a control character but a
        /// line feed, or not ASCII: one such character anywhere in a text of several
        /// chunks of bytes is found.
        #[test]
        fn texts_to_clean_are_found(
            head in "[a ]{0,130}",
            odd in "[a\\n\\t\\r\\u{0}\\u{1f}~\\u{7f}\\u{85}é]",
            tail in "[a ]{0,70}",
        ) {
            let text = [head, odd, tail].concat();
            let to_clean = text.bytes().any(|b| b.is_ascii_control() && b != b'\n') || !text.is_ascii();
            prop_assert_eq!(super::has_control_or_beyond_ascii(&text), to_clean);
        }

        /// Control characters but line feeds are replaced, the rest kept.
        #[test]
        fn control_characters_but_line_feeds_are_replaced(text in "[a\\n\\t\\u{0}\\u{7f}\\u{85}é]{0,16}") {
            let kept = without_controls(&text);
            prop_assert_eq!(kept.chars().count(), text.chars().count());
            for (sent, kept) in text.chars().zip(kept.chars()) {
                let replaced = sent.is_control() && sent != '\n';
                prop_assert_eq!(kept, if replaced { '\u{fffd}' } else { sent });
            }
        }
    }
}
