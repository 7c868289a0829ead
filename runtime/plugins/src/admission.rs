//! How many calls of each plugin may run at once. Every running call reserves what it may
//! take from the host: its linear memory up to the manifest's limit, what the host may copy
//! out of it in one transfer, and its native stack. The reservations of all plugins
//! together fit the process's plugin memory budget and the engine's instance pool, so one
//! plugin can never take memory or instances from another: a plugin at its limit fails
//! fast, and only its own calls do.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::limits::{CALL_STACK_BYTES, MAX_CONCURRENT_CALLS, MAX_LIFTED_BYTES};

/// What one call of a plugin reserves while it runs.
pub fn reservation(memory_limit: usize) -> usize {
    memory_limit
        .saturating_add(MAX_LIFTED_BYTES)
        .saturating_add(CALL_STACK_BYTES)
}

/// A plugin that cannot run a single call within the budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoesNotFit {
    /// Index of the plugin in the input.
    pub index: usize,
    /// Bytes its call needs.
    pub needs: usize,
    /// Bytes of the budget that were left for it.
    pub left: usize,
}

/// Concurrency for plugins with the given per-call reservations: each gets one call,
/// smallest reservations first (so that one large plugin cannot crowd out many small ones;
/// those that do not fit get none and are reported), then one more in turn while the
/// budget and the pool allow, up to [`MAX_CONCURRENT_CALLS`]. A reservation of zero stands
/// for a plugin that is never called: it gets no calls and is not reported.
pub fn plan(reservations: &[usize], budget: usize, pool: u32) -> (Vec<u32>, Vec<DoesNotFit>) {
    let mut limits = vec![0u32; reservations.len()];
    let mut left = budget;
    let mut instances = pool;
    let mut refused = Vec::new();
    let mut smallest_first: Vec<usize> = (0..reservations.len()).collect();
    smallest_first.sort_by_key(|i| reservations[*i]);
    for index in smallest_first {
        let needs = reservations[index];
        if needs == 0 {
            continue;
        }
        if needs <= left && instances > 0 {
            limits[index] = 1;
            left -= needs;
            instances -= 1;
        } else {
            refused.push(DoesNotFit { index, needs, left });
        }
    }
    let mut grew = true;
    while grew {
        grew = false;
        for (limit, needs) in limits.iter_mut().zip(reservations) {
            let room = *needs <= left && instances > 0;
            if *limit > 0 && *limit < MAX_CONCURRENT_CALLS && room {
                *limit += 1;
                left -= needs;
                instances -= 1;
                grew = true;
            }
        }
    }
    (limits, refused)
}

/// The running calls of one plugin, against its limit.
#[derive(Debug)]
pub struct Admission {
    limit: u32,
    running: AtomicU32,
}

/// Held by a running call; gives its place back when dropped.
#[derive(Debug)]
pub struct Permit<'a> {
    admission: &'a Admission,
}

impl Admission {
    /// Admission for at most `limit` calls at once.
    pub fn new(limit: u32) -> Self {
        Self {
            limit,
            running: AtomicU32::new(0),
        }
    }

    /// The limit.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// A place for one more call, or `None` when the plugin is at its limit.
    pub fn try_enter(&self) -> Option<Permit<'_>> {
        let entered = self
            .running
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.limit).then_some(n + 1)
            });
        entered.ok().map(|_| Permit { admission: self })
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.admission.running.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    #[test]
    fn every_plugin_gets_a_call_then_more_in_turn() {
        let (limits, refused) = plan(&[10 * MIB, 34 * MIB], 100 * MIB, 128);
        assert!(refused.is_empty());
        // 10 + 34 = 44; then +10 +34 = 88; then +10 = 98: no room for another 34.
        assert_eq!(limits, [3, 2]);
    }

    #[test]
    fn the_cap_and_the_pool_bound_concurrency() {
        let (limits, _) = plan(&[MIB, MIB], 1 << 30, 128);
        assert_eq!(limits, [MAX_CONCURRENT_CALLS, MAX_CONCURRENT_CALLS]);
        let (limits, _) = plan(&[MIB, MIB, MIB], 1 << 30, 5);
        assert_eq!(limits.iter().sum::<u32>(), 5);
    }

    #[test]
    fn a_large_plugin_cannot_crowd_out_smaller_ones() {
        let (limits, refused) = plan(&[60 * MIB, 10 * MIB], 65 * MIB, 128);
        assert!(limits[1] >= 1, "the small one gets its calls");
        assert_eq!(limits[0], 0);
        assert_eq!(refused[0].index, 0);
    }

    #[test]
    fn a_plugin_never_called_reserves_nothing() {
        let (limits, refused) = plan(&[0, 10 * MIB], 10 * MIB, 128);
        assert_eq!(limits, [0, 1]);
        assert!(refused.is_empty());
    }

    #[test]
    fn a_plugin_that_cannot_fit_one_call_is_refused() {
        let (limits, refused) = plan(&[60 * MIB, 60 * MIB], 100 * MIB, 128);
        assert_eq!(limits, [1, 0]);
        assert_eq!(
            refused,
            [DoesNotFit {
                index: 1,
                needs: 60 * MIB,
                left: 40 * MIB
            }]
        );
    }

    #[test]
    fn a_plugin_at_its_limit_fails_fast_and_frees_its_place() {
        let admission = Admission::new(2);
        let first = admission.try_enter().expect("first");
        let _second = admission.try_enter().expect("second");
        assert!(admission.try_enter().is_none(), "a third call is refused");
        drop(first);
        assert!(
            admission.try_enter().is_some(),
            "a finished call frees its place"
        );
    }
}
