//! Test plugin: `hold` touches nearly all of its memory limit, then sleeps.

use std::time::Duration;

use hostile::{Misbehave, PageContext, PluginError, RouteRequest, RouteResponse, Ui};

struct Hoarder;

impl Misbehave for Hoarder {
    fn render(_context: &PageContext) -> Ui {
        hostile::flat(Vec::new())
    }

    fn route(_request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        for _ in 0..13 {
            hoard.push(std::hint::black_box(vec![7u8; 1 << 20]));
        }
        std::thread::sleep(Duration::from_secs(3600));
        Ok(hostile::page(
            "held",
            vec![hostile::paragraph(format!("{}", hoard.len()))],
        ))
    }
}

hostile::hostile_plugin!(Hoarder);
