//! Parameter styles: how each parameter, and each property of a form body, is written.
//! The runtime's `codegen::Style` and `codegen::Param` write values in these styles.

/// An OpenAPI style, or JSON text for a parameter described by JSON `content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Json,
}

impl Style {
    /// The runtime's constructor of a parameter in this style (`Param::form`).
    pub(crate) fn constructor(self) -> &'static str {
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

    /// Whether the style is exploded unless the document says otherwise: only `form`.
    pub(crate) fn explodes(self) -> bool {
        self == Style::Form
    }

    /// The document's name of the style.
    pub(crate) fn name(self) -> &'static str {
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
}

/// How one value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    pub style: Style,
    pub explode: bool,
    pub allow_reserved: bool,
}

impl Layout {
    /// A style with the specification's default `explode`: true for `form` only.
    pub(crate) fn new(style: Style, explode: Option<bool>, allow_reserved: bool) -> Self {
        Layout {
            style,
            explode: explode.unwrap_or(style.explodes()),
            allow_reserved,
        }
    }

    /// The layout of a parameter in `location` that says nothing of its style.
    pub(crate) fn default_for(location: super::ParamIn) -> Layout {
        match location {
            super::ParamIn::Path | super::ParamIn::Header => {
                Layout::new(Style::Simple, None, false)
            }
            super::ParamIn::Query | super::ParamIn::Cookie => Layout::FORM,
        }
    }

    /// `form`, exploded: the default of queries, cookies and form bodies' properties.
    pub(crate) const FORM: Layout = Layout {
        style: Style::Form,
        explode: true,
        allow_reserved: false,
    };
}
