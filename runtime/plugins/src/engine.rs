//! The wasmtime engine: compiled once per process, shared by every snapshot's plugins.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::Thread;
use std::time::Duration;

use wasmtime::{Config, Enabled, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::limits::{
    CALL_STACK_BYTES, DEFAULT_PLUGIN_MEMORY_BYTES, MAX_INSTANCES, MAX_MEMORIES, MAX_TABLES,
    MAX_WASM_STACK_BYTES,
};

/// How often the engine's epoch advances; deadlines are counted in these ticks.
pub const EPOCH_TICK: Duration = Duration::from_millis(1);

/// Ticks without any plugin call after which the ticker parks until the next call.
const IDLE_TICKS_BEFORE_PARKING: u32 = 100;

/// Bytes of a linear memory kept resident between calls in the same pool slot. A plugin
/// call touches far less; what it touches beyond this is given back to the system.
const KEEP_RESIDENT_BYTES: usize = 2 << 20;

/// Sizing of the engine.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Component instances the pooling allocator keeps ready (concurrent plugin calls).
    pub pool_instances: u32,
    /// Largest linear memory a plugin call may ever have (its manifest limit is usually
    /// lower; a manifest asking for more is refused at load).
    pub max_memory_bytes: usize,
    /// Memory all running plugin calls may reserve together (see `admission.rs`).
    pub memory_budget_bytes: usize,
    /// Whether to try the pooling allocator at all.
    pub pooling: bool,
    /// Whether a pool slot's memory is reset by rewriting the pages a call dirtied (kept
    /// resident) rather than by handing them back to the system with `madvise`.
    pub resident_reset: bool,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            pool_instances: 128,
            max_memory_bytes: (vitrine_site::MAX_CALL_MEMORY_MIB as usize) << 20,
            memory_budget_bytes: DEFAULT_PLUGIN_MEMORY_BYTES,
            pooling: true,
            resident_reset: true,
        }
    }
}

/// A wasmtime engine with epoch interruption and a ticker thread.
#[derive(Clone)]
pub struct Engine {
    inner: wasmtime::Engine,
    pooled: bool,
    config: EngineConfig,
    ticker: Arc<Ticker>,
}

/// The thread that advances the epoch. It only ticks while a plugin call runs: an idle
/// server does not wake a thousand times a second.
struct Ticker {
    shared: Arc<TickerShared>,
}

#[derive(Default)]
struct TickerShared {
    stop: AtomicBool,
    ticks: AtomicU64,
    active_calls: AtomicUsize,
    thread: OnceLock<Thread>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.shared.thread.get() {
            thread.unpark();
        }
    }
}

/// Held while a plugin call runs, so that the epoch advances and its deadline can fire.
pub struct ActiveCall {
    shared: Arc<TickerShared>,
}

