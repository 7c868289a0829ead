//! The UI the plugin returns, as typed blocks the theme renders.

use crate::choice::chosen_store;
use crate::message;
use crate::vitrine::plugin::catalogue::{self, StoreInfo};
use crate::vitrine::plugin::types::{
    ArgValue, Block, Choice, Field, FieldKind, Form, HeadingLevel, Link, LinkTarget, Message,
    MessageArg, PageContext, StockLevel, StoreCard, Text, Tone, Ui,
};

/// Builds a block tree in order; children always come after their parent.
#[derive(Default)]
struct Tree {
    blocks: Vec<Block>,
    root: Vec<u32>,
}

impl Tree {
    fn push(&mut self, block: Block) -> u32 {
        self.blocks.push(block);
        u32::try_from(self.blocks.len() - 1).unwrap_or(u32::MAX)
    }

    fn top(&mut self, block: Block) {
        let index = self.push(block);
        self.root.push(index);
    }

    fn finish(self) -> Ui {
        Ui {
            blocks: self.blocks,
            root: self.root,
        }
    }
}

/// The product page: the country's stores with this product's stock, and a picker.
pub fn product_stores(context: &PageContext, product: &str) -> Ui {
    let stores = catalogue::stores(&context.country);
    let mut tree = Tree::default();
    tree.top(Block::Heading((
        HeadingLevel::H2,
        message("collect-heading"),
    )));
    if stores.is_empty() {
        tree.top(Block::Paragraph(message("no-stores")));
        return tree.finish();
    }
    let chosen = chosen_store(context);
    let threshold = low_stock_threshold(context);
    let list = tree.push(Block::List(Vec::new()));
    tree.root.push(list);
    let mut items = Vec::new();
    for store in &stores {
        let units = catalogue::stock(&store.id, product).unwrap_or(0);
        items.push(tree.push(Block::StoreCard(card(
            store,
            Some(level(units, threshold)),
            chosen.as_deref(),
        ))));
    }
    tree.blocks[list as usize] = Block::List(items);
    let available: Vec<&StoreInfo> = stores
        .iter()
        .filter(|s| catalogue::stock(&s.id, product).unwrap_or(0) > 0)
        .collect();
    if available.is_empty() {
        tree.top(Block::Notice((
            Tone::Attention,
            message("out-of-stock-everywhere"),
        )));
    } else {
        tree.top(Block::Form(picker(
            &available,
            chosen.as_deref(),
            Some(product),
        )));
    }
    tree.finish()
}

/// The cart: which store the order will be collected at, or an invitation to choose.
pub fn cart_choice(context: &PageContext) -> Ui {
    let mut tree = Tree::default();
    tree.top(Block::Heading((
        HeadingLevel::H2,
        message("collect-heading"),
    )));
    let chosen = chosen_store(context).and_then(|id| {
        catalogue::stores(&context.country)
            .into_iter()
            .find(|s| s.id == id)
    });
    match chosen {
        Some(store) => {
            tree.top(Block::Notice((
                Tone::Positive,
                with_text("cart-collect-at", "store", &store.name),
            )));
            tree.top(Block::StoreCard(card(&store, None, Some(&store.id))));
        }
        None => tree.top(Block::Paragraph(message("cart-no-store"))),
    }
    tree.top(Block::Link(Link {
        label: message("choose-store"),
        target: LinkTarget::PluginRoute("stores".into()),
    }));
    tree.finish()
}

/// The plugin's own page: every store of the country, and the picker.
pub fn store_list(context: &PageContext, product: Option<&str>) -> Ui {
    let stores = catalogue::stores(&context.country);
    let chosen = chosen_store(context);
    let mut tree = Tree::default();
    if stores.is_empty() {
        tree.top(Block::Paragraph(message("no-stores")));
        return tree.finish();
    }
    for store in &stores {
        tree.top(Block::StoreCard(card(store, None, chosen.as_deref())));
    }
    let all: Vec<&StoreInfo> = stores.iter().collect();
    tree.top(Block::Form(picker(&all, chosen.as_deref(), product)));
    tree.finish()
}

fn card(store: &StoreInfo, stock: Option<StockLevel>, chosen: Option<&str>) -> StoreCard {
    StoreCard {
        id: store.id.clone(),
        name: Text::Plain(store.name.clone()),
        address: vec![
            store.street.clone(),
            format!("{} {}", store.postcode, store.city),
        ],
        opening_hours: store.opening_hours.clone(),
        stock,
        ready_in_hours: Some(store.pickup_lead_hours),
        selected: chosen == Some(store.id.as_str()),
    }
}

fn picker(stores: &[&StoreInfo], chosen: Option<&str>, product: Option<&str>) -> Form {
    let choices = stores
        .iter()
        .map(|s| Choice {
            value: s.id.clone(),
            label: Text::Plain(s.name.clone()),
            selected: chosen == Some(s.id.as_str()),
        })
        .collect();
    let mut fields = vec![Field {
        name: "store".into(),
        label: message("choose-store"),
        kind: FieldKind::Choice(choices),
        value: None,
        required: true,
    }];
    if let Some(product) = product {
        fields.push(Field {
            name: "product".into(),
            label: message("choose-store"),
            kind: FieldKind::Hidden,
            value: Some(product.to_owned()),
            required: false,
        });
    }
    Form {
        route: "select-store".into(),
        fields,
        submit: message("collect-here"),
    }
}

fn level(units: u32, threshold: u32) -> StockLevel {
    match units {
        0 => StockLevel::OutOfStock,
        n if n <= threshold => StockLevel::LowStock,
        _ => StockLevel::InStock,
    }
}

fn low_stock_threshold(context: &PageContext) -> u32 {
    context
        .settings
        .iter()
        .find(|(k, _)| k == "low_stock_threshold")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(3)
}

/// A message with one text argument.
pub fn with_text(id: &str, name: &str, value: &str) -> Text {
    Text::Message(Message {
        id: id.to_owned(),
        args: vec![MessageArg {
            name: name.to_owned(),
            value: ArgValue::Text(value.to_owned()),
        }],
    })
}

/// A message with one number argument.
pub fn with_number(id: &str, name: &str, value: i64) -> Text {
    Text::Message(Message {
        id: id.to_owned(),
        args: vec![MessageArg {
            name: name.to_owned(),
            value: ArgValue::Number(value),
        }],
    })
}
