//! What a plugin call's `Store` holds: the sandboxed WASI context, resource limits, the
//! call's meter and counters, and its environment (who calls, in which market, with which
//! capabilities).

use std::sync::Arc;
use std::time::Duration;

use vitrine_site::{Capability, Recalls, Site};
use vitrine_store::{Db, KvUsage};
use wasmtime::ResourceLimiter;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::random::Deterministic;
use wasmtime_wasi::{
    HostMonotonicClock, HostWallClock, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView,
};

use crate::capabilities::Capabilities;
use crate::limits::{
    HOST_TIME_ALLOWANCE, MAX_HOST_CALLS, MAX_INSTANCES, MAX_MEMORIES, MAX_RANDOM_BYTES,
    MAX_TABLE_ELEMENTS, MAX_TABLES, MAX_WASI_RESOURCES,
};
use crate::meter::Meter;

/// The seed of every randomness source a plugin sees: fixed, so calls are deterministic.
const RANDOM_SEED: u8 = 0x5a;

/// Everything a host capability needs to know about the current call.
pub struct CallEnv {
    /// Plugin id.
    pub plugin: String,
    /// Plugin version, for logs.
    pub version: String,
    /// Market id.
    pub market: String,
    /// Storefront id.
    pub storefront: String,
    /// The snapshot the page is rendered from.
    pub site: Arc<Site>,
    /// The recalls in effect: recalled products are not in the catalogue plugins see.
    pub recalls: Arc<Recalls>,
    /// The database, for storage and events.
    pub db: Option<Db>,
    /// Capabilities declared by the plugin and granted by the market.
    pub capabilities: Capabilities,
    /// The shopper's postcode, present only if they consented to share it.
    pub postcode: Option<String>,
}

/// A limit the call ran into, kept so that the failure names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitHit {
    /// Memory or a table grew past its limit.
    Memory,
    /// Too many host calls, or too much time in them.
    HostCalls,
}

/// The data of one call's `Store`.
pub struct CallState {
    wasi: WasiCtx,
    table: ResourceTable,
    /// The call's environment.
    pub env: Arc<CallEnv>,
    /// The call's guest time.
    pub meter: Arc<Meter>,
    /// Linear memory all of the call's memories may grow to together.
    memory_limit: usize,
    /// Linear memory the call holds now.
    memory_used: usize,
    /// The limit the call ran into, if any.
    pub limit_hit: Option<LimitHit>,
    /// Host calls made so far.
    host_calls: u32,
    /// Time spent waiting in host calls (database reads).
    host_time: Duration,
    /// Log lines written in this call.
    pub log_lines: u32,
    /// Storage writes of this call (`None` deletes), applied only if the call succeeds, so
    /// that no disk write happens while the guest's deadline runs.
    pub pending_writes: Vec<(String, Option<Vec<u8>>)>,
    /// Bytes of keys and values in `pending_writes`.
    pub pending_bytes: usize,
    /// What `pending_writes` would add to the stored usage, as `set` estimated it.
    pub pending_delta: KvUsage,
    /// What the plugin kept in this market when the call first wrote (read once per call).
    pub stored: Option<KvUsage>,
    /// Events of this call, appended only if the call succeeds.
    pub pending_events: Vec<(String, String)>,
}

impl CallState {
    /// A fresh state: no preopened files, no network, a frozen clock and fixed randomness
    /// (every source, the insecure seed included), so the plugin sees nothing of the
    /// machine it runs on and two calls with the same input see the same values.
    pub fn new(env: Arc<CallEnv>, meter: Arc<Meter>, memory_limit: usize) -> Self {
        let wasi = WasiCtxBuilder::new()
            .wall_clock(FrozenClock)
            .monotonic_clock(FrozenClock)
            .secure_random(Deterministic::new(vec![RANDOM_SEED]))
            .insecure_random(Deterministic::new(vec![RANDOM_SEED]))
            .insecure_random_seed(u128::from(RANDOM_SEED))
            .max_random_size(MAX_RANDOM_BYTES)
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_WASI_RESOURCES);
        Self {
            wasi,
            table,
            env,
            meter,
            memory_limit,
            memory_used: 0,
            limit_hit: None,
            host_calls: 0,
            host_time: Duration::ZERO,
            log_lines: 0,
            pending_writes: Vec::new(),
            pending_bytes: 0,
            pending_delta: KvUsage::default(),
            stored: None,
            pending_events: Vec::new(),
        }
    }

    /// Counts a host call and fails the call unless the capability is declared and granted
    /// and the call is within its host-call limit.
    pub fn enter(&mut self, capability: Capability) -> wasmtime::Result<()> {
        self.host_calls += 1;
        if self.host_calls > MAX_HOST_CALLS {
            self.limit_hit = Some(LimitHit::HostCalls);
            return Err(wasmtime::format_err!(
                "more than {MAX_HOST_CALLS} host calls in one call"
            ));
        }
        if self.env.capabilities.contains(capability) {
            Ok(())
        } else {
            Err(wasmtime::format_err!(
                "capability `{capability}` is not declared and granted"
            ))
        }
    }

    /// Adds time spent waiting in a host call; past the allowance the call fails.
    pub fn waited(&mut self, time: Duration) -> wasmtime::Result<()> {
        self.host_time += time;
        if self.host_time > HOST_TIME_ALLOWANCE {
            self.limit_hit = Some(LimitHit::HostCalls);
            return Err(wasmtime::format_err!(
                "more than {} ms waiting in host calls",
                HOST_TIME_ALLOWANCE.as_millis()
            ));
        }
        Ok(())
    }
}

impl WasiView for CallState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl ResourceLimiter for CallState {
    /// Every memory of the call counts against one limit: a component with several
    /// memories gets no more than one with a single memory.
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let used = self
            .memory_used
            .saturating_sub(current)
            .saturating_add(desired);
        if used > self.memory_limit {
            self.limit_hit = Some(LimitHit::Memory);
            return Err(wasmtime::format_err!(
                "memory limit of {} bytes exceeded",
                self.memory_limit
            ));
        }
        self.memory_used = used;
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > MAX_TABLE_ELEMENTS {
            self.limit_hit = Some(LimitHit::Memory);
            return Err(wasmtime::format_err!("table limit exceeded"));
        }
        Ok(true)
    }

    fn instances(&self) -> usize {
        MAX_INSTANCES
    }

    fn tables(&self) -> usize {
        MAX_TABLES
    }

    fn memories(&self) -> usize {
        MAX_MEMORIES
    }
}

/// A clock that never moves: plugins get no ambient time.
struct FrozenClock;

impl HostWallClock for FrozenClock {
    fn resolution(&self) -> Duration {
        Duration::from_secs(1)
    }

    fn now(&self) -> Duration {
        Duration::ZERO
    }
}

impl HostMonotonicClock for FrozenClock {
    fn resolution(&self) -> u64 {
        1_000_000_000
    }

    fn now(&self) -> u64 {
        0
    }
}
