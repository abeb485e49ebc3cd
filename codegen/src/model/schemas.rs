//! Schemas to Rust types.

use std::borrow::{Borrow, Cow};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use foldhash::{HashSet, HashSetExt};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type as OaType};
use serde_json::Value;

use super::modeler::{Entry, Modeler, Shape};
use crate::error::{Diagnostic, Pointer, Result};
use crate::ir::{EnumVariant, Extra, Field, Struct, Ty, TypeDef, TypeId, TypeKind, UnionVariant};
use crate::load::kind_of;
use crate::names::{camel, snake, Scope};

/// How deep schemas may nest inside one another.
const MAX_SCHEMA_DEPTH: usize = 64;

/// The name a type defined for a schema gets.
#[derive(Debug, Clone)]
pub(crate) enum Hint<'h> {
    /// A component schema's own type: its key is reserved, so that references to it
    /// resolve before it is converted.
    Component { key: TypeId, base: String },
    /// A base to derive a name from (`ContactListItem additional_attributes`).
    Derived(String),
    /// The base of a schema nested under another: the parent's, then the suffix. Joined
    /// only when a type is defined with it: most nested schemas define none.
    Child(&'h Hint<'h>, &'h str),
}

impl<'h> Hint<'h> {
    /// The base this hint derives a name from.
    fn base(&self) -> String {
        let mut base = String::new();
        self.write_base(&mut base);
        base
    }

    fn write_base(&self, out: &mut String) {
        match self {
            Hint::Component { base, .. } | Hint::Derived(base) => out.push_str(base),
            Hint::Child(parent, suffix) => {
                parent.write_base(out);
                out.push(' ');
                out.push_str(suffix);
            }
        }
    }

    /// The hint for an object that stands under `#/components/<section>/<key>`, named after
    /// the component wherever it is used.
    pub fn for_component(pointer: &Pointer) -> Option<Hint<'static>> {
        pointer
            .component_key()
            .map(|key| Hint::Derived(key.into_owned()))
    }

    /// Whether the object at `pointer` stands under `#/components/<section>/<key>`.
    pub fn under_component(pointer: &Pointer) -> bool {
        pointer.is_under_component()
    }

    /// The hint for a schema nested under this one.
    pub fn child<'c>(&'c self, suffix: &'c str) -> Hint<'c> {
        Hint::Child(self, suffix)
    }
}

/// Where a schema stands: at a pointer, or a few segments below one, written out only
/// when something needs it (a type defined there, a warning, an error): most schemas
/// define nothing and raise nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'p> {
    /// At the pointer.
    At(&'p Pointer),
    /// At the segments (unescaped) below the pointer.
    Below(&'p Pointer, &'p [&'p str]),
}

impl<'p> Place<'p> {
    /// The pointer to the place.
    pub fn pointer(self) -> Cow<'p, Pointer> {
        match self {
            Place::At(pointer) => Cow::Borrowed(pointer),
            Place::Below(base, segments) => Cow::Owned(match segments.split_first() {
                Some((first, rest)) => (rest.iter()).fold(base.push(first), |at, s| at.then(s)),
                None => base.clone(),
            }),
        }
    }
}

impl<'p> From<&'p Pointer> for Place<'p> {
    fn from(pointer: &'p Pointer) -> Self {
        Place::At(pointer)
    }
}

/// A schema where it stands, with or without a `$ref`.
enum SchemaRef<'s> {
    Ref(&'s str),
    Inline(&'s Schema),
}

fn schema_ref<T: Borrow<Schema>>(schema: &ReferenceOr<T>) -> SchemaRef<'_> {
    match schema {
        ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
        ReferenceOr::Item(item) => SchemaRef::Inline(item.borrow()),
    }
}

