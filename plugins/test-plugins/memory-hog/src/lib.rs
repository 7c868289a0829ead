//! Test plugin: allocates until it is stopped.

use hostile::{Misbehave, PageContext, Ui};

struct Hoard;

impl Misbehave for Hoard {
    fn render(_context: &PageContext) -> Ui {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        loop {
            hoard.push(std::hint::black_box(vec![7u8; 1 << 20]));
        }
    }
}

hostile::hostile_plugin!(Hoard);
