//! Reloads: the next snapshot is built off the request path (site files read and validated
//! with exactly the rules of `vitrine check`, plugins compiled or taken from the
//! precompiled cache), compared with the one serving, and published with the purge its diff
//! calls for. On any problem nothing changes and the last good snapshot keeps serving.
//! Callers: `POST /admin/reload` (and its dry run) and the file watcher.

use std::sync::Arc;

use serde::Serialize;
use vitrine_plugins::Plugins;
use vitrine_site::{Problem, Site, SiteDiff};

use crate::{AppState, Snapshot};

/// Builds a site and its plugins from where the server's site came from; the binary
/// supplies it (the same gate `vitrine check` runs).
pub trait SiteBuilder: Send + Sync + 'static {
    /// Reads, validates and compiles the site: both, or every problem found. Blocking.
    fn build(&self) -> Result<(Arc<Site>, Arc<Plugins>), Vec<Problem>>;
}

/// What a reload did, or would do.
#[derive(Clone, Debug, Serialize)]
pub struct Reloaded {
    /// The snapshot version serving before.
    pub from: String,
    /// The version built.
    pub to: String,
    /// Whether it was swapped in (a dry run, or a build equal to the serving one, is not).
    pub applied: bool,
    /// What changed.
    pub diff: SiteDiff,
    /// Cached pages dropped.
    pub pages_purged: usize,
}

/// Why a reload did not happen.
#[derive(Debug)]
pub enum ReloadError {
    /// The server serves the site built into the binary: there is nothing to read again.
    Embedded,
    /// The new site breaks rules; each problem is listed. The old site keeps serving.
    Invalid(Vec<Problem>),
    /// Building was interrupted (the build task failed).
    Failed(String),
}

/// Builds the next snapshot and, unless `dry_run`, publishes it.
pub async fn reload(state: &AppState, dry_run: bool, by: &str) -> Result<Reloaded, ReloadError> {
    let Some(builder) = state.builder() else {
        return Err(ReloadError::Embedded);
    };
    // Built before taking the control plane: a recall made meanwhile does not wait for a
    // slow build (plugins compiled cold), and is carried into the new snapshot.
    let built = tokio::task::spawn_blocking(move || builder.build())
        .await
        .map_err(|e| ReloadError::Failed(e.to_string()))?;
    let (site, plugins) = built.map_err(|problems| {
        for problem in &problems {
            tracing::warn!(%problem, by, "reload refused: the site serving stays");
        }
        ReloadError::Invalid(problems)
    })?;
    let _control = state.control().await;
    let current = state.snapshot();
    let diff = SiteDiff::between(&current.site, &site);
    let mut outcome = Reloaded {
        from: current.site.version.clone(),
        to: site.version.clone(),
        applied: false,
        diff,
        pages_purged: 0,
    };
    if dry_run || outcome.diff.is_empty() {
        return Ok(outcome);
    }
    let next = Snapshot {
        site,
        plugins,
        recalls: Arc::clone(&current.recalls),
    };
    outcome.pages_purged = state.publish(next, &outcome.diff.purge());
    outcome.applied = true;
    let summary = serde_json::to_string(&outcome.diff).unwrap_or_default();
    tracing::info!(by, from = %outcome.from, to = %outcome.to, purged = outcome.pages_purged, diff = %summary, "site reloaded");
    state.record_reload(&outcome);
    Ok(outcome)
}
