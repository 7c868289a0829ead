//! Test plugin: logs text with line breaks and quotes that imitate the server's own lines,
//! then answers with a message id that does the same.

use hostile::{Block, Misbehave, PageContext, Ui, log};

/// What the forged lines say.
const FORGED: &str =
    "2026-12-01T00:00:00.000000Z ERROR vitrine::run: FORGED-LINE plugin=click-and-collect";

struct Forger;

impl Misbehave for Forger {
    fn render(_context: &PageContext) -> Ui {
        log::log(
            log::Level::Info,
            &format!("hello\n{FORGED}\r\n\u{1b}[31mred"),
        );
        log::log(log::Level::Warn, &format!("quote\" {FORGED}"));
        let id = format!("no-such-message\n{FORGED}");
        hostile::flat(vec![Block::Paragraph(hostile::message(&id, Vec::new()))])
    }
}

hostile::hostile_plugin!(Forger);
