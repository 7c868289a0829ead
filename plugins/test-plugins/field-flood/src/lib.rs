//! Test plugin: on `canvas-tote`, a store card and a form whose ids, values and hours weigh
//! megabytes; on `ceramic-mug`, a store card with a million empty address lines (small in
//! the guest, large once copied into the host); on `linen-shirt` and the `widest` route, as many store cards as a tree may
//! hold plus nearly all the text it may show, made of quotes, which escaping makes five
//! times longer: within every input limit, but more HTML than a plugin may add to a page.

use hostile::{
    Block, Choice, Field, FieldKind, Form, Misbehave, OpeningDay, PageContext, PluginError,
    RouteRequest, RouteResponse, StockLevel, StoreCard, Text, Ui,
};

fn megabytes(n: usize) -> String {
    "9".repeat(n << 20)
}

fn card(hours: Option<String>) -> StoreCard {
    StoreCard {
        id: "amsterdam-kalverstraat".into(),
        name: Text::Plain("Store".into()),
        address: vec![],
        opening_hours: vec![OpeningDay {
            day: "mon".into(),
            hours,
        }],
        stock: Some(StockLevel::InStock),
        ready_in_hours: Some(1),
        selected: false,
    }
}

fn empties() -> Ui {
    let mut card = card(None);
    card.address = vec![String::new(); 1_000_000];
    hostile::flat(vec![Block::StoreCard(card)])
}

fn heavy() -> Ui {
    let form = Form {
        route: "widest".into(),
        fields: vec![Field {
            name: "pick".into(),
            label: Text::Plain("Pick".into()),
            kind: FieldKind::Choice(vec![Choice {
                value: megabytes(2),
                label: Text::Plain("one".into()),
                selected: false,
            }]),
            value: Some(megabytes(1)),
            required: false,
        }],
        submit: Text::Plain("Go".into()),
    };
    hostile::flat(vec![
        Block::StoreCard(card(Some(megabytes(2)))),
        Block::Form(form),
    ])
}

/// Quotes, as many as the text budget leaves after `used` characters.
fn quotes(used: usize) -> Block {
    hostile::paragraph("\"".repeat(32 * 1024 - used))
}

fn widest() -> Vec<Block> {
    let mut blocks: Vec<Block> = (0..199).map(|_| Block::StoreCard(card(None))).collect();
    // Each card's catalogue name and address lines count as text too.
    blocks.push(quotes(199 * 64 + 16));
    blocks
}

struct Flood;

impl Misbehave for Flood {
    fn render(context: &PageContext) -> Ui {
        match context.product.as_deref() {
            Some("linen-shirt") => hostile::flat(widest()),
            Some("ceramic-mug") => empties(),
            _ => heavy(),
        }
    }

    fn route(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        match request.path.as_str() {
            "widest" => Ok(hostile::page("widest", widest())),
            _ => Err(PluginError::NotFound),
        }
    }
}

hostile::hostile_plugin!(Flood);
