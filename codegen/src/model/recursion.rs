//! Boxing of recursive types: a struct or union that contains itself without a `Vec` or map
//! in between would have infinite size.

use std::ops::Range;

use crate::ir::{Struct, Ty, TypeDef, TypeKind};

/// The place of the generated type a field holds inline (not behind a `Vec` or map), if
/// any.
fn inline_named(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Named(id) => Some(id.index()),
        Ty::Nullable(inner) => inline_named(inner),
        _ => None,
    }
}

/// Marks every field and union variant whose type leads back to its own type: the field's
/// type and its own are in one strongly connected component of the graph of the types
/// each type holds inline.
pub(crate) fn box_recursive_fields(types: &mut [TypeDef]) {
    let inline = |ty: &Ty| inline_named(ty).filter(|&at| at < types.len());
    // The type each field, variant or alias of each type holds inline, in their order:
    // those of the type at `at` are `held[runs[at]]`.
    let mut held: Vec<Option<usize>> = Vec::new();
    let mut runs: Vec<Range<usize>> = Vec::with_capacity(types.len());
    for def in types.iter() {
        let start = held.len();
        match &def.kind {
            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                held.extend(fields.iter().map(|f| inline(&f.ty)));
            }
            TypeKind::Union(union) => held.extend(union.variants.iter().map(|v| inline(&v.ty))),
            TypeKind::Alias(ty) => held.push(inline(ty)),
            TypeKind::Enum { .. }
            | TypeKind::Errors(_)
            | TypeKind::Params(_)
            | TypeKind::Content(_)
            | TypeKind::Events(_) => {}
        }
        runs.push(start..held.len());
    }
    // The graph's edges, those of the type at `at` being `targets[edges[at]]`.
    let mut targets: Vec<usize> = Vec::with_capacity(held.len());
    let edges: Vec<Range<usize>> = runs
        .iter()
        .map(|run| {
            let start = targets.len();
            targets.extend(held[run.clone()].iter().flatten());
            start..targets.len()
        })
        .collect();
    let component = strongly_connected(types.len(), |node| &targets[edges[node].clone()]);
    for (own, (def, run)) in types.iter_mut().zip(runs).enumerate() {
        let held = &held[run];
        let recursive = |held: &Option<usize>| held.is_some_and(|t| component[t] == component[own]);
        match &mut def.kind {
            TypeKind::Struct(Struct { fields, .. }) | TypeKind::Form(fields) => {
                for (field, held) in fields.iter_mut().zip(held) {
                    field.boxed = recursive(held);
                }
            }
            TypeKind::Union(union) => {
                for (variant, held) in union.variants.iter_mut().zip(held) {
                    variant.boxed = recursive(held);
                }
            }
            _ => {}
        }
    }
}

/// The strongly connected component of each of the `count` nodes of the graph whose
/// `edges` are the nodes each node leads to, by Tarjan's algorithm: two nodes are in the
/// same one when each leads to the other. Without recursion, for graphs of any depth.
fn strongly_connected<'e>(count: usize, edges: impl Fn(usize) -> &'e [usize]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let mut order = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![UNVISITED; count];
    let (mut visited, mut components) = (0, 0);
    // Each node being visited, with how many of its edges were followed.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if order[root] != UNVISITED {
            continue;
        }
        let mut next = Some(root);
        loop {
            if let Some(node) = next.take() {
                (order[node], low[node]) = (visited, visited);
                visited += 1;
                stack.push(node);
                on_stack[node] = true;
                path.push((node, 0));
            }
            let Some(&mut (node, ref mut followed)) = path.last_mut() else {
                break;
            };
            if let Some(&target) = edges(node).get(*followed) {
                *followed += 1;
                if order[target] == UNVISITED {
                    next = Some(target);
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether `from` leads to `to` in `edges`, by search.
    fn leads_to(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
        let mut stack = vec![from];
        let mut seen = vec![false; edges.len()];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if !std::mem::replace(&mut seen[node], true) {
                stack.extend(&edges[node]);
            }
        }
        false
    }

    proptest! {
        /// Two nodes share a component exactly when each leads to the other.
        #[test]
        fn components_are_the_nodes_that_lead_to_each_other(
            edges in (1..9usize).prop_flat_map(|count| {
                proptest::collection::vec(proptest::collection::vec(0..count, 0..4), count)
            })
        ) {
            let component = strongly_connected(edges.len(), |node| &edges[node]);
            for a in 0..edges.len() {
                for b in 0..edges.len() {
                    let mutual = leads_to(&edges, a, b) && leads_to(&edges, b, a);
                    prop_assert_eq!(component[a] == component[b], mutual, "{} {}", a, b);
                }
            }
        }
    }
}
