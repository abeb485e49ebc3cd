//! What changed between two records, item by item.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::item::{Aspect, Key, Member, Value};
use super::ApiRecord;

/// How much a change matters to a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Code that compiled against the old API may not compile, or may not mean the same.
    Breaking,
    /// The Rust API is the same, but what goes over the wire is not: a path, a method, a
    /// server, a security requirement, a value, a new required request field.
    Notice,
    /// Something new.
    Additive,
}

impl Severity {
    fn heading(self) -> &'static str {
        match self {
            Severity::Breaking => "Breaking for callers",
            Severity::Notice => "Changes the Rust API does not show",
            Severity::Additive => "Additions",
        }
    }

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Notice => "notice",
            Severity::Additive => "additive",
        }
    }
}

/// One change between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How much it matters.
    pub severity: Severity,
    /// The item, as the record names it (`operation contact_details`,
    /// `type Contact.email`).
    pub item: String,
    /// What happened to it.
    pub description: String,
    /// Where in the new document (or, for a removal, the old one).
    pub place: String,
}

/// The changes between two records, most severe first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiChanges {
    /// Every change, ordered by severity, then item.
    pub changes: Vec<Change>,
}

impl ApiChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking)
    }

    /// How many changes there are of each severity.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s| self.changes.iter().filter(|c| c.severity == s).count();
        (
            count(Severity::Breaking),
            count(Severity::Notice),
            count(Severity::Additive),
        )
    }

    /// One line: `2 breaking, 1 to note, 5 additions`.
    pub fn summary(&self) -> String {
        let (breaking, notice, additive) = self.counts();
        format!("{breaking} breaking, {notice} to note, {additive} additions")
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut text = format!("# API changes\n\n{}.\n", self.summary());
        for severity in [Severity::Breaking, Severity::Notice, Severity::Additive] {
            let changes: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.severity == severity)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = write!(text, "\n## {}\n\n", severity.heading());
            for change in changes {
                let _ = writeln!(
                    text,
                    "- {} (`{}`)",
                    change.description,
                    change.place.replace('`', "'")
                );
            }
        }
        text
    }

    /// The report as JSON: `{"summary": {...}, "changes": [{severity, item, description, place}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let (breaking, notice, additive) = self.counts();
        serde_json::json!({
            "summary": { "breaking": breaking, "notice": notice, "additive": additive },
            "changes": self.changes.iter().map(|c| serde_json::json!({
                "severity": c.severity.name(),
                "item": c.item,
                "description": c.description,
                "place": c.place,
            })).collect::<Vec<_>>(),
        })
    }
}

