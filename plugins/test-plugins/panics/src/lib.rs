//! Test plugin: panics, in its slot and in its route.

use hostile::{Misbehave, PageContext, PluginError, RouteRequest, RouteResponse, Ui};

struct Panic;

impl Misbehave for Panic {
    fn render(context: &PageContext) -> Ui {
        panic!("deliberate failure in {}", context.storefront)
    }

    fn route(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        panic!("deliberate failure in route {}", request.path)
    }
}

hostile::hostile_plugin!(Panic);
