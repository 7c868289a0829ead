//! The plugin host: the only crate that knows wasmtime. It compiles each plugin package's
//! component once (with a precompiled cache on disk), pre-instantiates it, and runs every
//! call in a fresh `Store` with a CPU deadline, memory and table limits and no ambient
//! filesystem, network, clock or randomness. Plugin output is untrusted: it is validated and
//! turned into theme blocks here, or the call counts as failed.

mod bindings;
mod breaker;
mod cache;
mod call;
mod engine;
mod error;
mod host;
mod load;
mod output;
mod state;

pub use call::{
    CallContext, CartInfo, PageBudget, PageKind, PlacedOrder, RouteOutcome, RouteRequest,
};
pub use engine::{Engine, EngineConfig};
pub use error::{Failure, FailureKind};
pub use load::{LoadedPlugin, Plugins};
pub use vitrine_render::plugin_ui;
