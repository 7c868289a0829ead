//! What every hostile test plugin shares: the bindings and the export boilerplate. Each
//! plugin only says how it misbehaves when asked to render a slot (and, optionally, a route).

/// Bindings of the `market-plugin` world.
pub mod bindings {
    wit_bindgen::generate!({
        world: "market-plugin",
        path: "../../../wit",
        pub_export_macro: true,
        default_bindings_module: "hostile::bindings",
    });
}

pub use bindings::vitrine::plugin::types::{
    ArgValue, Block, Choice, DeliveryOption, DomainEvent, Field, FieldKind, Form, Message,
    MessageArg, Money, OpeningDay, PageContext, PluginError, RoutePage, RouteRequest,
    RouteResponse, StockLevel, StoreCard, Text, Tone, Ui,
};
pub use bindings::vitrine::plugin::{catalogue, events, log, storage};

/// A flat tree of top-level blocks.
pub fn flat(blocks: Vec<Block>) -> Ui {
    let root = (0..blocks.len() as u32).collect();
    Ui { blocks, root }
}

/// A route page titled in plain text.
pub fn page(title: &str, blocks: Vec<Block>) -> RouteResponse {
    RouteResponse::Page(RoutePage {
        title: Text::Plain(title.to_owned()),
        ui: flat(blocks),
    })
}

/// A paragraph of plain text.
pub fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(Text::Plain(text.into()))
}

/// A message of the plugin's own Fluent files.
pub fn message(id: &str, args: Vec<MessageArg>) -> Text {
    Text::Message(Message {
        id: id.to_owned(),
        args,
    })
}

/// A query or form parameter of a route request.
pub fn param<'r>(request: &'r RouteRequest, name: &str) -> Option<&'r str> {
    request
        .query
        .iter()
        .chain(&request.form)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// How a test plugin misbehaves.
pub trait Misbehave {
    /// Answers a slot request.
    fn render(context: &PageContext) -> Ui;

    /// Answers a route request; by default there is no such route.
    fn route(_request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        Err(PluginError::NotFound)
    }

    /// Hears of an event; by default it does nothing.
    fn event(_event: &DomainEvent) -> Result<(), PluginError> {
        Ok(())
    }
}

/// Exports a plugin whose slot and route calls go to a [`Misbehave`] implementation.
#[macro_export]
macro_rules! hostile_plugin {
    ($behaviour:ty) => {
        struct Plugin;

        impl $crate::bindings::exports::vitrine::plugin::plugin::Guest for Plugin {
            fn render_slot(
                _slot: String,
                context: $crate::PageContext,
            ) -> Result<Option<$crate::Ui>, $crate::PluginError> {
                Ok(Some(<$behaviour as $crate::Misbehave>::render(&context)))
            }

            fn handle_route(
                request: $crate::RouteRequest,
            ) -> Result<$crate::RouteResponse, $crate::PluginError> {
                <$behaviour as $crate::Misbehave>::route(&request)
            }

            fn delivery_options(
                _context: $crate::PageContext,
            ) -> Result<Vec<$crate::DeliveryOption>, $crate::PluginError> {
                Ok(Vec::new())
            }

            fn on_event(
                event: $crate::DomainEvent,
                _context: $crate::PageContext,
            ) -> Result<(), $crate::PluginError> {
                <$behaviour as $crate::Misbehave>::event(&event)
            }
        }

        $crate::bindings::export!(Plugin with_types_in $crate::bindings);
    };
}
