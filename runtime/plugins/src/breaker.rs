//! A circuit breaker per plugin: after repeated failures the plugin is skipped for a
//! cool-down, then one call is let through to see whether it recovered.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Consecutive failures that open the circuit.
pub const FAILURE_THRESHOLD: u32 = 5;
/// How long an open circuit stays open.
pub const COOL_DOWN: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
struct BreakerState {
    consecutive_failures: u32,
    open_until: Option<Instant>,
}

/// The breaker of one plugin.
#[derive(Debug, Default)]
pub struct Breaker {
    state: Mutex<BreakerState>,
}

impl Breaker {
    /// Whether a call may go ahead now (half-open after the cool-down lets one through).
    pub fn allows(&self, now: Instant) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return true;
        };
        match state.open_until {
            Some(until) if now < until => false,
            Some(_) => {
                // Half-open: let this call probe; a failure re-opens at once.
                state.open_until = None;
                state.consecutive_failures = FAILURE_THRESHOLD - 1;
                true
            }
            None => true,
        }
    }

    /// Records a success: the circuit closes.
    pub fn success(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.consecutive_failures = 0;
            state.open_until = None;
        }
    }

    /// Records a failure; returns true if this one opened the circuit.
    pub fn failure(&self, now: Instant) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        state.consecutive_failures += 1;
        if state.consecutive_failures >= FAILURE_THRESHOLD && state.open_until.is_none() {
            state.open_until = Some(now + COOL_DOWN);
            return true;
        }
        false
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
        assert!(!breaker.allows(t0 + Duration::from_secs(1)));
        let later = t0 + COOL_DOWN + Duration::from_millis(1);
        assert!(breaker.allows(later), "half-open probe");
        assert!(breaker.failure(later), "a failed probe re-opens");
        assert!(!breaker.allows(later));
        let much_later = later + COOL_DOWN + Duration::from_millis(1);
        assert!(breaker.allows(much_later));
        breaker.success();
        assert!(breaker.allows(much_later));
    }
}
