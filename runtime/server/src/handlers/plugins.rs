//! Where pages meet plugins: filling slots, delivery options at checkout, plugin-owned
//! routes and order events. A failing plugin is left out (its slot stays empty, its route
//! answers a branded 503); the page itself never fails because of one.

use std::sync::Arc;
use std::time::Duration;

use hyper::Method;
use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use sha2::{Digest, Sha256};
use vitrine_plugins::limits::MAX_FRAGMENT_BYTES;
use vitrine_plugins::{
    CallContext, CartInfo, Failure, FailureKind, PageBudget, PlacedOrder, RouteOutcome,
    RouteRequest,
};
use vitrine_render::SlotOutput;
use vitrine_render::{CartLine, Visitor};
use vitrine_site::{PagePath, Storefront, paths};
use vitrine_ui::{DeliveryChoice, UiBlock};

pub use vitrine_plugins::PageKind;

use super::cart::{authorise, lines, read, see_other};
use super::{Ctx, Rendered, pages};
use crate::response::{Caching, Resp};
use crate::session::Session;

/// Which page plugins are asked to fill.
#[derive(Clone, Copy)]
pub struct PageInfo<'a> {
    /// Page type.
    pub kind: PageKind,
    /// The product of a product page.
    pub product: Option<&'a str>,
    /// The category of a category page.
    pub category: Option<&'a str>,
}

impl PageInfo<'_> {
    /// A page of a kind that is about neither a product nor a category.
    pub fn of(kind: PageKind) -> Self {
        Self {
            kind,
            product: None,
            category: None,
        }
    }
}

/// The shopper behind a request: their session and cart, read once per request and shared
/// by the page and every plugin call.
pub struct Shopper<'s> {
    /// The session, if the shopper has one.
    pub session: Option<&'s Session>,
    /// Their cart in this storefront's market.
    pub lines: Vec<CartLine>,
}

impl<'s> Shopper<'s> {
    /// Reads the session's cart (an anonymous shopper has none).
    pub async fn load(ctx: &Ctx, storefront: &Storefront, session: Option<&'s Session>) -> Self {
        Self {
            session,
            lines: lines(ctx, storefront, session).await,
        }
    }

    /// A shopper without a session (the pages the cache keeps).
    pub fn anonymous() -> Self {
        Self {
            session: None,
            lines: Vec::new(),
        }
    }

    /// Units in the cart, for the header.
    pub fn count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    /// The page's view of the shopper.
    pub fn visitor<'v>(
        &'v self,
        slots: &'v [SlotOutput],
        delivery: &'v [DeliveryChoice],
    ) -> Visitor<'v> {
        Visitor {
            csrf: self.session.map(|s| s.csrf.as_str()),
            cart_count: self.count(),
            slots,
            delivery,
        }
    }
}

/// The slot a page type offers.
fn slot_of(kind: PageKind) -> Option<&'static str> {
    match kind {
        PageKind::Home => Some("home.below-hero"),
        PageKind::Product => Some("product.below-price"),
        PageKind::Cart => Some("cart.below-lines"),
        PageKind::Checkout => Some("checkout.before-form"),
        _ => None,
    }
}

/// How long plugins may take together to hear of one order.
const ORDER_EVENT_BUDGET: Duration = Duration::from_millis(200);

/// Plugin output for a page's slot, and whether every plugin answered (a page with an
/// omitted slot is not cached, so a recovered plugin shows up at once).
pub async fn slots(
    ctx: &Ctx,
    storefront: &Storefront,
    page: PageInfo<'_>,
    shopper: &Shopper<'_>,
) -> (Vec<SlotOutput>, bool) {
    let Some(slot) = slot_of(page.kind) else {
        return (Vec::new(), true);
    };
    let fillers = ctx.plugins.filling(&storefront.market, slot);
    if fillers.is_empty() {
        return (Vec::new(), true);
    }
    let call = call_context(ctx, storefront, page, shopper).await;
    let budget = PageBudget::new(ctx.state.config().plugin_page_budget);
    let mut outputs = Vec::new();
    let mut complete = true;
    let csrf = shopper.session.map(|s| s.csrf.as_str());
    for plugin in fillers {
        let html = match ctx.plugins.render_slot(plugin, slot, &call, &budget).await {
            Ok(blocks) if blocks.is_empty() => continue,
            Ok(blocks) => fragment(ctx, storefront, plugin, &call, &blocks, csrf),
            Err(_) => None,
        };
        match html {
            Some(html) => outputs.push(SlotOutput {
                plugin: plugin.to_owned(),
                slot: slot.to_owned(),
                html,
            }),
            None => complete = false,
        }
    }
    (outputs, complete)
}

