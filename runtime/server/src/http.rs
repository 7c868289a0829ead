//! The accept loop: HTTP/1.1 and HTTP/2 (prior knowledge, h2c) on one port, limits,
//! timeouts, request logging and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::time::Instant;

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tracing::Instrument;

use crate::AppState;
use crate::handlers;
use crate::response::{self, Resp};

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
/// (up to the drain timeout) and returns.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let builder = builder(&state);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    let state = state.clone();
                    let service = service_fn(move |request| answer(state.clone(), request));
                    let connection = builder.serve_connection(TokioIo::new(stream), service).into_owned();
                    let connection = graceful.watch(connection);
                    tokio::spawn(async move {
                        if let Err(error) = connection.await {
                            tracing::debug!(%error, "connection ended with an error");
                        }
                    });
                }
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let drain = state.config().drain_timeout;
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown: some connections did not finish within {drain:?}");
    }
    Ok(())
}

fn builder(state: &AppState) -> Builder<TokioExecutor> {
    let config = state.config();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_buf_size(config.max_header_bytes.max(8192));
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_header_list_size(u32::try_from(config.max_header_bytes).unwrap_or(u32::MAX));
    builder
}

async fn answer(state: AppState, request: Request<Incoming>) -> Result<Resp, Infallible> {
    let started = Instant::now();
    let request_id = request_id();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let span = tracing::info_span!("request", id = %request_id, %method, %path);
    let timeout = state.config().request_timeout;
    let outcome = tokio::time::timeout(timeout, handlers::handle(state.clone(), request))
        .instrument(span.clone())
        .await;
    let mut response = outcome.unwrap_or_else(|_| {
        response::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "The request took too long.\n",
        )
    });
    let headers = response.headers_mut();
    response::add_security_headers(headers);
    response::insert(headers, "x-request-id", &request_id);
    let status = response.status().as_u16();
    state.metrics().count_response(status);
    let storefront = path
        .split('/')
        .nth(1)
        .filter(|s| s.contains('-'))
        .unwrap_or("-");
    let latency_us = started.elapsed().as_micros() as u64;
    span.in_scope(|| tracing::info!(status, storefront, latency_us, "served"));
    Ok(response)
}

fn request_id() -> String {
    vitrine_store::random_bytes::<8>()
        .map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect())
        .unwrap_or_else(|_| "0".repeat(16))
}
