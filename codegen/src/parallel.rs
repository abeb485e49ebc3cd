//! Work shared out to threads: the one place the generator starts threads to split a task.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` done on each of `items`, on up to `threads` threads (this one among them), each
/// taking the next item no thread has taken; the results in the items' order. Each
/// thread first makes its own `state` (what cannot cross threads). A thread that cannot be
/// started leaves its share to the others.
pub(crate) fn map<T, S, R>(
    items: &[T],
    threads: NonZeroUsize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let run = || {
        let mut state = state();
        let mut results = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                break;
            };
            results.push((index, work(&mut state, item)));
        }
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(results);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.get().min(items.len()) {
            let _ = std::thread::Builder::new().spawn_scoped(scope, run);
        }
        run();
    });
    let mut results = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_once_and_the_results_keep_their_order() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 7] {
            let threads = NonZeroUsize::new(threads).unwrap();
            let started = AtomicUsize::new(0);
            let squares = map(
                &items,
                threads,
                || started.fetch_add(1, Ordering::Relaxed),
                |_, n| n * n,
            );
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
            assert!(started.load(Ordering::Relaxed) <= threads.get());
        }
        assert!(map(&[] as &[u8], NonZeroUsize::MIN, || (), |_, _| 0).is_empty());
    }
}
