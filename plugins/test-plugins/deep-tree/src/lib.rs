//! Test plugin: nests blocks deeper than allowed.

use hostile::{Block, Misbehave, PageContext, Text, Ui};

struct Nest;

impl Misbehave for Nest {
    fn render(_context: &PageContext) -> Ui {
        let mut blocks: Vec<Block> = (0..40u32).map(|i| Block::Group(vec![i + 1])).collect();
        blocks.push(Block::Paragraph(Text::Plain("at the bottom".into())));
        Ui {
            blocks,
            root: vec![0],
        }
    }
}

hostile::hostile_plugin!(Nest);
