//! OpenAPI Overlays (Overlay Specification 1.0.0 and 1.1.0): documents of actions, each
//! aimed at the API document by an RFC 9535 JSONPath, applied in order right after the
//! document is loaded, so that a fix to a vendor's document survives every refresh.
//!
//! - `update`: merged into each node the target selects, as Overlay 1.1.0 says: into an
//!   object recursively (a property only in the update is inserted; primitives replace
//!   primitives, arrays are concatenated, objects merged; a `null` leaves an object or
//!   array as it is), onto an array (an array is concatenated, any other value appended),
//!   or in place of a primitive (by a primitive).
//! - `remove: true`: each node the target selects is removed from its object or array.
//! - `copy` (1.1.0): the one node its JSONPath selects is merged into each target, as an
//!   `update` would be. An action has `update` or `copy`, not both; `remove` wins.
//!
//! An invalid overlay is an error naming the overlay file and the place in it (an
//! action, its target); an action whose target selects nothing is a warning naming it, so
//! that an overlay a refresh made stale is noticed.

use serde_json::{Map, Value};
use serde_json_path::{JsonPath, PathElement};

use crate::error::{Diagnostic, Pointer};

/// A step from a node to one inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

/// Where a node is, from the root.
type Path = Vec<Step>;

/// Applies `overlay` (already parsed) to `document`; the warnings are for actions that
/// selected nothing. Errors and warnings are located in the overlay.
pub(crate) fn apply(document: &mut Value, overlay: &Value) -> Result<Vec<Diagnostic>, Diagnostic> {
    let version = overlay
        .get("overlay")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            Diagnostic::at(
                &Pointer::root(),
                "not an overlay: it has no `overlay` version",
            )
        })?;
    let copy_allowed = match version {
        "1.0.0" => false,
        v if v.starts_with("1.1.") || v == "1.1" => true,
        v if v.starts_with("1.0.") => false,
        other => {
            return Err(Diagnostic::at(
                &Pointer::root().push("overlay"),
                format!("overlay version `{other}` is not supported (1.0.0 and 1.1.0 are)"),
            ))
        }
    };
    if !overlay.get("info").is_some_and(Value::is_object) {
        return Err(Diagnostic::at(
            &Pointer::root().push("info"),
            "an overlay needs an `info` object",
        ));
    }
    let actions = overlay
        .get("actions")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            Diagnostic::at(
                &Pointer::root().push("actions"),
                "an overlay needs a list of `actions`",
            )
        })?;
    let mut warnings = Vec::new();
    for (index, action) in actions.iter().enumerate() {
        let at = Pointer::root().push("actions").push(index);
        let target = action
            .get("target")
            .and_then(Value::as_str)
            .ok_or_else(|| Diagnostic::at(&at, "the action has no `target`"))?;
        let path = JsonPath::parse(target).map_err(|e| {
            Diagnostic::at(
                &at.push("target"),
                format!("`{target}` is not an RFC 9535 JSONPath: {e}"),
            )
        })?;
        let remove = match action.get("remove") {
            None => false,
            Some(Value::Bool(remove)) => *remove,
            Some(_) => {
                return Err(Diagnostic::at(
                    &at.push("remove"),
                    "`remove` is true or false",
                ))
            }
        };
        let copied = match action.get("copy") {
            None => None,
            Some(_) if !copy_allowed => {
                return Err(Diagnostic::at(
                    &at.push("copy"),
                    format!("`copy` is an Overlay 1.1 action; this overlay is {version}"),
                ))
            }
            Some(Value::String(source)) => Some(copy_source(document, source, &at)?),
            Some(_) => return Err(Diagnostic::at(&at.push("copy"), "`copy` is a JSONPath")),
        };
        let update = action.get("update");
        if !remove && update.is_none() && copied.is_none() {
            return Err(Diagnostic::at(
                &at,
                "the action has no `update`, `copy` or `remove: true`",
            ));
        }
        if !remove && update.is_some() && copied.is_some() {
            return Err(Diagnostic::at(
                &at,
                "the action has both `update` and `copy`",
            ));
        }
        let targets: Vec<Path> = path
            .query_located(document)
            .locations()
            .map(|location| {
                location
                    .iter()
                    .map(|element| match element {
                        PathElement::Name(name) => Step::Name((*name).to_owned()),
                        PathElement::Index(index) => Step::Index(*index),
                    })
                    .collect()
            })
            .collect();
        if targets.is_empty() {
            warnings.push(Diagnostic::at(
                &at.push("target"),
                format!("the target `{target}` selects nothing in the document; the action does nothing"),
            ));
            continue;
        }
        if remove {
            remove_all(document, targets);
            continue;
        }
        for target_path in &targets {
            let Some(node) = node_mut(document, target_path) else {
                continue;
            };
            for value in copied.iter().chain(update) {
                merge_into(node, value).map_err(|why| {
                    Diagnostic::at(
                        &at.push("target"),
                        format!(
                            "the target `{target}` selects {} where {why}",
                            describe(target_path)
                        ),
                    )
                })?;
            }
        }
    }
    Ok(warnings)
}

