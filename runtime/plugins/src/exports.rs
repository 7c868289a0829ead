//! The four exports of the `plugin` interface, each run as one call (see `call.rs`) whose
//! output is checked and resolved (see `output/`).

use crate::api::{CallContext, PageBudget, PlacedOrder, RouteOutcome, RouteRequest};
use crate::bindings::vitrine::plugin::types as wit;
use crate::error::{Failure, FailureKind};
use crate::load::Plugins;
use crate::meter::limited;
use crate::output::{self, quoted};
use vitrine_ui::{DeliveryChoice, UiBlock};

impl Plugins {
    /// Renders a slot; `Ok(vec![])` when the plugin leaves it empty.
    pub async fn render_slot(
        &self,
        plugin: &str,
        slot: &str,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<Vec<UiBlock>, Failure> {
        let mut call = self.prepare(plugin, ctx, budget).await?;
        let exports = call.instance.vitrine_plugin_plugin();
        let ran = limited(
            exports.call_render_slot(&mut call.store, slot, &call.context),
            &call.meter,
            call.hard_deadline,
        )
        .await;
        let resolved = match call.settle(ran) {
            Ok(Ok(Some(ui))) => self.resolver(&call, ctx).and_then(|r| r.ui(&ui)),
            Ok(Ok(None)) => Ok(Vec::new()),
            Ok(Err(error)) => Err(plugin_error(&error)),
            Err(failure) => Err(failure),
        };
        call.verdict(resolved).await
    }

    /// Handles a request to a plugin route.
    pub async fn handle_route(
        &self,
        plugin: &str,
        request: &RouteRequest,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<RouteOutcome, Failure> {
        let mut call = self.prepare(plugin, ctx, budget).await?;
        let wit_request = wit::RouteRequest {
            method: if request.post {
                wit::Method::Post
            } else {
                wit::Method::Get
            },
            path: request.path.clone(),
            query: request.query.clone(),
            form: request.form.clone(),
            context: call.context.clone(),
        };
        let exports = call.instance.vitrine_plugin_plugin();
        let ran = limited(
            exports.call_handle_route(&mut call.store, &wit_request),
            &call.meter,
            call.hard_deadline,
        )
        .await;
        let outcome = match call.settle(ran) {
            Ok(Ok(response)) => self
                .resolver(&call, ctx)
                .and_then(|r| output::route_outcome(&r, &response)),
            Ok(Err(wit::PluginError::NotFound)) => Ok(RouteOutcome::NotFound),
            Ok(Err(wit::PluginError::InvalidInput(message))) => output::check_size(&message)
                .and_then(|()| {
                    self.resolver(&call, ctx)
                        .and_then(|r| r.text(&wit::Text::Message(message)))
                        .map(RouteOutcome::Invalid)
                }),
            Ok(Err(error)) => Err(plugin_error(&error)),
            Err(failure) => Err(failure),
        };
        call.verdict(outcome).await
    }

    /// Delivery options for checkout.
    pub async fn delivery_options(
        &self,
        plugin: &str,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<Vec<DeliveryChoice>, Failure> {
        let mut call = self.prepare(plugin, ctx, budget).await?;
        let exports = call.instance.vitrine_plugin_plugin();
        let ran = limited(
            exports.call_delivery_options(&mut call.store, &call.context),
            &call.meter,
            call.hard_deadline,
        )
        .await;
        let choices = match call.settle(ran) {
            Ok(Ok(options)) => self
                .resolver(&call, ctx)
                .and_then(|r| output::delivery_choices(&r, plugin, &options)),
            Ok(Err(error)) => Err(plugin_error(&error)),
            Err(failure) => Err(failure),
        };
        call.verdict(choices).await
    }

    /// Tells a plugin that an order was placed.
    pub async fn order_placed(
        &self,
        plugin: &str,
        order: PlacedOrder<'_>,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<(), Failure> {
        let mut call = self.prepare(plugin, ctx, budget).await?;
        let event = order_event(order, &call.context.currency);
        let exports = call.instance.vitrine_plugin_plugin();
        let ran = limited(
            exports.call_on_event(&mut call.store, &event, &call.context),
            &call.meter,
            call.hard_deadline,
        )
        .await;
        let handled = match call.settle(ran) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(plugin_error(&error)),
            Err(failure) => Err(failure),
        };
        call.verdict(handled).await
    }
}

fn order_event(order: PlacedOrder<'_>, currency: &str) -> wit::DomainEvent {
    let money = |minor: i64| wit::Money {
        amount_minor: minor,
        currency: currency.to_owned(),
    };
    wit::DomainEvent::OrderPlaced(wit::OrderPlaced {
        order_id: order.id.to_owned(),
        lines: order
            .cart
            .lines
            .iter()
            .map(|line| wit::OrderLine {
                product: line.product.clone(),
                quantity: line.quantity,
                unit_price: money(line.unit_price),
            })
            .collect(),
        total: money(order.cart.total()),
        delivery: order.delivery.map(str::to_owned),
    })
}

fn plugin_error(error: &wit::PluginError) -> Failure {
    let detail = match error {
        wit::PluginError::NotFound => "not found".to_owned(),
        wit::PluginError::InvalidInput(message) => {
            format!("invalid input: {}", quoted(&message.id))
        }
        wit::PluginError::Unavailable(reason) => format!("unavailable: {}", quoted(reason)),
    };
    Failure::new(FailureKind::PluginError, detail)
}
