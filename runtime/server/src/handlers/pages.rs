//! Catalogue pages and the chooser: cached for anonymous shoppers, rendered per request for
//! shoppers with a session (their header shows the cart and forms carry a CSRF token).
//! Pages are rendered (and, entering the cache, compressed) off the request workers, and
//! concurrent misses of one anonymous page render it once (see `offload`).

use std::borrow::Cow;
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::{
    CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_TYPE, ETAG, HeaderMap, HeaderValue,
    VARY,
};
use hyper::http::request::Parts;
use hyper::{Method, Request, StatusCode, Uri};
use vitrine_plugins::PageKind;
use vitrine_render::{Found, Renderer, Visitor};
use vitrine_search::MAX_HITS;
use vitrine_site::{ListingKind, ListingQuery, NoSuchPage, Site, Storefront, Tag};

use super::context::{Ctx, PageInfo, Rendered, Shopper};
use super::reply::{error_view, send};
use super::slots::slots;
use crate::cache::{CacheKey, CachedPage};
use crate::response::{self, Caching, Resp};
use crate::routes::{self, PageRoute, Route};
use crate::session::Session;
use crate::{AppState, compress, negotiate};

/// The header that makes an anonymous page skip the cache, honoured only when the server
/// runs with `--bench-allow-cache-bypass`.
const BYPASS_HEADER: &str = "x-vitrine-bypass-cache";

/// Home, category, product and search pages, and the storefront's 404.
pub async fn catalogue(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    page: PageRoute<'_>,
) -> Resp {
    let listing = listing_query(&parts.uri, &page);
    let render = |renderer: &Renderer<'_>, visitor: Visitor<'_>| -> Rendered {
        let found = match (&page, &listing) {
            (PageRoute::Home, _) => Some(renderer.home(storefront, visitor)),
            (PageRoute::Category(id), Some(Ok(query))) => {
                renderer.category(storefront, id, query, visitor)
            }
            (PageRoute::Product(id), _) => renderer.product(storefront, id, visitor),
            (PageRoute::Search, Some(Ok(query))) => match found(ctx, storefront, query) {
                Some(found) => renderer.search(storefront, query, found, visitor),
                None => {
                    let status = StatusCode::SERVICE_UNAVAILABLE;
                    let page = error_view(ctx, parts, storefront, status, visitor);
                    return Rendered { status, page };
                }
            },
            _ => None,
        };
        found.map(Rendered::ok).unwrap_or_else(|| {
            let status = missing_status(ctx, storefront, &page);
            Rendered {
                status,
                page: error_view(ctx, parts, storefront, status, visitor),
            }
        })
    };
    let info = page_info(ctx, storefront, &page);
    match ctx.session(&parts.headers) {
        None => anonymous(ctx, (storefront, parts), (&page, info), render).await,
        Some(session) => {
            let shopper = Shopper::load(ctx, storefront, Some(&session)).await;
            let (slots, _) = slots(ctx, storefront, info, &shopper).await;
            let visitor = shopper.visitor(&slots, &[]);
            let rendered = ctx
                .state
                .cpu()
                .run(|| render(&ctx.renderer(), visitor))
                .await;
            send(ctx, parts, storefront, rendered, Caching::Private)
        }
    }
}

/// An anonymous shopper's page: from the cache, or rendered once however many shoppers ask
/// for it at the same time (the first renders it, the others wait and take it from the
/// cache), off the request workers, and kept when it is complete.
async fn anonymous(
    ctx: &Ctx,
    (storefront, parts): (&Storefront, &Parts),
    (page, info): (&PageRoute<'_>, PageInfo<'_>),
    render: impl Fn(&Renderer<'_>, Visitor<'_>) -> Rendered,
) -> Resp {
    let target = cache_target(&parts.uri, page);
    let key = target
        .as_deref()
        .map(|target| CacheKey::new(&storefront.id, "", target));
    let bypass = bypasses_cache(&ctx.state, &parts.headers);
    let mut turn = match (&key, bypass) {
        (Some(key), false) => Some(ctx.state.misses().turn(key).await),
        _ => None,
    };
    if let Some(hit) = key
        .as_ref()
        .filter(|_| !bypass)
        .and_then(|k| lookup(ctx, k))
    {
        return send_cached(&parts.headers, &hit);
    }
    let (slots, complete) = slots(ctx, storefront, info, &Shopper::anonymous()).await;
    let work = || {
        let visitor = Visitor {
            slots: &slots,
            ..Visitor::default()
        };
        let mut rendered = render(&ctx.renderer(), visitor);
        if let Ok(page) = &mut rendered.page {
            let plugin_tags = slots.iter().map(|s| Tag::Plugin(&s.plugin).to_string());
            page.tags.extend(plugin_tags);
        }
        match key {
            Some(key) => {
                let (response, kept) =
                    store_and_send(ctx, parts, storefront, key, rendered, complete && !bypass);
                if let (Some(turn), false) = (turn.as_mut(), kept) {
                    turn.not_kept();
                }
                response
            }
            None => send(ctx, parts, storefront, rendered, Caching::Private),
        }
    };
    ctx.state.cpu().run(work).await
}

