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

use foldhash::HashSet;
use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Diagnostic, Result};
use crate::parallel;

pub use formats::FormatTypes;
pub(crate) use operations::Selection;
pub use pages::Paging;

use crate::ir::{Api, Operation, ParamIn, Server, TypeDef, TypeKind};
use modeler::Modeler;

/// Builds the model of `document`; `raw` is the same document as JSON, used to resolve
/// references that point outside `components`. The operations are modeled on up to
/// `threads` threads; once every type is found, the document is freed on another while
/// the types are named and settled.
pub(crate) fn build(
    document: OpenAPI,
    raw: Value,
    selection: &Selection,
    formats: FormatTypes,
    paging: &BTreeMap<String, Option<Paging>>,
    cursor_shapes: bool,
    threads: NonZeroUsize,
) -> Result<(Api, Vec<Diagnostic>)> {
    let mut modeler = Modeler::new(&document, &raw);
    modeler.formats = formats;
    modeler.cursor_shapes = cursor_shapes;
    let (schemes, server) = security::schemes_and_server(&mut modeler);
    modeler.schemes = schemes;
    let operations = operations::build_all(&mut modeler, selection, paging, threads)?;
    modeler.webhooks()?;
    if selection.is_everything() {
        modeler.all_components()?;
    }
    let info = &document.info;
    let mut api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        server,
        schemes: std::mem::take(&mut modeler.schemes),
        idempotency_header: None,
        types: modeler.take_types(),
        operations,
    };
    let warnings = std::mem::take(&mut modeler.warnings);
    drop(modeler);
    parallel::drop_beside((document, raw), threads, || settle(&mut api))?;
    Ok((api, warnings))
}

/// The passes once every type is found, in the order they were found: duplicates become
/// aliases, names are final, recursive fields boxed, and the types sorted by name.
fn settle(api: &mut Api) -> Result<()> {
    let types = &mut api.types;
    naming::sort_in_claim_order(types);
    dedup::alias_duplicates(types);
    naming::assign_names(types, &mut api.operations, api.server.as_mut());
    check_references(types, &api.operations, api.server.as_ref())?;
    recursion::box_recursive_fields(types);
    // Names are unique: a stable sort would keep nothing more.
    types.sort_unstable_by(|a, b| a.name.cmp(&b.name));
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
    Ok(())
}

/// Fails, rather than letting the emitter meet it, on a reference to a type that was
/// never defined: a bug in the generator, reported as an error instead of a panic.
fn check_references(
    types: &[TypeDef],
    operations: &[Operation],
    server: Option<&Server>,
) -> Result<()> {
    let defined: HashSet<&str> = types.iter().map(|t| t.name.as_str()).collect();
    let mut missing = None;
    naming::for_each_type_name_ref(types, operations, server, &mut |name: &String| {
        if !defined.contains(name.as_str()) {
            missing.get_or_insert_with(|| name.clone());
        }
    });
    match missing {
        None => Ok(()),
        Some(name) => Err(Diagnostic {
            location: crate::error::Location::Document,
            message: format!("internal error: the type `{name}` is used but was never defined"),
        }),
    }
}
