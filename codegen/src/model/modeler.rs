//! The state shared by the model's passes while the model is built: the document, the
//! types found so far and the warnings.

use std::ops::Range;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};
use openapiv3::OpenAPI;
use serde_json::Value;

use super::formats::FormatTypes;
use super::references::Targets;
use crate::error::{Diagnostic, Pointer};
use crate::ir::{self, EnumVariant, Scheme, Ty, TypeDef, TypeId, TypeKind};

/// State shared while the model is built.
pub(crate) struct Modeler<'a> {
    pub(super) document: &'a OpenAPI,
    pub(super) raw: &'a Value,
    /// The components' entries in `raw`, by pointer.
    pub(super) targets: Arc<Targets<'a>>,
    /// How many type keys were handed out (from the first of its share,
    /// [`Modeler::for_share`]).
    pub(super) keys: u64,
    /// How many schemas are being converted, each inside the one before.
    pub(super) depth: usize,
    /// Shapes of references already resolved, by target pointer.
    pub(super) resolved: HashMap<String, Shape>,
    /// Shapes of inline schemas under `#/components`, by pointer: each is converted once
    /// (each but the scalars, which define nothing).
    pub(super) converted: HashMap<Pointer, Shape>,
    /// String enums' variants and variant for other values, by their list of values
    /// ([`Modeler::string_enum`]).
    pub(super) enums: HashMap<Vec<u8>, (Arc<[EnumVariant]>, String)>,
    /// The types found so far, each with its key, in the order they were found
    /// ([`Modeler::push_type`]).
    types: Vec<(TypeId, TypeDef)>,
    /// Where each key of `types` is in it: the first type of that key.
    by_key: HashMap<TypeId, usize>,
    /// The document's security schemes, which operations' requirements refer to.
    pub(super) schemes: Vec<Scheme>,
    pub(super) warnings: Vec<Diagnostic>,
    /// How formats become types.
    pub(super) formats: FormatTypes,
    /// In a share of the operations modeled on a thread of its own, what each conversion
    /// registered in `resolved` or `converted` added to `types` and `warnings`
    /// ([`super::shares`]); `None` in the model's own modeler.
    pub(super) spans: Option<Vec<Span>>,
    /// Whether lists without a paging convention page by their shape
    /// ([`Generator::detect_cursor_paging`](crate::Generator::detect_cursor_paging)).
    pub(super) cursor_shapes: bool,
}

impl<'a> Modeler<'a> {
    pub(super) fn new(document: &'a OpenAPI, raw: &'a Value) -> Self {
        Modeler::with_targets(document, raw, Arc::new(Targets::of(raw)))
    }

    fn with_targets(document: &'a OpenAPI, raw: &'a Value, targets: Arc<Targets<'a>>) -> Self {
        Modeler {
            document,
            raw,
            targets,
            keys: 0,
            depth: 0,
            resolved: HashMap::new(),
            converted: HashMap::new(),
            enums: HashMap::new(),
            types: Vec::new(),
            by_key: HashMap::new(),
            schemes: Vec::new(),
            warnings: Vec::new(),
            formats: FormatTypes::default(),
            cursor_shapes: true,
            spans: None,
        }
    }

    /// A modeler for share `share` (from 1) of the operations, to model them as this one
    /// would, beside it: its type keys are its own.
    pub(super) fn for_share(&self, share: u64) -> Self {
        let mut modeler = Modeler::with_targets(self.document, self.raw, self.targets.clone());
        modeler.keys = share << 32;
        modeler.schemes = self.schemes.clone();
        modeler.formats = self.formats;
        modeler.cursor_shapes = self.cursor_shapes;
        modeler.spans = Some(Vec::new());
        modeler
    }

    /// Where `types` and `warnings` end now, for a [`Span`] that starts here.
    pub(super) fn mark(&self) -> (usize, usize) {
        (self.types.len(), self.warnings.len())
    }

