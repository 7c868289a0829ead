//! Test plugin: recurses without end.

use hostile::{Misbehave, PageContext, Ui};

#[allow(unconditional_recursion)]
fn deeper(n: u64) -> u64 {
    let frame = std::hint::black_box([n; 64]);
    deeper(frame[3] + 1) + frame[5]
}

struct Recurse;

impl Misbehave for Recurse {
    fn render(_context: &PageContext) -> Ui {
        let _ = deeper(0);
        Ui {
            blocks: Vec::new(),
            root: Vec::new(),
        }
    }
}

hostile::hostile_plugin!(Recurse);
