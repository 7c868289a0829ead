//! The plugin host: the only crate that knows wasmtime. It compiles each plugin package's
//! component once (with a precompiled cache on disk), pre-instantiates it, and runs every
//! call in a fresh `Store` bounded in every resource it can use: guest time, elapsed time
//! (host calls and waits included), memory, instances, host calls, storage, events, logs and
//! output size, with no ambient filesystem, network, clock or randomness. Plugin output is
//! untrusted: it is validated and turned into theme blocks here, or the call counts as
//! failed. `limits.rs` lists every bound.

mod admission;
mod api;
mod bindings;
mod breaker;
mod cache;
mod call;
mod capabilities;
mod engine;
mod error;
mod exports;
mod failures;
mod host;
pub mod limits;
mod load;
mod meter;
mod output;
mod state;

pub use api::{
    CallContext, CartInfo, PageBudget, PageKind, PlacedOrder, RouteOutcome, RouteRequest,
};
pub use engine::{Engine, EngineConfig};
pub use error::{Failure, FailureKind};
pub use load::{LoadedPlugin, Plugins, check_package};
