//! Boxing of recursive types: a struct or union that contains itself without a `Vec` or map
//! in between would have infinite size.

use foldhash::{HashMap, HashSet, HashSetExt};

use crate::ir::{Struct, Ty, TypeDef, TypeKind};

/// The named type a field holds inline (not behind a `Vec` or map), if any.
fn inline_named(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(name) => Some(name),
        Ty::Nullable(inner) => inline_named(inner),
        _ => None,
    }
}

/// Marks every field and union variant whose type leads back to its own type.
pub(crate) fn box_recursive_fields(types: &mut [TypeDef]) {
    let edges: HashMap<&str, Vec<&str>> = types
        .iter()
        .map(|def| {
            let targets = match &def.kind {
                TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                    fields.iter().filter_map(|f| inline_named(&f.ty)).collect()
                }
                TypeKind::Union(union) => union
                    .variants
                    .iter()
                    .filter_map(|v| inline_named(&v.ty))
                    .collect(),
                TypeKind::Alias(ty) => inline_named(ty).into_iter().collect(),
                TypeKind::Enum { .. }
                | TypeKind::Errors(_)
                | TypeKind::Params(_)
                | TypeKind::Content(_)
                | TypeKind::Events(_) => Vec::new(),
            };
            (def.name.as_str(), targets)
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current) {
                stack.extend(edges.get(current).into_iter().flatten().copied());
            }
        }
        false
    };
    let recursive: HashSet<(String, String)> = types
        .iter()
        .flat_map(|def| {
            edges[def.name.as_str()]
                .iter()
                .filter(|target| reaches(target, &def.name))
                .map(|target| (def.name.clone(), (*target).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    for def in types.iter_mut() {
        let boxed = |ty: &Ty| {
            inline_named(ty).is_some_and(|t| recursive.contains(&(def.name.clone(), t.to_owned())))
        };
        match &mut def.kind {
            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                fields.iter_mut().for_each(|f| f.boxed = boxed(&f.ty))
            }
            TypeKind::Union(union) => union
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = boxed(&v.ty)),
            _ => {}
        }
    }
}
