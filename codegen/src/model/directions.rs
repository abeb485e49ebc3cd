//! Which way each generated type travels ([`Directions`]): the types an operation sends
//! (its body and parameters) and those it reads (its success and error bodies, a list's
//! items, the response headers the mock sets), each with every type within them, and the
//! events of the `webhooks` module, which are read. A type no operation names is both,
//! with every type within it.

use foldhash::HashMap;

use super::naming::{names_in_kind_ref, names_in_success_ref, names_in_ty_ref};
use crate::ir::{Api, Directions, TypeDef, TypeKind};

impl<'a> Directions<'a> {
    /// The directions of `api`'s types, by their names in it.
    pub(crate) fn of(api: &'a Api) -> Directions<'a> {
        // Types by their index in `api.types`, so that the walks copy no names.
        let index: HashMap<&str, usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(i, def)| (def.name.as_str(), i))
            .collect();
        let id = |name: &String| index.get(name.as_str()).copied();
        let mut sent = Vec::new();
        let mut read = Vec::new();
        for op in &api.operations {
            let mut push_sent = |name: &String| sent.extend(id(name));
            for param in &op.params {
                names_in_ty_ref(&param.ty, &mut push_sent);
            }
            if let Some(body) = &op.body {
                names_in_ty_ref(&body.ty, &mut push_sent);
            }
            op.options.iter().for_each(&mut push_sent);
            let mut push_read = |name: &String| read.extend(id(name));
            if let Some(success) = &op.success {
                names_in_success_ref(success, &mut push_read);
            }
            if let Some(pages) = &op.pages {
                names_in_ty_ref(&pages.item, &mut push_read);
            }
            for header in &op.success_headers {
                names_in_ty_ref(&header.ty, &mut push_read);
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
        let named = reached(
            &api.types,
            &index,
            sent.iter().chain(&read).copied().collect(),
        );
        let unnamed: Vec<usize> = (0..api.types.len()).filter(|&i| !named[i]).collect();
        sent.extend(&unnamed);
        read.extend(unnamed);
        let names = |found: Vec<bool>| {
            api.types
                .iter()
                .zip(found)
                .filter(|(_, found)| *found)
                .map(|(def, _)| def.name.as_str())
                .collect()
        };
        Directions {
            sent: names(reached(&api.types, &index, sent)),
            read: names(reached(&api.types, &index, read)),
        }
    }
}

/// Which of `types` are among `roots` (indices into `types`) or within them.
fn reached(types: &[TypeDef], index: &HashMap<&str, usize>, roots: Vec<usize>) -> Vec<bool> {
    let mut found = vec![false; types.len()];
    let mut pending = roots;
    while let Some(i) = pending.pop() {
        if std::mem::replace(&mut found[i], true) {
            continue;
        }
        names_in_kind_ref(&types[i].kind, &mut |name| {
            pending.extend(index.get(name.as_str()).copied())
        });
    }
    found
}
