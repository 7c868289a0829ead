use std::sync::{Arc, RwLock};

use arc_swap::ArcSwap;
use vitrine_plugins::Plugins;
use vitrine_site::{Recalls, Site};
use vitrine_store::Db;

use crate::cache::{CacheKey, CachedPage};
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
}

impl Snapshot {
    /// A snapshot with no product recalled.
    pub fn new(site: Arc<Site>, plugins: Arc<Plugins>) -> Self {
        Self {
            site,
            plugins,
            recalls: Arc::default(),
        }
    }

    /// The same site and plugins with other recalls in effect.
    pub fn with_recalls(&self, recalls: Recalls) -> Self {
        Self {
            site: Arc::clone(&self.site),
            plugins: Arc::clone(&self.plugins),
            recalls: Arc::new(recalls),
        }
    }
}

struct Inner {
    snapshot: ArcSwap<Snapshot>,
    /// Held for reading while a page enters the cache, for writing while a new snapshot is
    /// published and the pages it changes are purged: a page rendered from the old snapshot
    /// either enters before the purge (and is purged) or sees it is stale and stays out.
    cache_gate: RwLock<()>,
    /// One control-plane change at a time (recalls, purges, reloads).
    control: tokio::sync::Mutex<()>,
    db: Db,
    secret: Vec<u8>,
    cache: PageCache,
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
                db,
                secret,
                cache,
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

    /// Replaces the snapshot atomically.
    pub fn swap(&self, snapshot: Snapshot) {
        self.publish(snapshot, &[]);
    }

    /// Replaces the snapshot and drops the cached pages carrying any of `purged` in one
    /// step no page rendered from the old snapshot can slip into; returns how many pages
    /// were dropped.
    pub fn publish(&self, snapshot: Snapshot, purged: &[String]) -> usize {
        let _gate = self
            .inner
            .cache_gate
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.inner.snapshot.store(Arc::new(snapshot));
        self.inner.cache.purge(purged)
    }

    /// Keeps a page rendered from `snapshot` in the cache, unless a newer snapshot has been
    /// published since (its purge may already have run).
    pub(crate) fn cache_page(
        &self,
        snapshot: &Arc<Snapshot>,
        key: CacheKey,
        page: Arc<CachedPage>,
    ) {
        let _gate = self
            .inner
            .cache_gate
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if Arc::ptr_eq(&self.inner.snapshot.load(), snapshot) {
            self.inner.cache.insert(key, page);
        }
    }

    /// Waits for the control plane to be free: changes are applied one at a time.
    pub async fn control(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.control.lock().await
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

    /// Counters.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Server configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }
}
