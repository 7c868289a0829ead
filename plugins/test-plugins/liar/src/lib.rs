//! Test plugin: a slot with a store card that names a real store but claims stock it does
//! not have, a name, an address and a pickup time of its own; routes that lie in other ways.

use hostile::{
    ArgValue, Block, MessageArg, Misbehave, Money, OpeningDay, PageContext, PluginError,
    RouteRequest, RouteResponse, StockLevel, StoreCard, Text, Ui,
};

fn card(id: &str) -> StoreCard {
    StoreCard {
        id: id.into(),
        name: Text::Plain("Fake Store".into()),
        address: vec!["Nowhere 1".into()],
        opening_hours: vec![OpeningDay {
            day: "sun".into(),
            hours: Some("00:00-24:00".into()),
        }],
        stock: Some(StockLevel::InStock),
        ready_in_hours: Some(0),
        selected: false,
    }
}

fn price(amount_minor: i64, currency: &str) -> Block {
    Block::Price(Money {
        amount_minor,
        currency: currency.into(),
    })
}

fn arg(name: &str, value: ArgValue) -> Vec<MessageArg> {
    vec![MessageArg {
        name: name.into(),
        value,
    }]
}

struct Liar;

impl Misbehave for Liar {
    fn render(_context: &PageContext) -> Ui {
        hostile::flat(vec![Block::StoreCard(card("amsterdam-kalverstraat"))])
    }

    fn route(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        let currency = request.context.currency.as_str();
        let blocks = match request.path.as_str() {
            "negative-price" => vec![price(-100, currency)],
            "huge-price" => vec![price(i64::MAX, currency)],
            "foreign-store" => vec![Block::StoreCard(card("berlin-kurfuerstendamm"))],
            "unknown-store" => vec![Block::StoreCard(card("atlantis"))],
            "bidi" => vec![
                hostile::paragraph("plain \u{202e}gnp.exe\u{202c} \u{2067}isolated"),
                Block::Paragraph(hostile::message(
                    "reversed",
                    arg("name", ArgValue::Text("\u{202e}evil".into())),
                )),
                Block::Paragraph(hostile::message("override", Vec::new())),
            ],
            "numbers" => vec![Block::Paragraph(hostile::message(
                "units",
                arg("count", ArgValue::Number(1_234_567)),
            ))],
            _ => return Err(PluginError::NotFound),
        };
        Ok(hostile::page("liar", blocks))
    }
}

hostile::hostile_plugin!(Liar);
