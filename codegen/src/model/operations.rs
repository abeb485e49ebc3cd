//! Paths and operations to client methods.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;

use foldhash::HashSet;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody};
use serde_json::Value;

use super::media;
use super::modeler::Modeler;
use super::modeler::Shape;
use super::pages::Paging;
use super::responses::Responses;
use super::schemas::{Hint, Place};
use super::shares::Modeled;
use crate::error::{Diagnostic, Pointer, Result};
use crate::ir::{Body, Layout, Media, Operation, Param, ParamIn, PathPart, Ty, TypeKind};
use crate::names::{camel, snake, Scope};
use crate::parse::PathItem;

/// Client methods that operations must not shadow.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "base_url",
    "with_options",
    "clone",
    "fmt",
    "from",
    "into",
];

/// Which operations to generate.
#[derive(Debug, Default, Clone)]
pub(crate) struct Selection {
    pub operation_ids: BTreeSet<String>,
    pub tags: BTreeSet<String>,
}

impl Selection {
    pub(super) fn is_everything(&self) -> bool {
        self.operation_ids.is_empty() && self.tags.is_empty()
    }
}

/// Local names used by generated method bodies.
const METHOD_LOCALS: &[&str] = &["self_", "request", "path", "body", "params", "value"];

/// Builds every selected operation, in document order.
pub(crate) fn build_all<'d>(
    modeler: &mut Modeler<'d>,
    path_items: &'d [(String, ReferenceOr<PathItem>)],
    selection: &Selection,
    paging: &BTreeMap<String, Option<Paging>>,
    threads: NonZeroUsize,
) -> Result<Vec<Operation>> {
    let mut unknown_ids = selection.operation_ids.clone();
    let mut unknown_tags = selection.tags.clone();
    let mut selected = Vec::new();
    let paths = Pointer::root().push("paths");
    for (path, item) in path_items {
        let item_pointer = paths.push(path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                modeler.warn(
                    &item_pointer,
                    format!("path item references (`{reference}`) are not supported; skipped"),
                );
                continue;
            }
        };
        // The operations are read from the document as they are modeled; what selects
        // them and names them is read here (an operation that is not read fails then).
        let raw_item = modeler.raw.get("paths").and_then(|paths| paths.get(path));
        for (method, raw) in item.raw_operations(raw_item) {
            let id = raw.get("operationId").and_then(Value::as_str);
            let tags = || {
                (raw.get("tags").and_then(Value::as_array).into_iter())
                    .flatten()
                    .filter_map(Value::as_str)
            };
            if let Some(id) = id {
                unknown_ids.remove(id);
            }
            for tag in tags() {
                unknown_tags.remove(tag);
            }
            if selection.is_everything()
                || id.is_some_and(|id| selection.operation_ids.contains(id))
                || tags().any(|t| selection.tags.contains(t))
            {
                // Names come from the operationId or, without a usable one, from method
                // and path.
                let name_source = match id {
                    Some(id) if crate::names::has_words(id) => id.to_owned(),
                    _ => cat!(method, " ", path),
                };
                selected.push(Selected {
                    path,
                    item_pointer: item_pointer.clone(),
                    item,
                    method,
                    raw,
                    name_source,
                    method_name: String::new(),
                });
            }
        }
    }
    let sources: Vec<&str> = selected.iter().map(|s| s.name_source.as_str()).collect();
    let method_names = Scope::with_reserved(CLIENT_METHODS).claim_all(&sources, snake);
    for (selected, name) in selected.iter_mut().zip(method_names) {
        selected.method_name = name;
    }
    let modeled = super::shares::model(modeler, &selected, threads, |modeler, selected| {
        selected.model(modeler, paging)
    })?;
    let (mut operations, alternatives): (Vec<Operation>, Vec<_>) = modeled.into_iter().unzip();
    if !unknown_ids.is_empty() || !unknown_tags.is_empty() {
        return Err(Diagnostic::at(
            &paths,
            unknown_selection(&unknown_ids, &unknown_tags),
        ));
    }
    let unconfigured = super::pages::unknown_operations(paging, &operations);
    if !unconfigured.is_empty() {
        return Err(Diagnostic::at(
            &paths,
            format!(
                "paging is configured for operations the document does not have (or that are \
                 not generated): {}",
                unconfigured.join(", ")
            ),
        ));
    }
    // The stream and pages methods of a paged operation take names no other method has.
    let taken: HashSet<&str> = operations
        .iter()
        .map(|op| op.method_name.as_str())
        .collect();
    let clashes: Vec<(usize, String)> = (operations.iter().enumerate())
        .filter(|(_, op)| op.pages.is_some())
        .filter_map(|(at, op)| {
            ["stream", "pages"]
                .map(|suffix| format!("{}_{suffix}", crate::names::unraw(&op.method_name)))
                .into_iter()
                .find(|name| taken.contains(name.as_str()))
                .map(|name| (at, name))
        })
        .collect();
    drop(taken);
    for (at, name) in clashes {
        let operation = &mut operations[at];
        modeler.warn(
            &paths.push(&operation.path),
            format!(
                "no `_stream` method for `{}`: `{name}` is another operation's method",
                operation.method_name
            ),
        );
        operation.pages = None;
    }
    Ok(with_alternatives(operations, alternatives))
}

