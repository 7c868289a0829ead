//! One plugin call: a fresh `Store` with the plugin's limits and a deadline (its own, cut
//! short by the page's budget), instantiation from the `InstancePre`, the export, and the
//! verdict: a validated value, or a failure that is logged, counted and fed to the breaker.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vitrine_render::plugin_ui::{DeliveryChoice, UiBlock};
use vitrine_site::Storefront;
use vitrine_store::Db;
use wasmtime::{Store, UpdateDeadline};

use crate::bindings::MarketPlugin;
use crate::bindings::vitrine::plugin::types as wit;
use crate::engine::EPOCH_TICK;
use crate::error::{Failure, FailureKind};
use crate::load::{LoadedPlugin, Plugins};
use crate::output::Resolver;
use crate::state::{CallEnv, CallState};

pub use wit::PageKind;

/// The shopper's cart, as plugins see it.
#[derive(Clone, Debug)]
pub struct CartInfo {
    /// Opaque id, stable per shopper and market.
    pub id: String,
    /// `(product, quantity, unit price in minor units)`.
    pub lines: Vec<(String, u32, i64)>,
}

/// Where a call comes from.
#[derive(Clone)]
pub struct CallContext {
    /// Storefront id.
    pub storefront: String,
    /// Page type.
    pub page: PageKind,
    /// The product of a product page.
    pub product: Option<String>,
    /// The category of a category page.
    pub category: Option<String>,
    /// The shopper's cart, if they have a session.
    pub cart: Option<CartInfo>,
    /// The database, for storage and events.
    pub db: Option<Db>,
    /// The shopper's postcode, only if they consented to share it.
    pub postcode: Option<String>,
}

/// The time all plugin calls of one page may take together.
#[derive(Clone, Copy, Debug)]
pub struct PageBudget {
    until: Instant,
}

impl PageBudget {
    /// A budget that ends `total` from now.
    pub fn new(total: Duration) -> Self {
        Self {
            until: Instant::now() + total,
        }
    }

    fn remaining(&self) -> Duration {
        self.until.saturating_duration_since(Instant::now())
    }
}

/// A request to a plugin route.
#[derive(Clone, Debug)]
pub struct RouteRequest {
    /// Whether it is a POST.
    pub post: bool,
    /// The route path.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Form fields of a POST (CSRF already checked).
    pub form: Vec<(String, String)>,
}

/// An order that was just placed, as plugins hear of it.
#[derive(Clone, Copy, Debug)]
pub struct PlacedOrder<'a> {
    /// Order id.
    pub id: &'a str,
    /// `(product, quantity, unit price in minor units)`.
    pub lines: &'a [(String, u32, i64)],
    /// Total in minor units.
    pub total: i64,
    /// The chosen delivery as `{plugin}:{option}`, none for home delivery.
    pub delivery: Option<&'a str>,
}

/// What a plugin route answered.
#[derive(Clone, Debug)]
pub enum RouteOutcome {
    /// A page to render in the storefront layout.
    Page {
        /// Its title.
        title: String,
        /// Its blocks.
        blocks: Vec<UiBlock>,
    },
    /// A redirect to a root-relative storefront URL.
    Redirect(String),
    /// The plugin says there is no such page.
    NotFound,
    /// The shopper's input was wrong: the message to show.
    Invalid(String),
}

