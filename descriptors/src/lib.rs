//! The descriptors generated code hands the runtime of
//! [`openapi-clientgen`](https://docs.rs/openapi-clientgen), defined once for both: how
//! each parameter is written ([`Layout`], [`Style`]) and how a list pages ([`Paging`]).
//!
//! The generator builds them from an API document and writes them into generated code as
//! Rust expressions ([`Layout::to_rust`], [`Paging::to_rust`]); the runtime reads them
//! when it sends a request or fetches the next page. A new style or paging convention is
//! added here, and both sides see it.
//!
//! The paging descriptor is generic over how it holds text and paths: generated code holds
//! `&'static` data (the defaults), the generator owned `String`s and `Vec`s.

#![no_std]
#![deny(missing_docs)]

extern crate alloc;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

/// A parameter style, the OpenAPI `style` of a parameter or of a form body's property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `blue,black,brown` (paths and headers).
    Simple,
    /// `.blue` (paths).
    Label,
    /// `;color=blue` (paths).
    Matrix,
    /// `color=blue` (queries, cookies and form bodies).
    Form,
    /// `color=blue%20black%20brown` (queries).
    SpaceDelimited,
    /// `color=blue%7Cblack%7Cbrown` (queries).
    PipeDelimited,
    /// `color%5BR%5D=100` (queries).
    DeepObject,
    /// The value's JSON text, for a parameter described by `content` with a JSON media
    /// type (not an OpenAPI style).
    Json,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 8] = [
        Style::Simple,
        Style::Label,
        Style::Matrix,
        Style::Form,
        Style::SpaceDelimited,
        Style::PipeDelimited,
        Style::DeepObject,
        Style::Json,
    ];

    /// Whether the style is exploded unless the document says otherwise: only `form`.
    pub const fn explodes(self) -> bool {
        matches!(self, Style::Form)
    }

    /// The style's name in an OpenAPI document (`spaceDelimited`; `json` for JSON text).
    pub const fn name(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Json => "json",
        }
    }

    /// The name of the runtime's constructor of a parameter in this style
    /// (`Param::space_delimited`), which sets the style's default `explode`.
    pub const fn constructor(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
            Style::Form => "form",
            Style::SpaceDelimited => "space_delimited",
            Style::PipeDelimited => "pipe_delimited",
            Style::DeepObject => "deep_object",
            Style::Json => "json",
        }
    }
}

/// How one value is written: its style, whether it is exploded, and whether reserved
/// characters are kept (OpenAPI `allowReserved`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Layout {
    /// The style.
    pub style: Style,
    /// OpenAPI `explode`.
    pub explode: bool,
    /// OpenAPI `allowReserved`.
    pub allow_reserved: bool,
}

impl Layout {
    /// A style with `explode` as given, else the specification's default (true for
    /// `form` only).
    pub const fn new(style: Style, explode: Option<bool>, allow_reserved: bool) -> Self {
        Layout {
            style,
            explode: match explode {
                Some(explode) => explode,
                None => style.explodes(),
            },
            allow_reserved,
        }
    }

    /// `form`, exploded: the default of queries, cookies and form bodies' properties.
    pub const FORM: Layout = Layout::new(Style::Form, None, false);

    /// The runtime's parameter `name` in this layout, as a Rust expression under the
    /// runtime path `runtime`: `rt::Param::form("ids").explode(false)`.
    ///
    /// ```
    /// use openapi_clientgen_descriptors::{Layout, Style};
    ///
    /// let layout = Layout::new(Style::Form, Some(false), true);
    /// assert_eq!(
    ///     layout.to_rust("ids", "rt"),
    ///     r#"rt::Param::form("ids").explode(false).allow_reserved()"#
    /// );
    /// ```
    pub fn to_rust(&self, name: &str, runtime: &str) -> String {
        let constructor = self.style.constructor();
        let mut text = String::with_capacity(runtime.len() + constructor.len() + name.len() + 48);
        text.push_str(runtime);
        text.push_str("::Param::");
        text.push_str(constructor);
        text.push('(');
        // Most names are printable ASCII without quotes or backslashes: their own literal.
        if name
            .bytes()
            .all(|b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\')
        {
            text.push('"');
            text.push_str(name);
            text.push('"');
        } else {
            let _ = write!(text, "{name:?}");
        }
        text.push(')');
        if self.explode != self.style.explodes() {
            text.push_str(match self.explode {
                true => ".explode(true)",
                false => ".explode(false)",
            });
        }
        if self.allow_reserved {
            text.push_str(".allow_reserved()");
        }
        text
    }
}

/// How an operation pages: where a page's items are, how the next page is asked for, and
/// where the total number of items is, if the API gives it.
///
/// `S` holds a name, `P` a path's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging<S = &'static str, P = &'static [Step]> {
    /// The list of items in a page's body (an empty path: the body is the list).
    pub items: Path<P>,
    /// How the next page is asked for.
    pub next: Next<S, P>,
    /// The total number of items of all pages, in a page's body.
    pub total: Option<Path<P>>,
    /// Whether more pages follow, in a page's body (`has_more`): a `false` ends paging.
    pub more: Option<Path<P>>,
}

