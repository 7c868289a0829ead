//! Where pages meet plugins: filling a page's slot, the delivery options at checkout, the
//! order event, and what every call is told about the page and the shopper. A failing plugin
//! is left out (its slot stays empty); the page itself never fails because of one.

use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use vitrine_plugins::limits::MAX_FRAGMENT_BYTES;
use vitrine_plugins::{
    CallContext, CartInfo, Failure, FailureKind, PageBudget, PageKind, PlacedOrder,
};
use vitrine_render::SlotOutput;
use vitrine_site::{PricedCart, Storefront};
use vitrine_ui::{DeliveryChoice, UiBlock};

use super::context::{Ctx, PageInfo, Shopper};

/// How long plugins may take together to hear of one order.
const ORDER_EVENT_BUDGET: Duration = Duration::from_millis(200);

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
    let fillers = ctx.snapshot.plugins.filling(&storefront.id, slot);
    if fillers.is_empty() {
        return (Vec::new(), true);
    }
    let call = call_context(ctx, storefront, page, shopper).await;
    let budget = ctx.budget();
    let mut outputs = Vec::new();
    let mut complete = true;
    for plugin in fillers {
        let html = match ctx
            .snapshot
            .plugins
            .render_slot(plugin, slot, &call, &budget)
            .await
        {
            Ok(blocks) if blocks.is_empty() => continue,
            Ok(blocks) => fragment(ctx, storefront, plugin, &call, &blocks, shopper.csrf()),
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

/// A plugin's blocks as the theme renders them, or `None` when they come to more than a
/// plugin may add to a page (recorded against the plugin) or the theme fails to render them
/// (logged and counted as a render failure).
pub fn fragment(
    ctx: &Ctx,
    storefront: &Storefront,
    plugin: &str,
    call: &CallContext,
    blocks: &[UiBlock],
    csrf: Option<&str>,
) -> Option<String> {
    let html = match ctx.renderer().plugin_fragment(storefront, blocks, csrf) {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, %plugin, storefront = %storefront.id, "plugin output failed to render");
            ctx.state.metrics().count_render_failure();
            return None;
        }
    };
    if html.len() <= MAX_FRAGMENT_BYTES {
        return Some(html);
    }
    let detail = format!(
        "renders to {} bytes of HTML, more than {MAX_FRAGMENT_BYTES}",
        html.len()
    );
    ctx.snapshot.plugins.reject(
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
    let budget = ctx.budget();
    let mut choices = Vec::new();
    for plugin in ctx.snapshot.plugins.delivering(&storefront.id) {
        if let Ok(options) = ctx
            .snapshot
            .plugins
            .delivery_options(plugin, &call, &budget)
            .await
        {
            choices.extend(options);
        }
    }
    choices
}

/// An order that was placed, as the plugins of its market hear of it.
pub struct OrderEvent {
    /// Order id.
    pub id: String,
    /// The lines at the prices charged: the cart the order recorded.
    pub cart: PricedCart,
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
    let plugins = Arc::clone(&ctx.snapshot.plugins);
    let storefront_id = storefront.id.clone();
    tokio::spawn(async move {
        let budget = PageBudget::new(ORDER_EVENT_BUDGET);
        let placed = PlacedOrder {
            id: &order.id,
            cart: &order.cart,
            delivery: order.delivery.as_deref(),
        };
        let enabled: Vec<String> = plugins
            .enabled_in(&storefront_id)
            .map(str::to_owned)
            .collect();
        for plugin in enabled {
            let _ = plugins.order_placed(&plugin, placed, &call, &budget).await;
        }
    });
}

/// The context plugins get: the page, and the shopper's cart when they have a session.
pub async fn call_context(
    ctx: &Ctx,
    storefront: &Storefront,
    page: PageInfo<'_>,
    shopper: &Shopper<'_>,
) -> CallContext {
    let cart = shopper.session.map(|session| CartInfo {
        id: cart_id(ctx, &session.id, &storefront.market),
        cart: shopper.cart.clone(),
    });
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
        recalls: Arc::clone(&ctx.snapshot.recalls),
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