/// A schema's structure, with `openapiv3`'s typed and untyped forms brought together.
enum Form<'s> {
    Scalar(Ty),
    /// A string schema's enum (`None` for `null`), read as it is: the common case,
    /// without the copies into JSON values of [`Form::Enum`].
    Strings(&'s [Option<String>]),
    Enum(Vec<Value>, Option<&'s str>),
    Object {
        properties: Vec<(&'s String, &'s ReferenceOr<Box<Schema>>)>,
        required: &'s [String],
        additional: Option<&'s AdditionalProperties>,
    },
    Array(Option<&'s ReferenceOr<Box<Schema>>>),
    AllOf(&'s [ReferenceOr<Schema>]),
    OneOf(&'s [ReferenceOr<Schema>]),
}

fn scalar_for_type_name(name: &str) -> Option<Ty> {
    match name {
        "string" => Some(Ty::String),
        "integer" => Some(Ty::Integer),
        "number" => Some(Ty::Number),
        "boolean" => Some(Ty::Boolean),
        _ => None,
    }
}

fn form_of(schema: &Schema) -> Form<'_> {
    fn values<T: Into<Value> + Clone>(items: &[Option<T>]) -> Vec<Value> {
        items
            .iter()
            .map(|v| v.clone().map_or(Value::Null, Into::into))
            .collect()
    }
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) if !s.enumeration.is_empty() => {
            Form::Strings(&s.enumeration)
        }
        SchemaKind::Type(OaType::Integer(i)) if !i.enumeration.is_empty() => {
            Form::Enum(values(&i.enumeration), Some("integer"))
        }
        SchemaKind::Type(OaType::Number(n)) if !n.enumeration.is_empty() => {
            Form::Enum(values(&n.enumeration), Some("number"))
        }
        SchemaKind::Type(OaType::Boolean(b)) if !b.enumeration.is_empty() => {
            Form::Enum(values(&b.enumeration), Some("boolean"))
        }
        SchemaKind::Type(OaType::String(_)) => Form::Scalar(Ty::String),
        SchemaKind::Type(OaType::Integer(_)) => Form::Scalar(Ty::Integer),
        SchemaKind::Type(OaType::Number(_)) => Form::Scalar(Ty::Number),
        SchemaKind::Type(OaType::Boolean(_)) => Form::Scalar(Ty::Boolean),
        SchemaKind::Type(OaType::Object(o)) => Form::Object {
            properties: o.properties.iter().collect(),
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        },
        SchemaKind::Type(OaType::Array(a)) => Form::Array(a.items.as_ref()),
        SchemaKind::AllOf { all_of } => Form::AllOf(all_of),
        SchemaKind::OneOf { one_of } => Form::OneOf(one_of),
        SchemaKind::AnyOf { any_of } => Form::OneOf(any_of),
        SchemaKind::Not { .. } => Form::Scalar(Ty::Json),
        SchemaKind::Any(any) => {
            let typ = any.typ.as_deref();
            if !any.enumeration.is_empty() {
                Form::Enum(any.enumeration.clone(), typ)
            } else if !any.all_of.is_empty() {
                Form::AllOf(&any.all_of)
            } else if !any.one_of.is_empty() {
                Form::OneOf(&any.one_of)
            } else if !any.any_of.is_empty() {
                Form::OneOf(&any.any_of)
            } else if typ == Some("array") {
                // A declared type wins over keywords that only apply to other types
                // (`additionalProperties` beside `type: array`).
                Form::Array(any.items.as_ref())
            } else if let Some(scalar) = typ.and_then(scalar_for_type_name) {
                Form::Scalar(scalar)
            } else if !any.properties.is_empty()
                || any.additional_properties.is_some()
                || typ == Some("object")
            {
                Form::Object {
                    properties: any.properties.iter().collect(),
                    required: &any.required,
                    additional: any.additional_properties.as_ref(),
                }
            } else if any.items.is_some() {
                Form::Array(any.items.as_ref())
            } else {
                Form::Scalar(Ty::Json)
            }
        }
    }
}

/// The text for a doc comment: the schema's description.
pub(crate) fn schema_doc(schema: &Schema) -> Option<String> {
    schema
        .schema_data
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
}

impl<'a> Modeler<'a> {
    /// The shape of a schema that may be a reference.
    pub(crate) fn shape<'p, T: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<T>,
        hint: &Hint,
        place: impl Into<Place<'p>>,
    ) -> Result<Shape> {
        let place = place.into();
        // Real schemas nest a few levels; only a schema that merges itself into its own
        // parts (`additionalProperties: {allOf: [{$ref: <itself>}]}`) nests without end.
        if self.depth >= MAX_SCHEMA_DEPTH {
            return Err(Diagnostic::at(
                &place.pointer(),
                format!(
                    "schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here: a schema \
                     probably contains itself through `allOf`"
                ),
            ));
        }
        self.depth += 1;
        let shape = match schema_ref(schema) {
            SchemaRef::Ref(reference) => self.reference(reference, place),
            SchemaRef::Inline(schema) => self.inline(schema, hint, place),
        };
        self.depth -= 1;
        shape
    }

    /// The shape a `$ref` stands for; each target is converted once.
    fn reference(&mut self, reference: &str, place: Place<'_>) -> Result<Shape> {
        // A target met before resolved then: its shape, without looking through the
        // document again.
        let known = Pointer::text_of_ref(reference)
            .and_then(|target| self.resolved.get(target.as_ref()).cloned());
        if let Some(shape) = known {
            return Ok(shape);
        }
        let pointer = &*place.pointer();
        let target = self.ref_target(reference, pointer)?;
        let segments: Vec<Cow<str>> = target.segments().collect();
        let document = self.document;
        let component = match segments.as_slice() {
            [components, schemas, key] if components == "components" && schemas == "schemas" => {
                document
                    .components
                    .as_ref()
                    .and_then(|c| c.schemas.get(key.as_ref()))
                    .map(|schema| (key, schema))
            }
            _ => None,
        };
        match component {
            Some((key, schema)) => self.component(key, schema, &target),
            None => {
                // A schema elsewhere in the document: convert it where it stands.
                let from = self.mark();
                let schema = self.schema_at(&target, pointer, reference)?;
                let last = segments.last().map(|s| s.to_string()).unwrap_or_default();
                let shape = self.inline(&schema, &Hint::Derived(last), &target)?;
                self.resolved.insert(target.to_string(), shape.clone());
                self.record(from, || Entry::Resolved(target.to_string()));
                Ok(shape)
            }
        }
    }

    /// The shape of the component schema `key`, defining its type on first use.
    fn component(
        &mut self,
        name: &str,
        schema: &ReferenceOr<Schema>,
        target: &Pointer,
    ) -> Result<Shape> {
        let from = self.mark();
        let nullable = match schema {
            ReferenceOr::Item(item) => item.schema_data.nullable,
            ReferenceOr::Reference { .. } => false,
        };
        let key = self.new_key();
        let shape = Shape {
            ty: Ty::Named(key),
            nullable,
        };
        // Registered before conversion, so that recursive schemas terminate.
        self.resolved.insert(target.to_string(), shape.clone());
        let hint = Hint::Component {
            key,
            base: name.to_owned(),
        };
        let (inner, doc) = match schema {
            ReferenceOr::Reference { reference: next } => {
                self.check_alias_chain(&target.to_string(), target)?;
                (self.reference(next, Place::At(target))?, None)
            }
            ReferenceOr::Item(item) => (self.inline(item, &hint, target)?, schema_doc(item)),
        };
        if self.type_def(key).is_none() {
            if self.aliases_lead_to(&inner.ty, key) {
                return Err(Diagnostic::at(
                    target,
                    "this schema only refers to schemas that refer back to it (through `$ref`, \
                     or `allOf`/`oneOf` of one part) and never says what its values are",
                ));
            }
            let kind = TypeKind::Alias(inner.ty.clone());
            self.push_type(
                key,
                TypeDef::found(name.to_owned(), target, true, doc, kind),
            );
        }
        let shape = Shape {
            ty: shape.ty,
            nullable: nullable || inner.nullable,
        };
        self.resolved.insert(target.to_string(), shape.clone());
        self.record(from, || Entry::Resolved(target.to_string()));
        Ok(shape)
    }

    /// Whether `ty` is the type of `key`, or an alias that leads to it.
    fn aliases_lead_to(&self, ty: &Ty, key: TypeId) -> bool {
        let mut current = ty;
        for _ in 0..=self.type_count() {
            let Ty::Named(next) = current else {
                return false;
            };
            if *next == key {
                return true;
            }
            match self.type_def(*next).map(|t| &t.kind) {
                Some(TypeKind::Alias(target)) => current = target,
                _ => return false,
            }
        }
        true
    }

    /// Fails on a chain of components that are only references and lead back to themselves.
    fn check_alias_chain(&self, start: &str, pointer: &Pointer) -> Result<()> {
        let mut seen = HashSet::new();
        let mut current = start.to_owned();
        while seen.insert(current.clone()) {
            match self
                .lookup(&Pointer::from_ref(&current).unwrap_or_else(Pointer::root))
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str)
            {
                Some(next) => current = next.to_owned(),
                None => return Ok(()),
            }
        }
        Err(Diagnostic::at(
            pointer,
            format!("`{start}` is a cycle of references that never reaches a schema"),
        ))
    }

    /// Defines every component schema (used when the whole document is generated).
    pub(crate) fn all_components(&mut self) -> Result<()> {
        let keys: Vec<String> = self
            .document
            .components
            .as_ref()
            .map(|c| c.schemas.keys().cloned().collect())
            .unwrap_or_default();
        let base = Pointer::root().push("components").then("schemas");
        for key in keys {
            let pointer = base.push(&key);
            self.reference(&pointer.to_string(), Place::At(&pointer))?;
        }
        Ok(())
    }

    /// Records the type defined at `hint` and returns it.
    fn define(
        &mut self,
        hint: &Hint,
        pointer: &Pointer,
        doc: Option<String>,
        kind: TypeKind,
    ) -> Ty {
        let key = match hint {
            Hint::Component { key, base } => {
                self.push_type(*key, TypeDef::found(base.clone(), pointer, true, doc, kind));
                *key
            }
            _ => self.add_type(hint.base(), pointer, doc, kind),
        };
        Ty::Named(key)
    }

    /// Records the struct defined at `hint` with `properties` and returns it.
    fn define_struct(
        &mut self,
        hint: &Hint,
        pointer: &Pointer,
        doc: Option<String>,
        properties: Vec<Property<'_>>,
        additional: Option<&AdditionalProperties>,
    ) -> Result<Ty> {
        let (key, base, component) = match hint {
            Hint::Component { key, base } => (*key, base.clone(), true),
            _ => (self.new_key(), hint.base(), false),
        };
        // Registered before the fields are converted, so that a field leading back here
        // (through an `allOf` that merges this very schema) refers to this struct.
        if Hint::under_component(pointer) {
            self.converted
                .insert(pointer.clone(), Shape::new(Ty::Named(key)));
        }
        let def = self.object(properties, additional, hint, pointer)?;
        let kind = TypeKind::Struct(def);
        self.push_type(key, TypeDef::found(base, pointer, component, doc, kind));
        Ok(Ty::Named(key))
    }

    /// The shape of an inline schema, defining named types for its structure as needed.
    pub(crate) fn inline<'p>(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        place: impl Into<Place<'p>>,
    ) -> Result<Shape> {
        let form = form_of(schema);
        if let Form::Scalar(ty) = form {
            // A scalar defines nothing: it is converted wherever it is met.
            return Ok(self.scalar(schema, ty));
        }
        let pointer = &*place.into().pointer();
        let once = Hint::under_component(pointer);
        if once {
            if let Some(shape) = self.converted.get(pointer) {
                return Ok(shape.clone());
            }
        }
        let from = self.mark();
        let shape = self.convert(schema, form, hint, pointer)?;
        if once {
            self.converted.insert(pointer.clone(), shape.clone());
            self.record(from, || Entry::Converted(pointer.clone()));
        }
        Ok(shape)
    }

    /// The shape of an inline schema of the structure `form`.
    fn convert(
        &mut self,
        schema: &Schema,
        form: Form<'_>,
        hint: &Hint,
        pointer: &Pointer,
    ) -> Result<Shape> {
        let nullable = schema.schema_data.nullable;
        // The description, read only for a schema that defines a type.
        let doc = || schema_doc(schema);
        let shape = match form {
            Form::Scalar(ty) => self.scalar(schema, ty),
            Form::Strings(values) => {
                let strings: Vec<&str> = values.iter().flatten().map(String::as_str).collect();
                let ty = if strings.is_empty() {
                    Ty::Json
                } else {
                    self.string_enum(&strings, hint, doc(), pointer)
                };
                Shape {
                    ty,
                    nullable: values.iter().any(Option::is_none),
                }
            }
            Form::Enum(values, declared) => {
                self.enumeration(values, declared, hint, doc(), pointer)
            }
            Form::Object {
                properties,
                required,
                additional,
            } => {
                if properties.is_empty() {
                    Shape::new(self.map_of(additional, hint, pointer)?)
                } else {
                    let props = declared(properties, required, hint, pointer);
                    Shape::new(self.define_struct(hint, pointer, doc(), props, additional)?)
                }
            }
            Form::Array(items) => {
                let item = match items {
                    Some(items) => self
                        .shape(
                            items,
                            &hint.child("item"),
                            Place::Below(pointer, &["items"]),
                        )?
                        .into_ty(),
                    None => Ty::Json,
                };
                Shape::new(Ty::List(Box::new(item)))
            }
            Form::AllOf(parts) => self.all_of(schema, parts, hint, doc(), pointer)?,
            Form::OneOf(variants) => {
                let discriminator = schema.schema_data.discriminator.as_ref();
                self.one_of(variants, discriminator, hint, doc(), pointer)?
            }
        };
        Ok(Shape {
            ty: shape.ty,
            nullable: nullable || shape.nullable,
        })
    }

    /// The shape of a scalar schema of the type `ty`, as its format refines it.
    fn scalar(&self, schema: &Schema, ty: Ty) -> Shape {
        let any_format = match &schema.schema_kind {
            SchemaKind::Any(any) => any.format.as_deref(),
            _ => None,
        };
        Shape {
            ty: self.formats.ty(&schema.schema_kind, any_format, ty),
            nullable: schema.schema_data.nullable,
        }
    }

    /// A map type for an object without properties.
    fn map_of(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &Hint,
        pointer: &Pointer,
    ) -> Result<Ty> {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self
                .shape(
                    schema.as_ref(),
                    &hint.child("value"),
                    Place::Below(pointer, &["additionalProperties"]),
                )?
                .into_ty(),
            _ => Ty::Json,
        };
        Ok(Ty::Map(Box::new(value)))
    }

    fn enumeration(
        &mut self,
        values: Vec<Value>,
        declared: Option<&str>,
        hint: &Hint,
        doc: Option<String>,
        pointer: &Pointer,
    ) -> Shape {
        let nullable = values.iter().any(Value::is_null);
        let values: Vec<Value> = values.into_iter().filter(|v| !v.is_null()).collect();
        let kind = values
            .iter()
            .map(value_kind)
            .fold(None, |acc, kind| match acc {
                None => Some(kind),
                Some(k) if k == kind => Some(k),
                Some(_) => Some("mixed"),
            });
        let ty = match kind {
            Some("string") => {
                if declared.is_some_and(|d| d != "string") {
                    self.warn(
                        pointer,
                        format!(
                            "the enum values are strings but the declared type is `{}`; \
                             generated a string enum",
                            declared.unwrap_or_default()
                        ),
                    );
                }
                let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                self.string_enum(&strings, hint, doc, pointer)
            }
            Some("integer") if declared != Some("number") => Ty::Integer,
            Some("integer" | "number") => Ty::Number,
            Some("boolean") => Ty::Boolean,
            Some(kind) => {
                self.warn(
                    pointer,
                    format!("the enum values are {kind}; generated an untyped JSON value"),
                );
                Ty::Json
            }
            None => Ty::Json,
        };
        Shape { ty, nullable }
    }

    /// A string enum of `values`, with a variant for each value and one for the others.
    /// Its variants depend on the values alone, and are made once for each list of values
    /// (a document may repeat one list in thousands of places).
    pub(crate) fn string_enum(
        &mut self,
        values: &[impl AsRef<str>],
        hint: &Hint,
        doc: Option<String>,
        pointer: &Pointer,
    ) -> Ty {
        let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        let key = enum_key(&values);
        let (variants, other) = match self.enums.get(&key) {
            Some(made) => made.clone(),
            None => {
                let made = enum_variants(&values);
                self.enums.insert(key, made.clone());
                made
            }
        };
        self.define(hint, pointer, doc, TypeKind::Enum { variants, other })
    }

    /// Builds a struct from properties of different names, in order.
    fn object(
        &mut self,
        properties: Vec<Property<'_>>,
        additional: Option<&AdditionalProperties>,
        hint: &Hint,
        pointer: &Pointer,
    ) -> Result<Struct> {
        let mut scope = Scope::default();
        let wire_names: Vec<&str> = properties.iter().map(|p| p.wire.as_str()).collect();
        let names = scope.claim_all(&wire_names, snake);
        let mut fields = Vec::with_capacity(properties.len());
        for (property, name) in properties.into_iter().zip(names) {
            let shape = self.shape(
                property.schema.as_ref(),
                &property.parent.child(&property.wire),
                Place::Below(&property.properties, &[&property.wire]),
            )?;
            let doc = match property.schema.as_ref() {
                ReferenceOr::Item(schema) => schema_doc(schema),
                ReferenceOr::Reference { .. } => None,
            };
            fields.push(Field {
                name,
                wire_name: property.wire,
                doc,
                ty: shape.ty,
                required: property.required,
                nullable: shape.nullable,
                boxed: false,
            });
        }
        let extra = match additional {
            Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Schema(schema)) => Some(Extra {
                name: scope.claim("extra"),
                value: self
                    .shape(
                        schema.as_ref(),
                        &hint.child("value"),
                        Place::Below(pointer, &["additionalProperties"]),
                    )?
                    .into_ty(),
            }),
            _ => Some(Extra {
                name: scope.claim("extra"),
                value: Ty::Json,
            }),
        };
        Ok(Struct { fields, extra })
    }

    /// `allOf`: one part stands for itself; several are merged into one struct.
    fn all_of(
        &mut self,
        schema: &Schema,
        parts: &[ReferenceOr<Schema>],
        hint: &Hint,
        doc: Option<String>,
        pointer: &Pointer,
    ) -> Result<Shape> {
        let own_properties = match &schema.schema_kind {
            SchemaKind::Any(any) => !any.properties.is_empty(),
            _ => false,
        };
        // Parts without a type (`{maxLength: 3}`, `{description: ...}`) only constrain.
        let typed: Vec<(usize, &ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| match part {
                ReferenceOr::Item(schema) => !matches!(form_of(schema), Form::Scalar(Ty::Json)),
                ReferenceOr::Reference { .. } => true,
            })
            .collect();
        if let ([(i, part)], false) = (typed.as_slice(), own_properties) {
            return self.shape(*part, hint, &pointer.push("allOf").then(i));
        }
        let mut properties = Vec::new();
        let mut additional = None;
        let mut nullable = false;
        for (i, part) in parts.iter().enumerate() {
            let part_pointer = pointer.push("allOf").then(i);
            nullable |= self.collect_properties(
                part,
                &part_pointer,
                hint,
                &mut properties,
                &mut additional,
                0,
            )?;
        }
        if let SchemaKind::Any(any) = &schema.schema_kind {
            properties.extend(declared(&any.properties, &any.required, hint, pointer));
            additional = additional.or(any.additional_properties.clone());
        }
        let properties = merged(properties);
        let ty = self.define_struct(hint, pointer, doc, properties, additional.as_ref())?;
        Ok(Shape { ty, nullable })
    }

    /// Gathers the properties of one `allOf` part, following references and nested
    /// `allOf`s; returns whether the part allows `null`. Types nested in the properties
    /// are named after `parent`, or after the component a reference leads to.
    fn collect_properties<'s>(
        &mut self,
        part: &'s ReferenceOr<Schema>,
        pointer: &Pointer,
        parent: &Hint,
        properties: &mut Vec<Property<'s>>,
        additional: &mut Option<AdditionalProperties>,
        depth: usize,
    ) -> Result<bool>
    where
        'a: 's,
    {
        if depth > 64 {
            return Err(Diagnostic::at(
                pointer,
                "`allOf` nests or refers to itself too deeply",
            ));
        }
        let (schema, pointer, parent) = match part {
            ReferenceOr::Reference { reference } => {
                let target = self.ref_target(reference, pointer)?;
                let parent = Hint::for_component(&target).unwrap_or_else(|| parent.clone());
                (self.schema_at(&target, pointer, reference)?, target, parent)
            }
            ReferenceOr::Item(schema) => (Cow::Borrowed(schema), pointer.clone(), parent.clone()),
        };
        let nullable = schema.schema_data.nullable;
        match schema {
            Cow::Borrowed(schema) => {
                self.gather(schema, &pointer, &parent, properties, additional, depth)?;
            }
            // A schema read from elsewhere in the document lives only here: its
            // properties are copied.
            Cow::Owned(schema) => {
                let mut own = Vec::new();
                self.gather(&schema, &pointer, &parent, &mut own, additional, depth)?;
                properties.extend(own.into_iter().map(Property::into_owned));
            }
        }
        Ok(nullable)
    }

    /// Gathers the properties of the schema of an `allOf` part.
    fn gather<'s>(
        &mut self,
        schema: &'s Schema,
        pointer: &Pointer,
        parent: &Hint,
        properties: &mut Vec<Property<'s>>,
        additional: &mut Option<AdditionalProperties>,
        depth: usize,
    ) -> Result<()>
    where
        'a: 's,
    {
        match form_of(schema) {
            Form::Object {
                properties: own,
                required,
                additional: own_additional,
            } => {
                properties.extend(declared(own, required, parent, pointer));
                if additional.is_none() {
                    additional.clone_from(&own_additional.cloned());
                }
            }
            Form::AllOf(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    self.collect_properties(
                        part,
                        &pointer.push("allOf").then(i),
                        parent,
                        properties,
                        additional,
                        depth + 1,
                    )?;
                }
                if let SchemaKind::Any(any) = &schema.schema_kind {
                    properties.extend(declared(&any.properties, &any.required, parent, pointer));
                }
            }
            Form::Scalar(Ty::Json) => {}
            _ => self.warn(
                pointer,
                "an `allOf` part that is not an object cannot be merged into a struct; \
                 its constraints were left out",
            ),
        }
        Ok(())
    }

    /// `oneOf`/`anyOf`: an untagged enum of the shapes, or the only shape.
    fn one_of(
        &mut self,
        variants: &[ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        hint: &Hint,
        doc: Option<String>,
        pointer: &Pointer,
    ) -> Result<Shape> {
        if let [only] = variants {
            return self.shape(only, hint, &pointer.push("oneOf").then(0));
        }
        let mut scope = Scope::default();
        let mut converted = Vec::with_capacity(variants.len());
        let mut nullable = false;
        for (i, variant) in variants.iter().enumerate() {
            let kind_name = variant_base(variant);
            let shape = self.shape(
                variant,
                &hint.child(&kind_name),
                &pointer.push("oneOf").then(i),
            )?;
            nullable |= shape.nullable;
            let name = scope.claim(camel(&kind_name));
            converted.push(UnionVariant {
                name,
                ty: shape.ty,
                boxed: false,
                tag_values: discriminator
                    .map(|d| self.tag_values(d, variant, pointer))
                    .unwrap_or_default(),
            });
        }
        // A value selects the first variant that claims it.
        let mut claimed = BTreeSet::new();
        for variant in &mut converted {
            variant
                .tag_values
                .retain(|value| claimed.insert(value.clone()));
        }
        let mut tag = discriminator.map(|d| d.property_name.clone());
        if tag.is_some() && converted.iter().any(|v| v.tag_values.is_empty()) {
            self.warn(
                pointer,
                "the discriminator does not name a value for every variant; variants are \
                 tried in order instead",
            );
            tag = None;
        }
        let union = crate::ir::Union {
            variants: converted,
            tag,
        };
        let ty = self.define(hint, pointer, doc, TypeKind::Union(union));
        Ok(Shape { ty, nullable })
    }

    /// The discriminator values that select `variant`: those its mapping lists for it or,
    /// without any, the name of the component it refers to and, where that schema allows
    /// its tag property one value only (`enum: [track]`), that value, which is the only one
    /// a server can send for it.
    fn tag_values<T: Borrow<Schema>>(
        &self,
        discriminator: &openapiv3::Discriminator,
        variant: &ReferenceOr<T>,
        pointer: &Pointer,
    ) -> Vec<String> {
        let SchemaRef::Ref(reference) = schema_ref(variant) else {
            return Vec::new();
        };
        let component = reference.rsplit('/').next().unwrap_or_default();
        let mapped: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| *target == reference || *target == component)
            .map(|(value, _)| value.clone())
            .collect();
        if !mapped.is_empty() {
            return mapped;
        }
        let mut values = vec![component.to_owned()];
        let only = self
            .follow(reference, pointer)
            .ok()
            .and_then(|(schema, _)| self.only_value(schema, &discriminator.property_name, 0));
        values.extend(only.filter(|only| only != component));
        values
    }

    /// The one value `schema` allows its property `name` (`enum: [track]`), in its own
    /// properties or those of the parts of its `allOf`.
    fn only_value(&self, schema: &Value, name: &str, depth: usize) -> Option<String> {
        if let Some(values) = schema["properties"][name]["enum"].as_array() {
            return match values.as_slice() {
                [Value::String(only)] => Some(only.clone()),
                _ => None,
            };
        }
        if depth > 8 {
            return None;
        }
        schema["allOf"].as_array()?.iter().find_map(|part| {
            let part = match part.get("$ref").and_then(Value::as_str) {
                Some(reference) => self.follow(reference, &Pointer::root()).ok()?.0,
                None => part,
            };
            self.only_value(part, name, depth + 1)
        })
    }
}

