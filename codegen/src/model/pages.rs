//! Paging: how list operations page, read from the document's paging conventions or
//! configured in a build script, for the `<method>_stream` and `<method>_pages` methods.
//!
//! Conventions read, in this order: `x-ms-pageable` (Azure: a next link beside the
//! items), `x-speakeasy-pagination` (`offsetLimit`, `cursor`, `url`),
//! `x-fern-pagination` (`offset`, `cursor`, `next_uri`, `next_path`),
//! `x-dropshot-pagination` (`items` and `next_page`, sent back as `page_token`), and a
//! `Link` header documented on the success response of an operation answering with a
//! list. [`Paging`] configures an operation the document says nothing about, or
//! replaces what it says.

use std::collections::BTreeMap;

use serde_json::Value;

use super::modeler::Modeler;
use crate::error::Pointer;
use crate::ir::{
    Descriptor, Input, Media, Next, Operation, Pages, ParamIn, Path, Source, Step, Success, Ty,
    TypeKind, Unit,
};

/// The convention of lists paged by their shape.
pub(crate) const SHAPE: &str = "the response's shape";

/// How a list operation pages, for [`Generator::paging`](crate::Generator::paging).
///
/// Places in a response are written as JSONPath: `$` (the body), `$.payload`,
/// `$.meta.count`, `$.data[-1].id` (the `id` of the last item). Parameters are named as in
/// the document: a query parameter of the operation, or else a property of its JSON body.
///
/// ```
/// use openapi_clientgen::Paging;
///
/// // `?page=2`, the items under `payload`, the number of them all under `meta.count`.
/// let numbered = Paging::page_number("page").items("$.payload").total("$.meta.count");
/// // `?offset=40&limit=20`: the offset grows by the items received; a short page is the last.
/// let offsets = Paging::offset("offset").limit("limit").items("$.data");
/// // `?after=<the response's next_cursor>`.
/// let cursors = Paging::cursor("after", "$.next_cursor").items("$.data");
/// // Older items: `?before=<the id of the first item received>`.
/// let older = Paging::cursor("before", "$.payload[0].id").items("$.payload");
/// // A URL to the next page in the body, or in the `Link` header (`rel="next"`).
/// let links = Paging::next_link("$.next").items("$.results");
/// let github = Paging::link_header();
/// # let _ = (numbered, offsets, cursors, older, links, github);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    next: NextSpec,
    items: String,
    total: Option<String>,
    more: Option<String>,
    limit: Option<String>,
    first: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NextSpec {
    /// A page number (`items: false`) or item offset (`items: true`) parameter.
    Number {
        parameter: String,
        items: bool,
    },
    Cursor {
        parameter: String,
        from: String,
    },
    Link {
        from: String,
    },
    LinkHeader,
}

impl Paging {
    fn new(next: NextSpec) -> Self {
        Paging {
            next,
            items: "$".to_owned(),
            total: None,
            more: None,
            limit: None,
            first: None,
        }
    }

    /// Pages numbered by the parameter `parameter`, from the number the first call sends
    /// (or 1), one more for each next page.
    pub fn page_number(parameter: &str) -> Self {
        Self::new(NextSpec::Number {
            parameter: parameter.to_owned(),
            items: false,
        })
    }

    /// Pages that start at the item offset `parameter`, from the offset the first call
    /// sends (or 0), plus the number of items received for each next page.
    pub fn offset(parameter: &str) -> Self {
        Self::new(NextSpec::Number {
            parameter: parameter.to_owned(),
            items: true,
        })
    }

    /// The next page is asked for with the cursor found at `next_cursor` in a response,
    /// sent as `parameter`.
    pub fn cursor(parameter: &str, next_cursor: &str) -> Self {
        Self::new(NextSpec::Cursor {
            parameter: parameter.to_owned(),
            from: next_cursor.to_owned(),
        })
    }

    /// The next page is the URL found at `next` in a response.
    pub fn next_link(next: &str) -> Self {
        Self::new(NextSpec::Link {
            from: next.to_owned(),
        })
    }

