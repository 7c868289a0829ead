use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// Process-wide counters, exposed in Prometheus text format at `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: [AtomicU64; 5],
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

impl Metrics {
    /// Counts a response by status class (1xx–5xx).
    pub fn count_response(&self, status: u16) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.requests[class].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a page-cache lookup.
    pub fn count_cache(&self, hit: bool) {
        let counter = if hit {
            &self.cache_hits
        } else {
            &self.cache_misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Renders every counter; `missing_messages` comes from the current site snapshot.
    pub fn render(&self, missing_messages: u64, cached_pages: u64) -> String {
        let mut out = String::new();
        out.push_str("# TYPE vitrine_http_responses_total counter\n");
        for (i, counter) in self.requests.iter().enumerate() {
            let _ = writeln!(
                out,
                "vitrine_http_responses_total{{class=\"{}xx\"}} {}",
                i + 1,
                counter.load(Ordering::Relaxed)
            );
        }
        out.push_str("# TYPE vitrine_page_cache_lookups_total counter\n");
        let _ = writeln!(
            out,
            "vitrine_page_cache_lookups_total{{result=\"hit\"}} {}",
            self.cache_hits.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "vitrine_page_cache_lookups_total{{result=\"miss\"}} {}",
            self.cache_misses.load(Ordering::Relaxed)
        );
        out.push_str("# TYPE vitrine_page_cache_entries gauge\n");
        let _ = writeln!(out, "vitrine_page_cache_entries {cached_pages}");
        out.push_str("# TYPE vitrine_missing_messages_total counter\n");
        let _ = writeln!(out, "vitrine_missing_messages_total {missing_messages}");
        out
    }
}