/// A plugin's blocks as the theme renders them, or `None` (the failure recorded against the
/// plugin) when they come to more than a plugin may add to a page.
fn fragment(
    ctx: &Ctx,
    storefront: &Storefront,
    plugin: &str,
    call: &CallContext,
    blocks: &[UiBlock],
    csrf: Option<&str>,
) -> Option<String> {
    let html = ctx.renderer().plugin_fragment(storefront, blocks, csrf);
    if html.len() <= MAX_FRAGMENT_BYTES {
        return Some(html);
    }
    let detail = format!(
        "renders to {} bytes of HTML, more than {MAX_FRAGMENT_BYTES}",
        html.len()
    );
    ctx.plugins.reject(
        plugin,
        call,
        Failure::new(FailureKind::InvalidOutput, detail),
    );
    None
}

/// Delivery options plugins offer for this shopper's cart.
pub async fn delivery(
    ctx: &Ctx,
    storefront: &Storefront,
    shopper: &Shopper<'_>,
) -> Vec<DeliveryChoice> {
    let call = call_context(ctx, storefront, PageInfo::of(PageKind::Checkout), shopper).await;
    let budget = PageBudget::new(ctx.state.config().plugin_page_budget);
    let mut choices = Vec::new();
    for plugin in ctx.plugins.delivering(&storefront.market) {
        if let Ok(options) = ctx.plugins.delivery_options(plugin, &call, &budget).await {
            choices.extend(options);
        }
    }
    choices
}

/// An order that was placed, as the plugins of its market hear of it.
pub struct OrderEvent {
    /// Order id.
    pub id: String,
    /// `(product, quantity, unit price in minor units)`.
    pub lines: Vec<(String, u32, i64)>,
    /// Total in minor units.
    pub total: i64,
    /// The chosen delivery as `{plugin}:{option}`, none for home delivery.
    pub delivery: Option<String>,
}

/// Tells every plugin of the market that an order was placed, on a task of its own: the
/// order is already committed, so the shopper's answer never waits for (or fails with) a
/// plugin. Failures are logged and counted like any other.
pub async fn order_placed(
    ctx: &Ctx,
    storefront: &Storefront,
    shopper: &Shopper<'_>,
    order: OrderEvent,
) {
    let call = call_context(ctx, storefront, PageInfo::of(PageKind::Order), shopper).await;
    let plugins = Arc::clone(&ctx.plugins);
    let market = storefront.market.clone();
    tokio::spawn(async move {
        let budget = PageBudget::new(ORDER_EVENT_BUDGET);
        let placed = PlacedOrder {
            id: &order.id,
            lines: &order.lines,
            total: order.total,
            delivery: order.delivery.as_deref(),
        };
        let enabled: Vec<String> = plugins.enabled_in(&market).map(str::to_owned).collect();
        for plugin in enabled {
            let _ = plugins.order_placed(&plugin, placed, &call, &budget).await;
        }
    });
}

/// `GET|POST /{m}/x/{plugin}/{path}`.
pub async fn route(
    ctx: &Ctx,
    storefront: &Storefront,
    plugin: &str,
    path: &str,
    parts: Parts,
    body: Incoming,
) -> Resp {
    let route_name = path.split('/').next().unwrap_or_default();
    if !ctx
        .plugins
        .owns_route(&storefront.market, plugin, route_name)
    {
        return not_found(ctx, storefront, &parts);
    }
    let post = match parts.method {
        Method::GET | Method::HEAD => false,
        Method::POST => true,
        _ => return super::only_get(&parts).unwrap_or_else(|| not_found(ctx, storefront, &parts)),
    };
    let existing = ctx.session(&parts.headers);
    let (session, form) = if post {
        let form = match read(ctx, &parts, body).await {
            Ok(form) => form,
            Err(rejection) => {
                return error_page(ctx, storefront, &parts, rejection.status, "bad-request");
            }
        };
        match authorise(ctx, &parts, existing.clone(), &form) {
            Ok(session) => (Some(session), form.fields().to_vec()),
            Err(_) => {
                return error_page(ctx, storefront, &parts, StatusCode::FORBIDDEN, "forbidden");
            }
        }
    } else {
        (existing, Vec::new())
    };
    let shopper = Shopper::load(ctx, storefront, session.as_ref()).await;
    let call = call_context(ctx, storefront, PageInfo::of(PageKind::Plugin), &shopper).await;
    let query = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let request = RouteRequest {
        post,
        path: path.to_owned(),
        query,
        form,
    };
    let budget = PageBudget::new(ctx.state.config().plugin_page_budget);
    match ctx
        .plugins
        .handle_route(plugin, &request, &call, &budget)
        .await
    {
        Ok(outcome) => {
            let asked = Asked {
                plugin,
                path,
                call: &call,
            };
            answer(ctx, storefront, &parts, asked, &shopper, outcome)
        }
        Err(_) => unavailable(ctx, storefront, &parts),
    }
}

