//! Final type names, assigned once every type is known.
//!
//! Each type has a base name derived from where it stands in the document. Collisions are
//! resolved in a fixed order (component schemas first, then by location), so a name never
//! depends on the order in which schemas were reached, and adding or moving unrelated
//! operations or schemas changes no other name.

use foldhash::HashMap;

use crate::ir::{Operation, Server, Success, Ty, TypeDef, TypeKind};
use crate::names::{camel, Scope};

/// Sorts `types` in the order their names are claimed: component schemas first, then by
/// place in the document (the order [`assign_names`] and deduplication take them in).
pub(crate) fn sort_in_claim_order(types: &mut [TypeDef]) {
    types.sort_by(|a, b| {
        (!a.component, &a.pointer, &a.base).cmp(&(!b.component, &b.pointer, &b.base))
    });
}

/// Gives each of `types`, in claim order ([`sort_in_claim_order`]), its final name, and
/// renames every reference to it.
pub(crate) fn assign_names(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    server: Option<&mut Server>,
) {
    let mut scope = Scope::for_types();
    let new: Vec<String> = types
        .iter()
        .map(|def| scope.claim_type(&camel(&def.base)))
        .collect();
    let old: Vec<String> = types
        .iter_mut()
        .map(|def| std::mem::take(&mut def.name))
        .collect();
    let names: HashMap<&str, &str> = old
        .iter()
        .map(String::as_str)
        .zip(new.iter().map(String::as_str))
        .collect();
    for_each_type_name(types, operations, server, &mut |name: &mut String| {
        if let Some(new) = names.get(name.as_str()) {
            name.clear();
            name.push_str(new);
        }
    });
    drop(names);
    for (def, name) in types.iter_mut().zip(new) {
        def.name = name;
    }
}

/// The visitors of the type names that all of a client, a definition, an operation, the
/// server's variables, a success body and a type refer to, written once for both uses:
/// with `mut`, those that rename (`for_each_type_name`, `names_in_kind`...), without,
/// those that only read (`for_each_type_name_ref`, `names_in_kind_ref`...).
macro_rules! name_visitors {
    ($all:ident, $kind:ident, $operation:ident, $server:ident, $success:ident, $ty:ident $(, $mut:tt)?) => {
        /// Calls `f` on every reference to a generated type by name: in fields, variants,
        /// aliases, error cases and parameters, in operations, and in the server's
        /// variables.
        pub(crate) fn $all(
            types: &$($mut)? [TypeDef],
            operations: &$($mut)? [Operation],
            server: Option<&$($mut)? Server>,
            f: &mut impl FnMut(&$($mut)? String),
        ) {
            for def in types {
                $kind(&$($mut)? def.kind, f);
            }
            for op in operations {
                $operation(op, f);
            }
            if let Some(server) = server {
                $server(server, f);
            }
        }

        /// Calls `f` on every type name a type's definition refers to.
        pub(crate) fn $kind(kind: &$($mut)? TypeKind, f: &mut impl FnMut(&$($mut)? String)) {
            match kind {
                TypeKind::Struct(s) => {
                    for field in &$($mut)? s.fields {
                        $ty(&$($mut)? field.ty, f);
                    }
                    if let Some(extra) = &$($mut)? s.extra {
                        $ty(&$($mut)? extra.value, f);
                    }
                }
                TypeKind::Content(bodies) => {
                    for body in bodies {
                        $success(body, f);
                    }
                }
                TypeKind::Form(fields) => {
                    for field in fields {
                        $ty(&$($mut)? field.ty, f);
                    }
                }
                TypeKind::Union(union) => {
                    for variant in &$($mut)? union.variants {
                        $ty(&$($mut)? variant.ty, f);
                    }
                }
                TypeKind::Alias(ty) => $ty(ty, f),
                TypeKind::Errors(cases) => {
                    for case in cases {
                        if let Some(ty) = &$($mut)? case.ty {
                            $ty(ty, f);
                        }
                    }
                }
                TypeKind::Params(params) => {
                    for param in params {
                        $ty(&$($mut)? param.ty, f);
                    }
                }
                TypeKind::Events(events) => {
                    for event in &$($mut)? events.events {
                        $ty(&$($mut)? event.ty, f);
                    }
                }
                TypeKind::Enum { .. } => {}
            }
        }

        /// Calls `f` on every type name an operation refers to.
        pub(crate) fn $operation(op: &$($mut)? Operation, f: &mut impl FnMut(&$($mut)? String)) {
            for param in &$($mut)? op.params {
                $ty(&$($mut)? param.ty, f);
            }
            if let Some(body) = &$($mut)? op.body {
                $ty(&$($mut)? body.ty, f);
            }
            if let Some(success) = &$($mut)? op.success {
                $success(success, f);
            }
            if let Some(pages) = &$($mut)? op.pages {
                $ty(&$($mut)? pages.item, f);
            }
            if let Some(errors) = &$($mut)? op.errors {
                f(errors);
            }
            if let Some(options) = &$($mut)? op.options {
                f(options);
            }
        }

        /// Calls `f` on every type name the server's variables refer to.
        pub(crate) fn $server(server: &$($mut)? Server, f: &mut impl FnMut(&$($mut)? String)) {
            for variable in &$($mut)? server.variables {
                if let Some(ty) = &$($mut)? variable.values {
                    $ty(ty, f);
                }
            }
        }

        /// Calls `f` on every type name a success body refers to.
        pub(crate) fn $success(success: &$($mut)? Success, f: &mut impl FnMut(&$($mut)? String)) {
            match success {
                Success::Json(ty) | Success::Events(Some(ty)) => $ty(ty, f),
                Success::Content(name) => f(name),
                Success::Events(None) | Success::Text(_) | Success::Binary(_) => {}
            }
        }

        /// Calls `f` on every type name `ty` refers to.
        pub(crate) fn $ty(ty: &$($mut)? Ty, f: &mut impl FnMut(&$($mut)? String)) {
            match ty {
                Ty::Named(name) => f(name),
                Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => $ty(inner, f),
                Ty::String
                | Ty::Integer
                | Ty::Number
                | Ty::Boolean
                | Ty::Json
                | Ty::File(_)
                | Ty::Format(_) => {}
            }
        }
    };
}

name_visitors!(
    for_each_type_name,
    names_in_kind,
    names_in_operation,
    names_in_server,
    names_in_success,
    names_in_ty,
    mut
);
name_visitors!(
    for_each_type_name_ref,
    names_in_kind_ref,
    names_in_operation_ref,
    names_in_server_ref,
    names_in_success_ref,
    names_in_ty_ref
);
