//! The page-cache hit path: everything the server does for an anonymous page it has already
//! rendered (route, session check, key, lookup, coding negotiation, validators, headers),
//! measured beside the floor of building a bare response around the same bytes.
//!
//! `cargo bench -p vitrine-server` — compare figures within one run only.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response};
use vitrine_plugins::{Engine, EngineConfig, Plugins};
use vitrine_server::{AppState, ServerConfig, Snapshot};
use vitrine_site::{DirSource, load_site};
use vitrine_store::Db;

const PAGE: &str = "/nl-be/p/leather-weekender";

/// The server's allocator, so figures match what `vitrine` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// A real server on the demo site, its cache holding `PAGE`.
struct Warm {
    state: AppState,
    body: Bytes,
    _runtime: tokio::runtime::Runtime,
    _data: tempfile::TempDir,
}

fn warm() -> Warm {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"));
    let site_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site");
    let site = load_site(&DirSource, &site_dir.to_string_lossy())
        .unwrap_or_else(|e| panic!("the demo site does not load: {e}"));
    let site = Arc::new(site);
    let engine = Engine::new(&EngineConfig::default()).unwrap_or_else(|e| panic!("{e}"));
    let plugins = Arc::new(Plugins::load(
        &engine,
        Arc::clone(&site),
        &Default::default(),
        None,
    ));
    let (state, addr) = runtime.block_on(async {
        let db = Db::open(data.path())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let secret = db.secret().await.unwrap_or_else(|e| panic!("{e}"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let config = ServerConfig::new(format!("http://{addr}"));
        let search = vitrine_search::SearchIndex::build(&site).unwrap_or_else(|e| panic!("{e}"));
        let snapshot = Snapshot::new(site, plugins, Arc::new(search));
        let state = AppState::new(snapshot, db, secret, config);
        let server = state.clone();
        tokio::spawn(async move {
            let _ = vitrine_server::serve(listener, server, std::future::pending()).await;
        });
        (state, addr)
    });
    fetch(addr);
    let body = vitrine_server::cached_response(&state, &get(None))
        .map(|response| response.into_body())
        .and_then(body_bytes)
        .unwrap_or_else(|| panic!("{PAGE} was not cached by a real request"));
    Warm {
        state,
        body,
        _runtime: runtime,
        _data: data,
    }
}

/// One real HTTP/1.1 request, which renders the page and fills the cache.
fn fetch(addr: SocketAddr) {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    let request = format!("GET {PAGE} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response:.200}");
}

fn body_bytes(body: Full<Bytes>) -> Option<Bytes> {
    use http_body_util::BodyExt;
    let runtime = tokio::runtime::Builder::new_current_thread().build().ok()?;
    runtime
        .block_on(body.collect())
        .ok()
        .map(|collected| collected.to_bytes())
}

fn get(accept_encoding: Option<&'static str>) -> Request<()> {
    let mut request = Request::get(PAGE);
    if let Some(value) = accept_encoding {
        request = request.header("accept-encoding", value);
    }
    request
        .body(())
        .unwrap_or_else(|e| panic!("bad request: {e}"))
}

/// The whole hit path, for a client without compression, with gzip and with brotli.
#[divan::bench(args = ["identity", "gzip", "gzip, deflate, br, zstd"])]
fn hit(bencher: divan::Bencher, accept_encoding: &str) {
    let warm = warm();
    let request = get(Some(match accept_encoding {
        "gzip" => "gzip",
        "identity" => "identity",
        _ => "gzip, deflate, br, zstd",
    }));
    bencher.bench(|| {
        vitrine_server::cached_response(&warm.state, &request)
            .unwrap_or_else(|| panic!("not cached"))
    });
}

/// A revalidation answered with 304.
#[divan::bench]
fn hit_not_modified(bencher: divan::Bencher) {
    let warm = warm();
    let first = vitrine_server::cached_response(&warm.state, &get(None))
        .unwrap_or_else(|| panic!("not cached"));
    let etag = first
        .headers()
        .get("etag")
        .cloned()
        .unwrap_or_else(|| panic!("no etag"));
    let mut request = get(None);
    request.headers_mut().insert("if-none-match", etag);
    bencher.bench(|| {
        vitrine_server::cached_response(&warm.state, &request)
            .unwrap_or_else(|| panic!("not cached"))
    });
}

/// The floor: a response around the same bytes with one header, as the bare reference
/// server in `examples/bare_cache.rs` builds it.
#[divan::bench]
fn bare_response(bencher: divan::Bencher) {
    let warm = warm();
    bencher.bench(|| {
        let mut response = Response::new(Full::new(warm.body.clone()));
        response.headers_mut().insert(
            hyper::header::CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
    });
}
