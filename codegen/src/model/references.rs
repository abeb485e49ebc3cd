//! References: where a `$ref` leads, and the object there.
//!
//! An object under `#/components/<section>/<key>` is already in the parsed document and
//! is borrowed from it; an object anywhere else is read from the JSON where it stands.
//! Large documents refer to the same components from thousands of places (Microsoft
//! Graph's error response from every operation, its base entity from every `allOf`), so
//! reading a component once, with the document, rather than at each reference is most of
//! what resolving costs.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt};
use openapiv3::{Components, Header, Parameter, ReferenceOr, RequestBody, Response, Schema};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::modeler::Modeler;
use crate::error::{Diagnostic, Pointer, Result};

/// A kind of object a reference can lead to.
pub(super) trait Referenced: DeserializeOwned + Clone {
    /// The object at `#/components/<section>/<key>` in the parsed document, when objects
    /// of this kind are in that section.
    fn component<'c>(components: &'c Components, section: &str, key: &str) -> Option<&'c Self>;
}

macro_rules! referenced {
    ($($kind:ty => $section:literal . $field:ident),* $(,)?) => {$(
        impl Referenced for $kind {
            fn component<'c>(
                components: &'c Components,
                section: &str,
                key: &str,
            ) -> Option<&'c Self> {
                if section != $section {
                    return None;
                }
                components.$field.get(key).and_then(ReferenceOr::as_item)
            }
        }
    )*};
}

referenced! {
    Schema => "schemas".schemas,
    Parameter => "parameters".parameters,
    RequestBody => "requestBodies".request_bodies,
    Response => "responses".responses,
    Header => "headers".headers,
}

/// OpenAPI 3.0's components have no section of path items.
impl Referenced for crate::parse::PathItem {
    fn component<'c>(_: &'c Components, _: &str, _: &str) -> Option<&'c Self> {
        None
    }
}

/// The components' entries (`#/components/<section>/<key>`), by pointer: most references
/// lead to one, found here at once instead of through the document from its root.
pub(crate) struct Targets<'a>(HashMap<Pointer, &'a Value>);

impl<'a> Targets<'a> {
    pub(crate) fn of(raw: &'a Value) -> Targets<'a> {
        let mut targets = HashMap::new();
        if let Some(Value::Object(sections)) = raw.get("components") {
            let components = Pointer::root().push("components");
            for (section, entries) in sections {
                let Value::Object(entries) = entries else {
                    continue;
                };
                let at = components.push(section);
                targets.extend(entries.iter().map(|(key, value)| (at.push(key), value)));
            }
        }
        Targets(targets)
    }
}

impl<'a> Modeler<'a> {
    /// Checks that a reference is local and points into the document.
    pub(crate) fn ref_target(&self, reference: &str, pointer: &Pointer) -> Result<Pointer> {
        self.ref_value(reference, pointer).map(|(_, target)| target)
    }

    /// The value a local reference leads to (not through further references), and where
    /// it stands.
    fn ref_value(&self, reference: &str, pointer: &Pointer) -> Result<(&'a Value, Pointer)> {
        let Some(target) = Pointer::from_ref(reference) else {
            return Err(Diagnostic::at(
                pointer,
                format!(
                    "reference `{reference}` points into another document; only local \
                     references (`#/...`) are supported: bundle the document first"
                ),
            ));
        };
        match self.lookup(&target) {
            Some(value) => Ok((value, target)),
            None => Err(Diagnostic::at(
                pointer,
                format!("reference `{reference}` does not resolve: nothing is at `{target}`"),
            )),
        }
    }

    /// The value a reference (found at `pointer`) leads to, through chains of references,
    /// and where it stands.
    pub(crate) fn follow(
        &self,
        reference: &str,
        pointer: &Pointer,
    ) -> Result<(&'a Value, Pointer)> {
        let (mut value, mut target) = self.ref_value(reference, pointer)?;
        for _ in 0..32 {
            match value.get("$ref").and_then(Value::as_str) {
                Some(next) => (value, target) = self.ref_value(next, pointer)?,
                None => return Ok((value, target)),
            }
        }
        Err(Diagnostic::at(
            pointer,
            "a chain of references is too long or circular",
        ))
    }

