//! Request handlers. `handle` is the single entry point and the router: it is the only
//! room that knows every handler. Handlers (`assets`, `cart`, `checkout`, `pages`,
//! `plugins`) import helper rooms, never each other: `context` (the request's context and
//! the shopper), `intake` (form posts), `reply` (pages, redirects and the one error page)
//! and `slots` (plugin calls made for a page).

use hyper::body::Incoming;
use hyper::header::{ALLOW, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Method, Request, StatusCode};
use vitrine_site::{PagePath, Storefront};

use crate::response::{self, Resp};
use crate::routes::{self, PageRoute, Route};
use crate::{AppState, negotiate};

mod assets;
mod cart;
mod checkout;
mod context;
mod intake;
mod pages;
mod plugins;
mod reply;
mod slots;
#[cfg(test)]
mod testing;

use context::Ctx;

/// The page cache's answer, when it has one for this request: checked before the request
/// gets a timeout, a body or any other work.
pub fn from_cache<B>(state: &AppState, request: &Request<B>) -> Option<Resp> {
    state.with_site(|site| pages::from_cache(state, site, request))
}

/// Answers one request.
pub async fn handle(state: AppState, request: Request<Incoming>) -> Resp {
    let ctx = Ctx::new(state);
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    match routes::parse(&path) {
        Route::Health => response::text(StatusCode::OK, "ok\n"),
        Route::Ready => response::text(
            StatusCode::OK,
            format!("ready {}\n", ctx.snapshot.site.version),
        ),
        Route::Metrics => metrics(&ctx),
        Route::Asset => match only_get(&parts) {
            Some(refused) => refused,
            None => assets::serve(&ctx, &parts).await,
        },
        Route::Chooser => only_get(&parts).unwrap_or_else(|| pages::chooser(&ctx, &parts)),
        Route::StorefrontRoot(id) if ctx.snapshot.site.storefront(id).is_some() => {
            response::redirect(StatusCode::PERMANENT_REDIRECT, &PagePath::Home.url(id))
        }
        Route::Storefront(id, page) => match ctx.snapshot.site.storefront(id) {
            Some(storefront) => storefront_page(&ctx, storefront, page, parts, body).await,
            None => not_found_anywhere(&ctx, &parts),
        },
        Route::StorefrontRoot(_) | Route::NotFound => not_found_anywhere(&ctx, &parts),
    }
}

async fn storefront_page(
    ctx: &Ctx,
    storefront: &Storefront,
    page: PageRoute<'_>,
    parts: Parts,
    body: Incoming,
) -> Resp {
    match page {
        PageRoute::CartAction(action) => match only_post(&parts) {
            Some(refused) => refused,
            None => cart::change(ctx, storefront, action, parts, body).await,
        },
        PageRoute::Checkout if parts.method == Method::POST => {
            checkout::place(ctx, storefront, parts, body).await
        }
        PageRoute::Checkout => match only_get(&parts) {
            Some(refused) => refused,
            None => checkout::form(ctx, storefront, &parts).await,
        },
        PageRoute::Cart => match only_get(&parts) {
            Some(refused) => refused,
            None => cart::show(ctx, storefront, &parts).await,
        },
        PageRoute::Plugin(plugin, path) => {
            plugins::route(ctx, storefront, plugin, path, parts, body).await
        }
        PageRoute::Order(id) => match only_get(&parts) {
            Some(refused) => refused,
            None => checkout::order(ctx, storefront, &parts, id).await,
        },
        page => match only_get(&parts) {
            Some(refused) => refused,
            None => pages::catalogue(ctx, storefront, &parts, page).await,
        },
    }
}

/// A 404 outside any known storefront, in the language the shopper's browser prefers.
fn not_found_anywhere(ctx: &Ctx, parts: &Parts) -> Resp {
    let site = &ctx.snapshot.site;
    let chosen =
        negotiate::suggest(site, &parts.headers).or_else(|| negotiate::default_storefront(site));
    match chosen {
        Some(storefront) => reply::error_page(ctx, storefront, parts, StatusCode::NOT_FOUND),
        None => response::text(StatusCode::NOT_FOUND, "Not found\n"),
    }
}

fn metrics(ctx: &Ctx) -> Resp {
    let mut body = ctx.state.metrics().render(
        ctx.snapshot.site.message_stats.missing(),
        ctx.state.cache().len(),
    );
    body.push_str("# TYPE vitrine_plugin_failures_total counter\n");
    for (plugin, market, cause, count) in ctx.snapshot.plugins.failure_counts() {
        let line = format!(
            "vitrine_plugin_failures_total{{plugin=\"{plugin}\",market=\"{market}\",cause=\"{cause}\"}} {count}\n"
        );
        body.push_str(&line);
    }
    response::text(StatusCode::OK, body)
}

/// `None` if the method is GET or HEAD, else a 405 response.
fn only_get(parts: &Parts) -> Option<Resp> {
    (parts.method != Method::GET && parts.method != Method::HEAD).then(|| not_allowed("GET, HEAD"))
}

/// `None` if the method is POST, else a 405 response.
fn only_post(parts: &Parts) -> Option<Resp> {
    (parts.method != Method::POST).then(|| not_allowed("POST"))
}

fn not_allowed(allow: &'static str) -> Resp {
    let mut response = response::text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n");
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}
