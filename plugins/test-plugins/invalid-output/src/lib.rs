//! Test plugin: a price in the wrong currency (Dutch storefronts) or an unknown message id.

use hostile::{Block, Message, Misbehave, Money, PageContext, Text, Ui};

struct Invalid;

impl Misbehave for Invalid {
    fn render(context: &PageContext) -> Ui {
        let block = if context.storefront.starts_with("nl") {
            Block::Price(Money {
                amount_minor: 1000,
                currency: "XXX".into(),
            })
        } else {
            Block::Paragraph(Text::Message(Message {
                id: "no-such-message".into(),
                args: Vec::new(),
            }))
        };
        Ui {
            blocks: vec![block],
            root: vec![0],
        }
    }
}

hostile::hostile_plugin!(Invalid);
