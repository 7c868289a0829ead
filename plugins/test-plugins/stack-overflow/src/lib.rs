//! Test plugin: recurses without end.

wit_bindgen::generate!({ world: "market-plugin", path: "../../../wit" });

use vitrine::plugin::types::{PageContext, Ui};

#[allow(unconditional_recursion)]
fn deeper(n: u64) -> u64 {
    let frame = std::hint::black_box([n; 64]);
    deeper(frame[3] + 1) + frame[5]
}

fn misbehave(_context: &PageContext) -> Ui {
    let _ = deeper(0);
    Ui {
        blocks: Vec::new(),
        root: Vec::new(),
    }
}

struct Hostile;

impl exports::vitrine::plugin::plugin::Guest for Hostile {
    fn render_slot(
        _slot: String,
        context: vitrine::plugin::types::PageContext,
    ) -> Result<Option<vitrine::plugin::types::Ui>, vitrine::plugin::types::PluginError> {
        Ok(Some(misbehave(&context)))
    }

    fn handle_route(
        _request: vitrine::plugin::types::RouteRequest,
    ) -> Result<vitrine::plugin::types::RouteResponse, vitrine::plugin::types::PluginError> {
        Err(vitrine::plugin::types::PluginError::NotFound)
    }

    fn delivery_options(
        _context: vitrine::plugin::types::PageContext,
    ) -> Result<Vec<vitrine::plugin::types::DeliveryOption>, vitrine::plugin::types::PluginError>
    {
        Ok(Vec::new())
    }

    fn on_event(
        _event: vitrine::plugin::types::DomainEvent,
        _context: vitrine::plugin::types::PageContext,
    ) -> Result<(), vitrine::plugin::types::PluginError> {
        Ok(())
    }
}

export!(Hostile);
