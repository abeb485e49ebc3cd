//! One definition for each shape: inline schemas and operations' error types that repeat
//! another type exactly (same kind, fields, variants, and their documentation) become
//! aliases of it, each keeping its own description.
//!
//! Large documents repeat inline schemas many times (an `owner` object in every response
//! that embeds a user, a `read`/`write` enum for every permission), and each copy would
//! otherwise be a type of its own, with its own (de)serialization code to compile; most
//! operations of an API answer the same errors. The first of the copies, in the order
//! names are claimed (component schemas first, then by place in the document), is
//! defined; every other copy becomes an alias of it. Every name stays, and every field,
//! method and variant keeps the name of its own place, so sharing a definition changes
//! nothing a caller writes. Component schemas always keep their own definitions.

use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;

use foldhash::{HashMap, HashMapExt};

use super::places::refs_in_kind_mut;
use crate::ir::{Ty, TypeDef, TypeId, TypeKind};

/// What stands for a held type while the definitions are compared.
const HELD: TypeId = TypeId(u64::MAX);

/// Turns every inline type that repeats an earlier one into an alias of it, until no two
/// definitions are the same (fields whose types became the same can make two structs
/// the same). `types` are in the order names are claimed
/// ([`claim_order`](super::naming::claim_order)).
pub(crate) fn alias_duplicates(types: &mut [TypeDef]) {
    let mut order: Vec<usize> = (0..types.len())
        .filter(|&index| {
            matches!(
                types[index].kind,
                TypeKind::Struct(_)
                    | TypeKind::Enum { .. }
                    | TypeKind::Union(_)
                    | TypeKind::Errors(_)
            )
        })
        .collect();
    // A type whose outline no other type has can be the same as none: most types of a
    // large document, which then need no comparison.
    let outlines: Vec<u64> = order
        .iter()
        .map(|&index| outline(&types[index].kind))
        .collect();
    let mut counts: HashMap<u64, usize> = HashMap::with_capacity(outlines.len());
    for &outline in &outlines {
        *counts.entry(outline).or_default() += 1;
    }
    let mut outlines = outlines.iter();
    order.retain(|_| outlines.next().is_some_and(|outline| counts[outline] > 1));
    // While the definitions are compared, the types they hold are taken out of them (into
    // one list, each type's run of it at `runs[index]`): what is left (the skeleton) stays
    // the same until the type becomes an alias, so it is hashed once, and each pass
    // compares only the held types, resolved.
    let mut held: Vec<TypeId> = Vec::new();
    let mut runs: Vec<Range<usize>> = vec![0..0; types.len()];
    let mut skeletons: Vec<u64> = vec![0; types.len()];
    let hasher = foldhash::fast::FixedState::default();
    for &index in &order {
        let start = held.len();
        refs_in_kind_mut(&mut types[index].kind, &mut |id| {
            held.push(std::mem::replace(id, HELD));
        });
        runs[index] = start..held.len();
        skeletons[index] = hasher.hash_one(&types[index].kind);
    }
    // Each aliased type's definition, by place.
    let mut definitions: Vec<Option<TypeId>> = vec![None; types.len()];
    loop {
        let resolved: Vec<TypeId> = held.iter().map(|&id| resolve(id, &definitions)).collect();
        let mut first: HashMap<Key, usize> = HashMap::with_capacity(order.len());
        let mut found: Vec<(usize, usize)> = Vec::new();
        for &index in &order {
            let key = Key {
                skeleton: skeletons[index],
                kind: &types[index].kind,
                held: &resolved[runs[index].clone()],
            };
            match first.get(&key) {
                Some(&original) if !types[index].component => found.push((index, original)),
                Some(_) => {}
                None => {
                    first.insert(key, index);
                }
            }
        }
        if found.is_empty() {
            break;
        }
        for &(index, original) in &found {
            let original = TypeId(original as u64);
            definitions[index] = Some(original);
            types[index].kind = TypeKind::Alias(Ty::Named(original));
        }
        order.retain(|index| !matches!(types[*index].kind, TypeKind::Alias(_)));
    }
    // The held types go back into the definitions that stay.
    for &index in &order {
        let mut held = held[runs[index].clone()].iter();
        refs_in_kind_mut(&mut types[index].kind, &mut |id| {
            if let Some(held) = held.next() {
                *id = *held;
            }
        });
    }
}

/// What makes two types the same: their definitions, with the types they hold resolved
/// through the aliases found so far. The type's own description is not part of it: an
/// alias keeps its own.
struct Key<'a> {
    /// The hash of `kind`.
    skeleton: u64,
    /// The definition, without the types it holds.
    kind: &'a TypeKind,
    /// Those types, in order, resolved.
    held: &'a [TypeId],
}

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.skeleton.hash(state);
        self.held.hash(state);
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.skeleton == other.skeleton && self.held == other.held && self.kind == other.kind
    }
}

impl Eq for Key<'_> {}

/// A hash of what no alias changes in a type's definition: its kind, and the names and
/// flags of its fields, variants and cases (not the types they hold, which an alias may
/// replace). Two types the same ([`Key`]) have the same outline.
fn outline(kind: &TypeKind) -> u64 {
    let mut hasher = foldhash::fast::FixedState::default().build_hasher();
    std::mem::discriminant(kind).hash(&mut hasher);
    match kind {
        TypeKind::Struct(def) => {
            for field in &def.fields {
                (
                    &field.name,
                    &field.wire_name,
                    field.required,
                    field.nullable,
                )
                    .hash(&mut hasher);
            }
            def.extra
                .as_ref()
                .map(|extra| &extra.name)
                .hash(&mut hasher);
        }
        TypeKind::Enum { variants, other } => {
            for variant in variants.iter() {
                (&variant.name, &variant.value).hash(&mut hasher);
            }
            other.hash(&mut hasher);
        }
        TypeKind::Union(union) => {
            for variant in &union.variants {
                (&variant.name, &variant.tag_values).hash(&mut hasher);
            }
            union.tag.hash(&mut hasher);
        }
        TypeKind::Errors(cases) => {
            for case in cases {
                (case.status, &case.variant, case.ty.is_some()).hash(&mut hasher);
            }
        }
        _ => {}
    }
    hasher.finish()
}

/// The type that in the end defines `id`.
fn resolve(mut id: TypeId, definitions: &[Option<TypeId>]) -> TypeId {
    while let Some(Some(definition)) = definitions.get(id.index()) {
        id = *definition;
    }
    id
}
