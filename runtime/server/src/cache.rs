use std::borrow::Borrow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::HeaderValue;
use moka::sync::Cache;

use crate::compress::Coding;

/// What identifies a cached page: every dimension that changes its bytes within one
/// snapshot (storefront, variant, path and the query parameters that matter), joined into
/// one string. Only anonymous pages are cached, so no session state belongs here. The
/// snapshot is not part of it: a reload purges exactly the pages its diff touches, and the
/// others stay valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheKey(String);

impl CacheKey {
    /// The key of a page; `variant` is extra variation (the chooser's suggestion from
    /// `Accept-Language`).
    pub fn new(storefront: &str, variant: &str, target: &str) -> Self {
        let mut key = String::new();
        write_key(&mut key, [storefront, variant, target]);
        Self(key)
    }
}

fn write_key(out: &mut String, parts: [&str; 3]) {
    out.clear();
    out.reserve(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        out.push_str(part);
        // Never part of a storefront id, variant or request path.
        out.push('\n');
    }
}

// Lookups by `&str` (see `PageCache::get_by_parts`) must hash exactly as the key does.
impl Hash for CacheKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.as_str().hash(state);
    }
}

impl Borrow<str> for CacheKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A rendered page ready to send, with every header value it needs computed once.
#[derive(Debug)]
pub struct CachedPage {
    /// The HTML.
    pub body: Bytes,
    /// The HTML compressed with brotli, when that made it smaller.
    pub brotli: Option<Bytes>,
    /// The HTML compressed with gzip, when that made it smaller.
    pub gzip: Option<Bytes>,
    /// `Content-Language`.
    pub language: HeaderValue,
    /// Tags the control plane purges by (`product:…`, `category:…`, `storefront:…`).
    pub tags: Vec<String>,
    /// The tags as a `Cache-Tag` header value (Cloudflare), if they form a valid one.
    pub cache_tag: Option<HeaderValue>,
    /// The tags as a `Surrogate-Key` header value (Fastly), if they form a valid one.
    pub surrogate_key: Option<HeaderValue>,
    /// One entity tag per coding, as HTTP requires of different representations.
    etags: [(String, Option<HeaderValue>); 3],
}

impl CachedPage {
    /// A cached page with its precompressed variants and their entity tags.
    pub fn new(body: Bytes, language: &str, tags: Vec<String>) -> Self {
        let etag = crate::response::etag_of(&body);
        let smaller = |variant: Option<Bytes>| variant.filter(|v| v.len() < body.len());
        let brotli = smaller(crate::compress::brotli(&body));
        let gzip = smaller(crate::compress::gzip(&body));
        let etags = [Coding::Brotli, Coding::Gzip, Coding::Identity].map(|coding| {
            let tag = variant_etag(&etag, coding);
            let value = HeaderValue::from_str(&tag).ok();
            (tag, value)
        });
        Self {
            body,
            brotli,
            gzip,
            language: HeaderValue::from_str(language)
                .unwrap_or_else(|_| HeaderValue::from_static("und")),
            cache_tag: HeaderValue::from_str(&tags.join(",")).ok(),
            surrogate_key: HeaderValue::from_str(&tags.join(" ")).ok(),
            tags,
            etags,
        }
    }

    /// Bytes held, all variants, tags and header values counted.
    pub fn weight(&self) -> usize {
        let header = |value: &Option<HeaderValue>| value.as_ref().map_or(0, |v| v.len());
        let tags: usize = self
            .tags
            .iter()
            .map(|t| t.len() + std::mem::size_of::<String>())
            .sum();
        let etags: usize = self.etags.iter().map(|(tag, _)| 2 * tag.len()).sum();
        std::mem::size_of::<Self>()
            + self.body.len()
            + self.brotli.as_ref().map_or(0, Bytes::len)
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + tags
            + header(&self.cache_tag)
            + header(&self.surrogate_key)
            + etags
    }

    /// The body in the best coding the client accepts that this page has.
    pub fn variant(&self, wanted: Coding) -> (Coding, Bytes) {
        match (wanted, &self.brotli, &self.gzip) {
            (Coding::Brotli, Some(br), _) => (Coding::Brotli, br.clone()),
            (Coding::Brotli | Coding::Gzip, _, Some(gz)) => (Coding::Gzip, gz.clone()),
            _ => (Coding::Identity, self.body.clone()),
        }
    }

    /// The entity tag of one coding's representation, and its header value.
    pub fn etag(&self, coding: Coding) -> &(String, Option<HeaderValue>) {
        match coding {
            Coding::Brotli => &self.etags[0],
            Coding::Gzip => &self.etags[1],
            Coding::Identity => &self.etags[2],
        }
    }
}

/// The entity tag of a coding's representation: `"abc"` becomes `"abc-br"`.
fn variant_etag(etag: &str, coding: Coding) -> String {
    match etag.strip_suffix('"') {
        Some(open) => format!("{open}{}\"", coding.etag_suffix()),
        None => etag.to_owned(),
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
            .build();
        Self { pages }
    }

    /// A cached page.
    pub fn get(&self, key: &CacheKey) -> Option<Arc<CachedPage>> {
        self.pages.get(key)
    }

    /// A cached page by the parts of its key (as [`CacheKey::new`] takes them), without
    /// allocating: the key is assembled in a buffer the thread keeps.
    pub fn get_by_parts(
        &self,
        storefront: &str,
        variant: &str,
        target: &str,
    ) -> Option<Arc<CachedPage>> {
        thread_local! {
            static KEY: RefCell<String> = const { RefCell::new(String::new()) };
        }
        KEY.with_borrow_mut(|key| {
            write_key(key, [storefront, variant, target]);
            self.pages.get(key.as_str())
        })
    }

    /// Stores a page.
    pub fn insert(&self, key: CacheKey, page: Arc<CachedPage>) {
        self.pages.insert(key, page);
    }

    /// Drops every page carrying any of `tags`, with its compressed variants; returns how
    /// many pages were dropped. Each is gone for readers when this returns.
    pub fn purge(&self, tags: &[String]) -> usize {
        if tags.is_empty() {
            return 0;
        }
        let doomed: Vec<Arc<CacheKey>> = self
            .pages
            .iter()
            .filter(|(_, page)| page.tags.iter().any(|t| tags.contains(t)))
            .map(|(key, _)| key)
            .collect();
        for key in &doomed {
            self.pages.invalidate(key.as_ref());
        }
        doomed.len()
    }

    /// Drops every page carrying every tag of any one of `groups`; returns how many pages
    /// were dropped.
    pub fn purge_groups(&self, groups: &[Vec<String>]) -> usize {
        if groups.is_empty() {
            return 0;
        }
        let doomed: Vec<Arc<CacheKey>> = self
            .pages
            .iter()
            .filter(|(_, page)| {
                groups
                    .iter()
                    .any(|group| group.iter().all(|tag| page.tags.contains(tag)))
            })
            .map(|(key, _)| key)
            .collect();
        for key in &doomed {
            self.pages.invalidate(key.as_ref());
        }
        doomed.len()
    }

    /// Drops every page.
    pub fn clear(&self) -> usize {
        let count = self.pages.iter().count();
        self.pages.invalidate_all();
        count
    }

    /// Bytes of pages held, all variants counted (an estimate until pending work is done).
    pub fn weighted_size(&self) -> u64 {
        self.pages.weighted_size()
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
