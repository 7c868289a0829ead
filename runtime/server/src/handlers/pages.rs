//! Catalogue pages and the chooser: cached for anonymous shoppers, rendered per request for
//! shoppers with a session (their header shows the cart and forms carry a CSRF token).

use std::sync::Arc;

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::{HeaderValue, VARY};
use hyper::http::request::Parts;
use vitrine_render::{Renderer, SearchQuery, Visitor};
use vitrine_site::Storefront;

use super::{Ctx, Rendered};
use crate::cache::{CacheKey, CachedPage};
use crate::negotiate;
use crate::response::{self, Caching, HtmlPage, Resp};

/// Home, category, product and search pages, and the storefront's 404.
pub async fn catalogue(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    page: crate::routes::PageRoute<'_>,
) -> Resp {
    use crate::routes::PageRoute;
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
    match ctx.session(parts) {
        None => cached(ctx, parts, storefront, "", render),
        Some(session) => {
            let count = super::cart::count(ctx, storefront, &session.id).await;
            let visitor = Visitor {
                csrf: Some(&session.csrf),
                cart_count: count,
            };
            let rendered = render(&ctx.renderer(), visitor);
            send(parts, storefront, rendered, Caching::Private)
        }
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
    let mut response = cached(ctx, parts, default, variant, |renderer, _| {
        Rendered::ok(renderer.chooser(default, suggested))
    });
    response
        .headers_mut()
        .insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

/// Serves an anonymous page from the page cache, rendering and storing it on a miss.
fn cached(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    variant: &str,
    render: impl FnOnce(&Renderer<'_>, Visitor<'_>) -> Rendered,
) -> Resp {
    let key = CacheKey {
        storefront: storefront.id.clone(),
        target: parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned(),
        variant: variant.to_owned(),
        site_version: ctx.site.version.clone(),
    };
    let cache = ctx.state.cache();
    if let Some(hit) = cache.get(&key) {
        ctx.state.metrics().count_cache(true);
        return send_cached(parts, &hit);
    }
    ctx.state.metrics().count_cache(false);
    let rendered = render(&ctx.renderer(), Visitor::default());
    if rendered.status != StatusCode::OK {
        return send(parts, storefront, rendered, Caching::Private);
    }
    let body = Bytes::from(rendered.page.html);
    let page = Arc::new(CachedPage {
        etag: response::etag_of(&body),
        body,
        language: storefront.l10n.locale.tag(),
        tags: rendered.page.tags,
    });
    cache.insert(key, Arc::clone(&page));
    send_cached(parts, &page)
}

fn send_cached(parts: &Parts, page: &CachedPage) -> Resp {
    response::html(
        &parts.headers,
        HtmlPage {
            status: StatusCode::OK,
            body: page.body.clone(),
            etag: &page.etag,
            language: &page.language,
            caching: Caching::Public,
            tags: &page.tags,
        },
    )
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
