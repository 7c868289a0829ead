//! Test plugin: `values` lists what the secure and insecure random sources, the insecure
//! seed, std's hash seeds and the clocks return.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use hostile::{Misbehave, PageContext, PluginError, RouteRequest, RouteResponse, Ui};
use wasip2::clocks::{monotonic_clock, wall_clock};
use wasip2::random::{insecure, insecure_seed, random};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Reader;

impl Misbehave for Reader {
    fn render(_context: &PageContext) -> Ui {
        hostile::flat(Vec::new())
    }

    fn route(_request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        let (seed_a, seed_b) = insecure_seed::insecure_seed();
        let now = wall_clock::now();
        let lines = [
            format!("secure {}", hex(&random::get_random_bytes(16))),
            format!("secure-u64 {}", random::get_random_u64()),
            format!("insecure {}", hex(&insecure::get_insecure_random_bytes(16))),
            format!("insecure-u64 {}", insecure::get_insecure_random_u64()),
            format!("seed {seed_a:x}-{seed_b:x}"),
            format!("hash {:x}", RandomState::new().hash_one("vitrine")),
            format!("monotonic {}", monotonic_clock::now()),
            format!("wall {}.{}", now.seconds, now.nanoseconds),
        ];
        Ok(hostile::page(
            "values",
            lines.into_iter().map(hostile::paragraph).collect(),
        ))
    }
}

hostile::hostile_plugin!(Reader);
