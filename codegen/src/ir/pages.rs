//! How a list operation pages, as the emitter prints it: the runtime's
//! `codegen::Paging` descriptor.

use super::Ty;

/// How an operation pages, as the emitter prints it.
#[derive(Debug, Clone)]
pub(crate) struct Pages {
    /// Where the description comes from: a convention's extension, `Link`, or the build
    /// script.
    pub convention: &'static str,
    pub items: Vec<Step>,
    /// The type of one item.
    pub item: Ty,
    pub next: Next,
    pub total: Option<Vec<Step>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(i64),
}

#[derive(Debug, Clone)]
pub(crate) enum Next {
    Link(Source),
    Cursor {
        from: Source,
        to: Input,
    },
    Number {
        to: Input,
        items: bool,
        first: i64,
        limit: Option<Input>,
    },
}

#[derive(Debug, Clone)]
pub(crate) enum Source {
    Body(Vec<Step>),
    LinkHeader,
}

#[derive(Debug, Clone)]
pub(crate) enum Input {
    Query(String),
    Body(String),
}

impl Pages {
    /// How the next page is asked for, in a sentence's words (Markdown).
    pub(crate) fn describe(&self) -> String {
        let path = |steps: &[Step]| {
            let mut text = "$".to_owned();
            for step in steps {
                match step {
                    Step::Key(key) if key.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                        text.push('.');
                        text.push_str(key);
                    }
                    Step::Key(key) => text.push_str(&format!("['{key}']")),
                    Step::Index(index) => text.push_str(&format!("[{index}]")),
                }
            }
            format!("`{text}`")
        };
        let source = |source: &Source| match source {
            Source::Body(steps) => format!("the response's {}", path(steps)),
            Source::LinkHeader => "the `Link` header's `rel=\"next\"` link".to_owned(),
        };
        let input = |input: &Input| match input {
            Input::Query(name) => format!("the query parameter `{name}`"),
            Input::Body(name) => format!("the body's `{name}`"),
        };
        let next = match &self.next {
            Next::Link(from) => format!("the next page is the URL in {}", source(from)),
            Next::Cursor { from, to } => {
                format!(
                    "the next page's cursor is {}, sent as {}",
                    source(from),
                    input(to)
                )
            }
            Next::Number {
                to, items: false, ..
            } => format!("pages are numbered by {}", input(to)),
            Next::Number {
                to, items: true, ..
            } => {
                format!("{} is the offset of the page's first item", input(to))
            }
        };
        let described = match self.convention {
            "the build script" => "as the build script configures".to_owned(),
            "Link" => "as the documented `Link` header says".to_owned(),
            convention => format!("as the document's `{convention}` says"),
        };
        format!("{next}, {described}")
    }
}
