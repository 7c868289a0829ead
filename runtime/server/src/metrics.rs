use std::fmt::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Process-wide counters, exposed in Prometheus text format at `/metrics`. Every counter is
/// split into per-thread stripes on separate cache lines, so worker threads counting the same
/// event do not contend; reading sums the stripes.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: [Striped; 5],
    cache_hits: Striped,
    cache_misses: Striped,
    render_failures: Striped,
}

const STRIPES: usize = 8;

/// One counter as `STRIPES` cache-line-sized cells.
#[derive(Debug, Default)]
struct Striped([Cell; STRIPES]);

#[derive(Debug, Default)]
#[repr(align(128))]
struct Cell(AtomicU64);

impl Striped {
    fn add(&self) {
        thread_local! {
            static STRIPE: usize = {
                static NEXT: AtomicUsize = AtomicUsize::new(0);
                NEXT.fetch_add(1, Ordering::Relaxed) % STRIPES
            };
        }
        let stripe = STRIPE.with(|s| *s);
        self.0[stripe].0.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> u64 {
        self.0.iter().map(|c| c.0.load(Ordering::Relaxed)).sum()
    }
}

impl Metrics {
    /// Counts a response by status class (1xx–5xx).
    pub fn count_response(&self, status: u16) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.requests[class].add();
    }

    /// Counts a page-cache lookup.
    pub fn count_cache(&self, hit: bool) {
        let counter = if hit {
            &self.cache_hits
        } else {
            &self.cache_misses
        };
        counter.add();
    }

    /// Counts a page whose template failed to render (answered 500).
    pub fn count_render_failure(&self) {
        self.render_failures.add();
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
                counter.get()
            );
        }
        out.push_str("# TYPE vitrine_page_cache_lookups_total counter\n");
        let _ = writeln!(
            out,
            "vitrine_page_cache_lookups_total{{result=\"hit\"}} {}",
            self.cache_hits.get()
        );
        let _ = writeln!(
            out,
            "vitrine_page_cache_lookups_total{{result=\"miss\"}} {}",
            self.cache_misses.get()
        );
        out.push_str("# TYPE vitrine_page_cache_entries gauge\n");
        let _ = writeln!(out, "vitrine_page_cache_entries {cached_pages}");
        out.push_str("# TYPE vitrine_render_failures_total counter\n");
        let _ = writeln!(
            out,
            "vitrine_render_failures_total {}",
            self.render_failures.get()
        );
        out.push_str("# TYPE vitrine_missing_messages_total counter\n");
        let _ = writeln!(out, "vitrine_missing_messages_total {missing_messages}");
        out
    }
}
