//! Test plugin: reads the shopper postcode without declaring the capability.

wit_bindgen::generate!({ world: "market-plugin", path: "../../../wit" });

use vitrine::plugin::types::{Block, PageContext, Text, Ui};

fn misbehave(_context: &PageContext) -> Ui {
    let postcode = vitrine::plugin::shopper::postcode().unwrap_or_default();
    Ui {
        blocks: vec![Block::Paragraph(Text::Plain(postcode))],
        root: vec![0],
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
