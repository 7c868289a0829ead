//! Reloads: the next snapshot is built off the request path (site files read and validated
//! with exactly the rules of `vitrine check`, plugins compiled or taken from the
//! precompiled cache, the search index kept when the catalogue's text and assortments did
//! not change and built again when they did), compared with the one serving, and published
//! with the purge its diff calls for. On any problem nothing changes and the last good
//! snapshot keeps serving.
//! A site whose catalogue is its feed is built with the catalogue stored in the database,
//! or with a feed being imported, which is stored once the site built with it passed.
//! Callers: `POST /admin/reload` (and its dry run), `POST /admin/catalogue` and the file
//! watcher.

use std::sync::Arc;

use serde::Serialize;
use vitrine_plugins::Plugins;
use vitrine_search::SearchIndex;
use vitrine_site::feed::Feed;
use vitrine_site::{DIFF_LIST_LIMIT, Problem, Rollout, Site, SiteDiff};
use vitrine_store::{AuditEntry, CatalogueImport};

use crate::{AppState, Snapshot};

/// Builds a site and its plugins from where the server's site came from; the binary
/// supplies it (the same gate `vitrine check` runs).
pub trait SiteBuilder: Send + Sync + 'static {
    /// Reads, validates and compiles the site, with the plugin versions `rollout` chose
    /// for some storefronts and the imported catalogue `feed` (for a site whose catalogue
    /// is its feed): both, or every problem found. Blocking.
    fn build(
        &self,
        rollout: &Rollout,
        feed: &Feed,
    ) -> Result<(Arc<Site>, Arc<Plugins>), Vec<Problem>>;
}

/// How many times a reload builds again when a plugin activation changed the rollout while
/// it was building (each rebuild takes compiled components from the cache).
const MAX_BUILDS: usize = 3;

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
    /// What an import stored, in records (a dry run stores nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<CatalogueImport>,
}