fn unavailable(ctx: &Ctx, storefront: &Storefront, parts: &Parts) -> Resp {
    error_page(
        ctx,
        storefront,
        parts,
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
    )
}

/// Which plugin route a request asked for, and the context it was called with.
struct Asked<'a> {
    plugin: &'a str,
    path: &'a str,
    call: &'a CallContext,
}

fn answer(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    asked: Asked<'_>,
    shopper: &Shopper<'_>,
    outcome: RouteOutcome,
) -> Resp {
    let Asked { plugin, path, call } = asked;
    match outcome {
        RouteOutcome::Redirect(location) => see_other(ctx, &location, shopper.session),
        RouteOutcome::Page { title, blocks } => {
            let csrf = shopper.session.map(|s| s.csrf.as_str());
            let Some(body) = fragment(ctx, storefront, plugin, call, &blocks, csrf) else {
                return unavailable(ctx, storefront, parts);
            };
            let visitor = shopper.visitor(&[], &[]);
            let page_path = PagePath::Plugin {
                plugin,
                route: path,
            }
            .relative();
            let page = ctx
                .renderer()
                .plugin_page(storefront, &page_path, plugin, &title, body, visitor);
            pages::send(parts, storefront, Rendered::ok(page), Caching::Private)
        }
        RouteOutcome::NotFound => not_found(ctx, storefront, parts),
        RouteOutcome::Invalid(message) => {
            let page = ctx.renderer().plugin_page(
                storefront,
                &PagePath::Plugin {
                    plugin,
                    route: path,
                }
                .relative(),
                plugin,
                &message,
                String::new(),
                Visitor::default(),
            );
            pages::send(
                parts,
                storefront,
                Rendered {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    page,
                },
                Caching::Private,
            )
        }
    }
}

fn not_found(ctx: &Ctx, storefront: &Storefront, parts: &Parts) -> Resp {
    error_page(ctx, storefront, parts, StatusCode::NOT_FOUND, "not-found")
}

fn error_page(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    status: StatusCode,
    kind: &str,
) -> Resp {
    let path = paths::relative(&storefront.id, parts.uri.path())
        .unwrap_or_default()
        .to_owned();
    let page = ctx
        .renderer()
        .error(storefront, &path, kind, Visitor::default());
    pages::send(
        parts,
        storefront,
        Rendered { status, page },
        Caching::Private,
    )
}

/// The context plugins get: the page, and the shopper's cart when they have a session.
pub async fn call_context(
    ctx: &Ctx,
    storefront: &Storefront,
    page: PageInfo<'_>,
    shopper: &Shopper<'_>,
) -> CallContext {
    let cart = shopper
        .session
        .map(|session| cart_info(ctx, storefront, session, &shopper.lines));
    let postcode = match shopper.session {
        Some(session) => ctx
            .state
            .db()
            .consented_postcode(&session.id)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    CallContext {
        storefront: storefront.id.clone(),
        page: page.kind,
        product: page.product.map(str::to_owned),
        category: page.category.map(str::to_owned),
        cart,
        db: Some(ctx.state.db().clone()),
        postcode,
    }
}

fn cart_info(
    ctx: &Ctx,
    storefront: &Storefront,
    session: &Session,
    lines: &[CartLine],
) -> CartInfo {
    let market = ctx.site.market_of(storefront);
    let priced = lines
        .iter()
        .filter_map(|line| {
            Some((
                line.product.clone(),
                line.quantity,
                *market.prices.get(&line.product)?,
            ))
        })
        .collect();
    CartInfo {
        id: cart_id(ctx, &session.id, &market.id),
        lines: priced,
    }
}

/// An id for a shopper's cart in a market that reveals nothing of the session cookie.
fn cart_id(ctx: &Ctx, session: &str, market: &str) -> String {
    let digest = Sha256::new()
        .chain_update(ctx.state.secret())
        .chain_update(b"cart:")
        .chain_update(session)
        .chain_update(b":")
        .chain_update(market)
        .finalize();
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}