/// The value the `copy` JSONPath `source` selects: exactly one node.
fn copy_source(document: &Value, source: &str, at: &Pointer) -> Result<Value, Diagnostic> {
    let path = JsonPath::parse(source).map_err(|e| {
        Diagnostic::at(
            &at.push("copy"),
            format!("`{source}` is not an RFC 9535 JSONPath: {e}"),
        )
    })?;
    let nodes = path.query(document).all();
    match nodes.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(Diagnostic::at(
            &at.push("copy"),
            format!(
                "`{source}` selects {} nodes; `copy` needs exactly one",
                nodes.len()
            ),
        )),
    }
}

/// Merges `update` into `node`; why not, when they are incompatible.
fn merge_into(node: &mut Value, update: &Value) -> Result<(), String> {
    match (node, update) {
        (Value::Object(target), Value::Object(update)) => merge_objects(target, update),
        (Value::Array(items), Value::Array(more)) => {
            items.extend(more.iter().cloned());
            Ok(())
        }
        (Value::Array(items), value) => {
            items.push(value.clone());
            Ok(())
        }
        (Value::Object(_), _) => Err("an object is updated by something else".to_owned()),
        (node, value) if !value.is_object() && !value.is_array() => {
            *node = value.clone();
            Ok(())
        }
        _ => Err("a primitive is updated by an object or array".to_owned()),
    }
}

fn merge_objects(
    target: &mut Map<String, Value>,
    update: &Map<String, Value>,
) -> Result<(), String> {
    for (key, value) in update {
        match (target.get_mut(key), value) {
            (None, value) => {
                target.insert(key.clone(), value.clone());
            }
            (Some(Value::Object(inner)), Value::Object(value)) => merge_objects(inner, value)?,
            (Some(Value::Array(items)), Value::Array(more)) => items.extend(more.iter().cloned()),
            (Some(Value::Object(_) | Value::Array(_)), Value::Null) => {}
            (Some(old), value)
                if !old.is_object()
                    && !old.is_array()
                    && !value.is_object()
                    && !value.is_array() =>
            {
                *old = value.clone();
            }
            (Some(_), _) => {
                return Err(format!(
                    "its property `{key}` and the update's are incompatible (an object, an \
                     array or a primitive each)"
                ))
            }
        }
    }
    Ok(())
}

fn node_mut<'v>(root: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(root, |node, step| match (node, step) {
        (Value::Object(object), Step::Name(name)) => object.get_mut(name),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    })
}

/// Removes each node at `paths`: the later array items first, so that earlier indices
/// still point where they did.
fn remove_all(document: &mut Value, mut paths: Vec<Path>) {
    paths.sort();
    paths.dedup();
    for path in paths.into_iter().rev() {
        let Some((last, parent)) = path.split_last() else {
            // The root itself: what is left is an empty document.
            *document = Value::Object(Map::new());
            continue;
        };
        match (node_mut(document, parent), last) {
            (Some(Value::Object(object)), Step::Name(name)) => {
                object.shift_remove(name);
            }
            (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
                items.remove(*index);
            }
            _ => {}
        }
    }
}

