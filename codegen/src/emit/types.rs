//! The `types` module: one item per generated type, written as formatted text
//! ([`layout`](super::layout)).

use std::ops::Range;

use foldhash::{HashSet, HashSetExt};

use super::layout::{Args, Text, Written};
use super::{doc_lines, Context, RUNTIME_ALIAS};
use crate::ir::is_scalar;
use crate::ir::{
    ErrorCase, Field, StatusMatch, Struct, Success, Ty, TypeDef, TypeId, TypeKind, Union,
    UnionVariant,
};

/// The indentation of the items of `pub mod types`.
const INDENT: usize = 4;

/// The items of each of the types at `places`, in order, as they are inside `pub mod
/// types`, or at the top of a file for those `top_level` says (a gate's file,
/// [`super::split`]).
pub(super) fn emit_types(
    context: &Context,
    places: Range<usize>,
    top_level: impl Fn(TypeId) -> bool,
) -> Vec<(TypeId, Written)> {
    let defaults = Defaults::new(context.types);
    places
        .filter_map(|at| {
            let id = TypeId(u64::try_from(at).ok()?);
            let def = context.types.get(at)?;
            let mut out = Text::with_capacity(if top_level(id) { 0 } else { INDENT }, 512);
            emit_type(context, id, def, &defaults, &mut out);
            Some((id, out.finish()))
        })
        .collect()
}

fn emit_type(context: &Context, id: TypeId, def: &TypeDef, defaults: &Defaults, out: &mut Text) {
    let mut doc = doc_lines(def.doc.as_deref());
    if let TypeKind::Alias(Ty::Named(target)) = &def.kind {
        // A link of the generator's own, which document text is escaped not to be.
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(cat!(" The same type as [`", context.name(*target), "`]."));
    }
    // The `webhooks` module's enums (`super::webhooks`).
    if !matches!(def.kind, TypeKind::Events(_)) {
        out.docs(&doc);
    }
    let name = def.name.as_str();
    match &def.kind {
        TypeKind::Struct(s) => emit_struct(context, id, s, defaults, out),
        TypeKind::Enum { variants, other } => {
            out.line("#[derive(Debug, Clone)]");
            out.open_fixed(&cat!("pub enum ", name, " {"));
            for variant in variants.iter() {
                let value = super::markdown::inline_code(&variant.value);
                out.fixed_parts(&["/// ", &value]);
                out.fixed_parts(&[&variant.name, ","]);
            }
            out.docs(&[" A value the API document does not list, kept as it was sent."]);
            out.variant(other, "String");
            out.close("}");
            let mut args = Args::default();
            args.words(&context.serde_name(id, name))
                .braces(variants, |args, variant| {
                    args.word(&variant.name).words(" = ").string(&variant.value);
                })
                .word(",")
                .space()
                .word(other);
            out.call(&runtime("string_enum"), &args, ";");
        }
        TypeKind::Union(union) => emit_union(context, id, union, out),
        TypeKind::Alias(ty) => out.typed(
            &cat!("pub type ", name, " = "),
            &context.ty_text(ty, ""),
            ";",
        ),
        TypeKind::Errors(cases) => emit_errors(context, name, cases, out),
        TypeKind::Form(fields) => emit_form(context, id, fields, defaults, out),
        TypeKind::Content(bodies) => {
            out.line("#[derive(Debug)]");
            open_block(out, &cat!("pub enum ", name, " {"), bodies.is_empty());
            for body in bodies {
                let doc = match body {
                    Success::Json(_) => " Decoded from JSON.",
                    Success::Events(_) => " Server-sent events.",
                    Success::Text(_) => " Text.",
                    Success::Binary(_) | Success::Content(_) => " Bytes, as they arrive.",
                };
                out.docs(&[doc]);
                let ty = match body {
                    Success::Json(ty) => boxed_ty(context, ty, context.is_struct(ty)),
                    body => context.success_text(body, ""),
                };
                out.variant(body.variant(), &ty);
            }
            close_block(out, bodies.is_empty());
        }
        TypeKind::Events(_) => {}
        TypeKind::Params(params) => {
            out.line("#[derive(Debug, Clone, PartialEq, Default)]");
            open_block(out, &cat!("pub struct ", name, " {"), params.is_empty());
            for param in params {
                out.doc(param.doc.as_deref());
                write_field(out, &param.name, 1, false, &context.ty_text(&param.ty, ""));
            }
            close_block(out, params.is_empty());
        }
    }
}

/// `runtime::name`, the path of one of the runtime's macros.
fn runtime(name: &str) -> String {
    cat!(RUNTIME_ALIAS, "::", name)
}

