//! The generator's intermediate representation: the Rust types and client operations a
//! document describes, with final names, independent of how they will be printed.

mod dedup;
mod features;
mod formats;
mod forms;
mod naming;
mod operations;
mod pages;
mod recursion;
mod schemas;
mod security;
mod styles;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Diagnostic, Pointer, Result};

pub(crate) use features::{Features, Gate, FULL};
pub(crate) use formats::Format;
pub use formats::{DateTimeCrate, FormatTypes};
pub(crate) use operations::is_scalar;
pub use pages::Paging;
pub(crate) use pages::{Input, Next, Pages, Source, Step};
pub(crate) use schemas::Shape;
pub(crate) use security::{KeyIn, Scheme, SchemeKind, Server};
pub(crate) use styles::{Layout, Style};

/// The whole API: what the emitter prints.
#[derive(Debug)]
pub(crate) struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The document's first server.
    pub server: Option<Server>,
    /// The security schemes, in document order.
    pub schemes: Vec<Scheme>,
    /// The header of an `Idempotency-Key` parameter, if an operation has one: the client
    /// sends a fresh key in it with calls that are not idempotent, so they can be retried.
    pub idempotency_header: Option<String>,
    /// Every generated type, sorted by name.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The cargo feature that compiles each method and type, when they are gated by tag.
    pub features: Option<Features>,
    /// Whether to generate the mock server module, behind the cargo feature `mock`.
    pub mock: bool,
}

/// A Rust type as it appears in a field, parameter or response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    List(Box<Ty>),
    /// A JSON object with string keys.
    Map(Box<Ty>),
    /// A value that may be `null` (inside lists and maps; fields carry their own flags).
    Nullable(Box<Ty>),
    /// A generated type, by name.
    Named(String),
    /// A file sent as a multipart part, by default with this media type.
    File(String),
    /// A scalar whose `format` asks for a type of its own.
    Format(Format),
}

#[derive(Debug)]
pub(crate) struct TypeDef {
    /// The final name once the model is built (a placeholder key while it is built).
    pub name: String,
    /// The name before collisions are resolved, derived from where the schema stands.
    pub base: String,
    /// Where the type comes from in the document.
    pub pointer: Pointer,
    /// Whether this is a component schema's own type, which has first claim on its name.
    pub component: bool,
    pub doc: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub(crate) enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps unknown values in its `other` variant.
    Enum {
        variants: Vec<EnumVariant>,
        other: String,
    },
    /// One of several shapes.
    Union(Union),
    Alias(Ty),
    /// The documented error responses of one operation.
    Errors(Vec<ErrorCase>),
    /// The optional query, header and cookie parameters of one operation.
    Params(Vec<Param>),
    /// A `multipart/form-data` body whose fields include files (or forms that do).
    Form(Vec<Field>),
    /// A success body read as its `Content-Type` tells: one variant per way (never
    /// [`Success::Content`] itself).
    Content(Vec<Success>),
}