/// An operation selected to be generated, with the names it takes.
pub(super) struct Selected<'d> {
    path: &'d String,
    item_pointer: Pointer,
    item: &'d PathItem,
    method: &'d str,
    /// The operation in the document.
    raw: &'d Value,
    /// What its names are made from.
    name_source: String,
    /// Its method's name, given once the names of every operation are known.
    method_name: String,
}

impl Selected<'_> {
    /// The operation's method, and the other ways of sending its body, by method name
    /// suffix.
    fn model(
        &self,
        modeler: &mut Modeler,
        paging: &BTreeMap<String, Option<Paging>>,
    ) -> Result<Modeled> {
        let (item_pointer, method) = (&self.item_pointer, self.method);
        let pointer = item_pointer.push(method);
        // Read here, and dropped once modeled.
        let operation = &crate::parse::operation_at(self.raw, &pointer)?;
        // A path key that holds a query string (`/things?beta=true`): the path is what
        // comes before it, and the query is sent with every call.
        let (path, query) = match self.path.split_once('?') {
            Some((path, query)) => {
                modeler.warn(
                    item_pointer,
                    format!(
                        "the path `{path}?{query}` holds a query string; `{query}` is sent \
                         with every call of its operations, as written"
                    ),
                );
                (path, Some(query))
            }
            None => (self.path.as_str(), None),
        };
        let context = OperationContext {
            path,
            query,
            method,
            pointer,
            item_pointer: item_pointer.clone(),
            source: operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase())),
            type_base: camel(&self.name_source),
            method_name: self.method_name.clone(),
        };
        if !operation.callbacks.is_empty() {
            modeler.callbacks(
                &context.type_base,
                &context.method_name,
                operation,
                &context.pointer,
            )?;
        }
        let (mut operation, bodies) =
            modeler.operation(&context, &self.item.parameters, operation)?;
        operation.pages = modeler.pages(
            &operation,
            self.raw,
            &context.pointer,
            paging.get(&operation.source).map(Option::as_ref),
        );
        Ok((operation, bodies))
    }
}

