//! Click-and-collect for Vitrine: the stores of the storefront's country with their stock on
//! the product page, a store picker remembered per cart, and "collect in store" at checkout.

mod blocks;
mod choice;

wit_bindgen::generate!({
    world: "market-plugin",
    path: "../../wit",
});

use exports::vitrine::plugin::plugin::Guest;
use vitrine::plugin::catalogue;
use vitrine::plugin::log;
use vitrine::plugin::types::{
    DeliveryOption, DomainEvent, Message, Method, PageContext, PluginError, RedirectTarget,
    RoutePage, RouteRequest, RouteResponse, Text, Ui,
};

struct ClickAndCollect;

impl Guest for ClickAndCollect {
    fn render_slot(slot: String, context: PageContext) -> Result<Option<Ui>, PluginError> {
        match slot.as_str() {
            "product.below-price" => Ok(context
                .product
                .clone()
                .map(|p| blocks::product_stores(&context, &p))),
            "cart.below-lines" => Ok(context
                .cart
                .as_ref()
                .filter(|c| !c.lines.is_empty())
                .map(|_| blocks::cart_choice(&context))),
            _ => Ok(None),
        }
    }

    fn handle_route(request: RouteRequest) -> Result<RouteResponse, PluginError> {
        match (request.method, request.path.as_str()) {
            (Method::Get, "stores") => Ok(RouteResponse::Page(RoutePage {
                title: message("stores-title"),
                ui: blocks::store_list(&request.context, query(&request, "product").as_deref()),
            })),
            (Method::Post, "select-store") => select_store(&request),
            _ => Err(PluginError::NotFound),
        }
    }

    fn delivery_options(context: PageContext) -> Result<Vec<DeliveryOption>, PluginError> {
        let chosen = choice::chosen_store(&context);
        Ok(catalogue::stores(&context.country)
            .into_iter()
            .filter(|store| chosen.as_deref().is_none_or(|id| id == store.id))
            .map(|store| DeliveryOption {
                label: blocks::with_text("delivery-collect-at", "store", &store.name),
                detail: Some(blocks::with_number(
                    "ready-in-hours",
                    "hours",
                    i64::from(store.pickup_lead_hours),
                )),
                id: store.id,
            })
            .collect())
    }

    fn on_event(event: DomainEvent, context: PageContext) -> Result<(), PluginError> {
        let DomainEvent::OrderPlaced(order) = event;
        if let Some(store) = order
            .delivery
            .as_deref()
            .and_then(|d| d.strip_prefix("click-and-collect:"))
        {
            log::log(
                log::Level::Info,
                &format!("order {} will be collected at {store}", order.order_id),
            );
            let payload = format!(
                "{{\"order\":\"{}\",\"store\":\"{}\",\"market\":\"{}\"}}",
                order.order_id, store, context.market
            );
            let _ = vitrine::plugin::events::emit("click-and-collect.pickup-requested", &payload);
        }
        Ok(())
    }
}

fn select_store(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
    let store = field(request, "store").ok_or_else(|| invalid("error-no-store"))?;
    let known = catalogue::stores(&request.context.country)
        .iter()
        .any(|s| s.id == store);
    if !known {
        return Err(invalid("error-unknown-store"));
    }
    choice::remember(&request.context, &store)?;
    let target = match field(request, "product") {
        Some(product) if catalogue::product(&product).is_some() => RedirectTarget::Product(product),
        _ => RedirectTarget::Cart,
    };
    Ok(RouteResponse::Redirect(target))
}

fn field(request: &RouteRequest, name: &str) -> Option<String> {
    request
        .form
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn query(request: &RouteRequest, name: &str) -> Option<String> {
    request
        .query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn invalid(id: &str) -> PluginError {
    PluginError::InvalidInput(Message {
        id: id.to_owned(),
        args: Vec::new(),
    })
}

/// A message without arguments.
pub(crate) fn message(id: &str) -> Text {
    Text::Message(Message {
        id: id.to_owned(),
        args: Vec::new(),
    })
}

export!(ClickAndCollect);