/// What changed from `old` to `new`.
pub fn compare(old: &ApiRecord, new: &ApiRecord) -> ApiChanges {
    let mut changes = Vec::new();
    let mut change = |severity, key: &Key, description: String, place: &str| {
        changes.push(Change {
            severity,
            item: key.to_string(),
            description,
            place: place.to_owned(),
        })
    };
    let renamed = renamed(old, new);
    let old_types = type_names(old);
    let new_types = type_names(new);
    // Items of an operation or a type that is itself removed or added: reported with it.
    let within = |key: &Key, record: &ApiRecord, types: &BTreeSet<&str>| match key {
        Key::Operation(op, aspect) if *aspect != Aspect::Signature => {
            !record.entries.contains_key(&Key::operation(op))
        }
        Key::Type(ty, Some(_)) => !types.contains(ty.as_str()),
        _ => false,
    };
    for (key, before) in &old.entries {
        match new.entries.get(key) {
            None if within(key, new, &new_types) => {}
            None => {
                let Some((severity, description)) = removal(key, &before.value, &renamed, new)
                else {
                    continue;
                };
                change(severity, key, description, &before.place);
            }
            Some(after) if after.value == before.value => {}
            Some(after) => {
                let Some((severity, description)) = alteration(key, &before.value, &after.value)
                else {
                    continue;
                };
                change(severity, key, description, &after.place);
            }
        }
    }
    let requests: BTreeSet<&str> = new
        .entries
        .iter()
        .filter_map(|(key, entry)| match entry.value {
            Value::Kind {
                sent_in_requests: true,
                ..
            } => key.type_name(),
            _ => None,
        })
        .collect();
    for (key, after) in &new.entries {
        if old.entries.contains_key(key)
            || within(key, old, &old_types)
            || renamed.values().any(|k| *k == key)
        {
            continue;
        }
        let value = &after.value;
        let (severity, description) = match (key, value) {
            (Key::Operation(name, Aspect::Signature), _) => (
                Severity::Additive,
                format!("new operation `{name}`: `{value}`"),
            ),
            (Key::Type(name, None), _) => (Severity::Additive, format!("new type `{name}`")),
            (Key::Type(ty, Some(Member::Field(_))), Value::Field { required: true, .. })
                if requests.contains(ty.as_str()) =>
            {
                (
                    Severity::Notice,
                    format!(
                        "new required field `{}` in a request body: `{value}`",
                        key.member()
                    ),
                )
            }
            (Key::Type(_, Some(_)), _) => (
                Severity::Additive,
                format!("new `{}`: `{value}`", key.member()),
            ),
            (Key::Scheme(name), _) => (
                Severity::Additive,
                format!("new security scheme `{name}`: {value}"),
            ),
            (Key::Server, _) => (Severity::Notice, format!("the server is now `{value}`")),
            (Key::Operation(name, Aspect::Parameters), _) => (
                Severity::Notice,
                format!(
                    "`{name}` now sends its parameters as {value} (was their locations' \
                     default styles)"
                ),
            ),
            (Key::Operation(name, Aspect::Pages), _) => {
                (Severity::Additive, format!("`{name}` pages: {value}"))
            }
            (Key::Operation(_, Aspect::Endpoint | Aspect::Security), _) => continue,
        };
        change(severity, key, description, &after.place);
    }
    changes.sort_by(|a, b| (a.severity, &a.item).cmp(&(b.severity, &b.item)));
    ApiChanges { changes }
}

/// Operations removed and added at the same endpoint: renamed, old key to new.
fn renamed<'r>(old: &'r ApiRecord, new: &'r ApiRecord) -> BTreeMap<&'r Key, &'r Key> {
    let endpoint = |record: &'r ApiRecord, name: &str| {
        record
            .entries
            .get(&Key::Operation(name.to_owned(), Aspect::Endpoint))
            .map(|e| &e.value)
    };
    let signatures = |record: &'r ApiRecord, other: &'r ApiRecord| {
        record
            .entries
            .keys()
            .filter(move |k| matches!(k, Key::Operation(_, Aspect::Signature)))
            .filter(move |k| !other.entries.contains_key(*k))
    };
    let added: Vec<&Key> = signatures(new, old).collect();
    let mut renamed = BTreeMap::new();
    for old_key in signatures(old, new) {
        let Key::Operation(name, _) = old_key else {
            continue;
        };
        let Some(at) = endpoint(old, name) else {
            continue;
        };
        let found = added.iter().find(|new_key| {
            let Key::Operation(new_name, _) = new_key else {
                return false;
            };
            !renamed.values().any(|v| v == *new_key) && endpoint(new, new_name) == Some(at)
        });
        if let Some(new_key) = found {
            renamed.insert(old_key, *new_key);
        }
    }
    renamed
}

