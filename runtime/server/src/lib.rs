//! The HTTP edge: the only crate that knows HTTP. It accepts connections (HTTP/1.1 and h2c),
//! routes requests to page handlers, keeps sessions and the page cache, and maps every
//! error to a response in one place.

mod admin;
mod asset_files;
mod cache;
mod catalogue;
mod compress;
mod config;
mod forms;
mod handlers;
mod http;
mod metrics;
mod negotiate;
mod offload;
mod reload;
mod response;
mod rollout;
mod routes;
mod session;
mod state;

pub use admin::{MIN_TOKEN_CHARS, recalls_in_effect, serve_admin};
pub use cache::PageCache;
pub use catalogue::{CatalogueError, store_feed, stored_feed};
pub use config::ServerConfig;
pub use http::{cached_response, serve};
pub use metrics::Metrics;
pub use reload::{CatalogueInput, ReloadError, Reloaded, SiteBuilder, rebuild, reload};
pub use response::{Body, Resp};
pub use rollout::load_rollout;
pub use state::{AppState, PluginHost, Snapshot};
