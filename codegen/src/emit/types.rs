//! The `types` module: one item per generated type.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, ident, Context};
use crate::ir::is_scalar;
use crate::ir::{
    ErrorCase, Field, StatusMatch, Struct, Success, Ty, TypeDef, TypeKind, Union, UnionVariant,
};

/// The items of `defs`, in order.
pub(super) fn emit_types(context: &Context, defs: &[TypeDef]) -> TokenStream {
    let defaults = Defaults::new(&context.types);
    defs.iter()
        .map(|def| {
            let items = emit_type(context, def, &defaults);
            gated(items, context.type_cfg(&def.name))
        })
        .collect()
}

/// `items` with the attribute `cfg` on each (a type is a struct and the macro call that
/// implements its conversions, or more).
fn gated(items: TokenStream, cfg: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let Ok(file) = syn::parse2::<syn::File>(items.clone()) else {
        // Emitted code always parses; were it not to, the formatter reports it.
        return items;
    };
    file.items.iter().map(|item| quote!(#cfg #item)).collect()
}

fn emit_type(context: &Context, def: &TypeDef, defaults: &Defaults) -> TokenStream {
    let doc = match &def.kind {
        TypeKind::Alias(Ty::Named(target)) => {
            // A link of the generator's own, which document text is escaped not to be.
            let own = doc_attrs(def.doc.as_deref());
            let gap = (!own.is_empty()).then(|| quote!(#[doc = ""]));
            let text = format!(" The same type as [`{target}`].");
            quote!(#own #gap #[doc = #text])
        }
        _ => doc_attrs(def.doc.as_deref()),
    };
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => emit_struct(context, &def.name, s, defaults),
        TypeKind::Enum { variants, other } => {
            let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
            let values: Vec<_> = variants.iter().map(|v| v.value.as_str()).collect();
            let value_docs = values
                .iter()
                .map(|v| format!(" {}", super::markdown::inline_code(v)));
            let other = ident(other);
            let runtime = &context.runtime;
            let serde_name = context.serde_name(&def.name, &name);
            quote! {
                #[derive(Debug, Clone)]
                pub enum #name {
                    #( #[doc = #value_docs] #names, )*
                    /// A value the API document does not list, kept as it was sent.
                    #other(String),
                }

                #runtime::string_enum!(#serde_name { #( #names = #values ),* }, #other);
            }
        }
        TypeKind::Union(union) => emit_union(context, &def.name, union),
        TypeKind::Alias(ty) => {
            let ty = context.ty(ty, "");
            quote!(pub type #name = #ty;)
        }
        TypeKind::Errors(cases) => emit_errors(context, &def.name, cases),
        TypeKind::Form(fields) => emit_form(context, &def.name, fields, defaults),
        TypeKind::Content(bodies) => {
            let variants = bodies.iter().map(|body| {
                let variant = ident(body.variant());
                let doc = match body {
                    Success::Json(_) => "Decoded from JSON.",
                    Success::Events(_) => "Server-sent events.",
                    Success::Text(_) => "Text.",
                    Success::Binary(_) | Success::Content(_) => "Bytes, as they arrive.",
                };
                let ty = match body {
                    Success::Json(ty) => boxed_ty(context, ty, context.is_struct(ty)),
                    body => context.success(body, ""),
                };
                quote! {
                    #[doc = #doc]
                    #variant(#ty),
                }
            });
            quote! {
                #[derive(Debug)]
                pub enum #name {
                    #( #variants )*
                }
            }
        }
        // The `webhooks` module's enums (`super::webhooks`).
        TypeKind::Events(_) => return TokenStream::new(),
        TypeKind::Params(params) => {
            let fields = params.iter().map(|param| {
                let doc = doc_attrs(param.doc.as_deref());
                let field = ident(&param.name);
                let ty = context.ty(&param.ty, "");
                quote! {
                    #doc
                    pub #field: Option<#ty>,
                }
            });
            quote! {
                #[derive(Debug, Clone, PartialEq, Default)]
                pub struct #name {
                    #( #fields )*
                }
            }
        }
    };
    quote! {
        #doc
        #body
    }
}

/// A union: untagged, or, with a tag property, read by the tag's value. Either way it is
/// written untagged, since each variant's own properties include the tag.
fn emit_union(context: &Context, name: &str, union: &Union) -> TokenStream {
    let runtime = &context.runtime;
    let (def_name, name) = (name, ident(name));
    let serde_name = context.serde_name(def_name, &name);
    let variants = union.variants.iter().map(
        |UnionVariant {
             name, ty, boxed, ..
         }| {
            let name = ident(name);
            let ty = boxed_ty(context, ty, *boxed || context.is_struct(ty));
            quote!(#name(#ty))
        },
    );
    let Some(tag) = &union.tag else {
        let display = union.variants.iter().all(|v| is_scalar(&v.ty)).then(|| {
            let names = union.variants.iter().map(|v| ident(&v.name));
            quote! {
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match self {
                            #( Self::#names(value) => value.fmt(f), )*
                        }
                    }
                }
            }
        });
        let names = union.variants.iter().map(|v| ident(&v.name));
        return quote! {
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #( #variants, )*
            }
            #runtime::serde_union!(#serde_name { #( #names ),* });

            #display
        };
    };
    let arms = union.variants.iter().map(|variant| {
        let values = &variant.tag_values;
        let name = ident(&variant.name);
        quote!(#name(#( #values )|*))
    });
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #variants, )*
        }
        #runtime::serde_union!(#serde_name, tag(#tag) { #( #arms ),* });
    }
}

