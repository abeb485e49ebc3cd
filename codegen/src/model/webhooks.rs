//! Webhooks and callbacks: the requests an API sends to its users (a 3.1 document's
//! `webhooks`, a 3.0 document's `x-webhooks`, an operation's `callbacks`), read into the
//! `webhooks` module's enums.
//!
//! Each request's JSON body is a type like any other of the client; the enum has a
//! variant per request and one that keeps, as JSON, a request the document does not
//! describe. When every body holds a property whose value is fixed (a one-value `enum`
//! or a `const`) and those values differ, that property tells the event; otherwise the
//! events are tried in order, each only when the body's fixed properties hold its values
//! (GitHub's `action`, `created` in many events).

use std::collections::BTreeMap;

use openapiv3::Operation;
use serde_json::Value;

use super::modeler::Modeler;
use super::operations::client_link;
use super::schemas::Hint;
use crate::error::{Diagnostic, Pointer, Result};
use crate::ir::{Event, Events, Media, TypeKind};
use crate::names::{camel, Scope};

/// Requests the API sends: their name, the operations of the path item that describes
/// them, each with its method, and where.
struct Described {
    name: String,
    operations: Vec<(&'static str, Operation)>,
    pointer: Pointer,
}

/// An event found: its name, its body's modeled type, and the properties of its body
/// whose value is fixed.
struct Found {
    event: Event,
    fixed: BTreeMap<String, String>,
}

impl Modeler<'_> {
    /// The document's webhooks, as the enum `webhooks::Event`: OpenAPI 3.1's `webhooks`,
    /// or else the extension `x-webhooks`, by which 3.0 documents (GitHub's, those Redoc
    /// renders) describe them in the same form.
    pub(super) fn webhooks(&mut self) -> Result<()> {
        let Some((key, hooks)) = ["webhooks", "x-webhooks"]
            .into_iter()
            .find_map(|key| match self.raw.get(key) {
                Some(Value::Object(hooks)) => Some((key, hooks)),
                _ => None,
            })
        else {
            return Ok(());
        };
        let root = Pointer::root().push(key);
        let mut described = Vec::new();
        // Keys that start with `x-` are extensions of the map (Apideck's `x-sdk-exclude`).
        for (name, item) in hooks.iter().filter(|(name, _)| !name.starts_with("x-")) {
            let pointer = root.push(name);
            let item = crate::parse::webhook(item)
                .map_err(|e| Diagnostic::at(&pointer, format!("invalid webhook: {e}")))?;
            let (item, pointer) = self.resolve(&item, pointer)?;
            let operations = (item.raw_operations(self.lookup(&pointer)))
                .map(|(method, raw)| {
                    crate::parse::operation_at(raw, &pointer.push(method)).map(|op| (method, op))
                })
                .collect::<Result<_>>()?;
            described.push(Described {
                name: name.clone(),
                operations,
                pointer,
            });
        }
        let doc = "The requests the API sends to its users (the document's webhooks).";
        self.events("Event", doc, described, &root)
    }

    /// An operation's callbacks, as the enum `webhooks::{Operation}Callback`.
    pub(super) fn callbacks(
        &mut self,
        type_base: &str,
        method_name: &str,
        operation: &Operation,
        pointer: &Pointer,
    ) -> Result<()> {
        let pointer = pointer.push("callbacks");
        let described = operation
            .callbacks
            .iter()
            .flat_map(|(name, callback)| {
                let pointer = pointer.push(name);
                callback.iter().map(move |(expression, item)| Described {
                    // A callback sent to several URLs is named after each.
                    name: match callback.len() {
                        1 => name.clone(),
                        _ => format!("{name} {expression}"),
                    },
                    operations: item.clone().into_iter().collect(),
                    pointer: pointer.push(expression),
                })
            })
            .collect();
        let doc = cat!(
            "The requests the API sends back after ",
            client_link(method_name),
            " (its callbacks)."
        );
        self.events(&format!("{type_base}Callback"), &doc, described, &pointer)
    }