    /// The next page is the `Link` header's link with `rel="next"` (RFC 8288), as GitHub's
    /// API gives.
    pub fn link_header() -> Self {
        Self::new(NextSpec::LinkHeader)
    }

    /// Where a page's items are (default: `$`, the body is the list).
    pub fn items(mut self, path: &str) -> Self {
        self.items = path.to_owned();
        self
    }

    /// Where a response gives the total number of items of all pages: paging stops once
    /// that many have been received.
    pub fn total(mut self, path: &str) -> Self {
        self.total = Some(path.to_owned());
        self
    }

    /// Where a response says whether more pages follow (`$.has_more`): paging stops after
    /// a page where it is `false`.
    pub fn more(mut self, path: &str) -> Self {
        self.more = Some(path.to_owned());
        self
    }

    /// The parameter that sets the page size: a page with fewer items is the last.
    pub fn limit(mut self, parameter: &str) -> Self {
        self.limit = Some(parameter.to_owned());
        self
    }

    /// The first page number or offset, when the first call does not send one (default
    /// 1 for page numbers, 0 for offsets).
    pub fn first(mut self, first: i64) -> Self {
        self.first = Some(first);
        self
    }
}

/// A JSONPath of names and indexes (`$.data[0].id`, `$['odd name']`) as steps; `None`
/// for anything else.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.trim().strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty() || name == "*" {
                return None;
            }
            steps.push(Step::Key(name.to_owned()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inside = after[..end].trim();
            let step = match inside.chars().next() {
                Some(quote @ ('\'' | '"')) => {
                    Step::Key(inside.strip_prefix(quote)?.strip_suffix(quote)?.to_owned())
                }
                _ => Step::Index(inside.parse().ok()?),
            };
            steps.push(step);
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

impl Modeler<'_> {
    /// How the operation at `pointer`, `raw` in the document, pages: as `configured` by
    /// the build script (`Some` of `None` where it turned paging off), else as its
    /// document says or its shape suggests; `None`, with a warning where the description
    /// does not fit the operation, when it does not page.
    pub(crate) fn pages(
        &mut self,
        operation: &Operation,
        raw: &Value,
        pointer: &Pointer,
        configured: Option<Option<&Paging>>,
    ) -> Option<Pages> {
        let (convention, paging, at) = match configured {
            Some(None) => return None,
            Some(Some(paging)) => ("the build script", Ok(paging.clone()), pointer.clone()),
            None => match convention(raw, operation) {
                Some((convention, paging)) => (convention, paging, pointer.push(convention)),
                None if self.cursor_shapes => {
                    (SHAPE, Ok(self.cursor_shape(operation)?), pointer.clone())
                }
                None => return None,
            },
        };
        let paging = match paging {
            Ok(paging) => paging,
            Err(why) => {
                self.warn(&at, format!("no `_stream` method: {why}"));
                return None;
            }
        };
        match self.resolve_paging(operation, &paging, convention) {
            Ok(pages) => Some(pages),
            Err(why) => {
                self.warn(&at, format!("no `_stream` method: {why}"));
                None
            }
        }
    }

    fn resolve_paging(
        &self,
        operation: &Operation,
        paging: &Paging,
        convention: &'static str,
    ) -> Result<Pages, String> {
        let path = |text: &str| {
            steps(text).ok_or_else(|| format!("`{text}` is not a JSONPath of names and indexes"))
        };
        let Some(Success::Json(body)) = &operation.success else {
            return Err("the operation does not answer with JSON".to_owned());
        };
        let items = path(&paging.items)?;
        let item = match self.ty_at(body, &items) {
            Some(Ty::List(item)) => *item,
            Some(Ty::Json) => Ty::Json,
            _ => return Err(format!("`{}` is not a list in the response", paging.items)),
        };
        let input = |name: &str| self.input(operation, name);
        let next = match &paging.next {
            NextSpec::Number { parameter, items } => Next::Number {
                to: input(parameter)?,
                unit: if *items { Unit::Item } else { Unit::Page },
                first: paging.first.unwrap_or(if *items { 0 } else { 1 }),
                limit: paging.limit.as_deref().map(input).transpose()?,
            },
            NextSpec::Cursor { parameter, from } => Next::Cursor {
                from: Source::Body(Path(path(from)?)),
                to: input(parameter)?,
                limit: paging.limit.as_deref().map(input).transpose()?,
            },
            NextSpec::Link { from } => Next::Link(Source::Body(Path(path(from)?))),
            NextSpec::LinkHeader => Next::Link(Source::LinkHeader),
        };
        let total = paging.total.as_deref().map(path).transpose()?.map(Path);
        let more = paging.more.as_deref().map(path).transpose()?.map(Path);
        Ok(Pages {
            convention,
            item,
            paging: Descriptor {
                items: Path(items),
                next,
                total,
                more,
            },
        })
    }

    /// The cursor paging the operation's shape suggests (see
    /// [`Generator::detect_cursor_paging`](crate::Generator::detect_cursor_paging)).
    fn cursor_shape(&self, operation: &Operation) -> Option<Paging> {
        let Some(Success::Json(body)) = &operation.success else {
            return None;
        };
        let fields = self.struct_fields(body)?;
        let field = |name: &str| {
            fields
                .iter()
                .find(|field| field.wire_name == name)
                .map(|field| &field.ty)
        };
        if field("has_more")? != &Ty::Boolean {
            return None;
        }
        let lists: Vec<(&String, &Ty)> = fields
            .iter()
            .filter_map(|field| match &field.ty {
                Ty::List(item) => Some((&field.wire_name, &**item)),
                _ => None,
            })
            .collect();
        let (items, item) = match lists.iter().find(|(wire, _)| *wire == "data") {
            Some(&found) => found,
            None => match lists.as_slice() {
                [found] => *found,
                _ => return None,
            },
        };
        let query = |names: &[&'static str]| -> Option<&'static str> {
            names
                .iter()
                .find(|name| matches!(self.input(operation, name), Ok(Input::Query(_))))
                .copied()
        };
        let cursor = query(&["after", "starting_after", "cursor", "page_token"])?;
        let items_path = key_path(items);
        let from = match ["last_id", "next_cursor", "next_page_token"]
            .into_iter()
            .find(|name| field(name).is_some())
        {
            Some(name) => key_path(name),
            None => self
                .struct_fields(item)?
                .iter()
                .any(|field| field.wire_name == "id")
                .then(|| format!("{items_path}[-1].id"))?,
        };
        let paging = Paging::cursor(cursor, &from)
            .items(&items_path)
            .more("$.has_more");
        Some(match query(&["limit", "page_size", "per_page"]) {
            Some(limit) => paging.limit(limit),
            None => paging,
        })
    }

    /// Where the operation takes the input `name`: a query parameter, or a property of its
    /// JSON body.
    fn input(&self, operation: &Operation, name: &str) -> Result<Input, String> {
        let optional = operation
            .options
            .and_then(|options| match &self.type_def(options)?.kind {
                TypeKind::Params(params) => Some(params.as_slice()),
                _ => None,
            });
        let params = operation
            .params
            .iter()
            .chain(optional.into_iter().flatten());
        if let Some(param) = params.into_iter().find(|p| p.wire_name == name) {
            return match param.location {
                ParamIn::Query => Ok(Input::Query(name.to_owned())),
                other => Err(format!(
                    "the parameter `{name}` is in the {}; paging sets query parameters and \
                     properties of a JSON body",
                    other.name()
                )),
            };
        }
        match &operation.body {
            Some(body) if matches!(body.media, Media::Json(_)) => Ok(Input::Body(name.to_owned())),
            _ => Err(format!("the operation has no query parameter `{name}`")),
        }
    }

    /// The type at `steps` within a value of type `ty`, through generated structs, aliases
    /// and lists; `None` when the steps leave what the document describes.
    fn ty_at(&self, ty: &Ty, steps: &[Step]) -> Option<Ty> {
        let mut current = ty.clone();
        let mut steps = steps.iter();
        loop {
            current = match current {
                Ty::Nullable(inner) => *inner,
                Ty::Named(key) => match self.definition(key)? {
                    (_, TypeKind::Alias(target)) => target.clone(),
                    (_, TypeKind::Struct(s)) => match steps.next() {
                        None => return Some(Ty::Named(key)),
                        Some(Step::Key(key)) => {
                            s.fields.iter().find(|f| &f.wire_name == key)?.ty.clone()
                        }
                        Some(Step::Index(_)) => return None,
                    },
                    (target, _) => return steps.next().is_none().then_some(Ty::Named(target)),
                },
                other => match steps.next() {
                    None => return Some(other),
                    Some(Step::Index(_)) => match other {
                        Ty::List(item) => *item,
                        Ty::Json => Ty::Json,
                        _ => return None,
                    },
                    Some(Step::Key(_)) => match other {
                        Ty::Map(value) => *value,
                        Ty::Json => Ty::Json,
                        _ => return None,
                    },
                },
            };
        }
    }
}

/// The paging convention the operation's document follows, if any: its extension's name
/// and what it says (or why it cannot be read).
fn convention(
    raw: &Value,
    operation: &Operation,
) -> Option<(&'static str, Result<Paging, String>)> {
    if let Some(pageable) = raw.get("x-ms-pageable") {
        return azure(pageable).map(|paging| ("x-ms-pageable", paging));
    }
    if let Some(speakeasy) = raw.get("x-speakeasy-pagination") {
        return Some(("x-speakeasy-pagination", self::speakeasy(speakeasy)));
    }
    if let Some(fern) = raw.get("x-fern-pagination") {
        return Some(("x-fern-pagination", self::fern(fern)));
    }
    if raw.get("x-dropshot-pagination").is_some() {
        let paging = Paging::cursor("page_token", "$.next_page").items("$.items");
        return Some(("x-dropshot-pagination", Ok(paging)));
    }
    let link_header = raw["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(_, response)| response.get("headers")?.as_object())
        .any(|headers| headers.keys().any(|name| name.eq_ignore_ascii_case("link")));
    let list = matches!(&operation.success, Some(Success::Json(Ty::List(_))));
    (link_header && list).then(|| ("Link", Ok(Paging::link_header())))
}

/// `x-ms-pageable`: `{nextLinkName, itemName}`; a `null` next link name means the
/// operation answers with one page.
fn azure(pageable: &Value) -> Option<Result<Paging, String>> {
    let next = match pageable.get("nextLinkName") {
        Some(Value::Null) => return None,
        Some(Value::String(name)) => name,
        _ => return Some(Err("`nextLinkName` is not a name".to_owned())),
    };
    let items = pageable
        .get("itemName")
        .and_then(Value::as_str)
        .unwrap_or("value");
    Some(Ok(
        Paging::next_link(&key_path(next)).items(&key_path(items))
    ))
}

/// The JSONPath of the property `name` (which may hold dots: `@odata.nextLink`).
fn key_path(name: &str) -> String {
    format!("$['{name}']")
}

/// `x-speakeasy-pagination`: `{type, inputs: [{name, in, type}], outputs: {results,
/// nextCursor, nextUrl}}`.
fn speakeasy(value: &Value) -> Result<Paging, String> {
    let outputs = &value["outputs"];
    let output = |name: &str| -> Result<String, String> {
        outputs[name]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("`outputs.{name}` is missing"))
    };
    let inputs: Vec<(&str, &str, &str)> = value["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|input| {
            Some((
                input["name"].as_str()?,
                input["in"].as_str().unwrap_or("parameters"),
                input["type"].as_str()?,
            ))
        })
        .collect();
    let input = |kind: &str| {
        inputs
            .iter()
            .find(|(_, _, t)| *t == kind)
            .map(|(name, ..)| *name)
    };
    let paging = match value["type"].as_str() {
        Some("offsetLimit") => match (input("page"), input("offset")) {
            (Some(page), _) => Paging::page_number(page),
            (None, Some(offset)) => Paging::offset(offset),
            (None, None) => return Err("no `page` or `offset` input".to_owned()),
        },
        Some("cursor") => {
            let cursor = input("cursor").ok_or("no `cursor` input")?;
            Paging::cursor(cursor, &output("nextCursor")?)
        }
        Some("url") => Paging::next_link(&output("nextUrl")?),
        other => {
            return Err(format!(
                "the type {other:?} is not `offsetLimit`, `cursor` or `url`"
            ))
        }
    };
    let paging = match input("limit") {
        Some(limit) => paging.limit(limit),
        None => paging,
    };
    Ok(paging.items(&output("results")?))
}

/// `x-fern-pagination`: `{offset: $request.page, step: $request.limit, results:
/// $response.data}`, `{cursor: $request.after, next_cursor: $response.next, results}`, or
/// `{next_uri: $response.next, results}` (`next_path` likewise).
fn fern(value: &Value) -> Result<Paging, String> {
    let field = |name: &str| value[name].as_str();
    let request = |name: &str| -> Result<Option<String>, String> {
        let Some(text) = field(name) else {
            return Ok(None);
        };
        match text.strip_prefix("$request.") {
            Some(parameter) if !parameter.contains('.') => Ok(Some(parameter.to_owned())),
            _ => Err(format!(
                "`{name}` ({text}) is not a parameter (`$request.name`)"
            )),
        }
    };
    let response = |name: &str| -> Result<String, String> {
        let text = field(name).ok_or_else(|| format!("`{name}` is missing"))?;
        text.strip_prefix("$response")
            .map(|path| format!("${path}"))
            .ok_or_else(|| format!("`{name}` ({text}) is not in the response (`$response...`)"))
    };
    let paging = if let Some(offset) = request("offset")? {
        match request("step")? {
            Some(step) => Paging::offset(&offset).limit(&step),
            None => Paging::page_number(&offset),
        }
    } else if let Some(cursor) = request("cursor")? {
        Paging::cursor(&cursor, &response("next_cursor")?)
    } else if field("next_uri").is_some() {
        Paging::next_link(&response("next_uri")?)
    } else if field("next_path").is_some() {
        Paging::next_link(&response("next_path")?)
    } else {
        return Err("neither `offset`, `cursor`, `next_uri` nor `next_path`".to_owned());
    };
    Ok(paging.items(&response("results")?))
}

/// The operations of `configured` (by operationId) that `operations` lacks: each is a
/// mistake in the build script.
pub(crate) fn unknown_operations<'c>(
    configured: &'c BTreeMap<String, Option<Paging>>,
    operations: &[Operation],
) -> Vec<&'c str> {
    configured
        .keys()
        .filter(|id| !operations.iter().any(|op| &op.source == *id))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{steps, Step};

    #[test]
    fn jsonpaths_of_names_and_indexes_become_steps() {
        let key = |k: &str| Step::Key(k.to_owned());
        assert_eq!(steps("$"), Some(vec![]));
        assert_eq!(steps("$.meta.count"), Some(vec![key("meta"), key("count")]));
        assert_eq!(
            steps("$.payload[-1].id"),
            Some(vec![key("payload"), Step::Index(-1), key("id")])
        );
        assert_eq!(
            steps("$['@odata.nextLink']"),
            Some(vec![key("@odata.nextLink")])
        );
        assert_eq!(
            steps("$[\"a b\"][0]"),
            Some(vec![key("a b"), Step::Index(0)])
        );
        for invalid in [
            "", "payload", "$.", "$..a", "$.a[*]", "$[x]", "$['a]", "$.*",
        ] {
            assert_eq!(steps(invalid), None, "{invalid}");
        }
    }
}