fn boxed_ty(context: &Context, ty: &Ty, boxed: bool) -> TokenStream {
    let ty = context.ty(ty, "");
    if boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// How many fields a group of `serde_struct!` holds at most: the runtime implements its
/// traits for tuples up to this length.
const STRUCT_GROUP: usize = 12;

/// A struct: `Serialize` and `Deserialize` (those of them its direction asks for,
/// [`Context::serde_name`]) come from the runtime's `serde_struct!`, which reads and
/// writes unknown properties with the known ones, in one pass. Its fields are
/// listed in groups of at most twelve, the runtime's tuples.
fn emit_struct(context: &Context, name: &str, def: &Struct, defaults: &Defaults) -> TokenStream {
    let runtime = &context.runtime;
    let mut properties = Vec::with_capacity(def.fields.len());
    let fields = def.fields.iter().map(|field| {
        let Field {
            name,
            wire_name,
            doc,
            ty,
            required,
            nullable,
            boxed,
        } = field;
        let doc = doc_attrs(doc.as_deref());
        let inner = boxed_ty(context, ty, *boxed);
        let (ty, kind) = match (required, nullable) {
            (true, false) => (inner, quote!(required)),
            (true, true) | (false, false) => (quote!(Option<#inner>), quote!(value)),
            (false, true) => (quote!(Option<Option<#inner>>), quote!(present)),
        };
        let name = ident(name);
        properties.push(quote!(#kind(#name, #wire_name)));
        quote! {
            #doc
            pub #name: #ty,
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let extra = def.extra.as_ref().map(|extra| {
        let name = ident(&extra.name);
        let ty = match &extra.value {
            Ty::Json => quote!(#runtime::Extra),
            value => context.ty(&Ty::Map(Box::new(value.clone())), ""),
        };
        quote! {
            /// Properties the API document does not describe, kept as received so that
            /// nothing is lost when a value is read and written back.
            pub #name: #ty,
        }
    });
    let extra_property = def.extra.as_ref().map(|extra| {
        let name = ident(&extra.name);
        quote!(, extra(#name))
    });
    let default = defaults.struct_has_default(name).then(|| quote!(, Default));
    let (def_name, name) = (name, ident(name));
    let serde_name = context.serde_name(def_name, &name);
    let groups = properties.chunks(STRUCT_GROUP);
    quote! {
        #[derive(Debug, Clone, PartialEq #default)]
        pub struct #name {
            #( #fields )*
            #extra
        }

        #runtime::serde_struct!(#serde_name #extra_property #(, [#(#groups),*])*);
    }
}

/// A multipart form: a struct of values, files and nested forms, which writes one part
/// per field.
fn emit_form(context: &Context, name: &str, fields: &[Field], defaults: &Defaults) -> TokenStream {
    let runtime = &context.runtime;
    let declared = fields.iter().map(|field| {
        let doc = doc_attrs(field.doc.as_deref());
        let inner = boxed_ty(context, &field.ty, field.boxed);
        let ty = if field.required {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let name = ident(&field.name);
        quote! {
            #doc
            pub #name: #ty,
        }
    });
    let writes = fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire_name;
        let value = if field.boxed {
            quote!(*self.#name)
        } else {
            quote!(self.#name)
        };
        // A required single value is a list of one; `Option` and `Vec` are lists already.
        let items = match (&field.ty, field.required) {
            (Ty::List(_), false) => quote!(#value.into_iter().flatten()),
            (Ty::List(_), true) | (_, false) => value,
            (_, true) => quote!([#value]),
        };
        let item = match &field.ty {
            Ty::List(item) => item,
            ty => ty,
        };
        match item {
            Ty::File(media) => quote!(form.files(prefix, #wire, #media, #items);),
            ty if context.is_form(ty) => quote!(form.forms(prefix, #wire, #items);),
            _ => quote!(form.value(prefix, #wire, &self.#name);),
        }
    });
    let default = defaults.struct_has_default(name).then(|| quote!(, Default));
    let name = ident(name);
    quote! {
        #[derive(Debug #default)]
        pub struct #name {
            #( #declared )*
        }

        impl #runtime::MultipartForm for #name {
            fn write_parts(self, form: &mut #runtime::Multipart, prefix: &str) {
                #( #writes )*
            }
        }
    }
}

fn emit_errors(context: &Context, name: &str, cases: &[ErrorCase]) -> TokenStream {
    let runtime = &context.runtime;
    let name = ident(name);
    let variants = cases.iter().map(|case| {
        let status = match case.status {
            StatusMatch::Code(code) => format!("Status {code}"),
            StatusMatch::Class(class) => format!("Status {class}XX"),
            StatusMatch::Default => "Any other status".to_owned(),
        };
        let doc = doc_attrs(Some(&match &case.doc {
            Some(text) => format!("{status}: {text}"),
            None => format!("{status}."),
        }));
        let variant = ident(&case.variant);
        match &case.ty {
            Some(ty) => {
                let ty = boxed_ty(context, ty, context.is_struct(ty));
                quote!(#doc #variant(#ty))
            }
            None => quote!(#doc #variant),
        }
    });
    let mut arms: Vec<&ErrorCase> = cases.iter().collect();
    arms.sort_by_key(|case| case.status);
    let arms = arms.iter().map(|case| {
        let pattern = match case.status {
            StatusMatch::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Class(class) => {
                let low = Literal::u16_unsuffixed(class * 100);
                let high = Literal::u16_unsuffixed(class * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Default => quote!(_),
        };
        let variant = ident(&case.variant);
        let json = case.ty.is_some().then(|| quote!((json)));
        quote!(#pattern => #variant #json)
    });
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #variants, )*
        }

        #runtime::error_body!(#name { #( #arms ),* });
    }
}

/// Which structs can derive `Default`: those whose required fields all have defaults.
struct Defaults<'a> {
    types: &'a HashMap<&'a str, &'a TypeKind>,
}

impl<'a> Defaults<'a> {
    fn new(types: &'a HashMap<&'a str, &'a TypeKind>) -> Self {
        Defaults { types }
    }

    fn struct_has_default(&self, name: &str) -> bool {
        self.named_has_default(name, &mut HashSet::new())
    }

    fn named_has_default(&self, name: &str, visiting: &mut HashSet<&'a str>) -> bool {
        let Some((&key, kind)) = self.types.get_key_value(name) else {
            return false;
        };
        if !visiting.insert(key) {
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
        visiting.remove(key);
        result
    }

    fn ty_has_default(&self, ty: &Ty, visiting: &mut HashSet<&'a str>) -> bool {
        match ty {
            Ty::Named(name) => self.named_has_default(name, visiting),
            Ty::File(_) => false,
            _ => true,
        }
    }
}