/// The line that opens the braces of an item or block, which close on it when it is
/// empty; nothing in the line can break (`pub struct Name {`, `match self {`).
fn open_block(out: &mut Text, line: &str, empty: bool) {
    if empty {
        out.fixed(&cat!(line, "}"));
    } else {
        out.open_fixed(line);
    }
}

/// The line that closes the braces [`open_block`] opened.
fn close_block(out: &mut Text, empty: bool) {
    if !empty {
        out.close("}");
    }
}

/// A union: untagged, or, with a tag property, read by the tag's value. Either way it is
/// written untagged, since each variant's own properties include the tag.
fn emit_union(context: &Context, id: TypeId, union: &Union, out: &mut Text) {
    let name = context.name(id);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    open_block(
        out,
        &cat!("pub enum ", name, " {"),
        union.variants.is_empty(),
    );
    for UnionVariant {
        name, ty, boxed, ..
    } in &union.variants
    {
        out.variant(
            name,
            &boxed_ty(context, ty, *boxed || context.is_struct(ty)),
        );
    }
    close_block(out, union.variants.is_empty());
    let mut args = Args::default();
    args.words(&context.serde_name(id, name));
    let Some(tag) = &union.tag else {
        args.braces(&union.variants, |args, variant| {
            args.word(&variant.name);
        });
        out.call(&runtime("serde_union"), &args, ";");
        if union.variants.iter().all(|v| is_scalar(&v.ty)) {
            out.open(&format!("impl ::std::fmt::Display for {name} {{"));
            out.open("fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {");
            open_block(out, "match self {", union.variants.is_empty());
            for variant in &union.variants {
                out.line(&format!("Self::{}(value) => value.fmt(f),", variant.name));
            }
            close_block(out, union.variants.is_empty());
            out.close("}");
            out.close("}");
        }
        return;
    };
    args.word(",")
        .space()
        .word("tag(")
        .string(tag)
        .word(")")
        .braces(&union.variants, |args, variant| {
            args.word(&variant.name).word("(");
            for (index, value) in variant.tag_values.iter().enumerate() {
                if index > 0 {
                    args.words(" | ");
                }
                args.string(value);
            }
            args.word(")");
        });
    out.call(&runtime("serde_union"), &args, ";");
}

fn boxed_ty(context: &Context, ty: &Ty, boxed: bool) -> String {
    let ty = context.ty_text(ty, "");
    if boxed {
        cat!("Box<", ty, ">")
    } else {
        ty
    }
}

/// The public field `name`, of the type `ty` in a `Box` if `boxed`, and that in as many
/// `Option`s as `options` (at most two): written whole where it fits, else with the
/// type's generic arguments broken ([`Text::typed`]).
fn write_field(out: &mut Text, name: &str, options: usize, boxed: bool, ty: &str) {
    let mut parts = ["pub ", name, ": ", "", "", "", ty, "", ","];
    let wrappers = ["Option<", "Option<", "Box<"];
    let wrappers = &wrappers[2 - options.min(2)..2 + usize::from(boxed)];
    parts[3..3 + wrappers.len()].copy_from_slice(wrappers);
    parts[7] = &">>>"[..wrappers.len()];
    if !out.line_if_it_fits(&parts) {
        out.typed(&parts[..3].concat(), &parts[3..8].concat(), ",");
    }
}

/// How many fields a group of `serde_struct!` holds at most: the runtime implements its
/// traits for tuples up to this length.
const STRUCT_GROUP: usize = 12;