impl Drop for ActiveCall {
    fn drop(&mut self) {
        self.shared.active_calls.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Engine {
    /// Builds the engine: pooling allocator with copy-on-write memory when the address space
    /// can be reserved, on-demand allocation otherwise.
    pub fn new(config: &EngineConfig) -> Result<Self, wasmtime::Error> {
        let pooled = config.pooling.then(|| wasmtime::Engine::new(&base_config(Some(config)))).and_then(|r| match r {
            Ok(engine) => Some(engine),
            Err(error) => {
                tracing::warn!(%error, "pooling allocator unavailable; using on-demand allocation");
                None
            }
        });
        let (inner, pooled) = match pooled {
            Some(engine) => (engine, true),
            None => (wasmtime::Engine::new(&base_config(None))?, false),
        };
        let ticker = Arc::new(start_ticker(inner.clone()));
        Ok(Self {
            inner,
            pooled,
            config: config.clone(),
            ticker,
        })
    }

    /// The wasmtime engine.
    pub fn wasmtime(&self) -> &wasmtime::Engine {
        &self.inner
    }

    /// Marks a plugin call as running until the returned guard drops: the epoch ticks only
    /// while some call holds one.
    pub fn call_started(&self) -> ActiveCall {
        let shared = Arc::clone(&self.ticker.shared);
        if shared.active_calls.fetch_add(1, Ordering::AcqRel) == 0
            && let Some(thread) = shared.thread.get()
        {
            thread.unpark();
        }
        ActiveCall { shared }
    }

    /// How many times the epoch has advanced.
    pub fn ticks(&self) -> u64 {
        self.ticker.shared.ticks.load(Ordering::Relaxed)
    }

    /// The largest linear memory one call may have.
    pub fn max_call_memory(&self) -> usize {
        self.config.max_memory_bytes
    }

    /// Memory all running calls may reserve together.
    pub fn memory_budget(&self) -> usize {
        self.config.memory_budget_bytes
    }

    /// Component instances that may exist at once (the pool's size, when pooled).
    pub fn pool_instances(&self) -> u32 {
        self.config.pool_instances
    }

    /// Whether the pooling allocator is in use.
    pub fn is_pooled(&self) -> bool {
        self.pooled
    }

    /// A key that changes whenever precompiled artefacts of this engine would be unusable.
    pub fn compatibility_key(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.inner.precompile_compatibility_hash().hash(&mut hasher);
        self.pooled.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

fn base_config(pool: Option<&EngineConfig>) -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.epoch_interruption(true);
    config.max_wasm_stack(MAX_WASM_STACK_BYTES);
    config.async_stack_size(CALL_STACK_BYTES);
    config.memory_init_cow(true);
    if let Some(sizing) = pool {
        let mut pooling = PoolingAllocationConfig::default();
        // Each component instance may hold only its share of the pool's core instances,
        // memories and tables, so that calls admitted by component count always fit.
        let per = |limit: usize| u32::try_from(limit).unwrap_or(u32::MAX);
        pooling
            .total_component_instances(sizing.pool_instances)
            .max_core_instances_per_component(per(MAX_INSTANCES))
            .max_memories_per_component(per(MAX_MEMORIES))
            .max_tables_per_component(per(MAX_TABLES))
            .total_core_instances(sizing.pool_instances * per(MAX_INSTANCES))
            .total_memories(sizing.pool_instances * per(MAX_MEMORIES))
            .total_tables(sizing.pool_instances * per(MAX_TABLES))
            .total_stacks(sizing.pool_instances)
            .max_memory_size(sizing.max_memory_bytes)
            // Reuse the slots already used before warming new ones, so that the memory
            // kept resident between calls follows peak concurrency, not the pool's size.
            .max_unused_warm_slots(0);
        if sizing.resident_reset {
            // Reset a finished call's memory by rewriting only the pages it dirtied (found
            // with Linux's PAGEMAP_SCAN where available) instead of `madvise`: the next call
            // in the slot then takes no page faults and no cross-core TLB shootdowns, which
            // were the largest single cost of a short plugin call.
            pooling
                .pagemap_scan(Enabled::Auto)
                .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
                .table_keep_resident(KEEP_RESIDENT_BYTES / 16);
        }
        config.memory_reservation((sizing.max_memory_bytes as u64).next_power_of_two());
        config.memory_guard_size(32 << 20);
        config.allocation_strategy(InstanceAllocationStrategy::Pooling(pooling));
    }
    config
}

fn start_ticker(engine: wasmtime::Engine) -> Ticker {
    let shared = Arc::new(TickerShared::default());
    let state = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name("plugin-epoch".into())
        .spawn(move || {
            // Start parked; after a call, keep ticking for a grace period, so that under
            // load the ticker never parks and calls never pay for waking it.
            let mut idle = IDLE_TICKS_BEFORE_PARKING;
            while !state.stop.load(Ordering::Relaxed) {
                if state.active_calls.load(Ordering::Acquire) > 0 {
                    idle = 0;
                } else if idle >= IDLE_TICKS_BEFORE_PARKING {
                    // Woken by the next call (or shutdown); the timeout is only a safety net.
                    std::thread::park_timeout(Duration::from_millis(100));
                    continue;
                } else {
                    idle += 1;
                }
                std::thread::sleep(EPOCH_TICK);
                engine.increment_epoch();
                state.ticks.fetch_add(1, Ordering::Relaxed);
            }
        });
    match spawned {
        Ok(handle) => {
            let _ = shared.thread.set(handle.thread().clone());
        }
        Err(error) => {
            tracing::error!(%error, "cannot start the epoch ticker: plugin deadlines will not fire");
        }
    }
    Ticker { shared }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_falls_back_to_on_demand_allocation_when_the_pool_cannot_be_reserved() {
        let impossible = EngineConfig {
            pool_instances: u32::MAX / 16,
            max_memory_bytes: 1 << 32,
            ..EngineConfig::default()
        };
        let engine = Engine::new(&impossible).expect("an engine all the same");
        assert!(!engine.is_pooled());
        let ordinary = Engine::new(&EngineConfig::default()).expect("engine");
        assert_ne!(engine.compatibility_key(), ordinary.compatibility_key());
    }

    fn settled_ticks(engine: &Engine) -> u64 {
        // The ticker goes on for a grace period after the last call, and a tick already
        // under way may still land.
        std::thread::sleep(EPOCH_TICK * IDLE_TICKS_BEFORE_PARKING * 3);
        engine.ticks()
    }

    #[test]
    fn the_epoch_advances_only_while_calls_run() {
        let engine = Engine::new(&EngineConfig {
            pooling: false,
            ..EngineConfig::default()
        })
        .expect("engine");
        let idle = settled_ticks(&engine);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(engine.ticks(), idle, "an idle engine does not tick");
        let call = engine.call_started();
        let waited = std::time::Instant::now();
        while engine.ticks() == idle && waited.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            engine.ticks() > idle,
            "a running call makes the epoch advance"
        );
        drop(call);
        let after = settled_ticks(&engine);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(
            engine.ticks(),
            after,
            "ticking stops when the last call ends"
        );
    }
}