/// A path as a JSON pointer into the document, for messages.
fn describe(path: &[Step]) -> String {
    let pointer = path
        .iter()
        .fold(Pointer::root(), |pointer, step| match step {
            Step::Name(name) => pointer.push(name.as_str()),
            Step::Index(index) => pointer.push(*index),
        });
    pointer.to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::apply;

    fn applied(document: Value, overlay: Value) -> Value {
        let mut document = document;
        let warnings = apply(&mut document, &overlay).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        document
    }

    fn overlay(version: &str, actions: Value) -> Value {
        json!({"overlay": version, "info": {"title": "t", "version": "1.0.0"}, "actions": actions})
    }

    // The examples of the Overlay Specification 1.1.0 ("Examples"), each with a document
    // to apply it to.

    #[test]
    fn the_structured_overlay_example() {
        let document = json!({"info": {"title": "A"}, "paths": {"/": {"get": {}}, "/pets": {"get": {"summary": "old"}}}, "components": {}, "tags": []});
        let result = applied(
            document,
            overlay(
                "1.0.0",
                json!([{"target": "$", "update": {
                    "info": {"x-overlay-applied": "structured-overlay"},
                    "paths": {
                        "/": {"summary": "The root resource", "get": {"summary": "Retrieve the root resource", "x-rate-limit": 100}},
                        "/pets": {"get": {"summary": "Retrieve a list of pets", "x-rate-limit": 100}}
                    },
                    "components": null, "tags": null
                }}]),
            ),
        );
        assert_eq!(
            result,
            json!({
                "info": {"title": "A", "x-overlay-applied": "structured-overlay"},
                "paths": {
                    "/": {"get": {"summary": "Retrieve the root resource", "x-rate-limit": 100}, "summary": "The root resource"},
                    "/pets": {"get": {"summary": "Retrieve a list of pets", "x-rate-limit": 100}}
                },
                "components": {}, "tags": []
            })
        );
    }

    #[test]
    fn the_targeted_overlay_example() {
        let document = json!({"paths": {"/foo": {"get": {"description": "old"}}, "/bar": {"get": {"description": "old"}, "post": {"description": "old", "x-safe": true}}}});
        let result = applied(
            document,
            overlay(
                "1.1.0",
                json!([
                    {"target": "$.paths['/foo'].get.description", "update": "This is the new description"},
                    {"target": "$.paths['/bar'].get.description", "update": "This is the updated description"},
                    {"target": "$.paths['/bar']", "update": {"post": {"description": "This is an updated description of a child object", "x-safe": false}}}
                ]),
            ),
        );
        assert_eq!(
            result,
            json!({"paths": {
                "/foo": {"get": {"description": "This is the new description"}},
                "/bar": {"get": {"description": "This is the updated description"}, "post": {"description": "This is an updated description of a child object", "x-safe": false}}
            }})
        );
    }

    #[test]
    fn the_wildcard_and_array_examples() {
        let document = json!({"paths": {
            "/a": {"get": {"parameters": [{"name": "filter", "in": "query", "schema": {"type": "string"}}, {"name": "dummy", "in": "query"}], "tags": ["dummy", "kept"]}},
            "/b": {"get": {"parameters": []}, "post": {}}
        }});
        let result = applied(
            document,
            overlay(
                "1.1.0",
                json!([
                    {"target": "$.paths.*.get", "update": {"x-safe": true}},
                    {"target": "$.paths.*.get.parameters[?@.name=='filter' && @.in=='query']", "update": {"schema": {"$ref": "#/components/schemas/filterSchema"}}},
                    {"target": "$.paths.*.get.parameters[?@.name == 'dummy']", "remove": true},
                    {"target": "$.paths.*.get.parameters", "update": {"name": "newParam", "in": "query"}},
                    {"target": "$.paths.*.get.tags[?@ == 'dummy']", "remove": true}
                ]),
            ),
        );
        assert_eq!(
            result,
            json!({"paths": {
                "/a": {"get": {"parameters": [
                    {"name": "filter", "in": "query", "schema": {"type": "string", "$ref": "#/components/schemas/filterSchema"}},
                    {"name": "newParam", "in": "query"}
                ], "tags": ["kept"], "x-safe": true}},
                "/b": {"get": {"parameters": [{"name": "newParam", "in": "query"}], "x-safe": true}, "post": {}}
            }})
        );
    }

    #[test]
    fn the_traits_example() {
        let document = json!({"paths": {
            "/items": {"get": {"x-oai-traits": ["paged"], "responses": {"200": {"description": "OK"}}}},
            "/items/{id}/subitems": {"get": {"x-oai-traits": ["paged"], "parameters": [{"name": "id", "in": "path", "required": true}], "responses": {"200": {"description": "OK"}}}},
            "/other": {"get": {"responses": {"200": {"description": "OK"}}}}
        }});
        let result = applied(
            document,
            overlay(
                "1.0.0",
                json!([{
                    "target": "$.paths[?(@.get['x-oai-traits'][?(@ == 'paged')])].get",
                    "update": {"parameters": [{"name": "top", "in": "query"}, {"name": "skip", "in": "query"}]}
                }]),
            ),
        );
        assert_eq!(
            result["paths"]["/items"]["get"]["parameters"],
            json!([{"name": "top", "in": "query"}, {"name": "skip", "in": "query"}])
        );
        assert_eq!(
            result["paths"]["/items/{id}/subitems"]["get"]["parameters"]
                .as_array()
                .unwrap()
                .len(),
            3
        );
        assert!(result["paths"]["/other"]["get"].get("parameters").is_none());
    }

    #[test]
    fn the_copy_examples() {
        let source = json!({"paths": {"/items": {"get": {"responses": {"200": {"description": "OK"}}}}, "/some-items": {"delete": {"responses": {"200": {"description": "OK"}}}}}});
        let get = json!({"responses": {"200": {"description": "OK"}}});
        let simple = applied(
            source.clone(),
            overlay(
                "1.1.0",
                json!([
                    {"target": "$.paths[\"/some-items\"]", "copy": "$.paths[\"/items\"]"}
                ]),
            ),
        );
        assert_eq!(simple["paths"]["/some-items"]["get"], get);
        let ensured = applied(
            source.clone(),
            overlay(
                "1.1.0",
                json!([
                    {"target": "$.paths", "update": {"/other-items": {}}},
                    {"target": "$.paths[\"/other-items\"]", "copy": "$.paths[\"/items\"]"}
                ]),
            ),
        );
        assert_eq!(ensured["paths"]["/other-items"], json!({"get": get}));
        let moved = applied(
            source,
            overlay(
                "1.1.0",
                json!([
                    {"target": "$.paths", "update": {"/new-items": {}}},
                    {"target": "$.paths[\"/new-items\"]", "copy": "$.paths[\"/items\"]"},
                    {"target": "$.paths[\"/items\"]", "remove": true}
                ]),
            ),
        );
        assert_eq!(
            moved,
            json!({"paths": {"/some-items": {"delete": {"responses": {"200": {"description": "OK"}}}}, "/new-items": {"get": get}}})
        );
    }

    #[test]
    fn copy_is_an_overlay_1_1_action_from_one_node() {
        let document = json!({"components": {"schemas": {"Foo": {"type": "string"}, "Bar": {}}}});
        let old = overlay(
            "1.0.0",
            json!([{"target": "$.components", "copy": "$.components.schemas.Foo"}]),
        );
        let error = apply(&mut document.clone(), &old).unwrap_err();
        assert_eq!(error.location.to_string(), " at #/actions/0/copy");
        let many = overlay(
            "1.1.0",
            json!([{"target": "$.components", "copy": "$.components.schemas.*"}]),
        );
        let error = apply(&mut document.clone(), &many).unwrap_err();
        assert!(
            error.message.contains("selects 2 nodes"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_target_that_selects_nothing_is_a_warning_and_bad_actions_are_located_errors() {
        let mut document = json!({"paths": {"/a": {"get": {"summary": "s"}}}});
        let stale = overlay(
            "1.0.0",
            json!([{"target": "$.paths['/gone'].get", "update": {"summary": "s"}}]),
        );
        let warnings = apply(&mut document, &stale).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.to_string(), " at #/actions/0/target");
        assert!(warnings[0].message.contains("$.paths['/gone'].get"));

        for (overlay, place, text) in [
            (
                json!({"info": {}, "actions": []}),
                "",
                "no `overlay` version",
            ),
            (
                json!({"overlay": "2.0.0", "info": {}, "actions": []}),
                "/overlay",
                "not supported",
            ),
            (
                json!({"overlay": "1.0.0", "actions": []}),
                "/info",
                "`info` object",
            ),
            (
                json!({"overlay": "1.0.0", "info": {}, "actions": [{"update": {}}]}),
                "/actions/0",
                "no `target`",
            ),
            (
                json!({"overlay": "1.0.0", "info": {}, "actions": [{"target": "$..[", "remove": true}]}),
                "/actions/0/target",
                "not an RFC 9535 JSONPath",
            ),
            (
                json!({"overlay": "1.0.0", "info": {}, "actions": [{"target": "$.paths"}]}),
                "/actions/0",
                "no `update`",
            ),
            (
                json!({"overlay": "1.0.0", "info": {}, "actions": [{"target": "$.paths", "update": 3}]}),
                "/actions/0/target",
                "updated by something else",
            ),
            (
                json!({"overlay": "1.0.0", "info": {}, "actions": [{"target": "$.paths['/a'].get", "update": {"summary": {"a": 1}}}]}),
                "/actions/0/target",
                "`summary`",
            ),
            (
                json!({"overlay": "1.1.0", "info": {}, "actions": [{"target": "$.paths", "update": {}, "copy": "$.paths"}]}),
                "/actions/0",
                "both",
            ),
        ] {
            let error = apply(&mut document.clone(), &overlay).unwrap_err();
            assert_eq!(
                error.location.to_string(),
                format!(" at #{place}"),
                "{}",
                error.message
            );
            assert!(error.message.contains(text), "{}", error.message);
        }
    }
}
