//! Which way each generated type travels ([`Directions`]): the types an operation sends
//! (its body and parameters) and those it reads (its success and error bodies, a list's
//! items, the response headers the mock sets), each with every type within them, and the
//! events of the `webhooks` module, which are read. A type no operation names is both,
//! with every type within it.

use std::collections::{HashMap, HashSet};

use super::naming::{names_in_kind, names_in_success, names_in_ty};
use crate::ir::{Api, Directions, TypeKind};

impl Directions {
    pub(crate) fn of(api: &Api) -> Directions {
        let kinds: HashMap<&str, &TypeKind> = api
            .types
            .iter()
            .map(|def| (def.name.as_str(), &def.kind))
            .collect();
        let mut sent = Vec::new();
        let mut read = Vec::new();
        for op in &api.operations {
            let mut push_sent = |name: &mut String| sent.push(name.clone());
            for param in &op.params {
                names_in_ty(&mut param.ty.clone(), &mut push_sent);
            }
            if let Some(body) = &op.body {
                names_in_ty(&mut body.ty.clone(), &mut push_sent);
            }
            sent.extend(op.options.iter().cloned());
            let mut push_read = |name: &mut String| read.push(name.clone());
            if let Some(success) = &op.success {
                names_in_success(&mut success.clone(), &mut push_read);
            }
            if let Some(pages) = &op.pages {
                names_in_ty(&mut pages.item.clone(), &mut push_read);
            }
            for header in &op.success_headers {
                names_in_ty(&mut header.ty.clone(), &mut push_read);
            }
            read.extend(op.errors.iter().cloned());
        }
        read.extend(
            api.types
                .iter()
                .filter(|def| matches!(def.kind, TypeKind::Events(_)))
                .map(|def| def.name.clone()),
        );
        // A type no operation names is given both traits, and so is every type within it.
        let named: HashSet<String> = reached(sent.iter().chain(&read).cloned().collect(), &kinds);
        let unnamed = api
            .types
            .iter()
            .filter(|def| !named.contains(&def.name))
            .map(|def| def.name.clone());
        let unnamed: Vec<String> = unnamed.collect();
        sent.extend(unnamed.iter().cloned());
        read.extend(unnamed);
        Directions {
            sent: reached(sent, &kinds),
            read: reached(read, &kinds),
        }
    }
}

/// `roots` and every type within them.
fn reached(roots: Vec<String>, kinds: &HashMap<&str, &TypeKind>) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut pending = roots;
    while let Some(name) = pending.pop() {
        if !found.insert(name.clone()) {
            continue;
        }
        if let Some(kind) = kinds.get(name.as_str()) {
            names_in_kind(&mut (*kind).clone(), &mut |n| pending.push(n.clone()));
        }
    }
    found
}
