//! Parameter styles: how each parameter, and each property of a form body, is written.
//! [`Layout`] and [`Style`] are the runtime's own (`openapi_clientgen_descriptors`), which
//! writes values in them.

pub(crate) use openapi_clientgen_descriptors::{Layout, Style};

use super::ParamIn;

impl ParamIn {
    /// The layout of a parameter here that says nothing of its style: `simple` in paths
    /// and headers, `form` exploded in queries and cookies.
    pub(crate) fn default_layout(self) -> Layout {
        match self {
            ParamIn::Path | ParamIn::Header => Layout::new(Style::Simple, None, false),
            ParamIn::Query | ParamIn::Cookie => Layout::FORM,
        }
    }
}