/// Adds a method for each other way of sending an operation's body, named with its
/// suffix (`update_profile_multipart`), after the operation's own; each method's
/// documentation points to the others.
fn with_alternatives(
    operations: Vec<Operation>,
    alternatives: Vec<Vec<(String, Body)>>,
) -> Vec<Operation> {
    if alternatives.iter().all(Vec::is_empty) {
        return operations;
    }
    let mut scope = Scope::with_reserved(CLIENT_METHODS);
    for op in &operations {
        scope.claim(&op.method_name);
    }
    let mut all = Vec::with_capacity(operations.len());
    for (mut op, bodies) in operations.into_iter().zip(alternatives) {
        if bodies.is_empty() {
            all.push(op);
            continue;
        }
        let media_of = |body: &Body| match &body.media {
            Media::Json(media) => media.clone(),
            Media::Form => "application/x-www-form-urlencoded".to_owned(),
            Media::Multipart => "multipart/form-data".to_owned(),
            Media::Text(media) | Media::Binary(media) => media.clone(),
        };
        let mut variants: Vec<(String, &Body)> = Vec::new();
        if let Some(body) = &op.body {
            variants.push((op.method_name.clone(), body));
        }
        let names: Vec<String> = bodies
            .iter()
            .map(|(suffix, _)| {
                scope.claim(format!("{}_{suffix}", crate::names::unraw(&op.method_name)))
            })
            .collect();
        variants.extend(names.iter().cloned().zip(bodies.iter().map(|(_, b)| b)));
        let note = |own: &str| {
            let others: Vec<String> = variants
                .iter()
                .filter(|(name, _)| name != own)
                .map(|(name, body)| {
                    let name = crate::names::unraw(name);
                    format!("[`{name}`](Self::{name}) (`{}`)", media_of(body))
                })
                .collect();
            let own_media = variants
                .iter()
                .find(|(name, _)| name == own)
                .map(|(_, body)| media_of(body))
                .unwrap_or_default();
            format!(
                "Sends the body as `{own_media}`. The same call with another media type: {}.",
                others.join(", ")
            )
        };
        let notes: Vec<String> = variants.iter().map(|(name, _)| note(name)).collect();
        let mut extra: Vec<Operation> = Vec::new();
        for ((name, (_, body)), note) in names.into_iter().zip(bodies).zip(&notes[1..]) {
            let mut alternative = op.clone();
            alternative.method_name = name;
            alternative.body = Some(body);
            // Pages are asked for in the operation's own media type.
            alternative.pages = None;
            alternative.doc = Some(join_doc(op.doc.as_deref(), note));
            extra.push(alternative);
        }
        op.doc = Some(join_doc(op.doc.as_deref(), &notes[0]));
        all.push(op);
        all.extend(extra);
    }
    all
}

/// A link, in a type's documentation, to the client method `method_name`:
/// ``[`Client::name`](super::Client::name)``.
pub(super) fn client_link(method_name: &str) -> String {
    let name = crate::names::unraw(method_name);
    cat!("[`Client::", name, "`](super::Client::", name, ")")
}

fn join_doc(doc: Option<&str>, note: &str) -> String {
    match doc {
        Some(doc) => format!("{doc}\n\n{note}"),
        None => note.to_owned(),
    }
}

fn unknown_selection(ids: &BTreeSet<String>, tags: &BTreeSet<String>) -> String {
    let list = |set: &BTreeSet<String>| {
        set.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (ids.is_empty(), tags.is_empty()) {
        (false, true) => format!("no operation has the operationId {}", list(ids)),
        (true, false) => format!("no operation has the tag {}", list(tags)),
        _ => format!(
            "no operation has the operationId {} and none has the tag {}",
            list(ids),
            list(tags)
        ),
    }
}

pub(super) struct OperationContext<'a> {
    source: String,
    path: &'a str,
    /// The query string the path key holds, if any.
    query: Option<&'a str>,
    method: &'a str,
    item_pointer: Pointer,
    pub(super) pointer: Pointer,
    pub(super) type_base: String,
    pub(super) method_name: String,
}

/// A parameter after references are resolved.
struct ResolvedParam<'p> {
    data: Cow<'p, openapiv3::ParameterData>,
    location: ParamIn,
    layout: Layout,
    pointer: Pointer,
}

