//! Cargo features per tag: which feature compiles each method and each type.
//!
//! A method is compiled with the feature of any of its operation's tags. An operation
//! without tags takes the tags of the operations at the nearest path above its own that
//! has tagged ones (`/users/{id}/messages/$count` those of `/users/{id}/messages`), and
//! is always compiled when there is none. A type with the features of every method that
//! uses it,
//! directly or through other types (always, for one the builder or an untagged operation
//! uses); the `webhooks` module and its events' types with the feature `webhooks`; a type
//! no method uses, with the feature `full`, which enables every feature.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use super::places::{refs_in_kind, refs_in_operation, refs_in_server};
use crate::ir::{Api, Features, Gate, Operation, TypeId, TypeKind, FULL, WEBHOOKS};

/// The feature of a tag: its ASCII words in kebab case, kept clear of Cargo's `default`
/// and of `full` and `webhooks`.
pub(crate) fn feature_name(tag: &str) -> String {
    let name = crate::names::kebab(tag);
    let name = if name.is_empty() {
        "tag".to_owned()
    } else {
        name
    };
    if name == "default" || name == FULL || name == WEBHOOKS {
        format!("{name}-tag")
    } else {
        name
    }
}

impl Features {
    pub(crate) fn of(api: &Api) -> Features {
        let mut features = Features::default();
        // Each type's gate, by place, once a method or the builder uses it.
        let mut types: Vec<Option<Gate>> = vec![None; api.types.len()];
        // Every type reached from `roots`, which `gate` then compiles too.
        let reach = |roots: Vec<TypeId>, gate: &Gate, types: &mut Vec<Option<Gate>>| {
            let mut pending = roots;
            while let Some(id) = pending.pop() {
                let Some(current) = types.get_mut(id.index()) else {
                    continue;
                };
                let current = current.get_or_insert(Gate::Any(BTreeSet::new()));
                let widened = match (&*current, gate) {
                    (Gate::Always, _) => continue,
                    (_, Gate::Always) => Gate::Always,
                    (Gate::Any(have), Gate::Any(more)) => {
                        if more.is_subset(have) {
                            continue;
                        }
                        Gate::Any(have.union(more).cloned().collect())
                    }
                };
                *current = widened;
                refs_in_kind(&api.types[id.index()].kind, &mut |id| pending.push(*id));
            }
        };
        let tags_by_path = tags_by_path(&api.operations);
        for op in &api.operations {
            let tags = match op.tags.is_empty() {
                true => enclosing_tags(&op.path, &tags_by_path),
                false => op.tags.iter().collect(),
            };
            let gate = if tags.is_empty() {
                Gate::Always
            } else {
                let names: BTreeSet<String> = tags.iter().map(|t| feature_name(t)).collect();
                for tag in tags {
                    features
                        .tags
                        .entry(feature_name(tag))
                        .or_default()
                        .insert(tag.clone());
                }
                Gate::Any(names)
            };
            reach(op_types(op), &gate, &mut types);
            features.methods.insert(op.method_name.clone(), gate);
        }
        // The webhooks' enums, and the types of their events, behind a feature of their own.
        let events: Vec<TypeId> = (0..)
            .zip(&api.types)
            .filter(|(_, def)| matches!(def.kind, TypeKind::Events(_)))
            .map(|(at, _)| TypeId(at))
            .collect();
        if !events.is_empty() {
            features.tags.entry(WEBHOOKS.to_owned()).or_default();
            let gate = Gate::Any(BTreeSet::from([WEBHOOKS.to_owned()]));
            reach(events, &gate, &mut types);
        }
        if let Some(server) = &api.server {
            let mut roots = Vec::new();
            refs_in_server(server, &mut |id| roots.push(*id));
            reach(roots, &Gate::Always, &mut types);
        }
        features.types = types
            .into_iter()
            .map(|gate| gate.unwrap_or_else(|| Gate::Any(BTreeSet::from([FULL.to_owned()]))))
            .collect();
        features
    }
}

/// The tags of the tagged operations at each path.
fn tags_by_path(operations: &[Operation]) -> HashMap<&str, BTreeSet<&String>> {
    let mut by_path: HashMap<&str, BTreeSet<&String>> = HashMap::new();
    for op in operations.iter().filter(|op| !op.tags.is_empty()) {
        by_path.entry(&op.path).or_default().extend(&op.tags);
    }
    by_path
}

/// The tags of the tagged operations at the nearest path above `path` that has some
/// (`/users/{id}/messages` for `/users/{id}/messages/$count`); none at the root.
fn enclosing_tags<'a>(
    path: &str,
    tags_by_path: &HashMap<&str, BTreeSet<&'a String>>,
) -> BTreeSet<&'a String> {
    let mut path = path.trim_end_matches('/');
    while let Some((parent, _)) = path.rsplit_once('/') {
        if let Some(tags) = tags_by_path.get(parent) {
            return tags.clone();
        }
        path = parent;
    }
    BTreeSet::new()
}

/// The types an operation names.
fn op_types(op: &Operation) -> Vec<TypeId> {
    let mut types = Vec::new();
    refs_in_operation(op, &mut |id| types.push(*id));
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untagged_operation_takes_the_tags_of_the_nearest_tagged_path_above_it() {
        let tags = |list: &[&str]| list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        let users = tags(&["users"]);
        let messages = tags(&["users.message"]);
        let by_path: HashMap<_, _> = [
            ("/users", users.iter().collect()),
            ("/users/{id}/messages", messages.iter().collect()),
        ]
        .into_iter()
        .collect();
        let found = |path| enclosing_tags(path, &by_path);
        assert_eq!(
            found("/users/{id}/messages/$count"),
            messages.iter().collect()
        );
        assert_eq!(
            found("/users/{id}/messages/{m}/attachments/$count"),
            messages.iter().collect()
        );
        assert_eq!(found("/users/$count"), users.iter().collect());
        assert_eq!(found("/users/{id}"), users.iter().collect());
        // Not the path itself, and nothing above the root.
        assert!(found("/users").is_empty());
        assert!(found("/$batch").is_empty());
    }

    #[test]
    fn features_are_kebab_case_ascii_names_clear_of_cargos_own() {
        assert_eq!(feature_name("Pull Requests"), "pull-requests");
        assert_eq!(feature_name("code-scanning"), "code-scanning");
        assert_eq!(feature_name("Über/Zahlungen"), "ber-zahlungen");
        assert_eq!(feature_name("default"), "default-tag");
        assert_eq!(feature_name("Full"), "full-tag");
        assert_eq!(feature_name("Webhooks"), "webhooks-tag");
        assert_eq!(feature_name("!!!"), "tag");
    }
}
