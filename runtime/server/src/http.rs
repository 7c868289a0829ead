//! The accept loop: HTTP/1.1 and HTTP/2 (prior knowledge, h2c) on one port, limits,
//! timeouts, request logging and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
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

/// Serves the shop until `shutdown` resolves, then stops accepting, lets in-flight
/// requests finish (up to the drain timeout) and returns.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let shop = state.clone();
    accept(listener, &state, shutdown, move |request| {
        answer(&shop, request)
    })
    .await
}

/// Accepts connections on `listener` and answers each request with `service`, until
/// `shutdown` resolves; then drains as [`serve`] does.
pub(crate) async fn accept<S, F>(
    listener: TcpListener,
    state: &AppState,
    shutdown: impl Future<Output = ()>,
    service: S,
) -> std::io::Result<()>
where
    S: Fn(Request<Incoming>) -> F + Clone + Send + 'static,
    F: Future<Output = Result<Resp, Infallible>> + Send + 'static,
{
    let builder = builder(state);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    let service = service_fn(service.clone());
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

/// The page cache's answer to a request, if it has one: what the server sends for an
/// anonymous page it has already rendered, before any other work.
pub fn cached_response<B>(state: &AppState, request: &Request<B>) -> Option<Resp> {
    handlers::from_cache(state, request)
}

/// Answers a request: a cache hit synchronously, without cloning the shared state or
/// allocating the handler's (large) future; anything else on a task with the request timeout.
fn answer(state: &AppState, request: Request<Incoming>) -> Answer {
    let started = Instant::now();
    let id = RequestId::next();
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path()
    );
    let log = RequestLog {
        id,
        started,
        // Only copied when request logging is on.
        storefront: (!span.is_disabled()).then(|| storefront_of(request.uri().path())),
        span,
    };
    if let Some(hit) = cached_response(state, &request) {
        return Answer::Ready(Some(log.finish(state, hit)));
    }
    let state = state.clone();
    Answer::Pending(Box::pin(async move {
        let timeout = state.config().request_timeout;
        let response = tokio::time::timeout(timeout, handlers::handle(state.clone(), request))
            .instrument(log.span.clone())
            .await
            .unwrap_or_else(|_| {
                response::text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The request took too long.\n",
                )
            });
        log.finish(&state, response)
    }))
}

/// What the service returns: a response already made, or the handler still at work.
enum Answer {
    Ready(Option<Resp>),
    Pending(Pin<Box<dyn Future<Output = Resp> + Send>>),
}

impl Future for Answer {
    type Output = Result<Resp, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Answer::Ready(response) => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                // Polled again after completion: hyper never does; answer as a server error
                // rather than panic.
                None => Poll::Ready(Ok(response::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error\n",
                ))),
            },
            Answer::Pending(future) => future.as_mut().poll(cx).map(Ok),
        }
    }
}

/// What every response gets on its way out: headers, counters and the request's log line.
struct RequestLog {
    id: RequestId,
    started: Instant,
    storefront: Option<String>,
    span: tracing::Span,
}

impl RequestLog {
    fn finish(self, state: &AppState, mut response: Resp) -> Resp {
        let headers = response.headers_mut();
        response::add_security_headers(headers);
        headers.insert(REQUEST_ID, self.id.header());
        let status = response.status().as_u16();
        state.metrics().count_response(status);
        if let Some(storefront) = self.storefront {
            let latency_us = self.started.elapsed().as_micros() as u64;
            self.span
                .in_scope(|| tracing::info!(status, storefront, latency_us, "served"));
        }
        response
    }
}

/// The storefront a path belongs to, `-` for paths outside any storefront.
fn storefront_of(path: &str) -> String {
    path.split('/')
        .nth(1)
        .filter(|s| s.contains('-'))
        .unwrap_or("-")
        .to_owned()
}

pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request's id, as logged and sent in `x-request-id`: 16 hex digits, unique within the
/// process and different across restarts. Each thread counts its own requests (no shared
/// counter for the workers to contend on); thread number, count and a random start per
/// process are scrambled by a bijection, so ids do not reveal the request rate.
#[derive(Clone, Copy)]
pub(crate) struct RequestId(u64);

impl RequestId {
    /// A fresh id.
    pub(crate) fn next() -> Self {
        static START: OnceLock<u64> = OnceLock::new();
        static THREADS: AtomicU64 = AtomicU64::new(0);
        thread_local! {
            static COUNT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
            static THREAD: u64 = THREADS.fetch_add(1, Ordering::Relaxed);
        }
        let start =
            *START.get_or_init(|| vitrine_store::random_bytes::<8>().map_or(0, u64::from_le_bytes));
        let count = COUNT.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        // 2^40 requests per thread before the sequence could repeat.
        let n = (THREAD.with(|t| *t) << 40) | (count & ((1 << 40) - 1));
        Self(mix(start.wrapping_add(n)))
    }

    fn hex(self) -> [u8; 16] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            let nibble = (self.0 >> (60 - 4 * i)) & 0xf;
            *byte = DIGITS[nibble as usize];
        }
        out
    }

    /// The id as a header value.
    pub(crate) fn header(self) -> HeaderValue {
        // Hex digits are always a valid header value.
        HeaderValue::from_bytes(&self.hex()).unwrap_or_else(|_| HeaderValue::from_static("0"))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hex = self.hex();
        f.write_str(std::str::from_utf8(&hex).unwrap_or("0"))
    }
}

/// SplitMix64's finaliser: a bijection on `u64` that scatters consecutive inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_hex() {
        let ids: std::collections::HashSet<String> =
            (0..10_000).map(|_| RequestId::next().to_string()).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(
            ids.iter()
                .all(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        );
        let id = RequestId::next();
        assert_eq!(id.header().to_str().ok(), Some(id.to_string().as_str()));
    }
}