    /// The enum `name` of the requests `described`, added as a type of kind
    /// [`TypeKind::Events`].
    fn events(
        &mut self,
        name: &str,
        doc: &str,
        described: Vec<Described>,
        pointer: &Pointer,
    ) -> Result<()> {
        let mut found = Vec::new();
        for Described {
            name,
            operations,
            pointer,
        } in described
        {
            for (method, operation) in &operations {
                let name = match operations.len() {
                    1 => name.clone(),
                    _ => format!("{name} {method}"),
                };
                let pointer = pointer.push(method);
                if let Some(event) = self.event(&name, operation, &pointer)? {
                    found.push(event);
                }
            }
        }
        if found.is_empty() {
            return Ok(());
        }
        let tag = tag(&found);
        let mut scope = Scope::for_types();
        let events: Vec<Event> = found
            .into_iter()
            .map(|Found { mut event, fixed }| {
                event.variant = scope.claim_type(std::mem::take(&mut event.variant));
                match &tag {
                    Some(tag) => event.tag_value = fixed.get(tag).cloned(),
                    None => event.fixed = fixed.into_iter().collect(),
                }
                event
            })
            .collect();
        let other = scope.claim_type("Other".to_owned());
        let doc = match (&tag, events.len()) {
            (None, 2..) => format!(
                "{doc}\n\nNo property tells these events apart: a body is read as the first \
                 event, in this order, whose fixed properties it holds and whose type reads it. \
                 Where the API names the event elsewhere (a header), read that event's type \
                 directly."
            ),
            _ => doc.to_owned(),
        };
        let kind = TypeKind::Events(Events {
            name: name.to_owned(),
            tag,
            events,
            other,
        });
        self.add_type(name.to_owned(), pointer, Some(doc), kind);
        Ok(())
    }

    /// The event an operation of a webhook or callback describes: its JSON body. Without
    /// one, a warning says the request is left out.
    fn event(
        &mut self,
        name: &str,
        operation: &Operation,
        pointer: &Pointer,
    ) -> Result<Option<Found>> {
        let Some(reference) = &operation.request_body else {
            self.warn(
                pointer,
                "a request without a body is not an event; left out",
            );
            return Ok(None);
        };
        let at = pointer.push("requestBody");
        let bodies = self.bodies(reference, &at, &Hint::Derived(format!("{name} event")))?;
        let Some((_, body)) = bodies
            .into_iter()
            .find(|(_, body)| matches!(body.media, Media::Json(_)))
        else {
            self.warn(pointer, "an event whose body is not JSON is left out");
            return Ok(None);
        };
        let (resolved, at) = self.resolve(reference, at)?;
        let fixed = resolved
            .content
            .iter()
            .find(|(media, _)| matches!(super::media::sent_as(media).1, Media::Json(_)))
            .and_then(|(media, _)| {
                let schema = at.push("content").then(media).then("schema");
                self.lookup(&schema)
                    .map(|value| self.fixed(value, &schema, 0))
            })
            .unwrap_or_default();
        let summary = [&operation.summary, &operation.description]
            .into_iter()
            .flatten()
            .map(|text| text.trim())
            .find(|text| !text.is_empty());
        let doc = match summary {
            Some(text) => format!("`{name}`: {text}"),
            None => format!("`{name}`."),
        };
        Ok(Some(Found {
            event: Event {
                variant: camel(name),
                doc: Some(doc),
                ty: body.ty,
                tag_value: None,
                fixed: Vec::new(),
            },
            fixed,
        }))
    }

    /// The properties of the object schema `value` (its references followed, its `allOf`
    /// members included) whose value is fixed: a one-value string `enum` or a `const`.
    fn fixed(&self, value: &Value, at: &Pointer, depth: usize) -> BTreeMap<String, String> {
        let mut fixed = BTreeMap::new();
        if depth > 8 {
            return fixed;
        }
        let value = match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => match self.follow(reference, at) {
                Ok((value, _)) => value,
                Err(_) => return fixed,
            },
            None => value,
        };
        for member in value
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            fixed.extend(self.fixed(member, at, depth + 1));
        }
        for (property, schema) in value
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let schema = match schema.get("$ref").and_then(Value::as_str) {
                Some(reference) => match self.follow(reference, at) {
                    Ok((value, _)) => value,
                    Err(_) => continue,
                },
                None => schema,
            };
            let one = match (schema.get("const"), schema.get("enum")) {
                (Some(Value::String(value)), _) => Some(value.as_str()),
                (_, Some(Value::Array(values))) if values.len() == 1 => values[0].as_str(),
                _ => None,
            };
            if let Some(one) = one {
                fixed.insert(property.clone(), one.to_owned());
            }
        }
        fixed
    }
}

/// The property that tells the events apart: fixed in every event's body, with a
/// different value in each. The first such property by name; none for a single event.
fn tag(found: &[Found]) -> Option<String> {
    if found.len() < 2 {
        return None;
    }
    found[0].fixed.keys().find_map(|property| {
        let mut values: Vec<&String> = found
            .iter()
            .map(|f| f.fixed.get(property))
            .collect::<Option<_>>()?;
        values.sort();
        values.dedup();
        (values.len() == found.len()).then(|| property.clone())
    })
}
