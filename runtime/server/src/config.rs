use std::time::Duration;

/// Limits and addresses of the HTTP server.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The absolute origin used in canonical and `hreflang` links (`https://shop.example`),
    /// without a trailing slash.
    pub public_url: String,
    /// Longest time a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// Longest time to receive a request's headers.
    pub header_read_timeout: Duration,
    /// Largest request head (request line and headers) in bytes; larger gets 431.
    pub max_header_bytes: usize,
    /// Largest form body in bytes; larger gets 413.
    pub max_body_bytes: usize,
    /// Bytes of rendered pages the page cache may hold.
    pub cache_bytes: u64,
    /// How long shutdown waits for in-flight requests.
    pub drain_timeout: Duration,
    /// CPU time all plugin calls of one page may take together.
    pub plugin_page_budget: Duration,
    /// For load benchmarks only: honour `x-vitrine-bypass-cache` on anonymous pages.
    pub bench_cache_bypass: bool,
    /// Where search indexes are kept (one folder per catalogue); unset, a reload builds
    /// the next index in memory.
    pub search_dir: Option<std::path::PathBuf>,
}

impl ServerConfig {
    /// Defaults for a server reachable at `public_url`.
    pub fn new(public_url: impl Into<String>) -> Self {
        Self {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            request_timeout: Duration::from_secs(15),
            header_read_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_body_bytes: 16 * 1024,
            cache_bytes: 64 << 20,
            drain_timeout: Duration::from_secs(10),
            plugin_page_budget: Duration::from_millis(50),
            bench_cache_bypass: false,
            search_dir: None,
        }
    }
}
