use std::sync::{Arc, Mutex, OnceLock, RwLock};

use arc_swap::ArcSwap;
use vitrine_plugins::Plugins;
use vitrine_search::SearchIndex;
use vitrine_site::{Purge, Recalls, Rollout, Site};
use vitrine_store::Db;

use crate::asset_files::AssetFiles;
use crate::cache::{CacheKey, CachedPage};
use crate::offload::{CpuPool, Misses};
use crate::reload::{Reloaded, SiteBuilder};
use crate::{Metrics, PageCache, ServerConfig};

/// Everything a request needs, shared by all connections.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

/// A site snapshot with its compiled plugins: swapped together, never mixed.
pub struct Snapshot {
    /// The validated site.
    pub site: Arc<Site>,
    /// The plugins that loaded for it.
    pub plugins: Arc<Plugins>,
    /// The recalls in effect (kept in the database, not in the site files).
    pub recalls: Arc<Recalls>,
    /// Uploaded plugin versions and the storefronts that run them (kept in the database);
    /// `plugins` was loaded with it.
    pub rollout: Arc<Rollout>,
    /// The site's product search index.
    pub search: Arc<SearchIndex>,
}

impl Snapshot {
    /// A snapshot with no product recalled and no plugin version uploaded.
    pub fn new(site: Arc<Site>, plugins: Arc<Plugins>, search: Arc<SearchIndex>) -> Self {
        Self {
            site,
            plugins,
            recalls: Arc::default(),
            rollout: Arc::default(),
            search,
        }
    }

    /// The same site and plugins with other recalls in effect.
    pub fn with_recalls(&self, recalls: Recalls) -> Self {
        Self {
            site: Arc::clone(&self.site),
            plugins: Arc::clone(&self.plugins),
            recalls: Arc::new(recalls),
            rollout: Arc::clone(&self.rollout),
            search: Arc::clone(&self.search),
        }
    }

    /// The same site and recalls with plugins loaded for another rollout.
    pub fn with_rollout(&self, plugins: Arc<Plugins>, rollout: Arc<Rollout>) -> Self {
        Self {
            site: Arc::clone(&self.site),
            plugins,
            recalls: Arc::clone(&self.recalls),
            rollout,
            search: Arc::clone(&self.search),
        }
    }
}

/// What compiles plugin versions for the control plane: the serving engine and its
/// precompiled cache.
#[derive(Clone)]
pub struct PluginHost {
    /// The engine plugins run on.
    pub engine: vitrine_plugins::Engine,
    /// Where compiled components are kept.
    pub cache_dir: Option<std::path::PathBuf>,
}

struct Inner {
    snapshot: ArcSwap<Snapshot>,
    /// Held for reading while a page enters the cache, for writing while a new snapshot is
    /// published and the pages it changes are purged: a page rendered from the old snapshot
    /// either enters before the purge (and is purged) or sees it is stale and stays out.
    cache_gate: RwLock<()>,
    /// One control-plane change at a time (recalls, purges, reloads).
    control: tokio::sync::Mutex<()>,
    /// One snapshot build at a time (reloads and catalogue imports), so that a build from
    /// the catalogue stored before an import never replaces the import's snapshot.
    builds: tokio::sync::Mutex<()>,
    /// How to build the next snapshot; unset for the site built into the binary.
    builder: OnceLock<Arc<dyn SiteBuilder>>,
    /// How to compile uploaded plugin versions; unset, uploads are refused.
    plugin_host: OnceLock<PluginHost>,
    /// The last reload that was applied.
    last_reload: Mutex<Option<Reloaded>>,
    db: Db,
    secret: Vec<u8>,
    cache: PageCache,
    /// Asset files read from disk.
    asset_files: AssetFiles,
    /// Where pages are rendered and compressed, off the request workers.
    cpu: CpuPool,
    /// The pages being rendered after a miss, so concurrent misses of one page render it once.
    misses: Misses,
    metrics: Metrics,
    config: ServerConfig,
}

