//! Final type names, assigned once every type is known.
//!
//! Each type has a base name derived from where it stands in the document. Collisions are
//! resolved in a fixed order (component schemas first, then by location), so a name never
//! depends on the order in which schemas were reached, and adding or moving unrelated
//! operations or schemas changes no other name.

use std::collections::HashMap;

use crate::ir::{Operation, Server, Success, Ty, TypeDef, TypeKind};
use crate::names::{camel, Scope};

pub(crate) fn assign_names(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    server: Option<&mut Server>,
) {
    let mut order: Vec<&TypeDef> = types.iter().collect();
    order.sort_by(|a, b| {
        (!a.component, &a.pointer, &a.base).cmp(&(!b.component, &b.pointer, &b.base))
    });
    let mut scope = Scope::for_types();
    let names: HashMap<String, String> = order
        .into_iter()
        .map(|def| (def.name.clone(), scope.claim_type(&camel(&def.base))))
        .collect();
    let mut rename = |name: &mut String| {
        if let Some(new) = names.get(name.as_str()) {
            name.clone_from(new);
        }
    };
    for def in types.iter_mut() {
        rename(&mut def.name);
    }
    for_each_type_name(types, operations, server, &mut rename);
}

/// Calls `f` on every reference to a generated type by name: in fields, variants,
/// aliases, error cases and parameters, in operations, and in the server's variables.
pub(crate) fn for_each_type_name(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    server: Option<&mut Server>,
    f: &mut impl FnMut(&mut String),
) {
    for def in types.iter_mut() {
        names_in_kind(&mut def.kind, f);
    }
    for op in operations {
        names_in_operation(op, f);
    }
    if let Some(server) = server {
        names_in_server(server, f);
    }
}

/// Calls `f` on every type name a type's definition refers to.
pub(crate) fn names_in_kind(kind: &mut TypeKind, f: &mut impl FnMut(&mut String)) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields
                .iter_mut()
                .for_each(|field| names_in_ty(&mut field.ty, f));
            if let Some(extra) = &mut s.extra {
                names_in_ty(&mut extra.value, f);
            }
        }
        TypeKind::Content(bodies) => bodies.iter_mut().for_each(|body| names_in_success(body, f)),
        TypeKind::Form(fields) => fields
            .iter_mut()
            .for_each(|field| names_in_ty(&mut field.ty, f)),
        TypeKind::Union(union) => union
            .variants
            .iter_mut()
            .for_each(|v| names_in_ty(&mut v.ty, f)),
        TypeKind::Alias(ty) => names_in_ty(ty, f),
        TypeKind::Errors(cases) => cases
            .iter_mut()
            .filter_map(|c| c.ty.as_mut())
            .for_each(|ty| names_in_ty(ty, f)),
        TypeKind::Params(params) => params.iter_mut().for_each(|p| names_in_ty(&mut p.ty, f)),
        TypeKind::Events(events) => events
            .events
            .iter_mut()
            .for_each(|e| names_in_ty(&mut e.ty, f)),
        TypeKind::Enum { .. } => {}
    }
}

/// Calls `f` on every type name an operation refers to.
pub(crate) fn names_in_operation(op: &mut Operation, f: &mut impl FnMut(&mut String)) {
    op.params.iter_mut().for_each(|p| names_in_ty(&mut p.ty, f));
    if let Some(body) = &mut op.body {
        names_in_ty(&mut body.ty, f);
    }
    if let Some(success) = &mut op.success {
        names_in_success(success, f);
    }
    if let Some(pages) = &mut op.pages {
        names_in_ty(&mut pages.item, f);
    }
    op.errors
        .iter_mut()
        .chain(op.options.iter_mut())
        .for_each(&mut *f);
}

/// Calls `f` on every type name the server's variables refer to.
pub(crate) fn names_in_server(server: &mut Server, f: &mut impl FnMut(&mut String)) {
    for variable in &mut server.variables {
        if let Some(ty) = &mut variable.values {
            names_in_ty(ty, f);
        }
    }
}

/// Calls `f` on every type name a success body refers to.
pub(crate) fn names_in_success(success: &mut Success, f: &mut impl FnMut(&mut String)) {
    match success {
        Success::Json(ty) | Success::Events(Some(ty)) => names_in_ty(ty, f),
        Success::Content(name) => f(name),
        Success::Events(None) | Success::Text(_) | Success::Binary(_) => {}
    }
}

/// Calls `f` on every type name `ty` refers to.
pub(crate) fn names_in_ty(ty: &mut Ty, f: &mut impl FnMut(&mut String)) {
    match ty {
        Ty::Named(name) => f(name),
        Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => names_in_ty(inner, f),
        Ty::String
        | Ty::Integer
        | Ty::Number
        | Ty::Boolean
        | Ty::Json
        | Ty::File(_)
        | Ty::Format(_) => {}
    }
}