/// A property gathered for a struct.
struct Property<'s> {
    /// What types nested in the property are named after (shared by the properties of
    /// one schema).
    parent: Rc<Hint<'static>>,
    wire: String,
    required: bool,
    schema: Cow<'s, ReferenceOr<Box<Schema>>>,
    /// The pointer to the `properties` the property is one of (shared by the properties
    /// of one schema).
    properties: Rc<Pointer>,
}

impl Property<'_> {
    fn into_owned<'t>(self) -> Property<'t> {
        Property {
            parent: self.parent,
            wire: self.wire,
            required: self.required,
            schema: Cow::Owned(self.schema.into_owned()),
            properties: self.properties,
        }
    }
}

/// The properties of the parts of an `allOf`, one of each name: where a later part
/// declares a property again, its declaration takes the place of the first, required if
/// either is.
fn merged(properties: Vec<Property<'_>>) -> Vec<Property<'_>> {
    let mut merged: Vec<Property> = Vec::with_capacity(properties.len());
    for property in properties {
        match merged.iter_mut().find(|p| p.wire == property.wire) {
            Some(existing) => {
                let required = existing.required || property.required;
                *existing = Property {
                    required,
                    ..property
                };
            }
            None => merged.push(property),
        }
    }
    merged
}

/// The properties a schema at `pointer` declares, with types nested in them named under
/// `parent`.
fn declared<'s>(
    properties: impl IntoIterator<Item = (&'s String, &'s ReferenceOr<Box<Schema>>)>,
    required: &[String],
    parent: &Hint,
    pointer: &Pointer,
) -> Vec<Property<'s>> {
    let parent = Rc::new(Hint::Derived(parent.base()));
    let pointer = Rc::new(pointer.push("properties"));
    properties
        .into_iter()
        .map(|(wire, schema)| Property {
            parent: Rc::clone(&parent),
            wire: wire.clone(),
            required: required.contains(wire),
            schema: Cow::Borrowed(schema),
            properties: Rc::clone(&pointer),
        })
        .collect()
}

