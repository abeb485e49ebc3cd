//! Where each generated type stands in the model: while the model is built, types refer
//! to each other by the keys the modeler hands out; once every type is found, each key
//! becomes the type's place in the list of types, and the list is put in the order the
//! passes want (claim order, then names), every reference following its type.

use foldhash::{HashMap, HashMapExt};

use crate::error::{Diagnostic, Location, Result};
use crate::ir::{Operation, Server, Success, Ty, TypeDef, TypeId, TypeKind};

/// An order of types: the key each has in it, compared as a tuple.
pub(crate) type Order = for<'t> fn(&'t TypeDef) -> (bool, &'t str, &'t str);

/// The types found, each with its key, as a list in the order of the keys `order` gives
/// them (equal ones in the order they were found), each type at its place, and every
/// reference to one (in the types, the operations and the server) its place; fails on a
/// reference to a key no type has, a bug in the generator, reported as an error instead
/// of a panic. Of two types of one key, the last is the one referred to.
pub(crate) fn place(
    found: Vec<(TypeId, TypeDef)>,
    order: Order,
    operations: &mut [Operation],
    server: Option<&mut Server>,
) -> Result<Vec<TypeDef>> {
    let sorted = order_by(found.iter().map(|(_, def)| def), order);
    let mut places: HashMap<TypeId, TypeId> = HashMap::with_capacity(found.len());
    let mut types = Vec::with_capacity(found.len());
    for (place, (key, def)) in (0..).zip(in_order(found, &sorted)) {
        places.insert(key, TypeId(place));
        types.push(def);
    }
    let mut missing = None;
    for_each_type_ref_mut(
        &mut types,
        operations,
        server,
        &mut |id: &mut TypeId| match places.get(id) {
            Some(place) => *id = *place,
            None => {
                missing.get_or_insert(*id);
            }
        },
    );
    match missing {
        None => Ok(types),
        Some(key) => Err(Diagnostic {
            location: Location::Document,
            message: format!(
                "internal error: the type of key {} is used but was never defined",
                key.0
            ),
        }),
    }
}

/// Puts `types` in the order of the keys `order` gives them (equal ones in the order they
/// are), every reference to one following it.
pub(crate) fn reorder(
    types: &mut Vec<TypeDef>,
    order: Order,
    operations: &mut [Operation],
    server: Option<&mut Server>,
) {
    let sorted = order_by(types.iter(), order);
    let mut places = vec![TypeId(0); types.len()];
    for (place, &at) in (0..).zip(&sorted) {
        places[at] = TypeId(place);
    }
    *types = in_order(std::mem::take(types), &sorted);
    for_each_type_ref_mut(types, operations, server, &mut |id: &mut TypeId| {
        if let Some(place) = places.get(id.index()) {
            *id = *place;
        }
    });
}

/// `items` moved into the order of `sorted`, their places in it.
fn in_order<T>(items: Vec<T>, sorted: &[usize]) -> Vec<T> {
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    sorted.iter().filter_map(|&at| items[at].take()).collect()
}

/// The places of `types` in the order of the keys `order` gives them, equal ones in the
/// order they are. The keys are sorted beside the places, not the types: each comparison
/// reads them without going through the types.
fn order_by<'t>(types: impl Iterator<Item = &'t TypeDef>, order: Order) -> Vec<usize> {
    let mut keyed: Vec<((bool, &str, &str), usize)> = types.map(order).zip(0..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, at)| at).collect()
}

/// Calls `f` on every reference to a generated type, which it may change: in fields,
/// variants, aliases, error cases and parameters, in operations, and in the server's
/// variables.
fn for_each_type_ref_mut(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    server: Option<&mut Server>,
    f: &mut impl FnMut(&mut TypeId),
) {
    for def in types {
        refs_in_kind_mut(&mut def.kind, f);
    }
    for op in operations {
        refs_in_operation_mut(op, f);
    }
    if let Some(server) = server {
        refs_in_server_mut(server, f);
    }
}

