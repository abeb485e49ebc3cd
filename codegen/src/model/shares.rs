//! The operations of a large document modeled in shares, on several threads, and put
//! together as one modeler would have made them, in the same order.
//!
//! Each share is a run of operations in the document's order, modeled by a modeler of its
//! own ([`Modeler::for_share`]), which converts again the schemas an earlier share also
//! met. The shares are then merged in order: of each conversion a share made that the
//! model already has (the same reference's target, the same inline schema of a
//! component), the share's types and warnings are left out, and the share's keys for
//! them become the model's; the rest is added as it is (the first share, when the model
//! has nothing yet, is taken whole). What each conversion added is known from its
//! [`Span`](super::modeler::Span). So the types, their order and the warnings are those
//! of one modeler going through every operation, whatever the number of threads.

use std::num::NonZeroUsize;

use foldhash::{HashMap, HashMapExt};

use super::modeler::{Entry, Modeler, Shape};
use super::places::{refs_in_kind_mut, refs_in_operation_mut, refs_in_ty_mut};
use crate::error::Result;
use crate::ir::{Body, Operation, Ty, TypeId};

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

/// Adds what `share` found to `modeler`, which found what comes before it, `modeled`
/// referring to the types by the keys `modeler` has.
fn merge<'d>(modeler: &mut Modeler<'d>, share: Modeler<'d>, modeled: &mut [Modeled]) {
    let Some(mut share) = modeler.adopt(share) else {
        return;
    };
    let spans = share.spans.take().unwrap_or_default();
    let (types, warnings) = share.mark();
    let (mut left_types, mut left_warnings) = (vec![false; types], vec![false; warnings]);
    let mut keys: HashMap<TypeId, TypeId> = HashMap::new();
    for span in &spans {
        let (theirs, ours) = match &span.entry {
            Entry::Resolved(target) => (share.resolved.get(target), modeler.resolved.get(target)),
            Entry::Converted(at) => (share.converted.get(at), modeler.converted.get(at)),
        };
        if let (Some(theirs), Some(ours)) = (theirs, ours) {
            same_keys(&theirs.ty, &ours.ty, &mut keys);
            left_types[span.types.clone()].fill(true);
            left_warnings[span.warnings.clone()].fill(true);
        }
    }
    let rename = |key: &mut TypeId| {
        if let Some(ours) = keys.get(key) {
            *key = *ours;
        }
    };
    let renamed = |mut shape: Shape| {
        refs_in_ty_mut(&mut shape.ty, &mut &rename);
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
    for ((key, mut def), left) in share.take_types().into_iter().zip(left_types) {
        if !left {
            refs_in_kind_mut(&mut def.kind, &mut &rename);
            modeler.push_type(key, def);
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
        refs_in_operation_mut(operation, &mut &rename);
        for (_, body) in bodies {
            refs_in_ty_mut(&mut body.ty, &mut &rename);
        }
    }
}

/// Pairs the keys of `theirs` with those `ours` has in the same places.
fn same_keys(theirs: &Ty, ours: &Ty, keys: &mut HashMap<TypeId, TypeId>) {
    match (theirs, ours) {
        (Ty::Named(theirs), Ty::Named(ours)) if theirs != ours => {
            keys.insert(*theirs, *ours);
        }
        (Ty::List(theirs), Ty::List(ours))
        | (Ty::Map(theirs), Ty::Map(ours))
        | (Ty::Nullable(theirs), Ty::Nullable(ours)) => same_keys(theirs, ours, keys),
        _ => {}
    }
}
