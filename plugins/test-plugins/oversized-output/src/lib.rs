//! Test plugin: returns far too many blocks.

use hostile::{Block, Misbehave, PageContext, Text, Ui};

struct Flood;

impl Misbehave for Flood {
    fn render(_context: &PageContext) -> Ui {
        let blocks = (0..5_000)
            .map(|i| Block::Paragraph(Text::Plain(format!("paragraph {i}"))))
            .collect();
        Ui {
            blocks,
            root: (0..5_000).collect(),
        }
    }
}

hostile::hostile_plugin!(Flood);