/// The catalogue a rebuild takes.
pub enum CatalogueInput {
    /// The one stored in the database.
    Stored,
    /// A feed being imported, stored (with `audit`) once the site built with it passed.
    /// With `merge`, its records are laid over the stored ones instead of replacing them.
    Import {
        /// The feed read from the request.
        feed: Feed,
        /// Whether to keep the stored records the feed does not hold.
        merge: bool,
        /// The audit entry stored with it.
        audit: AuditEntry,
    },
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

/// Builds the next snapshot with the stored catalogue and, unless `dry_run`, publishes it.
pub async fn reload(state: &AppState, dry_run: bool, by: &str) -> Result<Reloaded, ReloadError> {
    rebuild(state, dry_run, by, CatalogueInput::Stored).await
}

/// Builds the next snapshot with `catalogue` and, unless `dry_run`, stores an imported
/// catalogue and publishes the snapshot.
pub async fn rebuild(
    state: &AppState,
    dry_run: bool,
    by: &str,
    catalogue: CatalogueInput,
) -> Result<Reloaded, ReloadError> {
    let Some(builder) = state.builder() else {
        return Err(ReloadError::Embedded);
    };
    let _turn = state.build_turn().await;
    let (feed, audit) = catalogue_of(state, catalogue).await?;
    let mut builds = 0;
    let mut search = Arc::clone(&state.snapshot().search);
    let (site, plugins, _control, current) = loop {
        builds += 1;
        // Built before taking the control plane: a recall made meanwhile does not wait for
        // a slow build (plugins compiled cold, a catalogue indexed), and is carried into the
        // new snapshot.
        let rollout = Arc::clone(&state.snapshot().rollout);
        let index = (!dry_run).then(|| (search, state.config().search_dir.clone()));
        let (site, plugins, index) = build(&builder, (&rollout, &feed), index, by).await?;
        search = index.unwrap_or_else(|| Arc::clone(&state.snapshot().search));
        let control = state.control().await;
        let current = state.snapshot();
        if Arc::ptr_eq(&current.rollout, &rollout) {
            break (site, plugins, control, current);
        }
        if builds == MAX_BUILDS {
            return Err(ReloadError::Failed(
                "plugin versions kept being activated while the site was building".into(),
            ));
        }
    };
    let diff = SiteDiff::between(&current.site, &site);
    let purge = diff.purge();
    let diff = diff.bounded(DIFF_LIST_LIMIT);
    let mut outcome = Reloaded {
        from: current.site.version.clone(),
        to: site.version.clone(),
        applied: false,
        diff,
        pages_purged: 0,
        catalogue: None,
    };
    if let (Some(audit), false) = (audit, dry_run) {
        let stored = crate::store_feed(state.db(), &feed, &audit).await;
        let stored = stored.map_err(|e| ReloadError::Failed(e.to_string()))?;
        tracing::info!(
            by,
            added = stored.added,
            changed = stored.changed,
            removed = stored.removed,
            "catalogue imported"
        );
        outcome.catalogue = Some(stored);
    }
    if dry_run || outcome.diff.is_empty() {
        return Ok(outcome);
    }
    let next = Snapshot {
        site,
        plugins,
        recalls: Arc::clone(&current.recalls),
        rollout: Arc::clone(&current.rollout),
        search,
    };
    outcome.pages_purged = state.publish(next, &purge);
    outcome.applied = true;
    let summary = serde_json::to_string(&outcome.diff).unwrap_or_default();
    tracing::info!(by, from = %outcome.from, to = %outcome.to, purged = outcome.pages_purged, diff = %summary, "site reloaded");
    state.record_reload(&outcome);
    Ok(outcome)
}

/// The feed a rebuild builds with, and the audit entry to store it with when imported.
async fn catalogue_of(
    state: &AppState,
    catalogue: CatalogueInput,
) -> Result<(Arc<Feed>, Option<AuditEntry>), ReloadError> {
    let stored = || async {
        crate::stored_feed(state.db())
            .await
            .map_err(|error| match error {
                crate::CatalogueError::Invalid(problems) => ReloadError::Invalid(problems),
                crate::CatalogueError::Store(error) => ReloadError::Failed(error.to_string()),
            })
    };
    match catalogue {
        CatalogueInput::Stored => Ok((Arc::new(stored().await?), None)),
        CatalogueInput::Import { feed, merge, audit } => {
            let feed = if merge {
                feed.over(stored().await?)
            } else {
                feed
            };
            Ok((Arc::new(feed), Some(audit)))
        }
    }
}

/// The search index a build starts from (kept if the new site needs the same one) and
/// where indexes are kept.
type IndexPlan = Option<(Arc<SearchIndex>, Option<std::path::PathBuf>)>;

/// Builds the site and its plugins and, with a plan, its search index.
async fn build(
    builder: &Arc<dyn SiteBuilder>,
    (rollout, feed): (&Arc<Rollout>, &Arc<Feed>),
    index: IndexPlan,
    by: &str,
) -> Result<(Arc<Site>, Arc<Plugins>, Option<Arc<SearchIndex>>), ReloadError> {
    let (builder, rollout, feed) = (Arc::clone(builder), Arc::clone(rollout), Arc::clone(feed));
    let built = tokio::task::spawn_blocking(move || {
        let (site, plugins) = builder
            .build(&rollout, &feed)
            .map_err(ReloadError::Invalid)?;
        let Some((current, dir)) = index else {
            return Ok((site, plugins, None));
        };
        let search = SearchIndex::for_site(&current, &site, dir.as_deref())
            .map_err(|e| ReloadError::Failed(e.to_string()))?;
        Ok((site, plugins, Some(search)))
    })
    .await
    .map_err(|e| ReloadError::Failed(e.to_string()))?;
    built.inspect_err(|error| match error {
        ReloadError::Invalid(problems) => {
            for problem in problems {
                tracing::warn!(%problem, by, "reload refused: the site serving stays");
            }
        }
        ReloadError::Failed(why) => {
            tracing::error!(why, by, "reload failed: the site serving stays");
        }
        ReloadError::Embedded => {}
    })
}
