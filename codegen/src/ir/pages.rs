//! How a list operation pages: the runtime's paging descriptor
//! (`openapi_clientgen_descriptors::Paging`), in the owned form the generator builds, with
//! what the emitter needs beside it.

use openapi_clientgen_descriptors as descriptors;

pub(crate) use descriptors::{Path, Unit};

use super::Ty;

/// One step of a path in a JSON body.
pub(crate) type Step = descriptors::Step<String>;
/// Where a response gives the next link or cursor.
pub(crate) type Source = descriptors::Source<Vec<Step>>;
/// Where a request carries a cursor, a page number or a page size.
pub(crate) type Input = descriptors::Input<String>;
/// How the next page is asked for.
pub(crate) type Next = descriptors::Next<String, Vec<Step>>;
/// The descriptor generated code hands the runtime.
pub(crate) type Descriptor = descriptors::Paging<String, Vec<Step>>;

/// How an operation pages, as the emitter prints it.
#[derive(Debug, Clone)]
pub(crate) struct Pages {
    /// Where the description comes from: a convention's extension, `Link`, or the build
    /// script.
    pub convention: &'static str,
    /// The type of one item.
    pub item: Ty,
    pub paging: Descriptor,
}

impl Pages {
    /// How the next page is asked for, in a sentence's words (Markdown).
    pub(crate) fn describe(&self) -> String {
        let source = |source: &Source| match source {
            Source::Body(path) => format!("the response's `{path}`"),
            Source::LinkHeader => "the `Link` header's `rel=\"next\"` link".to_owned(),
        };
        let input = |input: &Input| match input {
            Input::Query(name) => format!("the query parameter `{name}`"),
            Input::Body(name) => format!("the body's `{name}`"),
        };
        let next = match &self.paging.next {
            Next::Link(from) => format!("the next page is the URL in {}", source(from)),
            Next::Cursor { from, to, .. } => {
                format!(
                    "the next page's cursor is {}, sent as {}",
                    source(from),
                    input(to)
                )
            }
            Next::Number {
                to,
                unit: Unit::Page,
                ..
            } => format!("pages are numbered by {}", input(to)),
            Next::Number {
                to,
                unit: Unit::Item,
                ..
            } => {
                format!("{} is the offset of the page's first item", input(to))
            }
        };
        let described = match self.convention {
            "the build script" => "as the build script configures".to_owned(),
            "Link" => "as the documented `Link` header says".to_owned(),
            "the response's shape" => {
                "as the response's shape (a list, `has_more` and a cursor) suggests".to_owned()
            }
            convention => format!("as the document's `{convention}` says"),
        };
        format!("{next}, {described}")
    }
}