impl Modeler<'_> {
    /// The operation, and the other ways of sending its body, by method name suffix.
    fn operation(
        &mut self,
        context: &OperationContext,
        item_parameters: &[ReferenceOr<Parameter>],
        operation: &openapiv3::Operation,
    ) -> Result<(Operation, Vec<(String, Body)>)> {
        let type_base = Hint::Derived(context.type_base.clone());
        let (params, path_parts) =
            self.parameters(context, item_parameters, operation, &type_base)?;
        let (params, optional): (Vec<Param>, Vec<Param>) = params
            .into_iter()
            .partition(|p| p.location == ParamIn::Path || p.required);
        let options = (!optional.is_empty()).then(|| {
            let doc = cat!(
                "The optional parameters of ",
                client_link(&context.method_name),
                "."
            );
            self.add_type(
                format!("{} params", context.type_base),
                &context.pointer.push("parameters"),
                Some(doc),
                TypeKind::Params(optional),
            )
        });
        let mut bodies = match &operation.request_body {
            Some(body) => self.bodies(body, &context.pointer.push("requestBody"), &type_base)?,
            None => Vec::new(),
        };
        let body = (!bodies.is_empty()).then(|| bodies.remove(0).1);
        let Responses {
            success,
            success_status,
            success_headers,
            accept,
            errors,
        } = self.responses(context, operation, &type_base)?;
        let schemes = std::mem::take(&mut self.schemes);
        let security = super::security::requirement(
            self,
            &schemes,
            operation.security.as_ref(),
            &context.pointer,
        );
        self.schemes = schemes;
        let doc = [
            operation.summary.as_deref(),
            operation.description.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .fold(Vec::<&str>::new(), |mut parts, part| {
            if !parts.contains(&part) {
                parts.push(part);
            }
            parts
        })
        .join("\n\n");
        let operation = Operation {
            source: context.source.clone(),
            method_name: context.method_name.clone(),
            http_method: context.method.to_ascii_uppercase(),
            path: context.path.to_owned(),
            query: context.query.map(str::to_owned),
            tags: operation.tags.clone(),
            doc: (!doc.is_empty()).then_some(doc),
            deprecated: operation.deprecated,
            params,
            options,
            path_parts,
            body,
            success,
            accept,
            errors,
            security,
            pages: None,
            success_status,
            success_headers,
        };
        Ok((operation, bodies))
    }

    fn parameters(
        &mut self,
        context: &OperationContext,
        item_parameters: &[ReferenceOr<Parameter>],
        operation: &openapiv3::Operation,
        type_base: &Hint,
    ) -> Result<(Vec<Param>, Vec<PathPart>)> {
        // Path-item parameters first; an operation parameter of the same name and
        // location replaces one.
        let mut resolved: Vec<ResolvedParam> =
            Vec::with_capacity(item_parameters.len() + operation.parameters.len());
        let sources = item_parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, context.item_pointer.push("parameters").then(i)))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, context.pointer.push("parameters").then(i))),
            );
        for (parameter, pointer) in sources {
            let (parameter, pointer) = self.resolve(parameter, pointer)?;
            let location = match &*parameter {
                Parameter::Path { .. } => ParamIn::Path,
                Parameter::Query { .. } => ParamIn::Query,
                Parameter::Header { .. } => ParamIn::Header,
                Parameter::Cookie { .. } => ParamIn::Cookie,
            };
            let layout = super::styles::parameter_layout(&parameter);
            let data = match parameter {
                Cow::Borrowed(parameter) => Cow::Borrowed(parameter.parameter_data_ref()),
                Cow::Owned(parameter) => Cow::Owned(parameter.parameter_data()),
            };
            let param = ResolvedParam {
                data,
                location,
                layout,
                pointer,
            };
            match resolved
                .iter_mut()
                .find(|p| p.data.name == param.data.name && p.location == location)
            {
                Some(existing) => *existing = param,
                None => resolved.push(param),
            }
        }

        let (path_parts, placeholders) = parse_template(context.path);
        self.bind_placeholders(context, &placeholders, &mut resolved);
        // Path parameters come first, in template order; the others keep document order.
        resolved.sort_by_key(|p| match p.location {
            ParamIn::Path => placeholders
                .iter()
                .position(|n| *n == p.data.name)
                .unwrap_or(0),
            _ => placeholders.len(),
        });

        let mut scope = Scope::with_reserved(METHOD_LOCALS);
        let mut params = Vec::with_capacity(resolved.len());
        for parameter in resolved {
            let location = parameter.location;
            if location == ParamIn::Path && !placeholders.contains(&parameter.data.name.as_str()) {
                self.warn(
                    &parameter.pointer,
                    format!(
                        "path parameter `{}` has no placeholder in `{}`; left out",
                        parameter.data.name, context.path
                    ),
                );
                continue;
            }
            let hint = Hint::for_component(&parameter.pointer)
                .unwrap_or_else(|| type_base.child(&parameter.data.name));
            let shape = match &parameter.data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.shape(schema, &hint, Place::Below(&parameter.pointer, &["schema"]))?
                }
                ParameterSchemaOrContent::Content(content) => {
                    match content
                        .iter()
                        .find_map(|(media, m)| m.schema.as_ref().map(|s| (media, s)))
                    {
                        Some((media, schema)) => self.shape(
                            schema,
                            &hint,
                            Place::Below(&parameter.pointer, &["content", media, "schema"]),
                        )?,
                        None => Shape {
                            ty: Ty::String,
                            nullable: false,
                        },
                    }
                }
            };
            let ty = shape.ty;
            self.check_layout(
                &ty,
                parameter.layout,
                &parameter.data.name,
                &parameter.pointer,
            );
            let name = scope.claim(snake(&parameter.data.name));
            params.push(Param {
                name,
                wire_name: parameter.data.name.clone(),
                location,
                layout: parameter.layout,
                ty,
                required: location == ParamIn::Path || (parameter.data.required && !shape.nullable),
                doc: parameter
                    .data
                    .description
                    .clone()
                    .filter(|d| !d.trim().is_empty()),
            });
        }
        let path_parts = path_parts
            .into_iter()
            .map(|part| match part {
                TemplatePart::Literal(text) => PathPart::Literal(text.to_owned()),
                TemplatePart::Placeholder(name) => params
                    .iter()
                    .find(|p| p.location == ParamIn::Path && p.wire_name == name)
                    .map_or_else(
                        || PathPart::Literal(format!("{{{name}}}")),
                        |p| PathPart::Param(p.name.clone()),
                    ),
            })
            .collect();
        Ok((params, path_parts))
    }

    /// Makes every placeholder of the template match a path parameter: a single unmatched
    /// placeholder binds to a single unmatched path parameter; any other placeholder without
    /// a parameter gets a string parameter of its name.
    fn bind_placeholders(
        &mut self,
        context: &OperationContext,
        placeholders: &[&str],
        resolved: &mut Vec<ResolvedParam>,
    ) {
        let declared = |resolved: &[ResolvedParam], name: &str| {
            resolved
                .iter()
                .any(|p| p.location == ParamIn::Path && p.data.name == name)
        };
        let unmatched: Vec<&str> = placeholders
            .iter()
            .copied()
            .filter(|p| !declared(resolved, p))
            .collect();
        let unbound: Vec<usize> = resolved
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.location == ParamIn::Path && !placeholders.contains(&p.data.name.as_str())
            })
            .map(|(i, _)| i)
            .collect();
        if let ([placeholder], [index]) = (unmatched.as_slice(), unbound.as_slice()) {
            let parameter = &mut resolved[*index];
            let message = format!(
                "the placeholder `{{{placeholder}}}` in `{}` has no parameter of that name; bound it \
                 to the path parameter `{}`",
                context.path, parameter.data.name
            );
            parameter.data.to_mut().name = (*placeholder).to_owned();
            self.warn(&context.pointer, message);
            return;
        }
        for placeholder in unmatched {
            self.warn(
                &context.pointer,
                format!(
                    "the placeholder `{{{placeholder}}}` in `{}` has no parameter; generated a string \
                     parameter for it",
                    context.path
                ),
            );
            resolved.push(ResolvedParam {
                data: Cow::Owned(openapiv3::ParameterData {
                    name: placeholder.to_owned(),
                    description: None,
                    required: true,
                    deprecated: None,
                    format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(
                        openapiv3::Schema {
                            schema_data: Default::default(),
                            schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(
                                Default::default(),
                            )),
                        },
                    )),
                    example: None,
                    examples: Default::default(),
                    explode: None,
                    extensions: Default::default(),
                }),
                location: ParamIn::Path,
                layout: Layout {
                    style: crate::ir::Style::Simple,
                    explode: false,
                    allow_reserved: false,
                },
                pointer: context.pointer.clone(),
            });
        }
    }

    /// The ways the request body can be sent: the preferred media type first, then one
    /// per other way of writing it, each with the suffix of its method's name. Media types
    /// written the same way (two binary types, two text types, two JSON types of one
    /// schema) are one way: the first is sent.
    pub(super) fn bodies(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        pointer: &Pointer,
        type_base: &Hint,
    ) -> Result<Vec<(String, Body)>> {
        let (body, pointer) = self.resolve(body, pointer.clone())?;
        let mut offered: Vec<(u8, Media, &String)> = body
            .content
            .keys()
            .map(|media| {
                let (rank, kind) = media::sent_as(media);
                (rank, kind, media)
            })
            .collect();
        offered.sort_by_key(|(rank, ..)| *rank);
        let doc = body.description.clone().filter(|d| !d.trim().is_empty());
        let mut bodies: Vec<(String, Body)> = Vec::new();
        let mut written: Vec<(&'static str, Option<&Value>)> = Vec::new();
        for (_, media_kind, media) in offered {
            let schema_pointer = pointer.push("content").then(media).then("schema");
            let class = match &media_kind {
                Media::Json(_) => "json",
                Media::Form => "form",
                Media::Multipart => "multipart",
                Media::Text(_) => "text",
                Media::Binary(_) => "binary",
            };
            // Text and bytes take any text or bytes; the others take their schema.
            let schema = match media_kind {
                Media::Text(_) | Media::Binary(_) => None,
                _ => self.lookup(&schema_pointer),
            };
            let way = (class, schema);
            if written.contains(&way) {
                if let (Media::Binary(other), Some((_, body))) = (
                    &media_kind,
                    bodies
                        .iter_mut()
                        .find(|(_, b)| matches!(b.media, Media::Binary(_))),
                ) {
                    if !body.other_media.contains(other) {
                        body.other_media.push(other.clone());
                    }
                }
                continue;
            }
            written.push(way);
            let suffix = match (&media_kind, class) {
                (Media::Json(_), _) => {
                    let subtype = media.rsplit('/').next().unwrap_or_default();
                    let subtype = subtype.split(';').next().unwrap_or_default();
                    let name = snake(subtype.trim_end_matches("json").trim_end_matches('+'));
                    if name.is_empty() {
                        "json".to_owned()
                    } else {
                        name
                    }
                }
                (_, class) => class.to_owned(),
            };
            let suffixed;
            let hint = if bodies.is_empty() {
                type_base.child("body")
            } else {
                suffixed = format!("{suffix} body");
                type_base.child(&suffixed)
            };
            let mut encodings = Vec::new();
            let ty = match &media_kind {
                Media::Text(_) | Media::Binary(_) => Ty::String,
                _ => {
                    let ty = match &body.content[media].schema {
                        Some(schema) => {
                            let hint = Hint::for_component(&pointer).unwrap_or(hint);
                            self.shape(schema, &hint, &schema_pointer)?.ty
                        }
                        None => Ty::Json,
                    };
                    match media_kind {
                        Media::Multipart => {
                            self.multipart_form(ty, &schema_pointer, &body.content[media].encoding)
                        }
                        Media::Form => {
                            match self.form_layouts(&ty, &pointer.push("content").then(media)) {
                                Some(layouts) => encodings = layouts,
                                None => continue,
                            }
                            ty
                        }
                        _ => ty,
                    }
                }
            };
            bodies.push((
                suffix,
                Body {
                    ty,
                    media: media_kind,
                    required: body.required,
                    doc: doc.clone(),
                    other_media: Vec::new(),
                    encodings,
                },
            ));
        }
        Ok(bodies)
    }
}

enum TemplatePart<'p> {
    Literal(&'p str),
    Placeholder(&'p str),
}

/// Splits `/a/{b}/c` into literals and placeholders; unbalanced braces are literal text.
fn parse_template(path: &str) -> (Vec<TemplatePart<'_>>, Vec<&str>) {
    let mut parts = Vec::new();
    let mut placeholders = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(TemplatePart::Literal(&rest[..open]));
        }
        let name = &rest[open + 1..close];
        placeholders.push(name);
        parts.push(TemplatePart::Placeholder(name));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    (parts, placeholders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_literals_and_placeholders() {
        let (parts, names) = parse_template("/api/v1/accounts/{account_id}/contacts/{id}");
        assert_eq!(names, ["account_id", "id"]);
        assert_eq!(parts.len(), 4);
        let (parts, names) = parse_template("/a/{unclosed");
        assert!(names.is_empty());
        assert!(matches!(&parts[..], [TemplatePart::Literal(l)] if *l == "/a/{unclosed"));
    }
}
