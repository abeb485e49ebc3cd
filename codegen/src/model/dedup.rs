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

use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;

use foldhash::{HashMap, HashMapExt};

use crate::ir::{Ty, TypeDef, TypeKind};

/// Turns every inline type that repeats an earlier one into an alias of it, until no two
/// definitions are the same (fields whose types became the same can make two structs
/// the same).
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
    order.sort_by(|&a, &b| {
        let (a, b) = (&types[a], &types[b]);
        (!a.component, &a.pointer, &a.base).cmp(&(!b.component, &b.pointer, &b.base))
    });
    // A type whose outline no other type has can be the same as none: most types of a
    // large document, which then need no text.
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
    // A definition stays the same until it becomes an alias: its text is written once,
    // and the places of the type names in it found once.
    let mut texts: Vec<Definition> = (0..types.len()).map(|_| Definition::default()).collect();
    for &index in &order {
        texts[index] = Definition::of(&types[index].kind);
    }
    // Each aliased type's definition, by name.
    let mut definitions: HashMap<String, String> = HashMap::new();
    loop {
        let mut first: HashMap<Cow<str>, usize> = HashMap::with_capacity(order.len());
        let mut found: Vec<(usize, usize)> = Vec::new();
        for &index in &order {
            let key = texts[index].shape_key(&definitions);
            match first.get(&key) {
                Some(&original) if !types[index].component => found.push((index, original)),
                Some(_) => {}
                None => {
                    first.insert(key, index);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for &(index, original) in &found {
            let original = types[original].name.clone();
            let def = &mut types[index];
            definitions.insert(def.name.clone(), original.clone());
            def.kind = TypeKind::Alias(Ty::Named(original));
        }
        order.retain(|index| !matches!(types[*index].kind, TypeKind::Alias(_)));
    }
}

/// A hash of what no alias changes in a type's definition: its kind, and the names and
/// flags of its fields, variants and cases (not the types they hold, whose names an alias
/// may replace). Two types the same ([`Definition::shape_key`]) have the same outline.
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
            for variant in variants {
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

/// A definition's debug text (with the documentation of its fields and variants), and
/// where the names of the types it holds stand in it.
#[derive(Default)]
struct Definition {
    text: String,
    names: Vec<Range<usize>>,
}

impl Definition {
    fn of(kind: &TypeKind) -> Self {
        let mut text = format!("{kind:?}");
        text.shrink_to_fit();
        // Type names are placeholders (`#12`) until names are assigned; in the debug text
        // of a type they stand as `Named("#12")`, a quote no text of the document can end.
        let mut names = Vec::new();
        let mut from = 0;
        while let Some(start) = text[from..].find("Named(\"#") {
            let name_start = from + start + "Named(\"".len();
            let Some(length) = text[name_start..].find('"') else {
                break;
            };
            names.push(name_start..name_start + length);
            from = name_start + length;
        }
        Definition { text, names }
    }

    /// What makes two types the same: their definitions' text, the names of aliased types
    /// replaced by their definitions'. The type's own description is not part of it: an
    /// alias keeps its own.
    fn shape_key(&self, definitions: &HashMap<String, String>) -> Cow<'_, str> {
        let text = self.text.as_str();
        let mut key: Option<String> = None;
        let mut copied = 0;
        for range in &self.names {
            let name = &text[range.clone()];
            let resolved = resolve(name, definitions);
            if resolved != name {
                let key = key.get_or_insert_with(|| String::with_capacity(text.len()));
                key.push_str(&text[copied..range.start]);
                key.push_str(resolved);
                copied = range.end;
            }
        }
        match key {
            None => Cow::Borrowed(text),
            Some(mut key) => {
                key.push_str(&text[copied..]);
                Cow::Owned(key)
            }
        }
    }
}

/// The type that in the end defines `name`.
fn resolve<'a>(mut name: &'a str, definitions: &'a HashMap<String, String>) -> &'a str {
    while let Some(definition) = definitions.get(name) {
        name = definition;
    }
    name
}