    /// The JSON value at `target` in the normalized document.
    pub(crate) fn lookup(&self, target: &Pointer) -> Option<&'a Value> {
        if let Some(value) = self.targets.0.get(target) {
            return Some(value);
        }
        target
            .segments()
            .try_fold(self.raw, |value, segment| match value {
                Value::Object(object) => object.get(segment.as_ref()),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            })
    }

    /// The object `item`, at `pointer`, is or refers to (through chains of references),
    /// and where it stands.
    pub(super) fn resolve<'i, T: Referenced>(
        &self,
        item: &'i ReferenceOr<T>,
        pointer: Pointer,
    ) -> Result<(Cow<'i, T>, Pointer)>
    where
        'a: 'i,
    {
        let reference = match item {
            ReferenceOr::Item(item) => return Ok((Cow::Borrowed(item), pointer)),
            ReferenceOr::Reference { reference } => reference,
        };
        let (value, target) = self.follow(reference, &pointer)?;
        let item = self.object_at(value, &target).map_err(|e| {
            Diagnostic::at(&target, format!("invalid object behind `{reference}`: {e}"))
        })?;
        Ok((item, target))
    }

    /// The schema at `target`, which `reference` (found at `pointer`) names.
    pub(super) fn schema_at(
        &self,
        target: &Pointer,
        pointer: &Pointer,
        reference: &str,
    ) -> Result<Cow<'a, Schema>> {
        let value = self.lookup(target).unwrap_or(&Value::Null);
        self.object_at(value, target).map_err(|e| {
            Diagnostic::at(
                pointer,
                format!("reference `{reference}` does not point to a schema: {e}"),
            )
        })
    }

    /// The object of kind `T` that `value`, at `target`, holds: the parsed component's
    /// when `target` is one, or else read from `value`.
    fn object_at<T: Referenced>(
        &self,
        value: &Value,
        target: &Pointer,
    ) -> std::result::Result<Cow<'a, T>, serde_json::Error> {
        let mut segments = target.segments();
        let parsed = match (
            &self.document.components,
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) {
            (Some(components), Some(first), Some(section), Some(key), None)
                if first == "components" =>
            {
                T::component(components, &section, &key)
            }
            _ => None,
        };
        match parsed {
            Some(item) => Ok(Cow::Borrowed(item)),
            None => T::deserialize(value).map(Cow::Owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The components' entries are found by their pointers as the walk from the root
    /// finds them, keys with `/` and `~` included; other places through the walk.
    #[test]
    fn targets_are_found_as_the_walk_finds_them() {
        let raw = serde_json::json!({
            "paths": {"/a": {"get": {"parameters": [{"name": "p"}]}}},
            "components": {
                "schemas": {"a/b~c": {"type": "string"}, "d": {"properties": {"e": {}}}},
                "responses": {"Ok": {"description": "ok"}},
                "x-extension": 7
            }
        });
        let document = openapiv3::OpenAPI::default();
        let modeler = Modeler::new(&document, &raw);
        assert_eq!(modeler.targets.0.len(), 3);
        let walked = |pointer: &Pointer| {
            pointer
                .segments()
                .try_fold(&raw, |value, segment| match value {
                    Value::Object(object) => object.get(segment.as_ref()),
                    Value::Array(items) => items.get(segment.parse::<usize>().ok()?),
                    _ => None,
                })
        };
        for reference in [
            "#/components/schemas/a~1b~0c",
            "#/components/schemas/d",
            "#/components/schemas/d/properties/e",
            "#/components/responses/Ok",
            "#/components/responses/None",
            "#/components/x-extension",
            "#/paths/~1a/get/parameters/0",
        ] {
            let pointer = Pointer::from_ref(reference).unwrap();
            assert_eq!(modeler.lookup(&pointer), walked(&pointer), "{reference}");
        }
        let pointer = Pointer::from_ref("#/components/schemas/a~1b~0c").unwrap();
        assert_eq!(
            modeler.targets.0.get(&pointer),
            raw["components"]["schemas"].get("a/b~c").as_ref()
        );
    }
}
