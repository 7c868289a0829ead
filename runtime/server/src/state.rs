use std::sync::Arc;

use arc_swap::ArcSwap;
use vitrine_site::Site;
use vitrine_store::Db;

use crate::{Metrics, PageCache, ServerConfig};

/// Everything a request needs, shared by all connections.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    site: ArcSwap<Site>,
    db: Db,
    secret: Vec<u8>,
    cache: PageCache,
    metrics: Metrics,
    config: ServerConfig,
}

impl AppState {
    /// Assembles the state; `secret` signs CSRF tokens and must survive restarts.
    pub fn new(site: Site, db: Db, secret: Vec<u8>, config: ServerConfig) -> Self {
        let cache = PageCache::new(config.cache_capacity);
        Self {
            inner: Arc::new(Inner {
                site: ArcSwap::from_pointee(site),
                db,
                secret,
                cache,
                metrics: Metrics::default(),
                config,
            }),
        }
    }

    /// The current site snapshot; a request keeps the one it started with.
    pub fn site(&self) -> Arc<Site> {
        self.inner.site.load_full()
    }

    /// Replaces the site snapshot atomically.
    pub fn swap_site(&self, site: Site) {
        self.inner.site.store(Arc::new(site));
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
