//! The life of one plugin call: admission (breaker, page budget, the plugin's concurrency),
//! a fresh `Store` with the plugin's limits, instantiation from the `InstancePre`, the export
//! run under its guest deadline and hard deadline, and the verdict: a validated value whose
//! storage writes are committed, or a failure that is logged, counted and fed to the breaker
//! of the plugin in that market. A call dropped before its verdict (the request went away)
//! is recorded as cancelled.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vitrine_site::{Market, PluginPackage, Storefront};
use vitrine_store::StoreError;
use wasmtime::{Store, UpdateDeadline};

use crate::admission::Permit;
use crate::api::{CallContext, PageBudget};
use crate::bindings::MarketPlugin;
use crate::bindings::vitrine::plugin::types as wit;
use crate::capabilities::Capabilities;
use crate::engine::ActiveCall;
use crate::error::{Failure, FailureKind, first_line};
use crate::failures::{Culprit, FailureLog};
use crate::limits::{HOST_TIME_ALLOWANCE, MAX_LIFTED_BYTES};
use crate::load::{LoadedPlugin, MarketState, Plugins};
use crate::meter::{Meter, PastHardDeadline, limited};
use crate::output::Resolver;
use crate::state::{CallEnv, CallState, LimitHit};

/// One attempt to call a plugin, from admission to verdict. Whatever happens, it ends as a
/// success or a recorded failure: dropped unsettled, it records a cancellation.
pub(crate) struct Attempt<'p> {
    plugin: &'p LoadedPlugin,
    market: &'p str,
    storefront: &'p str,
    /// The plugin in this market, if the market enables it.
    state: Option<&'p MarketState>,
    failures: &'p FailureLog,
    settled: bool,
}

impl<'p> Attempt<'p> {
    fn market_state(&self) -> Option<&'p MarketState> {
        self.state
    }

    /// Records a failure (charging the breaker when the plugin is to blame) and returns it.
    pub(crate) fn fail(&mut self, failure: Failure) -> Failure {
        self.settled = true;
        let culprit = Culprit {
            plugin: &self.plugin.id,
            version: &self.plugin.version,
            market: self.market,
            storefront: self.storefront,
        };
        self.failures.record(culprit, &failure);
        let opened = failure.kind.is_charged()
            && self
                .market_state()
                .is_some_and(|m| m.breaker.failure(Instant::now()));
        if opened {
            tracing::error!(
                plugin = %self.plugin.id,
                version = %self.plugin.version,
                market = %self.market,
                "plugin disabled for a cool-down after repeated failures"
            );
        }
        failure
    }

    fn succeed(&mut self) {
        self.settled = true;
        if let Some(market) = self.market_state() {
            market.breaker.success();
        }
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.fail(Failure::new(
                FailureKind::Cancelled,
                "the request was dropped while the call ran",
            ));
        }
    }
}

/// A call whose instance is ready to run an export.
pub(crate) struct Call<'p> {
    pub store: Store<CallState>,
    pub instance: MarketPlugin,
    pub context: wit::PageContext,
    /// The call's guest time.
    pub meter: Arc<Meter>,
    /// When the call is stopped wherever it is: guest deadline plus the host allowance,
    /// or the end of the page's budget, whichever comes first.
    pub hard_deadline: Instant,
    pub attempt: Attempt<'p>,
    parts: Parts<'p>,
    /// Whose turn it is to commit.
    gate: &'p tokio::sync::Semaphore,
    started: Instant,
    guest_deadline: Duration,
    _permit: Permit<'p>,
    /// Keeps the epoch ticking until the call is over.
    _active: ActiveCall,
}

/// What the parts of a call resolve to in the snapshot.
#[derive(Clone, Copy)]
struct Parts<'p> {
    package: &'p PluginPackage,
    storefront: &'p Storefront,
    market: &'p Market,
}