struct Prepared {
    /// Keeps the epoch ticking until the call is over.
    _active: crate::engine::ActiveCall,
    store: Store<CallState>,
    instance: MarketPlugin,
    context: wit::PageContext,
    plugin: Arc<LoadedPlugin>,
}

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
        let result = call
            .instance
            .vitrine_plugin_plugin()
            .call_render_slot(&mut call.store, slot, &call.context)
            .await;
        let output = self.settle(&call, ctx, result)?;
        let resolved = match output {
            Ok(Some(ui)) => self.resolver(plugin, ctx).and_then(|r| r.ui(&ui)),
            Ok(None) => Ok(Vec::new()),
            Err(error) => Err(plugin_error(&error)),
        };
        self.verdict(&mut call, ctx, resolved).await
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
        let result = call
            .instance
            .vitrine_plugin_plugin()
            .call_handle_route(&mut call.store, &wit_request)
            .await;
        let output = self.settle(&call, ctx, result)?;
        let outcome = match output {
            Ok(response) => self
                .resolver(plugin, ctx)
                .and_then(|r| route_outcome(&r, &response)),
            Err(wit::PluginError::NotFound) => Ok(RouteOutcome::NotFound),
            Err(wit::PluginError::InvalidInput(message)) => self
                .resolver(plugin, ctx)
                .and_then(|r| r.text(&wit::Text::Message(message)))
                .map(RouteOutcome::Invalid),
            Err(error) => Err(plugin_error(&error)),
        };
        self.verdict(&mut call, ctx, outcome).await
    }

    /// Delivery options for checkout.
    pub async fn delivery_options(
        &self,
        plugin: &str,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<Vec<DeliveryChoice>, Failure> {
        let mut call = self.prepare(plugin, ctx, budget).await?;
        let result = call
            .instance
            .vitrine_plugin_plugin()
            .call_delivery_options(&mut call.store, &call.context)
            .await;
        let output = self.settle(&call, ctx, result)?;
        let choices = match output {
            Ok(options) => self
                .resolver(plugin, ctx)
                .and_then(|r| delivery_choices(&r, plugin, &options)),
            Err(error) => Err(plugin_error(&error)),
        };
        self.verdict(&mut call, ctx, choices).await
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
        let currency = call.context.currency.clone();
        let money = |minor: i64| wit::Money {
            amount_minor: minor,
            currency: currency.clone(),
        };
        let PlacedOrder {
            id,
            lines,
            total,
            delivery,
        } = order;
        let event = wit::DomainEvent::OrderPlaced(wit::OrderPlaced {
            order_id: id.to_owned(),
            lines: lines
                .iter()
                .map(|(p, q, price)| wit::OrderLine {
                    product: p.clone(),
                    quantity: *q,
                    unit_price: money(*price),
                })
                .collect(),
            total: money(total),
            delivery: delivery.map(str::to_owned),
        });
        let result = call
            .instance
            .vitrine_plugin_plugin()
            .call_on_event(&mut call.store, &event, &call.context)
            .await;
        let output = self.settle(&call, ctx, result)?;
        self.verdict(&mut call, ctx, output.map_err(|e| plugin_error(&e)))
            .await
    }

    async fn prepare(
        &self,
        plugin_id: &str,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<Prepared, Failure> {
        let plugin = self
            .loaded
            .get(plugin_id)
            .cloned()
            .ok_or_else(|| Failure::new(FailureKind::Instantiation, "not loaded"))?;
        if !plugin.breaker.allows(Instant::now()) {
            let failure = Failure::new(
                FailureKind::CircuitOpen,
                "disabled for a cool-down after repeated failures",
            );
            return Err(self.record(&plugin, ctx, failure));
        }
        let (package, storefront, market) = self.parts(plugin_id, &ctx.storefront)?;
        let deadline =
            Duration::from_millis(u64::from(package.limits.deadline_ms)).min(budget.remaining());
        if deadline.is_zero() {
            return Err(self.record(
                &plugin,
                ctx,
                Failure::new(FailureKind::Deadline, "the page's plugin budget is used up"),
            ));
        }
        let env = Arc::new(CallEnv {
            plugin: plugin.id.clone(),
            version: plugin.version.clone(),
            market: market.id.clone(),
            storefront: storefront.id.clone(),
            site: Arc::clone(&self.site),
            db: ctx.db.clone(),
            capabilities: market
                .plugins
                .get(plugin_id)
                .map(|m| {
                    m.granted
                        .intersection(&package.capabilities)
                        .copied()
                        .collect()
                })
                .unwrap_or_default(),
            postcode: ctx.postcode.clone(),
        });
        let memory = package.limits.memory_bytes;
        let mut store = Store::new(self.engine.wasmtime(), CallState::new(env, memory));
        store.limiter(|state| state);
        // Only the guest's own time counts: when the deadline tick arrives, time spent in
        // host calls (database reads) is given back before deciding to interrupt.
        store.epoch_deadline_callback(move |context| {
            let used = context.data().guest_time();
            Ok(match deadline.checked_sub(used) {
                Some(left) if !left.is_zero() => UpdateDeadline::Continue(ticks(left)),
                _ => UpdateDeadline::Interrupt,
            })
        });
        store.set_epoch_deadline(ticks(deadline));
        let context = page_context(storefront, market, package, ctx);
        let active = self.engine.call_started();
        match plugin.pre.instantiate_async(&mut store).await {
            Ok(instance) => Ok(Prepared {
                _active: active,
                store,
                instance,
                context,
                plugin,
            }),
            Err(error) => {
                let failure = classify(&error, store.data());
                Err(self.record(&plugin, ctx, failure))
            }
        }
    }

    fn parts(
        &self,
        plugin: &str,
        storefront: &str,
    ) -> Result<
        (
            &vitrine_site::PluginPackage,
            &Storefront,
            &vitrine_site::Market,
        ),
        Failure,
    > {
        let missing = || Failure::new(FailureKind::Instantiation, "unknown plugin or storefront");
        let package = self.site.plugins.get(plugin).ok_or_else(missing)?;
        let storefront = self.site.storefront(storefront).ok_or_else(missing)?;
        Ok((package, storefront, self.site.market_of(storefront)))
    }

    fn resolver(&self, plugin: &str, ctx: &CallContext) -> Result<Resolver<'_>, Failure> {
        let (package, storefront, _) = self.parts(plugin, &ctx.storefront)?;
        let messages = self
            .messages
            .get(&(plugin.to_owned(), storefront.id.clone()))
            .ok_or_else(|| {
                Failure::new(
                    FailureKind::InvalidOutput,
                    "no messages for this storefront",
                )
            })?;
        Ok(Resolver::new(&self.site, storefront, package, messages))
    }

    /// Turns a wasmtime result into the plugin's own result, or a recorded failure.
    fn settle<T>(
        &self,
        call: &Prepared,
        ctx: &CallContext,
        result: wasmtime::Result<T>,
    ) -> Result<T, Failure> {
        result.map_err(|error| self.record(&call.plugin, ctx, classify(&error, call.store.data())))
    }

    /// Records the final verdict of a call with the breaker and the failure counters; a
    /// successful call's storage writes and events are committed now, a failed call's dropped.
    async fn verdict<T>(
        &self,
        call: &mut Prepared,
        ctx: &CallContext,
        result: Result<T, Failure>,
    ) -> Result<T, Failure> {
        let result = match result {
            Ok(value) => commit(call, ctx).await.map(|()| value),
            Err(failure) => Err(failure),
        };
        match result {
            Ok(value) => {
                call.plugin.breaker.success();
                Ok(value)
            }
            Err(failure) => Err(self.record(&call.plugin, ctx, failure)),
        }
    }

    fn record(&self, plugin: &LoadedPlugin, ctx: &CallContext, failure: Failure) -> Failure {
        if let Ok(mut counts) = self.failures.lock() {
            *counts
                .entry((plugin.id.clone(), failure.kind.as_str()))
                .or_default() += 1;
        }
        let charged = !matches!(
            failure.kind,
            FailureKind::BudgetExhausted | FailureKind::CircuitOpen
        );
        let opened = charged && plugin.breaker.failure(Instant::now());
        tracing::warn!(
            plugin = %plugin.id,
            version = %plugin.version,
            storefront = %ctx.storefront,
            cause = %failure.kind.as_str(),
            detail = %failure.detail,
            "plugin call failed"
        );
        if opened {
            tracing::error!(plugin = %plugin.id, version = %plugin.version, "plugin disabled for a cool-down after repeated failures");
        }
        failure
    }
}

