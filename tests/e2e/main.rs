//! End-to-end tests: each starts the real `vitrine` binary on an ephemeral port and talks to
//! it over HTTP, as a browser or an operator would.

mod harness;

mod accessibility;
mod assets;
mod bad_config;
mod cart;
mod catalogue;
mod control;
mod golden;
mod http;
mod listings;
mod localisation;
mod misses;
mod pages;
mod plugins;
mod reload;
mod rollout;
mod sandbox;
mod search;
mod seo;
