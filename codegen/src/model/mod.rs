//! The model stage: the document, read into the `openapiv3` model, becomes the
//! intermediate representation ([`crate::ir`]). This module runs the passes in order;
//! each pass is a module of its own, and they share a [`Modeler`].

mod dedup;
mod directions;
mod features;
mod formats;
mod forms;
mod media;
mod modeler;
mod naming;
mod operations;
mod pages;
mod places;
mod recursion;
mod references;
mod responses;
mod schemas;
mod security;
mod shares;
mod styles;
mod webhooks;

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use serde_json::Value;

use crate::error::{Diagnostic, Result};
use crate::parse::Document;

pub use formats::FormatTypes;
pub(crate) use operations::Selection;
pub use pages::Paging;

use crate::ir::{Api, ParamIn, TypeDef, TypeId, TypeKind};
use modeler::Modeler;

/// Builds the model of `document`; `raw` is the same document as JSON, used to resolve
/// references that point outside `components`. The operations are modeled on up to
/// `threads` threads. The model is [`Found::settle`]d once the document is no longer
/// needed.
pub(crate) fn build(
    document: &Document,
    raw: &Value,
    selection: &Selection,
    formats: FormatTypes,
    paging: &BTreeMap<String, Option<Paging>>,
    cursor_shapes: bool,
    threads: NonZeroUsize,
) -> Result<(Found, Vec<Diagnostic>)> {
    let mut modeler = Modeler::new(&document.openapi, raw);
    modeler.formats = formats;
    modeler.cursor_shapes = cursor_shapes;
    let (schemes, server) = security::schemes_and_server(&mut modeler);
    modeler.schemes = schemes;
    let operations =
        operations::build_all(&mut modeler, &document.paths, selection, paging, threads)?;
    modeler.webhooks()?;
    if selection.is_everything() {
        modeler.all_components()?;
    }
    let info = &document.openapi.info;
    let api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        server,
        schemes: std::mem::take(&mut modeler.schemes),
        idempotency_header: None,
        types: Vec::new(),
        operations,
    };
    let found = Found {
        api,
        types: modeler.take_types(),
    };
    Ok((found, modeler.warnings))
}

/// The model once every type is found, before the types are settled: each with its key,
/// in the order it was found; the API's types are empty until then.
pub(crate) struct Found {
    api: Api,
    types: Vec<(TypeId, TypeDef)>,
}

impl Found {
    /// The API once every type is found: each type at its place, in claim order;
    /// duplicates become aliases, names are final, recursive fields boxed, and the types
    /// sorted by name.
    pub(crate) fn settle(self) -> Result<Api> {
        let Found { mut api, types } = self;
        api.types = places::place(
            types,
            naming::claim_order,
            &mut api.operations,
            api.server.as_mut(),
        )?;
        dedup::alias_duplicates(&mut api.types);
        naming::assign_names(&mut api.types);
        recursion::box_recursive_fields(&mut api.types);
        places::reorder(
            &mut api.types,
            naming::name_order,
            &mut api.operations,
            api.server.as_mut(),
        );
        let types = &api.types;
        api.idempotency_header = api
            .operations
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
        Ok(api)
    }
}