/// What the snapshot's search index finds for a shopper's text in the storefront's language
/// and market: the best matches for a page in relevance order, every match for one ordered
/// by price or filtered; `None` (logged) when the index cannot be read.
fn found<'s>(ctx: &'s Ctx, storefront: &Storefront, query: &ListingQuery) -> Option<Found<'s>> {
    let snapshot = &ctx.snapshot;
    let limit = if query.is_default_order_unfiltered() {
        MAX_HITS
    } else {
        usize::MAX
    };
    let (language, market) = (&storefront.language, &storefront.market);
    match snapshot
        .search
        .search(language, market, (&query.text, limit))
    {
        Ok(hits) => Some(Found {
            products: hits.products(&snapshot.site),
            matched: hits.matched,
        }),
        Err(error) => {
            tracing::error!(%error, storefront = %storefront.id, "search failed");
            None
        }
    }
}

/// Why a page is not there: 410 for a product recalled in this storefront (it was sold
/// here and is withdrawn), 404 for anything else.
fn missing_status(ctx: &Ctx, storefront: &Storefront, page: &PageRoute<'_>) -> StatusCode {
    match page {
        PageRoute::Product(id)
            if ctx.snapshot.site.market_of(storefront).sells(id)
                && ctx.snapshot.recalls.covers(id, &storefront.id) =>
        {
            StatusCode::GONE
        }
        _ => StatusCode::NOT_FOUND,
    }
}

/// What plugins are told about the page; pages that will be a 404 get no plugin calls.
fn page_info<'p>(ctx: &Ctx, storefront: &Storefront, page: &PageRoute<'p>) -> PageInfo<'p> {
    let none = PageInfo {
        kind: PageKind::Search,
        product: None,
        category: None,
    };
    match page {
        PageRoute::Home => PageInfo {
            kind: PageKind::Home,
            ..none
        },
        PageRoute::Category(id) => PageInfo {
            kind: PageKind::Category,
            category: Some(id),
            ..none
        },
        PageRoute::Product(id) if ctx.offers(storefront, id) => PageInfo {
            kind: PageKind::Product,
            product: Some(id),
            ..none
        },
        _ => none,
    }
}

/// The market chooser; its suggestion depends on `Accept-Language`, so the cache and
/// downstream caches vary on it.
pub fn chooser(ctx: &Ctx, parts: &Parts) -> Resp {
    let site = &ctx.snapshot.site;
    let Some(default) = negotiate::default_storefront(site) else {
        return response::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "No storefront configured\n",
        );
    };
    let suggested = negotiate::suggest(site, &parts.headers);
    let variant = suggested.map_or("", |s| s.id.as_str());
    let key = CacheKey::new(&default.id, variant, parts.uri.path());
    let mut response = match lookup(ctx, &key) {
        Some(hit) => send_cached(&parts.headers, &hit),
        None => {
            let rendered = Rendered::ok(ctx.renderer().chooser(default, suggested));
            store_and_send(ctx, parts, default, key, rendered, true).0
        }
    };
    response.headers_mut().insert(
        VARY,
        HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"),
    );
    response
}

/// The part of an anonymous page's cache key its URL gives: the path, and for a listing its
/// canonical query (so stray parameters and their order neither miss nor pollute the cache;
/// other pages ignore the query string). `None` for a listing page that cannot exist.
fn cache_target<'u>(uri: &'u Uri, page: &PageRoute<'_>) -> Option<Cow<'u, str>> {
    let path = uri.path();
    match listing_query(uri, page) {
        None => Some(Cow::Borrowed(path)),
        Some(Err(NoSuchPage)) => None,
        Some(Ok(query)) => match query.query_string() {
            canonical if canonical.is_empty() => Some(Cow::Borrowed(path)),
            canonical => Some(Cow::Owned(format!("{path}?{canonical}"))),
        },
    }
}

/// The listing a category or search URL asks for (`None` for other pages).
fn listing_query(uri: &Uri, page: &PageRoute<'_>) -> Option<Result<ListingQuery, NoSuchPage>> {
    let kind = match page {
        PageRoute::Category(_) => ListingKind::Category,
        PageRoute::Search => ListingKind::Search,
        _ => return None,
    };
    Some(ListingQuery::parse(kind, uri.query().unwrap_or_default()))
}

