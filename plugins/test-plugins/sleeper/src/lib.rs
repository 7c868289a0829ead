//! Test plugin: sleeps for an hour in every export. The time is spent waiting on a WASI
//! pollable, outside the guest, where epoch deadlines never fire.

use std::time::Duration;

use hostile::{DomainEvent, Misbehave, PageContext, PluginError, RouteRequest, RouteResponse, Ui};

fn nap() {
    std::thread::sleep(Duration::from_secs(3600));
}

struct Sleeper;

impl Misbehave for Sleeper {
    fn render(_context: &PageContext) -> Ui {
        nap();
        hostile::flat(Vec::new())
    }

    fn route(_request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        nap();
        Ok(hostile::page("Rested", Vec::new()))
    }

    fn event(_event: &DomainEvent) -> Result<(), PluginError> {
        nap();
        Ok(())
    }
}

hostile::hostile_plugin!(Sleeper);