/// Writes a successful call's storage changes and events in one transaction.
async fn commit(call: &mut Prepared, ctx: &CallContext) -> Result<(), Failure> {
    let state = call.store.data_mut();
    if state.pending_writes.is_empty() && state.pending_events.is_empty() {
        return Ok(());
    }
    let Some(db) = &ctx.db else {
        return Err(Failure::new(FailureKind::Trap, "storage is unavailable"));
    };
    let writes = std::mem::take(&mut state.pending_writes);
    let events = std::mem::take(&mut state.pending_events);
    db.kv_commit(&state.env.plugin, &state.env.market, &writes, &events)
        .await
        .map_err(|error| Failure::new(FailureKind::Trap, format!("storage commit failed: {error}")))
}

fn ticks(deadline: Duration) -> u64 {
    let tick = EPOCH_TICK.as_micros().max(1);
    u64::try_from(deadline.as_micros() / tick)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

fn classify(error: &wasmtime::Error, state: &CallState) -> Failure {
    if state.exhausted {
        return Failure::new(FailureKind::OutOfMemory, "memory or table limit exceeded");
    }
    match error.downcast_ref::<wasmtime::Trap>() {
        Some(wasmtime::Trap::Interrupt) => {
            Failure::new(FailureKind::Deadline, "CPU deadline exceeded")
        }
        Some(trap) => Failure::new(FailureKind::Trap, trap.to_string()),
        None => Failure::new(
            FailureKind::Trap,
            format!("{error:#}")
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
    }
}

fn plugin_error(error: &wit::PluginError) -> Failure {
    let detail = match error {
        wit::PluginError::NotFound => "not found".to_owned(),
        wit::PluginError::InvalidInput(message) => format!("invalid input: {}", message.id),
        wit::PluginError::Unavailable(reason) => format!("unavailable: {reason}"),
    };
    Failure::new(FailureKind::PluginError, detail)
}

fn page_context(
    storefront: &Storefront,
    market: &vitrine_site::Market,
    package: &vitrine_site::PluginPackage,
    ctx: &CallContext,
) -> wit::PageContext {
    let currency = market.currency.code().to_owned();
    wit::PageContext {
        storefront: storefront.id.clone(),
        market: market.id.clone(),
        country: market.country.clone(),
        locale: storefront.l10n.locale.tag(),
        currency: currency.clone(),
        page: ctx.page,
        product: ctx.product.clone(),
        category: ctx.category.clone(),
        cart: ctx.cart.as_ref().map(|cart| wit::Cart {
            id: cart.id.clone(),
            lines: cart
                .lines
                .iter()
                .map(|(product, quantity, price)| wit::CartLine {
                    product: product.clone(),
                    quantity: *quantity,
                    unit_price: wit::Money {
                        amount_minor: *price,
                        currency: currency.clone(),
                    },
                })
                .collect(),
        }),
        settings: market
            .plugins
            .get(&package.id)
            .map(|m| m.settings.clone())
            .unwrap_or_default(),
    }
}

fn route_outcome(
    resolver: &Resolver<'_>,
    response: &wit::RouteResponse,
) -> Result<RouteOutcome, Failure> {
    Ok(match response {
        wit::RouteResponse::Page(page) => RouteOutcome::Page {
            title: resolver.text(&page.title)?,
            blocks: resolver.ui(&page.ui)?,
        },
        wit::RouteResponse::Redirect(target) => RouteOutcome::Redirect(match target {
            wit::RedirectTarget::PluginRoute(route) => resolver.route_url(route)?,
            wit::RedirectTarget::Product(id) => {
                resolver.target(&wit::LinkTarget::Product(id.clone()))?
            }
            wit::RedirectTarget::Cart => resolver.target(&wit::LinkTarget::Cart)?,
            wit::RedirectTarget::Checkout => resolver.target(&wit::LinkTarget::Checkout)?,
        }),
    })
}

fn delivery_choices(
    resolver: &Resolver<'_>,
    plugin: &str,
    options: &[wit::DeliveryOption],
) -> Result<Vec<DeliveryChoice>, Failure> {
    if options.len() > 20 {
        return Err(Failure::new(
            FailureKind::InvalidOutput,
            "more than 20 delivery options",
        ));
    }
    options
        .iter()
        .map(|option| {
            let id_ok = !option.id.is_empty()
                && option.id.len() <= 64
                && option
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !id_ok {
                return Err(Failure::new(
                    FailureKind::InvalidOutput,
                    format!("invalid delivery option id `{}`", option.id),
                ));
            }
            Ok(DeliveryChoice {
                value: format!("{plugin}:{}", option.id),
                label: resolver.text(&option.label)?,
                detail: option
                    .detail
                    .as_ref()
                    .map(|d| resolver.text(d))
                    .transpose()?,
            })
        })
        .collect()
}
