//! Parameter styles: how each parameter, and each property of a form body, is written,
//! read from `style`, `explode`, `allowReserved`, a parameter's `content` and a form body's
//! `encoding`, with the specification's defaults. The runtime's `params` module writes
//! values in these styles.

use openapiv3::{
    CookieStyle, HeaderStyle, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
};
use serde_json::Value;

use super::media::is_json;
use super::modeler::Modeler;
use crate::error::Pointer;
use crate::ir::{is_scalar, Field, Layout, Style, Ty, TypeKind};
use crate::parse::SKIP_URL_ENCODING;

/// The layout of a parameter.
pub(crate) fn parameter_layout(parameter: &Parameter) -> Layout {
    let data = parameter.parameter_data_ref();
    let explode = data.explode;
    let (style, allow_reserved) = match parameter {
        // Azure's `x-ms-skip-url-encoding` marks a path value that holds its own `/`
        // (a resource scope): its reserved characters are kept, as `allowReserved` keeps a
        // query's.
        Parameter::Path { style, .. } => (
            match style {
                PathStyle::Simple => Style::Simple,
                PathStyle::Label => Style::Label,
                PathStyle::Matrix => Style::Matrix,
            },
            data.extensions.get(SKIP_URL_ENCODING) == Some(&Value::Bool(true)),
        ),
        // On a query value, Azure's mark means what `allowReserved` says.
        Parameter::Query {
            style,
            allow_reserved,
            ..
        } => (
            query_style(style),
            *allow_reserved || data.extensions.get(SKIP_URL_ENCODING) == Some(&Value::Bool(true)),
        ),
        Parameter::Header {
            style: HeaderStyle::Simple,
            ..
        } => (Style::Simple, false),
        Parameter::Cookie {
            style: CookieStyle::Form,
            ..
        } => (Style::Form, false),
    };
    match &data.format {
        ParameterSchemaOrContent::Content(content)
            if content.keys().next().is_some_and(|media| is_json(media)) =>
        {
            Layout::new(Style::Json, Some(false), allow_reserved)
        }
        _ => Layout::new(style, explode, allow_reserved),
    }
}

fn query_style(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}

/// The layouts a form body's `encoding` object gives its properties, by property name,
/// read from the document itself (the `openapiv3` model cannot tell an absent `explode`
/// from `false`). A property whose encoding gives a JSON `contentType` and no style is
/// written as JSON text; one without an encoding is `form`, exploded.
fn encoded_layouts(encoding: Option<&Value>) -> Vec<(String, Layout)> {
    let Some(Value::Object(encoding)) = encoding else {
        return Vec::new();
    };
    encoding
        .iter()
        .filter_map(|(name, encoding)| {
            let style = encoding.get("style").and_then(Value::as_str);
            let explode = encoding.get("explode").and_then(Value::as_bool);
            let allow_reserved = encoding.get("allowReserved").and_then(Value::as_bool);
            let content_type = encoding.get("contentType").and_then(Value::as_str);
            let styled = style.is_some() || explode.is_some() || allow_reserved.is_some();
            let layout = match content_type {
                Some(media) if !styled && is_json(media) => {
                    Layout::new(Style::Json, Some(false), false)
                }
                _ => Layout::new(
                    match style {
                        Some("spaceDelimited") => Style::SpaceDelimited,
                        Some("pipeDelimited") => Style::PipeDelimited,
                        Some("deepObject") => Style::DeepObject,
                        _ => Style::Form,
                    },
                    explode,
                    allow_reserved.unwrap_or(false),
                ),
            };
            (layout != Layout::FORM).then(|| (name.clone(), layout))
        })
        .collect()
}

impl Modeler<'_> {
    /// The layouts of the properties of the form body of type `ty` (of the media type at
    /// `pointer`) that are not `form`, exploded; `None`, with a warning, when the body is
    /// not an object and so has no form encoding.
    pub(crate) fn form_layouts(
        &mut self,
        ty: &Ty,
        pointer: &Pointer,
    ) -> Option<Vec<(String, Layout)>> {
        let layouts = encoded_layouts(self.lookup(&pointer.push("encoding")));
        let pointer = &pointer.push("schema");
        let layout_of = |name: &str| {
            layouts
                .iter()
                .find(|(n, _)| n == name)
                .map_or(Layout::FORM, |(_, layout)| *layout)
        };
        match ty {
            Ty::Json => {}
            Ty::Map(value) => self.check_layout(value, Layout::FORM, "the body", pointer),
            // The names and types copied: checking a layout may warn, which needs the
            // modeler whole.
            _ => match self.struct_fields(ty).map(|fields| {
                let fields = fields.iter().map(|f| (f.wire_name.clone(), f.ty.clone()));
                fields.collect::<Vec<_>>()
            }) {
                Some(fields) => {
                    for (name, ty) in fields {
                        let layout = layout_of(&name);
                        self.check_layout(&ty, layout, &name, pointer);
                    }
                }
                None => {
                    self.warn(
                        pointer,
                        "a form body that is not an object cannot be form-encoded; the \
                         operation is not offered with this media type",
                    );
                    return None;
                }
            },
        }
        Some(layouts)
    }

    /// Warns when values of `ty` can hold what `layout` does not define: a list or
    /// object inside a list or object (written as its JSON text), except in a
    /// `deepObject`, which nests objects.
    pub(crate) fn check_layout(&mut self, ty: &Ty, layout: Layout, name: &str, pointer: &Pointer) {
        if layout.style == Style::Json {
            return;
        }
        let nested = match ty {
            Ty::List(item) | Ty::Map(item) => !self.is_flat(item),
            Ty::Named(_) => match self.struct_fields(ty) {
                Some(fields) => fields.iter().any(|field| !self.is_flat(&field.ty)),
                None => false,
            },
            _ => false,
        };
        let deep_object = layout.style == Style::DeepObject && !matches!(ty, Ty::List(_));
        if nested && !deep_object {
            self.warn(
                pointer,
                format!(
                    "`{name}` can hold lists or objects inside a list or object, which the {} \
                     style does not define; they are sent as JSON text",
                    layout.style.name()
                ),
            );
        }
    }

    /// A struct's fields (through aliases); `None` for other types.
    pub(super) fn struct_fields(&self, ty: &Ty) -> Option<&[Field]> {
        let Ty::Named(key) = ty else { return None };
        match self.type_def(*key).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => Some(&s.fields),
            Some(TypeKind::Alias(inner)) => self.struct_fields(inner),
            _ => None,
        }
    }

    /// Whether values of `ty` are written as one piece of text in every style: scalars,
    /// string enums, and unions of them.
    fn is_flat(&self, ty: &Ty) -> bool {
        match ty {
            // Free-form values are the caller's choice.
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Json | Ty::Format(_) => true,
            Ty::Nullable(inner) => self.is_flat(inner),
            Ty::Named(key) => match self.type_def(*key).map(|t| &t.kind) {
                Some(TypeKind::Enum { .. }) => true,
                Some(TypeKind::Alias(inner)) => self.is_flat(inner),
                Some(TypeKind::Union(union)) => union.variants.iter().all(|v| is_scalar(&v.ty)),
                _ => false,
            },
            Ty::List(_) | Ty::Map(_) | Ty::File(_) => false,
        }
    }
}
