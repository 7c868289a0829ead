//! Failed calls: a count per plugin, market and cause for `/metrics`, and a log line each
//! (plugin text only ever as field values). Failures the plugin is not charged for (an
//! open circuit, its concurrency limit, a spent budget) come with every request while they
//! last, so they are logged at most once a second per plugin, market and cause, with how
//! many the line stands for. Only failures take the lock here; a successful call never does.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::Failure;

/// How often a failure the plugin is not charged for is logged, at most.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Who failed, for the log line.
#[derive(Clone, Copy, Debug)]
pub struct Culprit<'a> {
    /// Plugin id.
    pub plugin: &'a str,
    /// Plugin version.
    pub version: &'a str,
    /// Market id.
    pub market: &'a str,
    /// Storefront id.
    pub storefront: &'a str,
}

/// One plugin, market and cause: how often, and when it was last logged.
#[derive(Debug, Default)]
struct Tally {
    count: u64,
    logged_at: Option<Instant>,
    unlogged: u64,
}

/// Counts of failed calls.
#[derive(Debug, Default)]
pub struct FailureLog {
    counts: Mutex<BTreeMap<(String, String, &'static str), Tally>>,
}

impl FailureLog {
    /// Logs and counts a failure.
    pub fn record(&self, who: Culprit<'_>, failure: &Failure) {
        let Some(unlogged) = self.tally(who, failure) else {
            return;
        };
        tracing::warn!(
            plugin = who.plugin,
            version = who.version,
            market = who.market,
            storefront = who.storefront,
            cause = failure.kind.as_str(),
            detail = failure.detail.as_str(),
            unlogged_before = unlogged,
            "plugin call failed"
        );
    }

    /// Counts a failure; `Some(failures left unlogged since the last line)` when this one is
    /// to be logged.
    fn tally(&self, who: Culprit<'_>, failure: &Failure) -> Option<u64> {
        let Ok(mut counts) = self.counts.lock() else {
            return Some(0);
        };
        let key = (
            who.plugin.to_owned(),
            who.market.to_owned(),
            failure.kind.as_str(),
        );
        let tally = counts.entry(key).or_default();
        tally.count += 1;
        let now = Instant::now();
        let quiet = !failure.kind.is_charged()
            && tally
                .logged_at
                .is_some_and(|at| now.duration_since(at) < QUIET_FOR);
        if quiet {
            tally.unlogged += 1;
            return None;
        }
        tally.logged_at = Some(now);
        Some(std::mem::take(&mut tally.unlogged))
    }

    /// `(plugin, market, cause, count)` for every failure seen so far.
    pub fn counts(&self) -> Vec<(String, String, &'static str, u64)> {
        self.counts
            .lock()
            .map(|counts| {
                counts
                    .iter()
                    .map(|((plugin, market, cause), tally)| {
                        (plugin.clone(), market.clone(), *cause, tally.count)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FailureKind;

    const WHO: Culprit<'static> = Culprit {
        plugin: "p",
        version: "1",
        market: "nl",
        storefront: "nl-nl",
    };

    #[test]
    fn failures_not_held_against_the_plugin_are_logged_once_a_second_and_all_counted() {
        let log = FailureLog::default();
        let open = Failure::new(FailureKind::CircuitOpen, "open");
        assert_eq!(log.tally(WHO, &open), Some(0), "the first is logged");
        assert_eq!(log.tally(WHO, &open), None);
        assert_eq!(log.tally(WHO, &open), None);
        let trap = Failure::new(FailureKind::Trap, "boom");
        assert_eq!(log.tally(WHO, &trap), Some(0));
        assert_eq!(
            log.tally(WHO, &trap),
            Some(0),
            "charged failures are always logged"
        );
        let counts = log.counts();
        assert!(counts.contains(&("p".into(), "nl".into(), "circuit_open", 3)));
        assert!(counts.contains(&("p".into(), "nl".into(), "trap", 2)));
    }
}
