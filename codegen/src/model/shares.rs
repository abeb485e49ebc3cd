//! The operations of a large document modeled in shares, on several threads, and put
//! together as one modeler would have made them, in the same order.
//!
//! Each share is a run of operations in the document's order, modeled by a modeler of its
//! own ([`Modeler::for_share`]), which converts again the schemas an earlier share also
//! met. The shares are then merged in order: of each conversion a share made that the
//! model already has (the same reference's target, the same inline schema of a
//! component), the share's types and warnings are left out, and the share's names for
//! them become the model's; the rest is added as it is (the first share, when the model
//! has nothing yet, is taken whole). What each conversion added is known from its
//! [`Span`](super::modeler::Span). So the types, their order and the warnings are those
//! of one modeler going through every operation, whatever the number of threads.

use std::num::NonZeroUsize;

use foldhash::{HashMap, HashMapExt};

use super::modeler::{Entry, Modeler, Shape};
use super::naming::{names_in_kind, names_in_operation, names_in_ty};
use crate::error::Result;
use crate::ir::{Body, Operation, Ty};

/// Operations in a share, at least: fewer are modeled faster on one thread than
/// converted again on another.
const OPERATIONS_PER_SHARE: usize = 256;

/// An operation's method and the other ways of sending its body.
pub(super) type Modeled = (Operation, Vec<(String, Body)>);

/// `work` done on each of `items` in order, by `modeler`, or in shares on up to `threads`
/// threads and merged into `modeler`; the first error, in the items' order, stops it.
pub(super) fn model<'d, T: Sync>(
    modeler: &mut Modeler<'d>,
    items: &[T],
    threads: NonZeroUsize,
    work: impl Fn(&mut Modeler<'d>, &T) -> Result<Modeled> + Sync,
) -> Result<Vec<Modeled>> {
    let shares = threads.get().min(items.len() / OPERATIONS_PER_SHARE);
    if shares < 2 {
        return items.iter().map(|item| work(modeler, item)).collect();
    }
    let size = items.len().div_ceil(shares);
    let runs: Vec<(u64, &[T])> = (1..).zip(items.chunks(size)).collect();
    let template = &*modeler;
    let done = crate::parallel::map(
        &runs,
        threads,
        || (),
        |(), (share, run)| {
            let mut share = template.for_share(*share);
            let modeled = run
                .iter()
                .map(|item| work(&mut share, item))
                .collect::<Result<Vec<Modeled>>>()?;
            Ok((share, modeled))
        },
    );
    let mut all = Vec::with_capacity(items.len());
    for run in done {
        let (share, mut modeled) = run?;
        merge(modeler, share, &mut modeled);
        all.extend(modeled);
    }
    Ok(all)
}

/// Adds what `share` found to `modeler`, which found what comes before it, renaming
/// `modeled` to the names `modeler` has.
fn merge<'d>(modeler: &mut Modeler<'d>, share: Modeler<'d>, modeled: &mut [Modeled]) {
    let Some(mut share) = modeler.adopt(share) else {
        return;
    };
    let spans = share.spans.take().unwrap_or_default();
    let (types, warnings) = share.mark();
    let (mut left_types, mut left_warnings) = (vec![false; types], vec![false; warnings]);
    let mut names: HashMap<String, String> = HashMap::new();
    for span in &spans {
        let (theirs, ours) = match &span.entry {
            Entry::Resolved(target) => (share.resolved.get(target), modeler.resolved.get(target)),
            Entry::Converted(at) => (share.converted.get(at), modeler.converted.get(at)),
        };
        if let (Some(theirs), Some(ours)) = (theirs, ours) {
            same_names(&theirs.ty, &ours.ty, &mut names);
            left_types[span.types.clone()].fill(true);
            left_warnings[span.warnings.clone()].fill(true);
        }
    }
    let rename = |name: &mut String| {
        if let Some(ours) = names.get(name.as_str()) {
            name.clone_from(ours);
        }
    };
    let renamed = |mut shape: Shape| {
        names_in_ty(&mut shape.ty, &mut &rename);
        shape
    };
    for (target, shape) in std::mem::take(&mut share.resolved) {
        modeler
            .resolved
            .entry(target)
            .or_insert_with(|| renamed(shape));
    }
    for (at, shape) in std::mem::take(&mut share.converted) {
        modeler
            .converted
            .entry(at)
            .or_insert_with(|| renamed(shape));
    }
    for (mut def, left) in share.take_types().into_iter().zip(left_types) {
        if !left {
            names_in_kind(&mut def.kind, &mut &rename);
            modeler.push_type(def);
        }
    }
    let found = std::mem::take(&mut share.warnings);
    modeler.warnings.extend(
        found
            .into_iter()
            .zip(left_warnings)
            .filter(|(_, left)| !left)
            .map(|(warning, _)| warning),
    );
    for (operation, bodies) in modeled {
        names_in_operation(operation, &mut &rename);
        for (_, body) in bodies {
            names_in_ty(&mut body.ty, &mut &rename);
        }
    }
}

/// Pairs the names of `theirs` with those `ours` has in the same places.
fn same_names(theirs: &Ty, ours: &Ty, names: &mut HashMap<String, String>) {
    match (theirs, ours) {
        (Ty::Named(theirs), Ty::Named(ours)) if theirs != ours => {
            names.insert(theirs.clone(), ours.clone());
        }
        (Ty::List(theirs), Ty::List(ours))
        | (Ty::Map(theirs), Ty::Map(ours))
        | (Ty::Nullable(theirs), Ty::Nullable(ours)) => same_names(theirs, ours, names),
        _ => {}
    }
}
