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
    Block, DeliveryOption, DomainEvent, Message, Money, PageContext, PluginError, RouteRequest,
    RouteResponse, Text, Ui,
};

/// How a test plugin misbehaves.
pub trait Misbehave {
    /// Answers a slot request.
    fn render(context: &PageContext) -> Ui;

    /// Answers a route request; by default there is no such route.
    fn route(_request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        Err(PluginError::NotFound)
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
                _event: $crate::DomainEvent,
                _context: $crate::PageContext,
            ) -> Result<(), $crate::PluginError> {
                Ok(())
            }
        }

        $crate::bindings::export!(Plugin with_types_in $crate::bindings);
    };
}
