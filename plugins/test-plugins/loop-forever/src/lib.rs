//! Test plugin: spins forever.

use hostile::{Misbehave, PageContext, Ui};

struct Spin;

impl Misbehave for Spin {
    fn render(_context: &PageContext) -> Ui {
        let mut n: u64 = 0;
        loop {
            n = std::hint::black_box(n.wrapping_add(1));
        }
    }
}

hostile::hostile_plugin!(Spin);
