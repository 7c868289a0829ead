//! Test plugin: reads the same storage key for ever.

use hostile::{Misbehave, PageContext, Ui, storage};

struct Spinner;

impl Misbehave for Spinner {
    fn render(_context: &PageContext) -> Ui {
        loop {
            std::hint::black_box(storage::get("key"));
        }
    }
}

hostile::hostile_plugin!(Spinner);
