//! Failed calls: one log line each (plugin text only ever as field values) and a count per
//! plugin, market and cause for `/metrics`. Only failures take the lock here; a successful
//! call never does.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::error::Failure;

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

/// Counts of failed calls.
#[derive(Debug, Default)]
pub struct FailureLog {
    counts: Mutex<BTreeMap<(String, String, &'static str), u64>>,
}

impl FailureLog {
    /// Logs and counts a failure.
    pub fn record(&self, who: Culprit<'_>, failure: &Failure) {
        if let Ok(mut counts) = self.counts.lock() {
            let key = (
                who.plugin.to_owned(),
                who.market.to_owned(),
                failure.kind.as_str(),
            );
            *counts.entry(key).or_default() += 1;
        }
        tracing::warn!(
            plugin = who.plugin,
            version = who.version,
            market = who.market,
            storefront = who.storefront,
            cause = failure.kind.as_str(),
            detail = failure.detail.as_str(),
            "plugin call failed"
        );
    }

    /// `(plugin, market, cause, count)` for every failure seen so far.
    pub fn counts(&self) -> Vec<(String, String, &'static str, u64)> {
        self.counts
            .lock()
            .map(|counts| {
                counts
                    .iter()
                    .map(|((plugin, market, cause), n)| {
                        (plugin.clone(), market.clone(), *cause, *n)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
