//! A request context over the demo site, for the handlers' own tests.

use std::sync::Arc;

use hyper::http::request::Parts;
use vitrine_plugins::{Engine, EngineConfig, Plugins};
use vitrine_search::SearchIndex;
use vitrine_site::{DirSource, load_site};
use vitrine_store::Db;

use super::context::Ctx;
use crate::{AppState, ServerConfig, Snapshot};

/// The demo site with its plugins, on a fresh database (kept as long as the folder lives).
pub async fn demo_ctx() -> (tempfile::TempDir, Ctx) {
    let dir = format!("{}/../../site", env!("CARGO_MANIFEST_DIR"));
    let site = Arc::new(load_site(&DirSource, &dir).expect("the demo site loads"));
    let engine = Engine::new(&EngineConfig {
        pooling: false,
        ..EngineConfig::default()
    })
    .expect("engine");
    let plugins = Arc::new(Plugins::load(
        &engine,
        Arc::clone(&site),
        &Default::default(),
        None,
    ));
    let data = tempfile::tempdir().expect("temp dir");
    let db = Db::open(data.path()).await.expect("database");
    let config = ServerConfig::new("http://shop.test");
    let search = Arc::new(SearchIndex::build(&site).expect("the demo index builds"));
    let state = AppState::new(
        Snapshot::new(site, plugins, search),
        db,
        vec![7; 32],
        config,
    );
    (data, Ctx::new(state))
}

/// The parts of a GET request.
pub fn get(path: &str) -> Parts {
    hyper::Request::get(path)
        .body(())
        .expect("request")
        .into_parts()
        .0
}