/// A struct: `Serialize` and `Deserialize` (those of them its direction asks for,
/// [`Context::serde_name`]) come from the runtime's `serde_struct!`, which reads and
/// writes unknown properties with the known ones, in one pass. Its fields are
/// listed in groups of at most twelve, the runtime's tuples.
fn emit_struct(context: &Context, id: TypeId, def: &Struct, defaults: &Defaults, out: &mut Text) {
    let name = context.name(id);
    let default = if defaults.struct_has_default(id) {
        ", Default"
    } else {
        ""
    };
    out.line(&cat!("#[derive(Debug, Clone, PartialEq", default, ")]"));
    let empty = def.fields.is_empty() && def.extra.is_none();
    open_block(out, &cat!("pub struct ", name, " {"), empty);
    for field in &def.fields {
        let Field {
            name,
            doc,
            ty,
            required,
            nullable,
            boxed,
            ..
        } = field;
        out.doc(doc.as_deref());
        let options = match (required, nullable) {
            (true, false) => 0,
            (true, true) | (false, false) => 1,
            (false, true) => 2,
        };
        write_field(out, name, options, *boxed, &context.ty_text(ty, ""));
    }
    if let Some(extra) = &def.extra {
        let ty = match &extra.value {
            Ty::Json => runtime("Extra"),
            value => context.ty_text(&Ty::Map(Box::new(value.clone())), ""),
        };
        out.docs(&[
            " Properties the API document does not describe, kept as received so that",
            " nothing is lost when a value is read and written back.",
        ]);
        write_field(out, &extra.name, 0, false, &ty);
    }
    close_block(out, empty);
    let mut args = Args::default();
    args.words(&context.serde_name(id, name));
    if let Some(extra) = &def.extra {
        args.word(",")
            .space()
            .word("extra(")
            .word(&extra.name)
            .word(")");
    }
    for group in def.fields.chunks(STRUCT_GROUP) {
        args.word(",").space().word("[");
        for (index, field) in group.iter().enumerate() {
            if index > 0 {
                args.word(",").space();
            }
            let kind = match (field.required, field.nullable) {
                (true, false) => "required",
                (true, true) | (false, false) => "value",
                (false, true) => "present",
            };
            args.word(kind)
                .word("(")
                .word(&field.name)
                .word(",")
                .space()
                .string(&field.wire_name)
                .word(")");
        }
        args.word("]");
    }
    out.call(&runtime("serde_struct"), &args, ";");
}

/// A multipart form: a struct of values, files and nested forms, which writes one part
/// per field.
fn emit_form(context: &Context, id: TypeId, fields: &[Field], defaults: &Defaults, out: &mut Text) {
    let name = context.name(id);
    let default = if defaults.struct_has_default(id) {
        ", Default"
    } else {
        ""
    };
    out.line(&cat!("#[derive(Debug", default, ")]"));
    open_block(out, &cat!("pub struct ", name, " {"), fields.is_empty());
    for field in fields {
        out.doc(field.doc.as_deref());
        let ty = context.ty_text(&field.ty, "");
        write_field(
            out,
            &field.name,
            usize::from(!field.required),
            field.boxed,
            &ty,
        );
    }
    close_block(out, fields.is_empty());
    out.open(&format!(
        "impl {RUNTIME_ALIAS}::MultipartForm for {name} {{"
    ));
    open_block(
        out,
        &format!("fn write_parts(self, form: &mut {RUNTIME_ALIAS}::Multipart, prefix: &str) {{"),
        fields.is_empty(),
    );
    for field in fields {
        let name = &field.name;
        let wire = super::layout::string(&field.wire_name);
        let value = if field.boxed {
            format!("*self.{name}")
        } else {
            format!("self.{name}")
        };
        // A required single value is a list of one; `Option` and `Vec` are lists already.
        let items = match (&field.ty, field.required) {
            (Ty::List(_), false) => format!("{value}.into_iter().flatten()"),
            (Ty::List(_), true) | (_, false) => value,
            (_, true) => format!("[{value}]"),
        };
        let item = match &field.ty {
            Ty::List(item) => item,
            ty => ty,
        };
        out.line(&match item {
            Ty::File(media) => {
                let media = super::layout::string(media);
                format!("form.files(prefix, {wire}, {media}, {items});")
            }
            ty if context.is_form(ty) => format!("form.forms(prefix, {wire}, {items});"),
            _ => format!("form.value(prefix, {wire}, &self.{name});"),
        });
    }
    close_block(out, fields.is_empty());
    out.close("}");
}

fn emit_errors(context: &Context, name: &str, cases: &[ErrorCase], out: &mut Text) {
    out.line("#[derive(Debug, Clone, PartialEq)]");
    open_block(out, &cat!("pub enum ", name, " {"), cases.is_empty());
    for case in cases {
        let status = match case.status {
            StatusMatch::Code(code) => format!("Status {code}"),
            StatusMatch::Class(class) => format!("Status {class}XX"),
            StatusMatch::Default => "Any other status".to_owned(),
        };
        out.doc(Some(&match &case.doc {
            Some(text) => format!("{status}: {text}"),
            None => format!("{status}."),
        }));
        match &case.ty {
            Some(ty) => {
                out.variant(&case.variant, &boxed_ty(context, ty, context.is_struct(ty)));
            }
            None => out.fixed(&format!("{},", case.variant)),
        }
    }
    close_block(out, cases.is_empty());
    let mut arms: Vec<&ErrorCase> = cases.iter().collect();
    arms.sort_by_key(|case| case.status);
    let mut args = Args::default();
    args.word(name).braces(&arms, |args, case| {
        match case.status {
            StatusMatch::Code(code) => args.word(&code.to_string()),
            // `400..= 499`, as prettyplease spaces the tokens of `400..=499`.
            StatusMatch::Class(class) => args
                .word(&(class * 100).to_string())
                .zero_break()
                .word("..=")
                .space()
                .word(&(class * 100 + 99).to_string()),
            StatusMatch::Default => args.word("_"),
        };
        args.words(" => ").word(&case.variant);
        if case.ty.is_some() {
            args.word("(json)");
        }
    });
    out.call(&runtime("error_body"), &args, ";");
}

