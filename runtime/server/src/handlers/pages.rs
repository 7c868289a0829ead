//! Catalogue pages and the chooser: cached for anonymous shoppers, rendered per request for
//! shoppers with a session (their header shows the cart and forms carry a CSRF token).

use std::sync::Arc;

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::{CONTENT_ENCODING, HeaderValue, VARY};
use hyper::http::request::Parts;
use vitrine_render::{Renderer, SearchQuery, Visitor};
use vitrine_site::Storefront;

use super::plugins::{self, PageInfo, PageKind, Shopper};
use super::{Ctx, Rendered};
use crate::cache::{CacheKey, CachedPage};
use crate::negotiate;
use crate::response::{self, Caching, HtmlPage, Resp};
use crate::routes::PageRoute;

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
    let query = search_text(parts);
    let path = page_path(parts, &storefront.id);
    let render = |renderer: &Renderer<'_>, visitor: Visitor<'_>| -> Rendered {
        let found = match page {
            PageRoute::Home => Some(renderer.home(storefront, visitor)),
            PageRoute::Category(id) => renderer.category(storefront, id, visitor),
            PageRoute::Product(id) => renderer.product(storefront, id, visitor),
            PageRoute::Search => {
                Some(renderer.search(storefront, SearchQuery { text: &query }, visitor))
            }
            _ => None,
        };
        found.map(Rendered::ok).unwrap_or_else(|| Rendered {
            status: StatusCode::NOT_FOUND,
            page: renderer.error(storefront, &path, "not-found", visitor),
        })
    };
    let info = page_info(ctx, storefront, &page);
    match ctx.session(parts) {
        None => {
            let key = cache_key(ctx, parts, storefront, "");
            let bypass =
                ctx.state.config().bench_cache_bypass && parts.headers.contains_key(BYPASS_HEADER);
            if let Some(hit) = lookup(ctx, &key).filter(|_| !bypass) {
                return send_cached(parts, &hit);
            }
            let (slots, complete) =
                plugins::slots(ctx, storefront, info, &Shopper::anonymous()).await;
            let visitor = Visitor {
                slots: &slots,
                ..Visitor::default()
            };
            let mut rendered = render(&ctx.renderer(), visitor);
            let plugin_tags = slots.iter().map(|s| format!("plugin:{}", s.plugin));
            rendered.page.tags.extend(plugin_tags);
            store_and_send(ctx, parts, storefront, key, rendered, complete && !bypass)
        }
        Some(session) => {
            let shopper = Shopper::load(ctx, storefront, Some(&session)).await;
            let (slots, _) = plugins::slots(ctx, storefront, info, &shopper).await;
            let rendered = render(&ctx.renderer(), shopper.visitor(&slots, &[]));
            send(parts, storefront, rendered, Caching::Private)
        }
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
        PageRoute::Product(id) if ctx.site.market_of(storefront).sells(id) => PageInfo {
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
    let site = &ctx.site;
    let Some(default) = negotiate::default_storefront(site) else {
        return response::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "No storefront configured\n",
        );
    };
    let suggested = negotiate::suggest(site, &parts.headers);
    let variant = suggested.map_or("", |s| s.id.as_str());
    let key = cache_key(ctx, parts, default, variant);
    let mut response = match lookup(ctx, &key) {
        Some(hit) => send_cached(parts, &hit),
        None => {
            let rendered = Rendered::ok(ctx.renderer().chooser(default, suggested));
            store_and_send(ctx, parts, default, key, rendered, true)
        }
    };
    response.headers_mut().insert(
        VARY,
        HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"),
    );
    response
}

/// The cache key of an anonymous page. Only search pages depend on the query string (and
/// only on `q`); other pages ignore it, so stray parameters neither miss nor pollute the cache.
fn cache_key(ctx: &Ctx, parts: &Parts, storefront: &Storefront, variant: &str) -> CacheKey {
    let path = parts.uri.path();
    let target = if path.ends_with("/search") {
        format!("{path}?q={}", search_text(parts))
    } else {
        path.to_owned()
    };
    CacheKey {
        storefront: storefront.id.clone(),
        target,
        variant: variant.to_owned(),
        site_version: ctx.site.version.clone(),
    }
}

fn lookup(ctx: &Ctx, key: &CacheKey) -> Option<Arc<CachedPage>> {
    let hit = ctx.state.cache().get(key);
    ctx.state.metrics().count_cache(hit.is_some());
    hit
}

/// Sends an anonymous page, keeping it in the cache when it is a complete 200.
fn store_and_send(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    key: CacheKey,
    rendered: Rendered,
    cacheable: bool,
) -> Resp {
    if rendered.status != StatusCode::OK {
        return send(parts, storefront, rendered, Caching::Private);
    }
    if !cacheable {
        // Not kept, so not worth compressing either.
        return send(parts, storefront, rendered, Caching::Public);
    }
    let body = Bytes::from(rendered.page.html);
    let etag = response::etag_of(&body);
    let page = Arc::new(CachedPage::new(
        body,
        etag,
        storefront.l10n.locale.tag(),
        rendered.page.tags,
    ));
    ctx.state.cache().insert(key, Arc::clone(&page));
    send_cached(parts, &page)
}

/// Sends a cached page in the best coding the client accepts; each coding has its own
/// entity tag, as HTTP requires of different representations.
fn send_cached(parts: &Parts, page: &CachedPage) -> Resp {
    let (coding, body) = page.variant(crate::compress::negotiate(&parts.headers));
    let etag = variant_etag(&page.etag, coding);
    let mut response = response::html(
        &parts.headers,
        HtmlPage {
            status: StatusCode::OK,
            body,
            etag: &etag,
            language: &page.language,
            caching: Caching::Public,
            tags: &page.tags,
        },
    );
    let headers = response.headers_mut();
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding, Cookie"));
    if let Some(encoding) = coding.header() {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

fn variant_etag(etag: &str, coding: crate::compress::Coding) -> String {
    match etag.strip_suffix('"') {
        Some(open) => format!("{open}{}\"", coding.etag_suffix()),
        None => etag.to_owned(),
    }
}

/// Sends a freshly rendered page.
pub fn send(parts: &Parts, storefront: &Storefront, rendered: Rendered, caching: Caching) -> Resp {
    let body = Bytes::from(rendered.page.html);
    let etag = response::etag_of(&body);
    let language = storefront.l10n.locale.tag();
    response::html(
        &parts.headers,
        HtmlPage {
            status: rendered.status,
            body,
            etag: &etag,
            language: &language,
            caching,
            tags: &rendered.page.tags,
        },
    )
}

/// The `q` parameter of the query string, capped at 100 characters.
fn search_text(parts: &Parts) -> String {
    let query = parts.uri.query().unwrap_or_default();
    let text = form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    text.chars().take(100).collect()
}

/// The request path after `/{storefront}/`.
fn page_path(parts: &Parts, storefront: &str) -> String {
    let path = parts.uri.path();
    path.strip_prefix(&format!("/{storefront}/"))
        .unwrap_or_default()
        .to_owned()
}
