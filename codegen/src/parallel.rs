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
    on_threads(threads.get().min(items.len()), run);
    in_order(done)
}

/// `work` done on each of `items`, which it may change, on up to `threads` threads (this
/// one among them), each taking the next run of `run` items (at least one) no thread has
/// taken; the results in the items' order.
pub(crate) fn map_mut<T, R>(
    items: &mut [T],
    threads: NonZeroUsize,
    run: usize,
    work: impl Fn(&mut T) -> R + Sync,
) -> Vec<R>
where
    T: Send,
    R: Send,
{
    let count = items.len().div_ceil(run.max(1));
    let runs = Mutex::new(items.chunks_mut(run.max(1)).enumerate());
    let done: Mutex<Vec<(usize, Vec<R>)>> = Mutex::new(Vec::with_capacity(count));
    let work_runs = || loop {
        let next = runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .next();
        let Some((index, items)) = next else {
            break;
        };
        let results = items.iter_mut().map(&work).collect();
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((index, results));
    };
    on_threads(threads.get().min(count), work_runs);
    in_order(done).into_iter().flatten().collect()
}

/// `work` done on this thread while `value` is freed on another, when `threads` allows a
/// second (else freed first): freeing a large document is a step of its own, which the
/// work need not wait for. A thread that cannot be started frees the value here.
pub(crate) fn drop_beside<T: Send, R>(
    value: T,
    threads: NonZeroUsize,
    work: impl FnOnce() -> R,
) -> R {
    if threads.get() == 1 {
        drop(value);
        return work();
    }
    std::thread::scope(|scope| {
        // On failure, the closure given back is dropped, and the value with it.
        let _ = std::thread::Builder::new().spawn_scoped(scope, move || drop(value));
        work()
    })
}

/// Runs `run` on `threads` threads, this one among them, and waits for them all.
fn on_threads(threads: usize, run: impl Fn() + Sync) {
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let _ = std::thread::Builder::new().spawn_scoped(scope, &run);
        }
        run();
    });
}

/// The results, each with the index of what it was made from, in the order of the
/// indices.
fn in_order<R>(done: Mutex<Vec<(usize, R)>>) -> Vec<R> {
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

    #[test]
    fn a_value_dropped_beside_the_work_is_dropped_once_before_it_returns() {
        struct Counted<'a>(&'a AtomicUsize);
        impl Drop for Counted<'_> {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        for threads in [1, 2, 3] {
            let drops = AtomicUsize::new(0);
            let threads = NonZeroUsize::new(threads).unwrap();
            let seen = drop_beside(Counted(&drops), threads, || {
                drops.load(Ordering::SeqCst) + 40
            });
            assert_eq!(drops.load(Ordering::SeqCst), 1);
            // On one thread the value is gone before the work starts.
            if threads == NonZeroUsize::MIN {
                assert_eq!(seen, 41);
            } else {
                assert!(seen == 40 || seen == 41);
            }
        }
    }

    #[test]
    fn every_item_is_changed_once_and_the_results_keep_their_order() {
        for (threads, run) in [(1, 1), (2, 7), (3, 1), (7, 1000), (2, 0)] {
            let threads = NonZeroUsize::new(threads).unwrap();
            let mut items: Vec<usize> = (0..1000).collect();
            let doubled = map_mut(&mut items, threads, run, |n| {
                *n += 1;
                *n * 2
            });
            assert_eq!(items, (1..=1000).collect::<Vec<_>>());
            assert_eq!(doubled, (1..=1000).map(|n| n * 2).collect::<Vec<_>>());
        }
        assert!(map_mut(&mut [] as &mut [u8], NonZeroUsize::MIN, 4, |_| 0).is_empty());
    }
}