/// A place in a JSON body: object keys and list indexes (negative from the end, as
/// JSONPath's `[-1]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path<P = &'static [Step]>(pub P);

/// A path as JSONPath: `$`, `$.data[-1].id`, `$['odd name']`.
impl fmt::Display for Path<&'static [Step]> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        jsonpath(self.0, f)
    }
}

/// A path as JSONPath, as [`Path`]'s `&'static` form shows it.
impl fmt::Display for Path<Vec<Step<String>>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        jsonpath(&self.0, f)
    }
}

fn jsonpath<S: AsRef<str>>(steps: &[Step<S>], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("$")?;
    for step in steps {
        match step {
            Step::Key(key) => {
                let key = key.as_ref();
                if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    write!(f, ".{key}")?;
                } else {
                    write!(f, "['{key}']")?;
                }
            }
            Step::Index(index) => write!(f, "[{index}]")?,
        }
    }
    Ok(())
}

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<S = &'static str> {
    /// The property of this name.
    Key(S),
    /// The item at this index; `-1` is the last.
    Index(i64),
}

/// How the next page is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next<S = &'static str, P = &'static [Step]> {
    /// A `GET` of the URL the response gives (absolute, or relative to the page's URL).
    Link(Source<P>),
    /// The same request with the cursor the response gives as the input `to`.
    Cursor {
        /// Where the response gives the cursor.
        from: Source<P>,
        /// Where the next request carries it.
        to: Input<S>,
        /// Where the request carries the page size, when the operation takes one: a page
        /// with fewer items is the last.
        limit: Option<Input<S>>,
    },
    /// The same request with the next page number or item offset as the input `to`.
    Number {
        /// Where the request carries the number.
        to: Input<S>,
        /// Whether it counts pages or items.
        unit: Unit,
        /// The number of the first page (or the first offset), when the first request
        /// does not set it.
        first: i64,
        /// Where the request carries the page size, when the operation takes one.
        limit: Option<Input<S>>,
    },
}

/// Where a response gives the next link or cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<P = &'static [Step]> {
    /// At this place in the body.
    Body(Path<P>),
    /// The `Link` header's link with `rel="next"` (RFC 8288).
    LinkHeader,
}

/// Where a request carries a cursor, a page number or a page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<S = &'static str> {
    /// The query parameter of this name (style `form`).
    Query(S),
    /// The property of this name of the JSON body.
    Body(S),
}

/// What a page number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Pages: the next page is the number plus one.
    Page,
    /// Items: the next page is the offset plus the number of items received.
    Item,
}

