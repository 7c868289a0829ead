//! Test plugin: panics.

wit_bindgen::generate!({ world: "market-plugin", path: "../../../wit" });

use vitrine::plugin::types::{PageContext, Ui};

fn misbehave(context: &PageContext) -> Ui {
    panic!("deliberate failure in {}", context.storefront)
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
        request: vitrine::plugin::types::RouteRequest,
    ) -> Result<vitrine::plugin::types::RouteResponse, vitrine::plugin::types::PluginError> {
        panic!("deliberate failure in route {}", request.path)
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