/// The cached copy of an anonymous catalogue page, answered before any other work (no
/// timeout, no session, no plugin call); `None` sends the request down the full path, which
/// also fills the cache.
pub fn from_cache<B>(state: &AppState, site: &Site, request: &Request<B>) -> Option<Resp> {
    let cacheable_method = matches!(*request.method(), Method::GET | Method::HEAD);
    if !cacheable_method || bypasses_cache(state, request.headers()) {
        return None;
    }
    let Route::Storefront(id, page) = routes::parse(request.uri().path()) else {
        return None;
    };
    let catalogue = matches!(
        page,
        PageRoute::Home | PageRoute::Category(_) | PageRoute::Product(_) | PageRoute::Search
    );
    if !catalogue || Session::from_headers(request.headers(), state.secret()).is_some() {
        return None;
    }
    let storefront = site.storefront(id)?;
    let target = cache_target(request.uri(), &page)?;
    let hit = state.cache().get_by_parts(&storefront.id, "", &target)?;
    state.metrics().count_cache(true);
    Some(send_cached(request.headers(), &hit))
}

/// Whether this benchmark request asks to skip the cache (and the server allows it).
fn bypasses_cache(state: &AppState, headers: &HeaderMap) -> bool {
    state.config().bench_cache_bypass && headers.contains_key(BYPASS_HEADER)
}

fn lookup(ctx: &Ctx, key: &CacheKey) -> Option<Arc<CachedPage>> {
    let hit = ctx.state.cache().get(key);
    ctx.state.metrics().count_cache(hit.is_some());
    hit
}

/// Sends an anonymous page, keeping it in the cache when it is a complete 200 that
/// rendered; says whether it was kept.
fn store_and_send(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    key: CacheKey,
    rendered: Rendered,
    cacheable: bool,
) -> (Resp, bool) {
    let Rendered { status, page } = rendered;
    let page = match page {
        Ok(page) if status == StatusCode::OK && cacheable => page,
        // Not kept, so not worth compressing either.
        Ok(page) if status == StatusCode::OK => {
            let rendered = Rendered::ok(Ok(page));
            return (
                send(ctx, parts, storefront, rendered, Caching::Public),
                false,
            );
        }
        page => {
            let rendered = Rendered { status, page };
            return (
                send(ctx, parts, storefront, rendered, Caching::Private),
                false,
            );
        }
    };
    let mut html = page.html;
    // Kept in the cache: no room beyond the bytes (`Bytes` keeps a string's capacity).
    html.shrink_to_fit();
    let page = Arc::new(CachedPage::new(
        Bytes::from(html),
        &storefront.l10n.locale.tag(),
        page.tags,
    ));
    let kept = ctx.state.cache_page(&ctx.snapshot, key, Arc::clone(&page));
    (send_cached(&parts.headers, &page), kept)
}

/// Sends a cached page in the best coding the client accepts, or 304 when the client
/// already has that representation; every header value was computed when the page was cached.
fn send_cached(request_headers: &HeaderMap, page: &CachedPage) -> Resp {
    let (coding, body) = page.variant(compress::negotiate(request_headers));
    let (etag, etag_value) = page.etag(coding);
    let fresh = response::etag_matches(request_headers, etag);
    let mut response = if fresh {
        response::with_status(StatusCode::NOT_MODIFIED, Bytes::new())
    } else {
        response::with_status(StatusCode::OK, body)
    };
    let headers = response.headers_mut();
    headers.reserve(16);
    if !fresh {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(response::HTML));
    }
    if let Some(etag) = etag_value {
        headers.insert(ETAG, etag.clone());
    }
    headers.insert(CONTENT_LANGUAGE, page.language.clone());
    headers.insert(CACHE_CONTROL, Caching::Public.header());
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding, Cookie"));
    if let Some(tags) = &page.cache_tag {
        headers.insert(response::CACHE_TAG, tags.clone());
    }
    if let Some(keys) = &page.surrogate_key {
        headers.insert(response::SURROGATE_KEY, keys.clone());
    }
    if let Some(encoding) = coding.header() {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::super::testing::{demo_ctx, get};
    use super::*;
    use vitrine_render::RenderError;

    #[tokio::test]
    async fn a_page_that_failed_to_render_never_enters_the_cache() {
        let (_data, ctx) = demo_ctx().await;
        let parts = get("/nl-nl/p/canvas-tote");
        let storefront = ctx.snapshot.site.storefront("nl-nl").expect("storefront");
        let key = CacheKey::new(&storefront.id, "", parts.uri.path());
        let failed = Rendered::ok(Err(RenderError {
            template: "ProductPage",
            reason: "a value failed to format".into(),
        }));
        let (response, kept) = store_and_send(&ctx, &parts, storefront, key, failed, true);
        assert!(!kept);
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(ctx.state.cache().len(), 0, "nothing was cached");
    }
}