/// The key of a list of enum values: each value after its length, so that no two lists
/// have the same key.
fn enum_key(values: &[&str]) -> Vec<u8> {
    let mut key = Vec::with_capacity(values.iter().map(|v| v.len() + 8).sum());
    for value in values {
        key.extend_from_slice(&value.len().to_le_bytes());
        key.extend_from_slice(value.as_bytes());
    }
    key
}

/// A string enum's variants, one for each distinct value, and its variant for the others.
fn enum_variants(values: &[&str]) -> (Arc<[EnumVariant]>, String) {
    let mut scope = Scope::default();
    let mut seen = HashSet::new();
    let unique: Vec<&str> = values
        .iter()
        .copied()
        .filter(|value| seen.insert(*value))
        .collect();
    let names = scope.claim_all(&unique, camel);
    let variants = unique
        .iter()
        .zip(names)
        .map(|(value, name)| EnumVariant {
            name,
            value: (*value).to_owned(),
        })
        .collect();
    (variants, scope.claim("Other"))
}

fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        other => kind_of(other),
    }
}

/// A union variant's name, from what it refers to or its structure: `Contact`, `String`,
/// `ContactList`...
fn variant_base<T: Borrow<Schema>>(variant: &ReferenceOr<T>) -> String {
    let schema = match schema_ref(variant) {
        SchemaRef::Ref(reference) => {
            return reference.rsplit('/').next().unwrap_or("variant").to_owned()
        }
        SchemaRef::Inline(schema) => schema,
    };
    match form_of(schema) {
        Form::Scalar(Ty::String) => "string".to_owned(),
        Form::Scalar(Ty::Integer) => "integer".to_owned(),
        Form::Scalar(Ty::Number) => "number".to_owned(),
        Form::Scalar(Ty::Boolean) => "boolean".to_owned(),
        Form::Scalar(_) => "value".to_owned(),
        Form::Strings(_) | Form::Enum(..) => "enum".to_owned(),
        Form::Object { properties, .. } if properties.is_empty() => "map".to_owned(),
        Form::Object { .. } | Form::AllOf(_) => "object".to_owned(),
        Form::Array(Some(items)) => format!("{} list", variant_base(items)),
        Form::Array(None) => "list".to_owned(),
        Form::OneOf(_) => "variant".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(ty: &Ty, modeler: &Modeler) -> (Arc<[EnumVariant]>, String) {
        let Ty::Named(key) = ty else {
            panic!("not a named type: {ty:?}");
        };
        match &modeler.type_def(*key).expect("defined").kind {
            TypeKind::Enum { variants, other } => (variants.clone(), other.clone()),
            kind => panic!("not an enum: {kind:?}"),
        }
    }

    /// Enums of the same values share their variants; enums of other values (split
    /// differently, or in another order) have their own.
    #[test]
    fn enums_of_the_same_values_share_their_variants() {
        let document = openapiv3::OpenAPI::default();
        let raw = Value::Null;
        let mut modeler = Modeler::new(&document, &raw);
        let mut enumerate = |values: &[&str], at: &str| {
            let ty = modeler.string_enum(
                values,
                &Hint::Derived(at.to_owned()),
                None,
                &Pointer::root().push(at),
            );
            variants(&ty, &modeler)
        };
        let first = enumerate(&["ab", "c", "other", "ab"], "first");
        let again = enumerate(&["ab", "c", "other", "ab"], "again");
        let split = enumerate(&["a", "bc", "other"], "split");
        let reordered = enumerate(&["c", "ab", "other"], "reordered");
        assert!(Arc::ptr_eq(&first.0, &again.0));
        assert_eq!(first, again);
        let names = |made: &(Arc<[EnumVariant]>, String)| {
            let mut names: Vec<String> = made
                .0
                .iter()
                .map(|v| format!("{}={}", v.name, v.value))
                .collect();
            names.push(made.1.clone());
            names
        };
        assert_eq!(names(&first), ["Ab=ab", "C=c", "Other=other", "Other2"]);
        assert_eq!(names(&split), ["A=a", "Bc=bc", "Other=other", "Other2"]);
        assert_eq!(names(&reordered), ["C=c", "Ab=ab", "Other=other", "Other2"]);
    }
}