/// The visitors of the references to generated types that a definition, an operation,
/// the server's variables, a success body and a type hold, written once for both uses:
/// with `mut`, those that may change them (`refs_in_kind_mut`...), without, those that
/// only read (`refs_in_kind`...).
macro_rules! ref_visitors {
    ($kind:ident, $operation:ident, $server:ident, $success:ident, $ty:ident $(, $mut:tt)?) => {
        /// Calls `f` on every type a type's definition refers to.
        pub(crate) fn $kind(kind: &$($mut)? TypeKind, f: &mut impl FnMut(&$($mut)? TypeId)) {
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

        /// Calls `f` on every type an operation refers to.
        pub(crate) fn $operation(op: &$($mut)? Operation, f: &mut impl FnMut(&$($mut)? TypeId)) {
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

        /// Calls `f` on every type the server's variables refer to.
        pub(crate) fn $server(server: &$($mut)? Server, f: &mut impl FnMut(&$($mut)? TypeId)) {
            for variable in &$($mut)? server.variables {
                if let Some(ty) = &$($mut)? variable.values {
                    $ty(ty, f);
                }
            }
        }

        /// Calls `f` on every type a success body refers to.
        pub(crate) fn $success(success: &$($mut)? Success, f: &mut impl FnMut(&$($mut)? TypeId)) {
            match success {
                Success::Json(ty) | Success::Events(Some(ty)) => $ty(ty, f),
                Success::Content(id) => f(id),
                Success::Events(None) | Success::Text(_) | Success::Binary(_) => {}
            }
        }

        /// Calls `f` on every type `ty` refers to.
        pub(crate) fn $ty(ty: &$($mut)? Ty, f: &mut impl FnMut(&$($mut)? TypeId)) {
            match ty {
                Ty::Named(id) => f(id),
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

ref_visitors!(
    refs_in_kind_mut,
    refs_in_operation_mut,
    refs_in_server_mut,
    refs_in_success_mut,
    refs_in_ty_mut,
    mut
);
ref_visitors!(
    refs_in_kind,
    refs_in_operation,
    refs_in_server,
    refs_in_success,
    refs_in_ty
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Pointer;
    use crate::model::naming::name_order;

    /// A type named `name` whose alias or struct refers to the types `refs`.
    fn def(name: &str, refs: &[TypeId]) -> TypeDef {
        let kind = match refs {
            [one] => TypeKind::Alias(Ty::Named(*one)),
            _ => TypeKind::Union(crate::ir::Union {
                variants: refs
                    .iter()
                    .map(|id| crate::ir::UnionVariant {
                        name: String::new(),
                        ty: Ty::List(Box::new(Ty::Named(*id))),
                        boxed: false,
                        tag_values: Vec::new(),
                    })
                    .collect(),
                tag: None,
            }),
        };
        TypeDef {
            name: name.to_owned(),
            base: name.to_owned(),
            pointer: Pointer::root(),
            component: false,
            doc: None,
            kind,
        }
    }

    /// The names of the types each type refers to.
    fn references(types: &[TypeDef]) -> Vec<(String, Vec<String>)> {
        types
            .iter()
            .map(|def| {
                let mut names = Vec::new();
                refs_in_kind(&def.kind, &mut |id| {
                    names.push(types[id.index()].name.clone())
                });
                (def.name.clone(), names)
            })
            .collect()
    }

    #[test]
    fn types_are_placed_in_order_and_references_follow_them() {
        let found = vec![
            (TypeId(7), def("c", &[TypeId(3), TypeId(9)])),
            (TypeId(3), def("a", &[TypeId(9)])),
            (TypeId(9), def("b", &[TypeId(7)])),
        ];
        let mut types = place(found, name_order, &mut [], None).unwrap();
        let expected =
            [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a", "b"])].map(|(name, refs)| {
                (
                    name.to_owned(),
                    refs.iter().map(|r| r.to_string()).collect(),
                )
            });
        assert_eq!(references(&types), expected);
        // Reordered, each type still refers to the same types.
        for def in &mut types {
            def.name = format!("{}", 100 - def.name.as_bytes()[0]);
        }
        let before = {
            let mut refs = references(&types);
            refs.sort();
            refs
        };
        reorder(&mut types, name_order, &mut [], None);
        let names: Vec<&str> = types.iter().map(|def| def.name.as_str()).collect();
        assert_eq!(names, ["1", "2", "3"]);
        assert_eq!(references(&types), before);
    }

    #[test]
    fn a_reference_to_a_key_no_type_has_is_an_error() {
        let found = vec![(TypeId(1), def("a", &[TypeId(2)]))];
        let error = place(found, name_order, &mut [], None).unwrap_err();
        assert!(
            error.message.contains("internal error"),
            "{}",
            error.message
        );
        assert!(error.message.contains("key 2"), "{}", error.message);
    }
}
