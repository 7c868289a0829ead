use std::sync::Arc;

use arc_swap::ArcSwap;
use vitrine_plugins::Plugins;
use vitrine_site::Site;
use vitrine_store::Db;

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
}

struct Inner {
    snapshot: ArcSwap<Snapshot>,
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
        self.inner.snapshot.store(Arc::new(snapshot));
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
