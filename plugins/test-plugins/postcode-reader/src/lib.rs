//! Test plugin: shows the shopper's postcode when the shopper consented to share it.

wit_bindgen::generate!({ world: "market-plugin", path: "../../../wit" });

use vitrine::plugin::types::{
    ArgValue, Block, DeliveryOption, DomainEvent, Message, MessageArg, PageContext, PluginError,
    RouteRequest, RouteResponse, Text, Ui,
};

struct PostcodeReader;

impl exports::vitrine::plugin::plugin::Guest for PostcodeReader {
    fn render_slot(_slot: String, _context: PageContext) -> Result<Option<Ui>, PluginError> {
        let text = match vitrine::plugin::shopper::postcode() {
            Some(postcode) => Text::Message(Message {
                id: "postcode-known".into(),
                args: vec![MessageArg {
                    name: "postcode".into(),
                    value: ArgValue::Text(postcode),
                }],
            }),
            None => Text::Message(Message {
                id: "postcode-unknown".into(),
                args: Vec::new(),
            }),
        };
        Ok(Some(Ui {
            blocks: vec![Block::Paragraph(text)],
            root: vec![0],
        }))
    }

    fn handle_route(_request: RouteRequest) -> Result<RouteResponse, PluginError> {
        Err(PluginError::NotFound)
    }

    fn delivery_options(_context: PageContext) -> Result<Vec<DeliveryOption>, PluginError> {
        Ok(Vec::new())
    }

    fn on_event(_event: DomainEvent, _context: PageContext) -> Result<(), PluginError> {
        Ok(())
    }
}

export!(PostcodeReader);
