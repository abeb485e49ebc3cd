//! The generator's intermediate representation: the Rust types and client operations a
//! document describes, with final names, independent of how they will be printed.
//!
//! Data only: the model stage builds it from the document ([`crate::model`]), and the
//! emit stage ([`crate::emit`]) and the API record ([`crate::record`]) read it.

mod directions;
mod features;
mod formats;
mod pages;
mod rust;
mod security;
mod styles;

use std::sync::Arc;

use crate::error::Pointer;

pub(crate) use directions::{Directions, Traits};
pub(crate) use features::{Features, Gate, FULL, WEBHOOKS};
pub use formats::DateTimeCrate;
pub(crate) use formats::Format;
pub(crate) use pages::{Descriptor, Input, Next, Pages, Path, Source, Step, Unit};
pub(crate) use rust::Spelling;
pub(crate) use security::{KeyIn, Scheme, SchemeKind, Server, ServerVariable};
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
    /// A generated type.
    Named(TypeId),
    /// A file sent as a multipart part, by default with this media type.
    File(String),
    /// A scalar whose `format` asks for a type of its own.
    Format(Format),
}

/// A generated type: its place in [`Api::types`]. While the model is built, a key the
/// modeler handed out, which becomes the place once every type is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TypeId(pub u64);

impl TypeId {
    /// The place in [`Api::types`] the id stands for.
    pub(crate) fn index(self) -> usize {
        // Ids are places once the model is built, and places fit in `usize`.
        self.0 as usize
    }
}

#[derive(Debug)]
pub(crate) struct TypeDef {
    /// The final name once the model is built (empty while it is built).
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

impl TypeDef {
    /// A type found at `pointer`, named once every type is found.
    pub(crate) fn found(
        base: String,
        pointer: &Pointer,
        component: bool,
        doc: Option<String>,
        kind: TypeKind,
    ) -> Self {
        TypeDef {
            name: String::new(),
            base,
            pointer: pointer.clone(),
            component,
            doc,
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps unknown values in its `other` variant.
    Enum {
        /// Shared by the enums of the same values.
        variants: Arc<[EnumVariant]>,
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
    /// The requests the API sends: the document's webhooks or an operation's callbacks,
    /// an enum of the `webhooks` module.
    Events(Events),
}

/// The requests the API sends to its users, as one enum: a variant per event body, and one
/// that keeps an event the document does not describe.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Events {
    /// The enum's name in the `webhooks` module (`Event`, `CreateHookCallback`).
    pub name: String,
    /// The property whose fixed value tells the event; without one, events are tried in
    /// order.
    pub tag: Option<String>,
    pub events: Vec<Event>,
    /// The variant that keeps an event the document does not describe, as JSON.
    pub other: String,
}

/// One event: its name in the document, its body's type, and its value of the tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Event {
    pub variant: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub tag_value: Option<String>,
    /// Without a tag: the properties of the body whose value is fixed, with those values.
    /// A body with another value in one of them is not this event.
    pub fixed: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Struct {
    pub fields: Vec<Field>,
    /// Where properties the document does not name are kept, and as what.
    pub extra: Option<Extra>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Extra {
    pub name: String,
    pub value: Ty,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct EnumVariant {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Union {
    pub variants: Vec<UnionVariant>,
    /// The property whose value tells the variant; without one, variants are tried in order.
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    pub boxed: bool,
    /// The values of the union's tag property that select this variant.
    pub tag_values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Class(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// A query string the document's path key holds after its path (`beta=true`), sent
    /// with every call as written.
    pub query: Option<String>,
    pub tags: Vec<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Parameters passed as arguments: path parameters, then required query, header and
    /// cookie ones.
    pub params: Vec<Param>,
    /// The struct holding the optional query, header and cookie parameters.
    pub options: Option<TypeId>,
    pub path_parts: Vec<PathPart>,
    pub body: Option<Body>,
    /// The success body; `None` when the success response has none.
    pub success: Option<Success>,
    /// The media types the request accepts, when not only `application/json`.
    pub accept: Option<String>,
    /// The operation's error type, when it documents error responses.
    pub errors: Option<TypeId>,
    /// The alternatives of security schemes (by name) the operation accepts; none when it
    /// needs no credentials, and an empty one when credentials are optional.
    pub security: Vec<Vec<String>>,
    /// How the operation pages, when it is a list whose paging is known.
    pub pages: Option<Pages>,
    /// The status of the success response, when the operation documents one.
    pub success_status: Option<StatusMatch>,
    /// The headers the success response documents, which the mock sets by type.
    pub success_headers: Vec<ResponseHeader>,
}

/// A header a response documents.
#[derive(Debug, Clone)]
pub(crate) struct ResponseHeader {
    /// The header's name as sent.
    pub wire_name: String,
    /// The mock's setter of it (`x_rate_limit_header`).
    pub setter: String,
    pub ty: Ty,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Success {
    /// Decoded from JSON.
    Json(Ty),
    /// Read as text; the media types to accept.
    Text(String),
    /// Handed over as a stream of bytes; the media types to accept.
    Binary(String),
    /// Server-sent events whose data is decoded from JSON as this type, or is text.
    Events(Option<Ty>),
    /// One of several, as the response's `Content-Type` tells: this generated enum (a
    /// [`TypeKind::Content`]).
    Content(TypeId),
}

impl Operation {
    /// `METHOD /path`, with the query string the path key holds.
    pub(crate) fn endpoint(&self) -> String {
        match &self.query {
            Some(query) => format!("{} {}?{query}", self.http_method, self.path),
            None => format!("{} {}", self.http_method, self.path),
        }
    }
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

/// The definition the generated type `id` stands for, through aliases of other generated
/// types, with its place; `None` when `types` has no such type.
pub(crate) fn definition(id: TypeId, types: &[TypeDef]) -> Option<(TypeId, &TypeKind)> {
    definition_by(id, types.len(), |id| {
        types.get(id.index()).map(|def| &def.kind)
    })
}

/// [`definition`] of `id` among `count` types that `kind_of` finds.
pub(crate) fn definition_by<'a>(
    id: TypeId,
    count: usize,
    kind_of: impl Fn(TypeId) -> Option<&'a TypeKind>,
) -> Option<(TypeId, &'a TypeKind)> {
    let mut current = (id, kind_of(id)?);
    // Aliases never form a cycle; the bound keeps a mistake from hanging.
    for _ in 0..count {
        let TypeKind::Alias(Ty::Named(target)) = current.1 else {
            break;
        };
        let Some(next) = kind_of(*target) else {
            break;
        };
        current = (*target, next);
    }
    Some(current)
}

/// Whether `ty` is a string, number or boolean.
pub(crate) fn is_scalar(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Format(_)
    )
}