impl AppState {
    /// Assembles the state; `secret` signs CSRF tokens and must survive restarts.
    pub fn new(snapshot: Snapshot, db: Db, secret: Vec<u8>, config: ServerConfig) -> Self {
        let cache = PageCache::new(config.cache_bytes);
        Self {
            inner: Arc::new(Inner {
                snapshot: ArcSwap::from_pointee(snapshot),
                cache_gate: RwLock::new(()),
                control: tokio::sync::Mutex::new(()),
                builds: tokio::sync::Mutex::new(()),
                builder: OnceLock::new(),
                plugin_host: OnceLock::new(),
                last_reload: Mutex::new(None),
                db,
                secret,
                cache,
                asset_files: AssetFiles::default(),
                cpu: CpuPool::new(cpu_jobs()),
                misses: Misses::default(),
                metrics: Metrics::default(),
                config,
            }),
        }
    }

    /// The current snapshot; a request keeps the one it started with.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.inner.snapshot.load_full()
    }

    /// Runs `f` on the current site without taking a reference count (for the cache-hit
    /// path, where the shared count would be contended by every worker).
    pub fn with_site<T>(&self, f: impl FnOnce(&Site) -> T) -> T {
        f(&self.inner.snapshot.load().site)
    }

    /// Replaces the snapshot and empties the page cache.
    pub fn swap(&self, snapshot: Snapshot) {
        self.publish(snapshot, &Purge::All);
    }

    /// Replaces the snapshot and drops the cached pages it makes stale in one step no page
    /// rendered from the old snapshot can slip into; returns how many pages were dropped.
    pub fn publish(&self, snapshot: Snapshot, purge: &Purge) -> usize {
        let _gate = self
            .inner
            .cache_gate
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.inner.snapshot.store(Arc::new(snapshot));
        match purge {
            Purge::All => self.inner.cache.clear(),
            Purge::Tags(tags) => self.inner.cache.purge(tags),
            Purge::Groups(groups) => self.inner.cache.purge_groups(groups),
        }
    }

    /// Lets the server reload its site with `builder` (the site folder it was started on).
    pub fn set_builder(&self, builder: Arc<dyn SiteBuilder>) {
        let _ = self.inner.builder.set(builder);
    }

    /// Lets the control plane compile uploaded plugin versions with `host`.
    pub fn set_plugin_host(&self, host: PluginHost) {
        let _ = self.inner.plugin_host.set(host);
    }

    /// How to compile plugin versions, if uploads are possible.
    pub(crate) fn plugin_host(&self) -> Option<&PluginHost> {
        self.inner.plugin_host.get()
    }

    /// How to build the next snapshot, if the site can be reloaded.
    pub(crate) fn builder(&self) -> Option<Arc<dyn SiteBuilder>> {
        self.inner.builder.get().cloned()
    }

    /// Remembers the last reload applied, for the status call.
    pub(crate) fn record_reload(&self, reloaded: &Reloaded) {
        let mut last = self
            .inner
            .last_reload
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *last = Some(reloaded.clone());
    }

    /// The last reload applied.
    pub(crate) fn last_reload(&self) -> Option<Reloaded> {
        self.inner
            .last_reload
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Keeps a page rendered from `snapshot` in the cache, unless a newer snapshot has been
    /// published since (its purge may already have run); returns whether it was kept.
    pub(crate) fn cache_page(
        &self,
        snapshot: &Arc<Snapshot>,
        key: CacheKey,
        page: Arc<CachedPage>,
    ) -> bool {
        let _gate = self
            .inner
            .cache_gate
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let current = Arc::ptr_eq(&self.inner.snapshot.load(), snapshot);
        if current {
            self.inner.cache.insert(key, page);
        }
        current
    }

    /// Waits for the control plane to be free: changes are applied one at a time.
    pub async fn control(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.control.lock().await
    }

    /// Waits for the other snapshot builds (reloads, imports) to end.
    pub(crate) async fn build_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.builds.lock().await
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The server secret.
    pub fn secret(&self) -> &[u8] {
        &self.inner.secret
    }

    /// The page cache.
    pub fn cache(&self) -> &PageCache {
        &self.inner.cache
    }

    /// Asset files read from disk, cached.
    pub(crate) fn asset_files(&self) -> &AssetFiles {
        &self.inner.asset_files
    }

    /// Where CPU-heavy work of a request runs.
    pub(crate) fn cpu(&self) -> &CpuPool {
        &self.inner.cpu
    }

    /// The pages being rendered after a cache miss.
    pub(crate) fn misses(&self) -> &Misses {
        &self.inner.misses
    }

    /// Counters.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Server configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }
}

/// Pages rendered at once: one per core, so rendering uses the machine without queueing
/// behind more threads than it has.
fn cpu_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}
