use std::sync::Arc;

use bytes::Bytes;
use moka::sync::Cache;

use crate::compress::Coding;

/// What identifies a cached page: every dimension that changes its bytes. Only anonymous
/// pages are cached, so no session state belongs here.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// Storefront id (fixes market, language and currency), or `-` for the chooser.
    pub storefront: String,
    /// Path and query as requested.
    pub target: String,
    /// Extra variation (the chooser's suggestion from `Accept-Language`).
    pub variant: String,
    /// Site snapshot version: a reload never serves pages of the old snapshot.
    pub site_version: String,
}

/// A rendered page ready to send.
#[derive(Debug)]
pub struct CachedPage {
    /// The HTML.
    pub body: Bytes,
    /// The HTML compressed with brotli, when that made it smaller.
    pub brotli: Option<Bytes>,
    /// The HTML compressed with gzip, when that made it smaller.
    pub gzip: Option<Bytes>,
    /// Strong validator of the body.
    pub etag: String,
    /// `Content-Language`.
    pub language: String,
    /// Tags the control plane purges by (`product:…`, `category:…`, `storefront:…`).
    pub tags: Vec<String>,
}

impl CachedPage {
    /// A cached page with its precompressed variants.
    pub fn new(body: Bytes, etag: String, language: String, tags: Vec<String>) -> Self {
        let smaller = |variant: Option<Bytes>| variant.filter(|v| v.len() < body.len());
        let brotli = smaller(crate::compress::brotli(&body));
        let gzip = smaller(crate::compress::gzip(&body));
        Self {
            body,
            brotli,
            gzip,
            etag,
            language,
            tags,
        }
    }

    /// Bytes held, all variants counted.
    pub fn weight(&self) -> usize {
        self.body.len()
            + self.brotli.as_ref().map_or(0, Bytes::len)
            + self.gzip.as_ref().map_or(0, Bytes::len)
    }

    /// The body in the best coding the client accepts that this page has.
    pub fn variant(&self, wanted: Coding) -> (Coding, Bytes) {
        match (wanted, &self.brotli, &self.gzip) {
            (Coding::Brotli, Some(br), _) => (Coding::Brotli, br.clone()),
            (Coding::Brotli | Coding::Gzip, _, Some(gz)) => (Coding::Gzip, gz.clone()),
            _ => (Coding::Identity, self.body.clone()),
        }
    }
}

/// Rendered anonymous pages, tagged for purging.
#[derive(Clone)]
pub struct PageCache {
    pages: Cache<CacheKey, Arc<CachedPage>>,
}

impl PageCache {
    /// A cache holding up to `bytes` of page bodies.
    pub fn new(bytes: u64) -> Self {
        let pages = Cache::builder()
            .weigher(|_key, page: &Arc<CachedPage>| {
                u32::try_from(page.weight()).unwrap_or(u32::MAX)
            })
            .max_capacity(bytes)
            .support_invalidation_closures()
            .build();
        Self { pages }
    }

    /// A cached page.
    pub fn get(&self, key: &CacheKey) -> Option<Arc<CachedPage>> {
        self.pages.get(key)
    }

    /// Stores a page.
    pub fn insert(&self, key: CacheKey, page: Arc<CachedPage>) {
        self.pages.insert(key, page);
    }

    /// Drops every page carrying `tag`.
    pub fn purge_tag(&self, tag: &str) {
        let tag = tag.to_owned();
        // Fails only if invalidation closures were not enabled, which `new` always does.
        let _ = self
            .pages
            .invalidate_entries_if(move |_, page| page.tags.contains(&tag));
    }

    /// Roughly how many pages are cached.
    pub fn len(&self) -> u64 {
        self.pages.entry_count()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