impl Plugins {
    /// Admits a call and instantiates the plugin for it.
    pub(crate) async fn prepare<'p>(
        &'p self,
        plugin_id: &str,
        ctx: &CallContext,
        budget: &PageBudget,
    ) -> Result<Call<'p>, Failure> {
        let (plugin, parts) = self.lookup(plugin_id, &ctx.storefront)?;
        let mut attempt = self.attempt(plugin, parts);
        let now = Instant::now();
        let admitted = match admit(&attempt, budget, now) {
            Ok(admitted) => admitted,
            Err(refusal) => return Err(attempt.fail(refusal)),
        };
        let Admitted {
            capabilities,
            guest_deadline,
            permit,
        } = admitted;
        let hard_deadline = (now + guest_deadline + HOST_TIME_ALLOWANCE).min(budget.until());
        let meter = Arc::new(Meter::new());
        let mut store = self.store(plugin, parts, ctx, capabilities, &meter);
        watch_guest_time(&mut store, guest_deadline);
        let context = page_context(plugin, &parts, ctx);
        let active = self.engine.call_started();
        let instantiate = plugin.pre.instantiate_async(&mut store);
        let instance = match limited(instantiate, &meter, hard_deadline).await {
            Ok(Ok(instance)) => instance,
            Ok(Err(error)) => {
                return Err(attempt.fail(classify(&error, store.data(), guest_deadline)));
            }
            Err(PastHardDeadline) => {
                return Err(attempt.fail(past_hard_deadline(&meter, hard_deadline, now)));
            }
        };
        Ok(Call {
            store,
            instance,
            context,
            meter,
            hard_deadline,
            attempt,
            parts,
            gate: &self.commits,
            started: now,
            guest_deadline,
            _permit: permit,
            _active: active,
        })
    }

    /// A fresh `Store` for one call, with its limits.
    fn store(
        &self,
        plugin: &LoadedPlugin,
        parts: Parts<'_>,
        ctx: &CallContext,
        capabilities: Capabilities,
        meter: &Arc<Meter>,
    ) -> Store<CallState> {
        let env = Arc::new(CallEnv {
            plugin: plugin.id.clone(),
            version: plugin.version.clone(),
            market: parts.market.id.clone(),
            storefront: parts.storefront.id.clone(),
            site: Arc::clone(&self.site),
            recalls: Arc::clone(&ctx.recalls),
            db: ctx.db.clone(),
            capabilities,
            postcode: ctx.postcode.clone(),
        });
        let state = CallState::new(env, Arc::clone(meter), plugin.memory_limit);
        let mut store = Store::new(self.engine.wasmtime(), state);
        store.limiter(|state| state);
        store.set_hostcall_fuel(MAX_LIFTED_BYTES);
        store
    }

    fn lookup(
        &self,
        plugin: &str,
        storefront: &str,
    ) -> Result<(&LoadedPlugin, Parts<'_>), Failure> {
        let missing = || Failure::new(FailureKind::Instantiation, "unknown plugin or storefront");
        let loaded = self.running_in(storefront, plugin).ok_or_else(missing)?;
        let package = &loaded.package;
        let storefront = self.site.storefront(storefront).ok_or_else(missing)?;
        let market = self.site.market_of(storefront);
        Ok((
            loaded,
            Parts {
                package,
                storefront,
                market,
            },
        ))
    }

    fn attempt<'p>(&'p self, plugin: &'p LoadedPlugin, parts: Parts<'p>) -> Attempt<'p> {
        Attempt {
            plugin,
            market: &parts.market.id,
            storefront: &parts.storefront.id,
            state: plugin.markets.get(&parts.market.id),
            failures: &self.failures,
            settled: false,
        }
    }

    /// A resolver for a call's output.
    pub(crate) fn resolver<'r>(
        &'r self,
        call: &Call<'r>,
        ctx: &'r CallContext,
    ) -> Result<Resolver<'r>, Failure> {
        let parts = call.parts;
        let messages = call
            .attempt
            .plugin
            .messages
            .get(&parts.storefront.id)
            .ok_or_else(|| {
                Failure::new(
                    FailureKind::InvalidOutput,
                    "no messages for this storefront",
                )
            })?;
        Ok(Resolver::new(
            &self.site,
            parts.storefront,
            parts.package,
            messages,
            ctx.product.as_deref(),
        ))
    }

    /// Records a failure found after the call (its output rendered too large, say) against
    /// the plugin in the storefront's market.
    pub fn reject(&self, plugin: &str, ctx: &CallContext, failure: Failure) -> Failure {
        match self.lookup(plugin, &ctx.storefront) {
            Ok((loaded, parts)) => self.attempt(loaded, parts).fail(failure),
            Err(_) => failure,
        }
    }
}