/// The names of a record's types.
fn type_names(record: &ApiRecord) -> BTreeSet<&str> {
    record
        .entries
        .keys()
        .filter_map(|key| match key {
            Key::Type(name, None) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// The change an item gone from the new record makes, if it is reported on its own.
fn removal(
    key: &Key,
    before: &Value,
    renamed: &BTreeMap<&Key, &Key>,
    new: &ApiRecord,
) -> Option<(Severity, String)> {
    Some(match key {
        Key::Operation(name, Aspect::Signature) => match renamed.get(key) {
            Some(new_key @ Key::Operation(new_name, _)) => {
                let after = &new.entries[*new_key].value;
                let signature = if after == before {
                    String::new()
                } else {
                    format!("; its signature changed from `{before}` to `{after}`")
                };
                (
                    Severity::Breaking,
                    format!("`{name}` is now `{new_name}`{signature}"),
                )
            }
            _ => (
                Severity::Breaking,
                format!("operation `{name}` removed (was `{before}`)"),
            ),
        },
        Key::Type(name, None) => (Severity::Breaking, format!("type `{name}` removed")),
        Key::Type(_, Some(_)) => (
            Severity::Breaking,
            format!("`{}` removed (was `{before}`)", key.member()),
        ),
        Key::Scheme(_) => (
            Severity::Breaking,
            format!("security scheme removed: `{before}`"),
        ),
        Key::Server => (Severity::Notice, "the server is gone".to_owned()),
        Key::Operation(name, Aspect::Parameters) => (
            Severity::Notice,
            format!(
                "`{name}` now sends its parameters in their locations' default styles (was \
                 {before})"
            ),
        ),
        Key::Operation(name, Aspect::Pages) => (
            Severity::Breaking,
            format!("`{name}` no longer pages: `{name}_stream` and `{name}_pages` are gone"),
        ),
        Key::Operation(_, Aspect::Endpoint | Aspect::Security) => return None,
    })
}

/// The change from `before` to `after` in an item both records have, if it is one for a
/// caller.
fn alteration(key: &Key, before: &Value, after: &Value) -> Option<(Severity, String)> {
    Some(match (key, before, after) {
        // Arguments are positional: renaming one changes nothing for a caller.
        (_, Value::Signature(b), Value::Signature(a)) if a.same_call(b) => return None,
        (Key::Operation(name, Aspect::Signature), _, _) => (
            Severity::Breaking,
            format!("`{name}` changed signature: `{before}` → `{after}`"),
        ),
        (Key::Operation(name, Aspect::Endpoint), _, _) => (
            Severity::Notice,
            format!("`{name}` now calls `{after}` (was `{before}`)"),
        ),
        (Key::Operation(name, Aspect::Parameters), _, _) => (
            Severity::Notice,
            format!("`{name}` now sends its parameters as {after} (was {before})"),
        ),
        (Key::Operation(name, Aspect::Security), _, _) => (
            Severity::Notice,
            format!("`{name}` now accepts {after} (was {before})"),
        ),
        (Key::Operation(name, Aspect::Pages), b, a) => {
            let item = |v: &Value| match v {
                Value::Pages { item, .. } => Some(item.clone()),
                _ => None,
            };
            let severity = if item(a) == item(b) {
                Severity::Notice
            } else {
                Severity::Breaking
            };
            (
                severity,
                format!("`{name}` now pages as {after} (was {before})"),
            )
        }
        (
            Key::Type(name, None),
            Value::Kind { kind: was, .. },
            Value::Kind {
                kind,
                sent_in_requests,
            },
        ) => {
            if was == kind {
                let now = if *sent_in_requests {
                    "is now sent in requests"
                } else {
                    "is no longer sent in requests"
                };
                (Severity::Notice, format!("type `{name}` {now}"))
            } else {
                (
                    Severity::Breaking,
                    format!("type `{name}` is now a {kind} (was a {was})"),
                )
            }
        }
        (Key::Type(..), Value::Field { ty: was, .. }, Value::Field { ty, .. }) if was != ty => (
            Severity::Breaking,
            format!("`{}` changed type: `{was}` → `{ty}`", key.member()),
        ),
        (Key::Type(..), Value::Field { .. }, Value::Field { .. }) => (
            Severity::Notice,
            format!("`{}` is now `{after}` (was `{before}`)", key.member()),
        ),
        (Key::Type(ty, Some(_)), _, _) => {
            // A variant that now carries other data breaks a `match`; a string enum's
            // new wire value does not.
            let severity = if matches!(after, Value::Named(_)) {
                Severity::Notice
            } else {
                Severity::Breaking
            };
            (
                severity,
                format!(
                    "`{}` of `{ty}` is now `{after}` (was `{before}`)",
                    key.member()
                ),
            )
        }
        (Key::Server, _, _) => (
            Severity::Notice,
            format!("the server is now `{after}` (was `{before}`)"),
        ),
        (Key::Scheme(name), _, _) => (
            Severity::Notice,
            format!("security scheme `{name}` is now: {after} (was: {before})"),
        ),
        // A value of another kind than its key's: not read from a record.
        (Key::Type(_, None), _, _) => (
            Severity::Breaking,
            format!("`{}` is now `{after}` (was `{before}`)", key.member()),
        ),
    })
}