#[derive(Debug, Clone)]
pub(crate) struct Struct {
    pub fields: Vec<Field>,
    /// Where properties the document does not name are kept, and as what.
    pub extra: Option<Extra>,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub wire_name: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    /// Set where the field's type contains the struct itself.
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Extra {
    pub name: String,
    pub value: Ty,
}

#[derive(Debug, Clone)]
pub(crate) struct EnumVariant {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Union {
    pub variants: Vec<UnionVariant>,
    /// The property whose value tells the variant; without one, variants are tried in order.
    pub tag: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    pub boxed: bool,
    /// The values of the union's tag property that select this variant.
    pub tag_values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Class(u16),
    Default,
}

#[derive(Debug, Clone)]
pub(crate) struct ErrorCase {
    pub status: StatusMatch,
    pub variant: String,
    pub doc: Option<String>,
    pub ty: Option<Ty>,
}

#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The operation's identity in the document: its operationId, or `METHOD /path`.
    pub source: String,
    pub method_name: String,
    pub http_method: String,
    pub path: String,
    pub tags: Vec<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Parameters passed as arguments: path parameters, then required query, header and
    /// cookie ones.
    pub params: Vec<Param>,
    /// The name of the struct holding the optional query, header and cookie parameters.
    pub options: Option<String>,
    pub path_parts: Vec<PathPart>,
    pub body: Option<Body>,
    /// The success body; `None` when the success response has none.
    pub success: Option<Success>,
    /// The media types the request accepts, when not only `application/json`.
    pub accept: Option<String>,
    /// The name of the operation's error type, when it documents error responses.
    pub errors: Option<String>,
    /// The alternatives of security schemes (by name) the operation accepts; none when it
    /// needs no credentials, and an empty one when credentials are optional.
    pub security: Vec<Vec<String>>,
    /// How the operation pages, when it is a list whose paging is known.
    pub pages: Option<Pages>,
    /// The status of the success response, when the operation documents one.
    pub success_status: Option<StatusMatch>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamIn {
    /// The location's name in the document.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub name: String,
    pub wire_name: String,
    pub location: ParamIn,
    /// How the value is written.
    pub layout: Layout,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathPart {
    Literal(String),
    /// A path parameter, by its Rust name.
    Param(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Media {
    /// JSON, sent with this content type (`application/json`, `application/merge-patch+json`).
    Json(String),
    Form,
    Multipart,
    /// Text sent as it is, with this content type.
    Text(String),
    /// Bytes or a stream sent as they are, with this content type.
    Binary(String),
}

/// How a success response's body is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Success {
    /// Decoded from JSON.
    Json(Ty),
    /// Read as text; the media types to accept.
    Text(String),
    /// Handed over as a stream of bytes; the media types to accept.
    Binary(String),
    /// Server-sent events whose data is decoded from JSON as this type, or is text.
    Events(Option<Ty>),
    /// One of several, as the response's `Content-Type` tells: the generated enum of
    /// this name (a [`TypeKind::Content`]).
    Content(String),
}

impl Success {
    /// The name of this way of reading a body: the runtime's `ContentKind` and the
    /// variant of a [`TypeKind::Content`] enum.
    pub(crate) fn variant(&self) -> &'static str {
        match self {
            Success::Json(_) => "Json",
            Success::Events(_) => "Events",
            Success::Text(_) => "Text",
            Success::Binary(_) | Success::Content(_) => "Bytes",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Body {
    /// The body's type, for JSON, form and multipart bodies.
    pub ty: Ty,
    pub media: Media,
    pub required: bool,
    pub doc: Option<String>,
    /// The other binary media types the operation takes, which a caller chooses with
    /// `Body::media_type`.
    pub other_media: Vec<String>,
    /// For a form body, the properties not written as `form`, exploded.
    pub encodings: Vec<(String, Layout)>,
}

/// The definition the generated type `name` stands for, through aliases of other
/// generated types, with its name; `None` when no type is called `name`.
pub(crate) fn definition<'a>(
    name: &str,
    kinds: &HashMap<&'a str, &'a TypeKind>,
) -> Option<(&'a str, &'a TypeKind)> {
    let (&name, &kind) = kinds.get_key_value(name)?;
    let mut current = (name, kind);
    // Aliases never form a cycle; the bound keeps a mistake from hanging.
    for _ in 0..kinds.len() {
        let TypeKind::Alias(Ty::Named(target)) = current.1 else {
            break;
        };
        let Some((&target, &kind)) = kinds.get_key_value(target.as_str()) else {
            break;
        };
        current = (target, kind);
    }
    Some(current)
}

/// Which operations to generate.
#[derive(Debug, Default, Clone)]
pub(crate) struct Selection {
    pub operation_ids: BTreeSet<String>,
    pub tags: BTreeSet<String>,
}

impl Selection {
    fn is_everything(&self) -> bool {
        self.operation_ids.is_empty() && self.tags.is_empty()
    }
}

/// Builds the model of `document`; `raw` is the same document as JSON, used to resolve
/// references that point outside `components`.
pub(crate) fn build(
    document: &OpenAPI,
    raw: &Value,
    selection: &Selection,
    formats: FormatTypes,
    paging: &BTreeMap<String, Paging>,
) -> Result<(Api, Vec<Diagnostic>)> {
    let mut modeler = Modeler::new(document, raw);
    modeler.formats = formats;
    let (schemes, mut server) = security::schemes_and_server(&mut modeler);
    modeler.schemes = schemes;
    let operations = operations::build_all(&mut modeler, selection, paging)?;
    if selection.is_everything() {
        modeler.all_components()?;
    }
    let mut types = std::mem::take(&mut modeler.types);
    let mut operations = operations;
    dedup::alias_duplicates(&mut types);
    naming::assign_names(&mut types, &mut operations, server.as_mut());
    check_references(&mut types, &mut operations, server.as_mut())?;
    recursion::box_recursive_fields(&mut types);
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let idempotency_header = operations
        .iter()
        .flat_map(|op| op.params.iter())
        .chain(types.iter().flat_map(|def| match &def.kind {
            TypeKind::Params(params) => params.as_slice(),
            _ => &[],
        }))
        .find(|p| {
            p.location == ParamIn::Header && p.wire_name.eq_ignore_ascii_case("idempotency-key")
        })
        .map(|p| p.wire_name.clone());
    let info = &document.info;
    let api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        server,
        schemes: std::mem::take(&mut modeler.schemes),
        idempotency_header,
        types,
        operations,
        features: None,
        mock: false,
    };
    Ok((api, modeler.warnings))
}

/// Fails, rather than letting the emitter meet it, on a reference to a type that was
/// never defined: a bug in the generator, reported as an error instead of a panic.
fn check_references(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    server: Option<&mut Server>,
) -> Result<()> {
    let defined: HashSet<String> = types.iter().map(|t| t.name.clone()).collect();
    let mut missing = None;
    naming::for_each_type_name(types, operations, server, &mut |name: &mut String| {
        if !defined.contains(name.as_str()) {
            missing.get_or_insert_with(|| name.clone());
        }
    });
    match missing {
        None => Ok(()),
        Some(name) => Err(Diagnostic {
            location: crate::error::Location::Document,
            message: format!("internal error: the type `{name}` is used but was never defined"),
        }),
    }
}

/// State shared while the model is built.
pub(crate) struct Modeler<'a> {
    document: &'a OpenAPI,
    raw: &'a Value,
    /// How many placeholder type keys were handed out.
    keys: usize,
    /// How many schemas are being converted, each inside the one before.
    depth: usize,
    /// Shapes of references already resolved, by target pointer.
    resolved: HashMap<String, Shape>,
    /// Shapes of inline schemas under `#/components`, by pointer: each is converted once.
    converted: HashMap<Pointer, Shape>,
    types: Vec<TypeDef>,
    /// The document's security schemes, which operations' requirements refer to.
    schemes: Vec<Scheme>,
    warnings: Vec<Diagnostic>,
    /// How formats become types.
    formats: FormatTypes,
}

impl<'a> Modeler<'a> {
    fn new(document: &'a OpenAPI, raw: &'a Value) -> Self {
        Modeler {
            document,
            raw,
            keys: 0,
            depth: 0,
            resolved: HashMap::new(),
            converted: HashMap::new(),
            types: Vec::new(),
            schemes: Vec::new(),
            warnings: Vec::new(),
            formats: FormatTypes::default(),
        }
    }

    pub(crate) fn warn(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(pointer, message));
    }

    /// A placeholder for a type's name until [`naming::assign_names`] runs.
    pub(crate) fn new_key(&mut self) -> String {
        self.keys += 1;
        format!("#{}", self.keys)
    }

    /// Records a type that is not a component's own type.
    pub(crate) fn add_type(
        &mut self,
        base: String,
        pointer: &Pointer,
        doc: Option<String>,
        kind: TypeKind,
    ) -> String {
        let name = self.new_key();
        self.types.push(TypeDef {
            name: name.clone(),
            base,
            pointer: pointer.clone(),
            component: false,
            doc,
            kind,
        });
        name
    }

    pub(crate) fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}
