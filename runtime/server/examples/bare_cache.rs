//! The reference for the cached-page benchmark: the same HTTP stack as Vitrine (hyper,
//! hyper-util's auto builder, a multi-threaded tokio runtime, a moka cache) handing out one
//! file's bytes, with nothing else. `bench/run` measures it beside Vitrine and nginx so the
//! cost of everything Vitrine adds on a cache hit is visible.
//!
//! `cargo run --release -p vitrine-server --example bare_cache -- ADDR FILE`
//!
//! `BARE_WORKERS=N` sets the runtime's worker threads (default: one per core);
//! `BARE_TIMER=1` arms hyper's header-read timeout as Vitrine does, to measure what it costs.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use moka::sync::Cache;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bare_cache ADDR FILE";
    let addr: SocketAddr = args.next().ok_or(usage)?.parse()?;
    let body = Bytes::from(std::fs::read(args.next().ok_or(usage)?)?);
    let cache: Cache<String, Bytes> = Cache::new(64);
    cache.insert("page".to_owned(), body);
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = std::env::var("BARE_WORKERS")
        .ok()
        .and_then(|w| w.parse().ok())
    {
        runtime.worker_threads(workers);
    }
    runtime.enable_all().build()?.block_on(serve(addr, cache))
}

async fn serve(
    addr: SocketAddr,
    cache: Cache<String, Bytes>,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let cache = cache.clone();
        tokio::spawn(async move {
            let service = service_fn(move |_request: Request<hyper::body::Incoming>| {
                let body = cache.get("page").unwrap_or_default();
                let mut response = Response::new(Full::new(body));
                response.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                );
                async move { Ok::<_, Infallible>(response) }
            });
            let mut builder = Builder::new(TokioExecutor::new());
            if std::env::var_os("BARE_TIMER").is_some() {
                builder
                    .http1()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(std::time::Duration::from_secs(10));
            }
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