impl<S: AsRef<str>, P: AsRef<[Step<S>]>> Paging<S, P> {
    /// The descriptor as a Rust expression of its `&'static` form, under the runtime path
    /// `runtime`.
    ///
    /// ```
    /// use openapi_clientgen_descriptors::{Input, Next, Paging, Path, Step, Unit};
    ///
    /// let paging: Paging<String, Vec<Step<String>>> = Paging {
    ///     items: Path(vec![Step::Key("data".to_owned())]),
    ///     next: Next::Number { to: Input::Query("page".to_owned()), unit: Unit::Page, first: 1, limit: None },
    ///     total: None,
    ///     more: None,
    /// };
    /// assert_eq!(
    ///     paging.to_rust("rt"),
    ///     "rt::Paging { items: rt::Path(&[rt::Step::Key(\"data\")]), \
    ///      next: rt::Next::Number { to: rt::Input::Query(\"page\"), unit: rt::Unit::Page, \
    ///      first: 1, limit: None }, total: None, more: None }"
    /// );
    /// ```
    pub fn to_rust(&self, runtime: &str) -> String {
        let path = |path: &Path<P>| {
            let steps: Vec<String> = path
                .0
                .as_ref()
                .iter()
                .map(|step| match step {
                    Step::Key(key) => format!("{runtime}::Step::Key({:?})", key.as_ref()),
                    Step::Index(index) => format!("{runtime}::Step::Index({index})"),
                })
                .collect();
            format!("{runtime}::Path(&[{}])", steps.join(", "))
        };
        let source = |source: &Source<P>| match source {
            Source::Body(at) => format!("{runtime}::Source::Body({})", path(at)),
            Source::LinkHeader => format!("{runtime}::Source::LinkHeader"),
        };
        let input = |input: &Input<S>| match input {
            Input::Query(name) => format!("{runtime}::Input::Query({:?})", name.as_ref()),
            Input::Body(name) => format!("{runtime}::Input::Body({:?})", name.as_ref()),
        };
        let optional = |limit: &Option<Input<S>>| match limit {
            Some(limit) => format!("Some({})", input(limit)),
            None => String::from("None"),
        };
        let next = match &self.next {
            Next::Link(from) => format!("{runtime}::Next::Link({})", source(from)),
            Next::Cursor { from, to, limit } => format!(
                "{runtime}::Next::Cursor {{ from: {}, to: {}, limit: {} }}",
                source(from),
                input(to),
                optional(limit)
            ),
            Next::Number {
                to,
                unit,
                first,
                limit,
            } => format!(
                "{runtime}::Next::Number {{ to: {}, unit: {runtime}::Unit::{unit:?}, first: {first}, limit: {} }}",
                input(to),
                optional(limit)
            ),
        };
        let place = |at: &Option<Path<P>>| match at {
            Some(at) => format!("Some({})", path(at)),
            None => String::from("None"),
        };
        format!(
            "{runtime}::Paging {{ items: {}, next: {next}, total: {}, more: {} }}",
            path(&self.items),
            place(&self.total),
            place(&self.more)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_form_explodes_by_default_and_each_style_has_its_constructor() {
        for style in Style::ALL {
            let layout = Layout::new(style, None, false);
            assert_eq!(layout.explode, style == Style::Form);
            assert_eq!(
                layout.to_rust("x", "rt"),
                format!("rt::Param::{}(\"x\")", style.constructor())
            );
        }
    }

    #[test]
    fn paths_are_shown_as_jsonpath() {
        let path = Path(&[Step::Key("data"), Step::Index(-1), Step::Key("odd key")][..]);
        assert_eq!(format!("{path}"), "$.data[-1]['odd key']");
        let owned = Path(alloc::vec![Step::Key(String::from("data"))]);
        assert_eq!(format!("{owned}"), "$.data");
    }

    #[test]
    fn names_are_written_as_rust_string_literals() {
        let layout = Layout::new(Style::Simple, Some(true), false);
        assert_eq!(
            layout.to_rust("a\"b\\c", "rt"),
            r#"rt::Param::simple("a\"b\\c").explode(true)"#
        );
        for name in ["$filter", "it's", "a b~", "tab\there", "é", "\u{7f}", ""] {
            assert_eq!(
                Layout::FORM.to_rust(name, "rt"),
                format!("rt::Param::form({name:?})")
            );
        }
        let paging: Paging<String, Vec<Step<String>>> = Paging {
            items: Path(Vec::new()),
            next: Next::Cursor {
                from: Source::Body(Path(alloc::vec![
                    Step::Key("odd \"key\"".into()),
                    Step::Index(-1)
                ])),
                to: Input::Body("after".into()),
                limit: Some(Input::Query("limit".into())),
            },
            total: Some(Path(alloc::vec![Step::Key("count".into())])),
            more: Some(Path(alloc::vec![Step::Key("has_more".into())])),
        };
        assert_eq!(
            paging.to_rust("rt"),
            "rt::Paging { items: rt::Path(&[]), next: rt::Next::Cursor { from: \
             rt::Source::Body(rt::Path(&[rt::Step::Key(\"odd \\\"key\\\"\"), \
             rt::Step::Index(-1)])), to: rt::Input::Body(\"after\"), limit: \
             Some(rt::Input::Query(\"limit\")) }, total: \
             Some(rt::Path(&[rt::Step::Key(\"count\")])), more: \
             Some(rt::Path(&[rt::Step::Key(\"has_more\")])) }"
        );
    }
}