    /// Records, in a share's modeler, what was added since `from` ([`Modeler::mark`]) by
    /// the conversion now registered at `entry`.
    pub(super) fn record(&mut self, from: (usize, usize), entry: impl FnOnce() -> Entry) {
        let (types, warnings) = (self.types.len(), self.warnings.len());
        if let Some(spans) = &mut self.spans {
            spans.push(Span {
                entry: entry(),
                types: from.0..types,
                warnings: from.1..warnings,
            });
        }
    }

    pub(crate) fn warn(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(pointer, message));
    }

    /// A key for a type, which stands for it until every type is found
    /// ([`Modeler::take_types`]).
    pub(crate) fn new_key(&mut self) -> TypeId {
        self.keys += 1;
        TypeId(self.keys)
    }

    /// Records a type that is not a component's own type.
    pub(crate) fn add_type(
        &mut self,
        base: String,
        pointer: &Pointer,
        doc: Option<String>,
        kind: TypeKind,
    ) -> TypeId {
        let key = self.new_key();
        self.push_type(key, TypeDef::found(base, pointer, false, doc, kind));
        key
    }

    /// Records the type of `key`.
    pub(crate) fn push_type(&mut self, key: TypeId, def: TypeDef) {
        self.by_key.entry(key).or_insert(self.types.len());
        self.types.push((key, def));
    }

    pub(crate) fn type_def(&self, key: TypeId) -> Option<&TypeDef> {
        self.by_key
            .get(&key)
            .and_then(|&index| self.types.get(index))
            .map(|(_, def)| def)
    }

    pub(crate) fn type_def_mut(&mut self, key: TypeId) -> Option<&mut TypeDef> {
        self.by_key
            .get(&key)
            .and_then(|&index| self.types.get_mut(index))
            .map(|(_, def)| def)
    }

    /// The type `key` stands for, through aliases of named types, with its key.
    pub(crate) fn definition(&self, key: TypeId) -> Option<(TypeId, &TypeKind)> {
        ir::definition_by(key, self.types.len(), |key| {
            self.type_def(key).map(|def| &def.kind)
        })
    }

    /// How many types were found so far.
    pub(crate) fn type_count(&self) -> usize {
        self.types.len()
    }

    /// The types found, each with its key, in the order they were found.
    pub(crate) fn take_types(&mut self) -> Vec<(TypeId, TypeDef)> {
        self.by_key.clear();
        std::mem::take(&mut self.types)
    }

    /// Takes what `share` found as this modeler's own, if this one has found no type and
    /// converted nothing yet: then nothing of the share's is found again, and nothing is
    /// renamed. Gives the share back otherwise.
    pub(super) fn adopt(&mut self, share: Modeler<'a>) -> Option<Modeler<'a>> {
        if !(self.types.is_empty() && self.resolved.is_empty() && self.converted.is_empty()) {
            return Some(share);
        }
        self.types = share.types;
        self.by_key = share.by_key;
        self.resolved = share.resolved;
        self.converted = share.converted;
        self.warnings.extend(share.warnings);
        None
    }
}

/// A conversion registered for reuse: a reference's target, or a component's inline
/// schema.
pub(crate) enum Entry {
    Resolved(String),
    Converted(Pointer),
}

/// What one conversion added to a modeler's types and warnings.
pub(crate) struct Span {
    pub entry: Entry,
    pub types: Range<usize>,
    pub warnings: Range<usize>,
}

/// What a schema becomes where it is used: a type and whether `null` is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shape {
    pub ty: Ty,
    pub nullable: bool,
}

impl Shape {
    pub(super) fn new(ty: Ty) -> Self {
        Shape {
            ty,
            nullable: false,
        }
    }

    /// The type for a position without its own nullability flag (list items, map values).
    pub fn into_ty(self) -> Ty {
        if self.nullable && self.ty != Ty::Json {
            Ty::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}
