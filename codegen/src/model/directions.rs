//! Which way each generated type travels ([`Directions`]): the types an operation sends
//! (its body and parameters) and those it reads (its success and error bodies, a list's
//! items, the response headers the mock sets), each with every type within them, and the
//! events of the `webhooks` module, which are read. A type no operation names is both,
//! with every type within it.

use super::places::{refs_in_kind, refs_in_success, refs_in_ty};
use crate::ir::{Api, Directions, TypeDef, TypeId, TypeKind};

impl Directions {
    /// The directions of `api`'s types.
    pub(crate) fn of(api: &Api) -> Directions {
        let mut sent = Vec::new();
        let mut read = Vec::new();
        for op in &api.operations {
            let mut push_sent = |id: &TypeId| sent.push(id.index());
            for param in &op.params {
                refs_in_ty(&param.ty, &mut push_sent);
            }
            if let Some(body) = &op.body {
                refs_in_ty(&body.ty, &mut push_sent);
            }
            op.options.iter().for_each(&mut push_sent);
            let mut push_read = |id: &TypeId| read.push(id.index());
            if let Some(success) = &op.success {
                refs_in_success(success, &mut push_read);
            }
            if let Some(pages) = &op.pages {
                refs_in_ty(&pages.item, &mut push_read);
            }
            for header in &op.success_headers {
                refs_in_ty(&header.ty, &mut push_read);
            }
            op.errors.iter().for_each(&mut push_read);
        }
        read.extend(
            api.types
                .iter()
                .enumerate()
                .filter(|(_, def)| matches!(def.kind, TypeKind::Events(_)))
                .map(|(i, _)| i),
        );
        // A type no operation names is given both traits, and so is every type within it.
        let named = reached(&api.types, sent.iter().chain(&read).copied().collect());
        let unnamed: Vec<usize> = (0..api.types.len()).filter(|&i| !named[i]).collect();
        sent.extend(&unnamed);
        read.extend(unnamed);
        Directions {
            sent: reached(&api.types, sent),
            read: reached(&api.types, read),
        }
    }
}

/// Which of `types` are among `roots` (places in `types`) or within them.
fn reached(types: &[TypeDef], roots: Vec<usize>) -> Vec<bool> {
    let mut found = vec![false; types.len()];
    let mut pending = roots;
    while let Some(i) = pending.pop() {
        let Some(seen) = found.get_mut(i) else {
            continue;
        };
        if std::mem::replace(seen, true) {
            continue;
        }
        refs_in_kind(&types[i].kind, &mut |id| pending.push(id.index()));
    }
    found
}
