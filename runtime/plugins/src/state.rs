//! What a plugin call's `Store` holds: the sandboxed WASI context, resource limits and the
//! call's environment (who calls, in which market, with which capabilities).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use vitrine_site::{Capability, Site};
use vitrine_store::Db;
use wasmtime::ResourceLimiter;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::random::Deterministic;
use wasmtime_wasi::{
    HostMonotonicClock, HostWallClock, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView,
};

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
    /// The database, for storage and events.
    pub db: Option<Db>,
    /// Capabilities declared by the plugin and granted by the market.
    pub capabilities: BTreeSet<Capability>,
    /// The shopper's postcode, present only if they consented to share it.
    pub postcode: Option<String>,
}

/// The data of one call's `Store`.
pub struct CallState {
    wasi: WasiCtx,
    table: ResourceTable,
    /// The call's environment.
    pub env: Arc<CallEnv>,
    /// Memory the guest may grow to.
    memory_limit: usize,
    /// Set when the guest tried to grow memory or a table past its limit.
    pub exhausted: bool,
    /// Log lines written in this call.
    pub log_lines: u32,
    /// Storage writes of this call (`None` deletes), applied only if the call succeeds, so
    /// that no disk write happens while the guest's deadline runs.
    pub pending_writes: Vec<(String, Option<Vec<u8>>)>,
    /// Events of this call, appended only if the call succeeds.
    pub pending_events: Vec<(String, String)>,
    /// When the call started.
    pub started: Instant,
    /// Time spent in host calls (database reads), which does not count against the guest.
    pub host_time: Duration,
}

impl CallState {
    /// A fresh state: no preopened files, no network, a frozen clock and a fixed random
    /// stream, so the plugin sees nothing of the machine it runs on.
    pub fn new(env: Arc<CallEnv>, memory_limit: usize) -> Self {
        let wasi = WasiCtxBuilder::new()
            .wall_clock(FrozenClock)
            .monotonic_clock(FrozenClock)
            .secure_random(Deterministic::new(vec![0x5a]))
            .insecure_random(Deterministic::new(vec![0x5a]))
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        Self {
            wasi,
            table: ResourceTable::new(),
            env,
            memory_limit,
            exhausted: false,
            log_lines: 0,
            pending_writes: Vec::new(),
            pending_events: Vec::new(),
            started: Instant::now(),
            host_time: Duration::ZERO,
        }
    }

    /// The time the guest itself has run: wall time minus host calls.
    pub fn guest_time(&self) -> Duration {
        self.started.elapsed().saturating_sub(self.host_time)
    }

    /// Fails the call unless the capability is declared and granted.
    pub fn require(&self, capability: Capability) -> wasmtime::Result<()> {
        if self.env.capabilities.contains(&capability) {
            Ok(())
        } else {
            Err(wasmtime::format_err!(
                "capability `{capability}` is not declared and granted"
            ))
        }
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
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.memory_limit {
            self.exhausted = true;
            return Err(wasmtime::format_err!(
                "memory limit of {} bytes exceeded",
                self.memory_limit
            ));
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > 20_000 {
            self.exhausted = true;
            return Err(wasmtime::format_err!("table limit exceeded"));
        }
        Ok(true)
    }

    fn instances(&self) -> usize {
        32
    }

    fn tables(&self) -> usize {
        32
    }

    fn memories(&self) -> usize {
        4
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