impl Call<'_> {
    /// Turns what the export run gave into the plugin's own result, or a recorded failure.
    pub(crate) fn settle<T>(
        &mut self,
        ran: Result<wasmtime::Result<T>, PastHardDeadline>,
    ) -> Result<T, Failure> {
        match ran {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => {
                let failure = classify(&error, self.store.data(), self.guest_deadline);
                Err(self.attempt.fail(failure))
            }
            Err(PastHardDeadline) => {
                let failure = past_hard_deadline(&self.meter, self.hard_deadline, self.started);
                Err(self.attempt.fail(failure))
            }
        }
    }

    /// The final verdict: a successful call's storage writes and events are committed now
    /// (a failed call's are dropped), and the breaker hears of the outcome.
    pub(crate) async fn verdict<T>(mut self, result: Result<T, Failure>) -> Result<T, Failure> {
        let result = match result {
            Ok(value) => {
                let gate = self.gate;
                self.commit(gate).await.map(|()| value)
            }
            Err(failure) => Err(failure),
        };
        match result {
            Ok(value) => {
                self.attempt.succeed();
                Ok(value)
            }
            Err(failure) if self.attempt.settled => Err(failure),
            Err(failure) => Err(self.attempt.fail(failure)),
        }
    }

    async fn commit(&mut self, gate: &tokio::sync::Semaphore) -> Result<(), Failure> {
        let state = self.store.data_mut();
        if state.pending_writes.is_empty() && state.pending_events.is_empty() {
            return Ok(());
        }
        // Waiting for the turn is bounded; a commit that has begun runs to its end, so
        // that what the call reports is what the database holds.
        let turn = tokio::time::timeout(HOST_TIME_ALLOWANCE, gate.acquire()).await;
        let Ok(Ok(_turn)) = turn else {
            return Err(Failure::new(
                FailureKind::HostUnavailable,
                "storage was too busy to commit the call's writes",
            ));
        };
        let Some(db) = state.env.db.clone() else {
            return Err(Failure::new(
                FailureKind::HostUnavailable,
                "storage is unavailable",
            ));
        };
        let writes = std::mem::take(&mut state.pending_writes);
        let events = std::mem::take(&mut state.pending_events);
        let env = Arc::clone(&state.env);
        db.kv_commit(&env.plugin, &env.market, &writes, &events)
            .await
            .map_err(|error| match error {
                StoreError::QuotaExceeded { .. } => {
                    Failure::new(FailureKind::QuotaExceeded, error.to_string())
                }
                other => Failure::new(
                    FailureKind::HostUnavailable,
                    format!("storage commit failed: {other}"),
                ),
            })
    }
}

/// What a call is let in with.
struct Admitted<'p> {
    capabilities: Capabilities,
    guest_deadline: Duration,
    permit: Permit<'p>,
}

/// Lets a call in, or says why not: the plugin's circuit in the market is open, the page's
/// budget is spent, or the plugin runs as many calls as it may.
fn admit<'p>(
    attempt: &Attempt<'p>,
    budget: &PageBudget,
    now: Instant,
) -> Result<Admitted<'p>, Failure> {
    let capabilities = match attempt.market_state() {
        Some(state) if state.breaker.allows(now) => state.capabilities,
        Some(_) => return Err(circuit_open()),
        None => return Err(not_enabled()),
    };
    let guest_deadline = attempt.plugin.deadline.min(budget.remaining(now));
    if guest_deadline.is_zero() {
        return Err(budget_exhausted());
    }
    let permit = attempt
        .plugin
        .admission
        .try_enter()
        .ok_or_else(|| at_concurrency_limit(attempt.plugin))?;
    Ok(Admitted {
        capabilities,
        guest_deadline,
        permit,
    })
}

