//! A circuit breaker per plugin and market: after repeated failures the plugin is skipped in
//! that market for a cool-down, then calls are let through again to see whether it
//! recovered (a failed probe re-opens at once). Lock-free: every call asks it.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Consecutive failures that open the circuit.
pub const FAILURE_THRESHOLD: u32 = 5;
/// How long an open circuit stays open.
pub const COOL_DOWN: Duration = Duration::from_secs(30);

/// The breaker of one plugin in one market.
#[derive(Debug)]
pub struct Breaker {
    origin: Instant,
    consecutive_failures: AtomicU32,
    /// Nanoseconds after `origin` until which the circuit is open, plus one; 0 when closed.
    open_until: AtomicU64,
}

impl Default for Breaker {
    fn default() -> Self {
        Self {
            origin: Instant::now(),
            consecutive_failures: AtomicU32::new(0),
            open_until: AtomicU64::new(0),
        }
    }
}

impl Breaker {
    fn at(&self, now: Instant) -> u64 {
        u64::try_from(now.saturating_duration_since(self.origin).as_nanos())
            .unwrap_or(u64::MAX)
            .saturating_add(1)
    }

    /// Whether a call may go ahead now (after the cool-down the circuit is half-open: the
    /// next failure re-opens it).
    pub fn allows(&self, now: Instant) -> bool {
        let until = self.open_until.load(Ordering::Acquire);
        if until == 0 {
            return true;
        }
        if self.at(now) < until {
            return false;
        }
        // Half-open: whoever closes it first lets calls probe; one failure re-opens.
        if self
            .open_until
            .compare_exchange(until, 0, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            self.consecutive_failures
                .store(FAILURE_THRESHOLD - 1, Ordering::Release);
        }
        true
    }

    /// Records a success: the circuit closes.
    pub fn success(&self) {
        if self.consecutive_failures.load(Ordering::Relaxed) != 0 {
            self.consecutive_failures.store(0, Ordering::Release);
        }
    }

    /// Records a failure; returns true if this one opened the circuit.
    pub fn failure(&self, now: Instant) -> bool {
        let failures = self.consecutive_failures.fetch_add(1, Ordering::AcqRel) + 1;
        if failures < FAILURE_THRESHOLD {
            return false;
        }
        let until = self.at(now + COOL_DOWN);
        self.open_until
            .compare_exchange(0, until, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_repeated_failures_and_probes_after_the_cool_down() {
        let breaker = Breaker::default();
        let t0 = Instant::now();
        for _ in 0..FAILURE_THRESHOLD - 1 {
            assert!(!breaker.failure(t0));
        }
        assert!(breaker.allows(t0));
        assert!(breaker.failure(t0), "the fifth failure opens it");
        assert!(!breaker.failure(t0), "it opens once");
        assert!(!breaker.allows(t0 + Duration::from_secs(1)));
        let later = t0 + COOL_DOWN + Duration::from_millis(1);
        assert!(breaker.allows(later), "half-open probe");
        assert!(breaker.failure(later), "a failed probe re-opens");
        assert!(!breaker.allows(later));
        let much_later = later + COOL_DOWN + Duration::from_millis(1);
        assert!(breaker.allows(much_later));
        breaker.success();
        assert!(breaker.allows(much_later));
        for _ in 0..FAILURE_THRESHOLD - 1 {
            assert!(!breaker.failure(much_later), "a success resets the count");
        }
    }
}
