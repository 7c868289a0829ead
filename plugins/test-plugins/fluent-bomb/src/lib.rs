//! Test plugin: a message whose placeables expand a 1 KiB argument past the text limit (a
//! bundle whose messages could expand further is refused at load: see the bad-config
//! fixture `plugin-message-expands`); a route with a 200 KiB argument; one with thousands of
//! arguments.

use hostile::{
    ArgValue, Block, MessageArg, Misbehave, PageContext, PluginError, RouteRequest, RouteResponse,
    Ui,
};

fn arg(name: &str, text: String) -> MessageArg {
    MessageArg {
        name: name.to_owned(),
        value: ArgValue::Text(text),
    }
}

struct Bomb;

impl Misbehave for Bomb {
    fn render(_context: &PageContext) -> Ui {
        let args = vec![arg("a", "x".repeat(1024))];
        hostile::flat(vec![Block::Paragraph(hostile::message("bomb", args))])
    }

    fn route(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        let args = match request.path.as_str() {
            "huge-argument" => vec![arg("a", "x".repeat(200 << 10))],
            "many-arguments" => (0..5000)
                .map(|i| arg(&format!("a{i}"), "x".into()))
                .collect(),
            _ => return Err(PluginError::NotFound),
        };
        let text = hostile::message("echo", args);
        Ok(hostile::page("bomb", vec![Block::Paragraph(text)]))
    }
}

hostile::hostile_plugin!(Bomb);
