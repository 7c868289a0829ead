//! Keeping a cache miss from holding up anything else. Rendering a page and compressing it
//! is CPU work a request worker cannot be interrupted in, so it runs on a thread of its own
//! ([`CpuPool`], at most one job per core at a time) while the workers go on answering
//! cache hits, `/healthz` and `/readyz`; and concurrent misses of one page wait for the
//! first to render it instead of rendering it each ([`Misses`]), unless that page turned
//! out not to be kept, when they go together. A render that has started is not cut short by
//! the request's timeout (only the wait for a job is): it is bounded by what a page may
//! hold, since every listing shows at most the theme's page size.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::sync::{OwnedMutexGuard, Semaphore};

use crate::cache::CacheKey;

/// Runs CPU-heavy work off the async workers, a bounded number of jobs at a time.
pub struct CpuPool {
    permits: Semaphore,
}

impl CpuPool {
    /// A pool running at most `jobs` jobs at once (at least one).
    pub fn new(jobs: usize) -> Self {
        Self {
            permits: Semaphore::new(jobs.max(1)),
        }
    }

    /// Runs `work` once a job may start, on a thread the async workers do not need: the
    /// worker it was called on hands its other tasks over for the time it takes. On a
    /// single-threaded runtime (unit tests) it runs in place.
    pub async fn run<R>(&self, work: impl FnOnce() -> R) -> R {
        // Never closed, so acquiring only fails if it were; then run without a permit.
        let _permit = self.permits.acquire().await.ok();
        match Handle::current().runtime_flavor() {
            RuntimeFlavor::CurrentThread => work(),
            _ => tokio::task::block_in_place(work),
        }
    }
}

/// The pages being rendered after a cache miss, so the next request for one waits for it.
#[derive(Default)]
pub struct Misses {
    rendering: Mutex<HashMap<CacheKey, Rendering>>,
}

/// A page being rendered: whose turn it is, how many requests hold or wait for a turn, and
/// whether a render found the page is not kept (then waiting for one another gains nothing).
#[derive(Default)]
struct Rendering {
    turn: Arc<tokio::sync::Mutex<()>>,
    wanted: usize,
    not_kept: bool,
}

/// A request's turn to render a page; the next request for the same page waits until it
/// is dropped (or [`Turn::not_kept`] lets every waiter go).
pub struct Turn<'m> {
    misses: &'m Misses,
    key: CacheKey,
    held: Option<OwnedMutexGuard<()>>,
}

impl Turn<'_> {
    /// Says the page rendered was not kept (an error page, plugin calls that did not all
    /// complete): the requests waiting for it, and those coming until they are done, each
    /// render their own at once instead of one after another.
    pub fn not_kept(&mut self) {
        if let Some(page) = self.misses.pages().get_mut(&self.key) {
            page.not_kept = true;
        }
        self.held = None;
    }
}

impl Misses {
    /// Waits until no other request is rendering the page of `key`, then takes the turn.
    pub async fn turn(&self, key: &CacheKey) -> Turn<'_> {
        let turn = {
            let mut rendering = self.pages();
            let page = rendering.entry(key.clone()).or_default();
            page.wanted += 1;
            Arc::clone(&page.turn)
        };
        // Dropped while waiting (the shopper went away), the request no longer wants it.
        let mut wanting = Wanting {
            misses: self,
            key,
            armed: true,
        };
        let held = turn.lock_owned().await;
        wanting.armed = false;
        let not_kept = self.pages().get(key).is_some_and(|page| page.not_kept);
        Turn {
            misses: self,
            key: key.clone(),
            held: (!not_kept).then_some(held),
        }
    }

    fn pages(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, Rendering>> {
        self.rendering
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// One request less wants the page of `key`; the last one removes its entry.
    fn release(&self, key: &CacheKey) {
        let mut rendering = self.pages();
        if let Some(page) = rendering.get_mut(key) {
            page.wanted -= 1;
            if page.wanted == 0 {
                rendering.remove(key);
            }
        }
    }

    /// Whether no page is being rendered.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.pages().is_empty()
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.misses.release(&self.key);
    }
}

/// A request waiting for its turn, released if it stops waiting.
struct Wanting<'m, 'k> {
    misses: &'m Misses,
    key: &'k CacheKey,
    armed: bool,
}

impl Drop for Wanting<'_, '_> {
    fn drop(&mut self) {
        if self.armed {
            self.misses.release(self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_second_miss_of_a_page_waits_for_the_first_and_nothing_is_left_behind() {
        let misses = Arc::new(Misses::default());
        let key = CacheKey::new("nl-nl", "", "/nl-nl/");
        let first = misses.turn(&key).await;
        let waiter = {
            let (misses, key) = (Arc::clone(&misses), key.clone());
            tokio::spawn(async move {
                let _turn = misses.turn(&key).await;
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(
            !waiter.is_finished(),
            "the second waits while the first renders"
        );
        let other = misses
            .turn(&CacheKey::new("nl-nl", "", "/nl-nl/c/bags"))
            .await;
        drop(other);
        let quitter = {
            let (misses, key) = (Arc::clone(&misses), key.clone());
            tokio::spawn(async move {
                let _turn = misses.turn(&key).await;
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        quitter.abort();
        assert!(
            quitter.await.is_err(),
            "the shopper went away while waiting"
        );
        drop(first);
        waiter.await.expect("the second gets its turn");
        assert!(misses.is_empty(), "nothing is left behind");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_a_page_that_is_not_kept_its_waiters_go_at_once() {
        let misses = Arc::new(Misses::default());
        let key = CacheKey::new("nl-nl", "", "/nl-nl/p/gone");
        let mut first = misses.turn(&key).await;
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let (misses, key) = (Arc::clone(&misses), key.clone());
                tokio::spawn(async move {
                    let _turn = misses.turn(&key).await;
                    // Each holds its turn for a long while: only going together finishes soon.
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        first.not_kept();
        let started = std::time::Instant::now();
        for waiter in waiters {
            waiter.await.expect("waiter");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_millis(800),
            "the waiters went together, not one after another: {:?}",
            started.elapsed()
        );
        drop(first);
        assert!(misses.is_empty());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn the_only_worker_answers_others_while_a_job_runs_and_jobs_stay_bounded() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let pool = Arc::new(CpuPool::new(1));
        let (done, running, most) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicUsize::new(0)),
            Arc::new(AtomicUsize::new(0)),
        );
        let jobs: Vec<_> = (0..2)
            .map(|_| {
                let (pool, done) = (Arc::clone(&pool), Arc::clone(&done));
                let (running, most) = (Arc::clone(&running), Arc::clone(&most));
                tokio::spawn(async move {
                    pool.run(|| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(300));
                        running.fetch_sub(1, Ordering::SeqCst);
                        done.store(true, Ordering::SeqCst);
                    })
                    .await;
                })
            })
            .collect();
        // Time for the first job to start.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let answered_meanwhile = {
            let done = Arc::clone(&done);
            tokio::spawn(async move { !done.load(Ordering::SeqCst) })
        };
        assert!(
            answered_meanwhile.await.expect("task"),
            "a task ran while the job blocked its thread"
        );
        for job in jobs {
            job.await.expect("job");
        }
        assert_eq!(most.load(Ordering::SeqCst), 1, "one job at a time");
    }
}
