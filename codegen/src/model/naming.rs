//! Final type names, assigned once every type is known.
//!
//! Each type has a base name derived from where it stands in the document. Collisions are
//! resolved in a fixed order (component schemas first, then by location), so a name never
//! depends on the order in which schemas were reached, and adding or moving unrelated
//! operations or schemas changes no other name.

use std::collections::HashMap;

use super::{Operation, Ty, TypeDef, TypeKind};
use crate::names::{camel, Scope};

pub(crate) fn assign_names(types: &mut [TypeDef], operations: &mut [Operation]) {
    let mut order: Vec<&TypeDef> = types.iter().collect();
    order.sort_by(|a, b| {
        (!a.component, &a.pointer, &a.base).cmp(&(!b.component, &b.pointer, &b.base))
    });
    let mut scope = Scope::for_types();
    let names: HashMap<String, String> = order
        .into_iter()
        .map(|def| (def.name.clone(), scope.claim_type(&camel(&def.base))))
        .collect();
    let rename = |name: &mut String| {
        if let Some(new) = names.get(name.as_str()) {
            name.clone_from(new);
        }
    };
    for def in types.iter_mut() {
        rename(&mut def.name);
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.fields
                    .iter_mut()
                    .for_each(|f| rename_ty(&mut f.ty, &rename));
                if let Some(extra) = &mut s.extra {
                    rename_ty(&mut extra.value, &rename);
                }
            }
            TypeKind::Union(union) => {
                union
                    .variants
                    .iter_mut()
                    .for_each(|v| rename_ty(&mut v.ty, &rename));
            }
            TypeKind::Alias(ty) => rename_ty(ty, &rename),
            TypeKind::Errors(cases) => cases
                .iter_mut()
                .filter_map(|c| c.ty.as_mut())
                .for_each(|ty| rename_ty(ty, &rename)),
            TypeKind::Params(params) => params
                .iter_mut()
                .for_each(|p| rename_ty(&mut p.ty, &rename)),
            TypeKind::Enum { .. } => {}
        }
    }
    for op in operations {
        op.params
            .iter_mut()
            .for_each(|p| rename_ty(&mut p.ty, &rename));
        if let Some(body) = &mut op.body {
            rename_ty(&mut body.ty, &rename);
        }
        if let Some(ty) = &mut op.success {
            rename_ty(ty, &rename);
        }
        op.errors
            .iter_mut()
            .chain(op.options.iter_mut())
            .for_each(rename);
    }
}

fn rename_ty(ty: &mut Ty, rename: &impl Fn(&mut String)) {
    match ty {
        Ty::Named(name) => rename(name),
        Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) => rename_ty(inner, rename),
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Json => {}
    }
}
