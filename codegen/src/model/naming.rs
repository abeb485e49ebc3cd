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
                .for_each(|field| visit(&mut field.ty, f));
            if let Some(extra) = &mut s.extra {
                visit(&mut extra.value, f);
            }
        }
        TypeKind::Content(bodies) => bodies.iter_mut().for_each(|body| visit_success(body, f)),
        TypeKind::Form(fields) => fields.iter_mut().for_each(|field| visit(&mut field.ty, f)),
        TypeKind::Union(union) => union.variants.iter_mut().for_each(|v| visit(&mut v.ty, f)),
        TypeKind::Alias(ty) => visit(ty, f),
        TypeKind::Errors(cases) => cases
            .iter_mut()
            .filter_map(|c| c.ty.as_mut())
            .for_each(|ty| visit(ty, f)),
        TypeKind::Params(params) => params.iter_mut().for_each(|p| visit(&mut p.ty, f)),
        TypeKind::Events(events) => events.events.iter_mut().for_each(|e| visit(&mut e.ty, f)),
        TypeKind::Enum { .. } => {}
    }
}

/// Calls `f` on every type name an operation refers to.
pub(crate) fn names_in_operation(op: &mut Operation, f: &mut impl FnMut(&mut String)) {
    op.params.iter_mut().for_each(|p| visit(&mut p.ty, f));
    if let Some(body) = &mut op.body {
        visit(&mut body.ty, f);
    }
    if let Some(success) = &mut op.success {
        visit_success(success, f);
    }
    if let Some(pages) = &mut op.pages {
        visit(&mut pages.item, f);
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
            visit(ty, f);
        }
    }
}

fn visit_success(success: &mut Success, f: &mut impl FnMut(&mut String)) {
    match success {
        Success::Json(ty) | Success::Events(Some(ty)) => visit(ty, f),
        Success::Content(name) => f(name),
        Success::Events(None) | Success::Text(_) | Success::Binary(_) => {}
    }
}

fn visit(ty: &mut Ty, f: &mut impl FnMut(&mut String)) {
    match ty {
        Ty::Named(name) => f(name),
        Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => visit(inner, f),
        Ty::String
        | Ty::Integer
        | Ty::Number
        | Ty::Boolean
        | Ty::Json
        | Ty::File(_)
        | Ty::Format(_) => {}
    }
}
