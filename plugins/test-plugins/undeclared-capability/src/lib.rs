//! Test plugin: reads the shopper postcode without declaring the capability.

use hostile::{Block, Misbehave, PageContext, Text, Ui};

struct Snoop;

impl Misbehave for Snoop {
    fn render(_context: &PageContext) -> Ui {
        let postcode = hostile::bindings::vitrine::plugin::shopper::postcode().unwrap_or_default();
        Ui {
            blocks: vec![Block::Paragraph(Text::Plain(postcode))],
            root: vec![0],
        }
    }
}

hostile::hostile_plugin!(Snoop);
