//! The clock of one call. Guest time is the time the call's future spends being polled, that
//! is running on a worker thread (the guest itself and host calls that do not wait), measured
//! around every poll; time spent waiting (a database read, a WASI pollable, a yield to other
//! tasks) is not guest time. Elapsed time, waits included, is bounded by the call's hard
//! deadline: when it passes, the call's future is dropped wherever it waits.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::Poll;
use std::time::{Duration, Instant};

/// Guest time of one call, shared between the call's future and its epoch callback.
#[derive(Debug)]
pub struct Meter {
    origin: Instant,
    /// Nanoseconds of polls that have finished.
    busy_ns: AtomicU64,
    /// When the running poll began, in nanoseconds after `origin` plus one (0: none runs).
    poll_began_ns: AtomicU64,
}

impl Meter {
    /// A meter starting now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
            busy_ns: AtomicU64::new(0),
            poll_began_ns: AtomicU64::new(0),
        }
    }

    /// Guest time so far, the running poll included.
    pub fn busy(&self) -> Duration {
        let done = self.busy_ns.load(Ordering::Relaxed);
        let running = match self.poll_began_ns.load(Ordering::Relaxed) {
            0 => 0,
            began => self.now_ns().saturating_sub(began - 1),
        };
        Duration::from_nanos(done.saturating_add(running))
    }

    fn now_ns(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    fn poll_began(&self) {
        self.poll_began_ns
            .store(self.now_ns().saturating_add(1), Ordering::Relaxed);
    }

    fn poll_ended(&self) {
        let began = self.poll_began_ns.swap(0, Ordering::Relaxed);
        if began > 0 {
            let spent = self.now_ns().saturating_sub(began - 1);
            self.busy_ns.fetch_add(spent, Ordering::Relaxed);
        }
    }
}

impl Default for Meter {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a limited future did not finish.
#[derive(Debug)]
pub struct PastHardDeadline;

/// Runs `future`, counting its polls on `meter`, and drops it at `hard_deadline`. A call
/// that finishes in one poll (no host call waited) never arms a timer: the hard deadline
/// only matters to a call that waits, and a running guest is bounded by its epoch deadline.
pub async fn limited<F: Future>(
    future: F,
    meter: &Meter,
    hard_deadline: Instant,
) -> Result<F::Output, PastHardDeadline> {
    let mut future = std::pin::pin!(future);
    let mut timer: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
    std::future::poll_fn(|cx| {
        meter.poll_began();
        let polled = future.as_mut().poll(cx);
        meter.poll_ended();
        if let Poll::Ready(output) = polled {
            return Poll::Ready(Ok(output));
        }
        let deadline = tokio::time::Instant::from_std(hard_deadline);
        let timer = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(PastHardDeadline)),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A future that is ready after `n` polls, for the tests below.
    fn pending_for(n: u32) -> impl Future<Output = ()> {
        let mut left = n;
        std::future::poll_fn(move |cx| {
            if left == 0 {
                return Poll::Ready(());
            }
            left -= 1;
            std::thread::sleep(Duration::from_millis(5));
            cx.waker().wake_by_ref();
            Poll::Pending
        })
    }

    #[tokio::test]
    async fn guest_time_counts_polls_not_waits() {
        let meter = Meter::new();
        let far = Instant::now() + Duration::from_secs(10);
        let waiting = async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            pending_for(2).await;
        };
        limited(waiting, &meter, far).await.expect("in time");
        let busy = meter.busy();
        assert!(
            busy >= Duration::from_millis(10),
            "two busy polls: {busy:?}"
        );
        assert!(
            busy < Duration::from_millis(250),
            "the sleep is not guest time: {busy:?}"
        );
    }

    #[tokio::test]
    async fn a_future_still_waiting_at_its_hard_deadline_is_dropped() {
        let meter = Meter::new();
        let soon = Instant::now() + Duration::from_millis(20);
        let started = Instant::now();
        let forever = tokio::time::sleep(Duration::from_secs(3600));
        assert!(limited(forever, &meter, soon).await.is_err());
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
