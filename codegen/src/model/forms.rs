//! Multipart bodies with files: a struct of the body's schema becomes a form type whose
//! binary properties are file parts.
//!
//! A binary property is a string of `format: binary`, or one with a `contentMediaType`;
//! a list of them is a list of files. An object property that holds files becomes a
//! nested form, its parts named `outer[inner]` (a file cannot be written inside the JSON
//! part an object is otherwise sent as). A file part's media type comes from the media
//! type's `encoding` (top-level properties) or the schema's `contentMediaType`.

use foldhash::{HashMap, HashMapExt};
use indexmap::IndexMap;
use openapiv3::Encoding;
use serde_json::Value;

use super::modeler::Modeler;
use crate::error::Pointer;
use crate::ir::{Ty, TypeDef, TypeId, TypeKind};

/// How deep nested forms may go.
const MAX_FORM_DEPTH: usize = 8;

/// The properties of a form that hold files, by their names in the document.
#[derive(Debug, Default)]
struct Files(Vec<(String, FileProperty)>);

#[derive(Debug)]
enum FileProperty {
    /// One file, or a list of them, of this media type, with the part headers the
    /// encoding describes (documentation of each).
    File {
        list: bool,
        media: String,
        headers: Vec<String>,
    },
    /// An object holding files.
    Nested(Files),
}