/// Which structs can derive `Default`: those whose required fields all have defaults.
struct Defaults<'a> {
    types: &'a [TypeDef],
}

impl<'a> Defaults<'a> {
    fn new(types: &'a [TypeDef]) -> Self {
        Defaults { types }
    }

    fn struct_has_default(&self, id: TypeId) -> bool {
        self.named_has_default(id, &mut HashSet::new())
    }

    fn named_has_default(&self, id: TypeId, visiting: &mut HashSet<TypeId>) -> bool {
        let Some(def) = self.types.get(id.index()) else {
            return false;
        };
        let kind = &def.kind;
        if !visiting.insert(id) {
            return false;
        }
        let result = match kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .filter(|f| f.required && !f.nullable)
                .all(|f| self.ty_has_default(&f.ty, visiting)),
            TypeKind::Form(fields) => fields
                .iter()
                .filter(|f| f.required)
                .all(|f| self.ty_has_default(&f.ty, visiting)),
            TypeKind::Alias(ty) => self.ty_has_default(ty, visiting),
            _ => false,
        };
        visiting.remove(&id);
        result
    }

    fn ty_has_default(&self, ty: &Ty, visiting: &mut HashSet<TypeId>) -> bool {
        match ty {
            Ty::Named(id) => self.named_has_default(*id, visiting),
            Ty::File(_) => false,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::emit_types;
    use crate::emit::layout::tests::laid_out;
    use crate::emit::render::Options;
    use crate::emit::Context;
    use crate::error::Pointer;
    use crate::ir::{
        Api, Directions, EnumVariant, ErrorCase, Extra, Field, StatusMatch, Struct, Success, Ty,
        TypeDef, TypeId, TypeKind, Union, UnionVariant,
    };

    /// A field's type is wrapped as its options and box say, whether its line fits or
    /// breaks.
    #[test]
    fn fields_are_wrapped_in_their_options_and_box() {
        use super::{write_field, Text};
        let long = format!("T{}<U>", "a".repeat(90));
        for (options, boxed, wrapped) in [
            (0, false, "T"),
            (0, true, "Box<T>"),
            (1, false, "Option<T>"),
            (1, true, "Option<Box<T>>"),
            (2, false, "Option<Option<T>>"),
            (2, true, "Option<Option<Box<T>>>"),
        ] {
            let mut out = Text::new(4);
            write_field(&mut out, "a", options, boxed, "T");
            write_field(&mut out, "b", options, boxed, &long);
            let written = out.finish().text;
            assert!(
                written.starts_with(&format!("    pub a: {wrapped},\n")),
                "{written}"
            );
            // Broken, each list of generic arguments ends with a comma.
            let flat: String = written
                .split_whitespace()
                .collect::<String>()
                .replace(",>", ">");
            let long_wrapped = wrapped.replacen('T', &long, 1);
            assert!(
                flat.ends_with(&format!("pubb:{long_wrapped},")),
                "{written}"
            );
        }
    }

    /// Names that are no keyword (`Self`, `do`), as the generator's names never are.
    fn type_name() -> impl Strategy<Value = String> {
        "T[A-Za-z0-9]{0,70}"
    }

    fn field_name() -> impl Strategy<Value = String> {
        "f_[a-z0-9_]{0,30}"
    }

    /// Any text: quotes, backslashes, non-ASCII and control characters included.
    fn wire() -> impl Strategy<Value = String> {
        "\\PC{0,24}|[a-z\"\\\\é\u{3000}\n\t]{0,12}"
    }

    fn doc() -> impl Strategy<Value = Option<String>> {
        proptest::option::of("[a-zA-Z .,]{0,70}")
    }

    /// How many types the API of a case has: generated types are referred to by their
    /// places among them.
    const TYPES: usize = 6;

    /// Types nested up to six deep (indented past the margin's minimum room when they
    /// break), naming generated types whose names are long enough to break lines.
    fn ty() -> impl Strategy<Value = Ty> {
        let leaf = prop_oneof![
            Just(Ty::String),
            Just(Ty::Json),
            (0..TYPES as u64).prop_map(|at| Ty::Named(TypeId(at))),
        ];
        leaf.prop_recursive(6, 8, 1, |inner| {
            prop_oneof![
                inner.clone().prop_map(|ty| Ty::List(Box::new(ty))),
                inner.clone().prop_map(|ty| Ty::Map(Box::new(ty))),
                inner.prop_map(|ty| Ty::Nullable(Box::new(ty))),
            ]
        })
    }

    fn field() -> impl Strategy<Value = Field> {
        (
            field_name(),
            wire(),
            doc(),
            ty(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(
                |(name, wire_name, doc, ty, required, nullable, boxed)| Field {
                    name,
                    wire_name,
                    doc,
                    ty,
                    required,
                    nullable,
                    boxed,
                },
            )
    }

    fn status() -> impl Strategy<Value = StatusMatch> {
        prop_oneof![
            (100u16..600).prop_map(StatusMatch::Code),
            (1u16..6).prop_map(StatusMatch::Class),
            Just(StatusMatch::Default),
        ]
    }

    fn kind() -> impl Strategy<Value = TypeKind> {
        prop_oneof![
            (vec(field(), 0..30), proptest::option::of(ty())).prop_map(|(fields, extra)| {
                TypeKind::Struct(Struct {
                    fields,
                    extra: extra.map(|value| Extra {
                        name: "extra".to_owned(),
                        value,
                    }),
                })
            }),
            (vec((type_name(), wire()), 0..12), type_name()).prop_map(|(variants, other)| {
                TypeKind::Enum {
                    variants: variants
                        .into_iter()
                        .map(|(name, value)| EnumVariant { name, value })
                        .collect(),
                    other,
                }
            }),
            (
                vec((type_name(), ty(), any::<bool>(), vec(wire(), 0..3)), 0..8),
                proptest::option::of(wire())
            )
                .prop_map(|(variants, tag)| TypeKind::Union(Union {
                    variants: variants
                        .into_iter()
                        .map(|(name, ty, boxed, tag_values)| UnionVariant {
                            name,
                            ty,
                            boxed,
                            tag_values,
                        })
                        .collect(),
                    tag,
                })),
            ty().prop_map(TypeKind::Alias),
            vec(
                (status(), type_name(), doc(), proptest::option::of(ty())),
                0..8
            )
            .prop_map(|cases| TypeKind::Errors(
                cases
                    .into_iter()
                    .map(|(status, variant, doc, ty)| ErrorCase {
                        status,
                        variant,
                        doc,
                        ty,
                    })
                    .collect()
            )),
            vec(
                (
                    field(),
                    prop_oneof![wire().prop_map(Ty::File), ty()],
                    any::<bool>()
                ),
                0..8
            )
            .prop_map(|fields| TypeKind::Form(
                fields
                    .into_iter()
                    .map(|(field, ty, list)| Field {
                        ty: if list { Ty::List(Box::new(ty)) } else { ty },
                        ..field
                    })
                    .collect()
            )),
            vec(
                prop_oneof![
                    ty().prop_map(Success::Json),
                    Just(Success::Text("text/plain".to_owned())),
                    Just(Success::Events(None)),
                ],
                0..3
            )
            .prop_map(TypeKind::Content),
        ]
    }

    fn type_def() -> impl Strategy<Value = TypeDef> {
        (type_name(), doc(), kind()).prop_map(|(name, doc, kind)| TypeDef {
            base: name.clone(),
            name,
            pointer: Pointer::root(),
            component: true,
            doc,
            kind,
        })
    }

    proptest! {
        /// The text written directly is the text prettyplease makes of it, whenever it says
        /// so; prettyplease is the judge.
        #[test]
        fn types_are_written_as_prettyplease_lays_them_out(
            types in vec(type_def(), TYPES),
            read in any::<bool>(),
            sent in any::<bool>(),
            mock in any::<bool>(),
        ) {
            let api = Api {
                title: "Test".to_owned(),
                version: "1".to_owned(),
                description: None,
                server: None,
                schemes: Vec::new(),
                idempotency_header: None,
                types,
                operations: Vec::new(),
            };
            let directions = Directions {
                read: vec![read; TYPES],
                sent: vec![sent; TYPES],
            };
            let options = Options {
                runtime: "::openapi_clientgen_runtime",
                threads: NonZeroUsize::MIN,
                features: None,
                directions: Some(&directions),
                mock,
                split: None,
            };
            let context = Context::new(&api, &options);
            for (_, written) in emit_types(&context, 0..TYPES, |_| false) {
                if written.formatted {
                    laid_out(&format!("pub mod types {{\n{}}}\n", written.text))?;
                }
            }
        }
    }
}