/// At every epoch tick, interrupt the guest once its guest time is spent, or else yield to
/// the executor so that the worker serves other requests and the hard deadline can fire.
fn watch_guest_time(store: &mut Store<CallState>, guest_deadline: Duration) {
    store.epoch_deadline_callback(move |context| {
        Ok(if context.data().meter.busy() >= guest_deadline {
            UpdateDeadline::Interrupt
        } else {
            UpdateDeadline::YieldCustom(1, Box::pin(tokio::task::yield_now()))
        })
    });
    store.set_epoch_deadline(1);
}

fn circuit_open() -> Failure {
    Failure::new(
        FailureKind::CircuitOpen,
        "disabled for a cool-down after repeated failures",
    )
}

fn not_enabled() -> Failure {
    Failure::new(FailureKind::Instantiation, "not enabled in this market")
}

fn budget_exhausted() -> Failure {
    Failure::new(
        FailureKind::BudgetExhausted,
        "the page's plugin budget is used up",
    )
}

fn at_concurrency_limit(plugin: &LoadedPlugin) -> Failure {
    Failure::new(
        FailureKind::ConcurrencyLimit,
        format!(
            "{} calls already running, as many as it may run at once",
            plugin.admission.limit()
        ),
    )
}

fn past_hard_deadline(meter: &Meter, hard_deadline: Instant, started: Instant) -> Failure {
    Failure::new(
        FailureKind::Timeout,
        format!(
            "stopped {} ms after it started ({} ms of guest time, the rest waiting)",
            hard_deadline.saturating_duration_since(started).as_millis(),
            meter.busy().as_millis()
        ),
    )
}

fn classify(error: &wasmtime::Error, state: &CallState, guest_deadline: Duration) -> Failure {
    match state.limit_hit {
        Some(LimitHit::Memory) => {
            return Failure::new(FailureKind::OutOfMemory, "memory or table limit exceeded");
        }
        Some(LimitHit::HostCalls) => {
            return Failure::new(FailureKind::HostLimit, first_line(error));
        }
        None => {}
    }
    match error.downcast_ref::<wasmtime::Trap>() {
        Some(wasmtime::Trap::Interrupt) => Failure::new(
            FailureKind::Deadline,
            format!(
                "guest deadline of {} ms exceeded",
                guest_deadline.as_millis()
            ),
        ),
        Some(trap) => Failure::new(FailureKind::Trap, trap.to_string()),
        None if first_line(error).contains("fuel allocated for hostcalls") => Failure::new(
            FailureKind::InvalidOutput,
            format!("more than {MAX_LIFTED_BYTES} bytes copied out of the plugin at once"),
        ),
        None => Failure::new(FailureKind::Trap, first_line(error)),
    }
}

fn page_context(plugin: &LoadedPlugin, parts: &Parts<'_>, ctx: &CallContext) -> wit::PageContext {
    let market = parts.market;
    let currency = market.currency.code().to_owned();
    wit::PageContext {
        storefront: parts.storefront.id.clone(),
        market: market.id.clone(),
        country: market.country.clone(),
        locale: parts.storefront.l10n.locale.tag(),
        currency: currency.clone(),
        page: ctx.page,
        product: ctx.product.clone(),
        category: ctx.category.clone(),
        cart: ctx.cart.as_ref().map(|info| wit::Cart {
            id: info.id.clone(),
            lines: info
                .cart
                .on_sale()
                .map(|line| wit::CartLine {
                    product: line.product.clone(),
                    quantity: line.quantity,
                    unit_price: wit::Money {
                        amount_minor: line.unit_price,
                        currency: currency.clone(),
                    },
                })
                .collect(),
        }),
        settings: plugin
            .markets
            .get(&market.id)
            .map(|m| m.settings.clone())
            .unwrap_or_default(),
    }
}