impl Modeler<'_> {
    /// The type a multipart body of type `ty` (whose schema is at `schema`) is sent as:
    /// `ty` itself when its schema has no binary property, a form type otherwise.
    pub(crate) fn multipart_form(
        &mut self,
        ty: Ty,
        schema: &Pointer,
        encoding: &IndexMap<String, Encoding>,
    ) -> Ty {
        let mut files = self.files_at(schema, 0);
        for (name, encoding) in encoding.iter().filter(|(_, e)| !e.headers.is_empty()) {
            let file = files.0.iter_mut().find_map(|(n, property)| match property {
                FileProperty::File { headers, .. } if n == name => Some(headers),
                _ => None,
            });
            let described: Vec<String> = encoding
                .headers
                .iter()
                .filter(|(header, _)| !header.eq_ignore_ascii_case("content-type"))
                .map(|(header, value)| {
                    let doc = match value {
                        openapiv3::ReferenceOr::Item(h) => h.description.clone(),
                        openapiv3::ReferenceOr::Reference { .. } => None,
                    };
                    match doc {
                        Some(doc) => format!("`{header}`: {}", doc.trim().trim_end_matches('.')),
                        None => format!("`{header}`"),
                    }
                })
                .collect();
            match file {
                Some(headers) => *headers = described,
                None if !described.is_empty() => self.warn(
                    &schema.push("properties").then(name),
                    format!(
                        "the encoding gives the part `{name}` headers ({}), which only file parts \
                         send (`FilePart::header`): they are not sent",
                        described.join(", ")
                    ),
                ),
                None => {}
            }
        }
        if files.0.is_empty() {
            return ty;
        }
        for (name, property) in &mut files.0 {
            let media = encoding
                .get(name)
                .and_then(|e| e.content_type.as_deref())
                .and_then(|types| types.split(',').next())
                .map(str::trim)
                .filter(|t| !t.is_empty() && !t.contains('*'));
            if let (FileProperty::File { media: m, .. }, Some(media)) = (property, media) {
                media.clone_into(m);
            }
        }
        let Ty::Named(key) = ty else {
            return ty;
        };
        Ty::Named(self.form_type(key, &files, &mut HashMap::new()))
    }

    /// The files under the object schema at `pointer`.
    fn files_at(&self, pointer: &Pointer, depth: usize) -> Files {
        let mut files = Files::default();
        let Some((schema, at)) = self.raw_schema(pointer) else {
            return files;
        };
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return files;
        };
        for name in properties.keys() {
            let property_at = at.push("properties").then(name);
            let Some((property, property_at)) = self.raw_schema(&property_at) else {
                continue;
            };
            let items = (property.get("type").and_then(Value::as_str) == Some("array"))
                .then(|| self.raw_schema(&property_at.push("items")))
                .flatten();
            let found = if let Some(media) = binary_media(property) {
                Some(FileProperty::File {
                    list: false,
                    media,
                    headers: Vec::new(),
                })
            } else if let Some(media) = items.and_then(|(items, _)| binary_media(items)) {
                Some(FileProperty::File {
                    list: true,
                    media,
                    headers: Vec::new(),
                })
            } else if depth < MAX_FORM_DEPTH && property.get("properties").is_some() {
                Some(self.files_at(&property_at, depth + 1))
                    .filter(|nested| !nested.0.is_empty())
                    .map(FileProperty::Nested)
            } else {
                None
            };
            if let Some(found) = found {
                files.0.push((name.clone(), found));
            }
        }
        files
    }

    /// The schema at `pointer`, following references, and where it is.
    fn raw_schema(&self, pointer: &Pointer) -> Option<(&Value, Pointer)> {
        let value = self.lookup(pointer)?;
        match value.get("$ref").and_then(Value::as_str) {
            // A reference that does not resolve is reported where the schema is modeled.
            Some(reference) => self.follow(reference, pointer).ok(),
            None => Some((value, pointer.clone())),
        }
    }

    /// The form type for the struct `key` with `files`: the struct itself, turned into a
    /// form, when it is an inline schema's (used by this body alone), a copy when it is a
    /// component's. `made` maps the structs already turned to their forms.
    fn form_type(
        &mut self,
        key: TypeId,
        files: &Files,
        made: &mut HashMap<TypeId, TypeId>,
    ) -> TypeId {
        if let Some(form) = made.get(&key) {
            return *form;
        }
        let Some(original) = self.type_def(key) else {
            return key;
        };
        let TypeKind::Struct(def) = &original.kind else {
            return key;
        };
        let mut fields = def.fields.clone();
        let form = if original.component {
            let (base, pointer, doc) = (
                format!("{} form", original.base),
                original.pointer.clone(),
                original.doc.clone(),
            );
            let copy = self.new_key();
            let kind = TypeKind::Alias(Ty::Json);
            self.push_type(copy, TypeDef::found(base, &pointer, false, doc, kind));
            copy
        } else {
            key
        };
        made.insert(key, form);
        for field in &mut fields {
            // A `null` is no part: a form field is absent or present.
            field.nullable = false;
            let Some((_, property)) = files.0.iter().find(|(n, _)| *n == field.wire_name) else {
                continue;
            };
            if let FileProperty::File { headers, .. } = property {
                if !headers.is_empty() {
                    let note = format!(
                        "The part's headers the document describes, each set with \
                         `FilePart::header`: {}.",
                        headers.join("; ")
                    );
                    field.doc = Some(match field.doc.take() {
                        Some(doc) => format!("{doc}\n\n{note}"),
                        None => note,
                    });
                }
            }
            field.ty = match property {
                FileProperty::File {
                    list: false, media, ..
                } => Ty::File(media.clone()),
                FileProperty::File {
                    list: true, media, ..
                } => Ty::List(Box::new(Ty::File(media.clone()))),
                FileProperty::Nested(nested) => match inner_named(&field.ty) {
                    Some(inner) => Ty::Named(self.form_type(inner, nested, made)),
                    None => continue,
                },
            };
        }
        if let Some(def) = self.type_def_mut(form) {
            def.kind = TypeKind::Form(fields);
        }
        form
    }
}

/// The generated type a field holds, when it holds exactly one.
fn inner_named(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(key) => Some(*key),
        Ty::Nullable(inner) => inner_named(inner),
        _ => None,
    }
}

/// The media type of a binary string schema: its `contentMediaType`, or
/// `application/octet-stream`.
fn binary_media(schema: &Value) -> Option<String> {
    let media = schema.get("contentMediaType").and_then(Value::as_str);
    let binary = schema.get("format").and_then(Value::as_str) == Some("binary");
    (binary || media.is_some()).then(|| {
        media
            .filter(|m| !m.contains('*'))
            .unwrap_or("application/octet-stream")
            .to_owned()
    })
}
