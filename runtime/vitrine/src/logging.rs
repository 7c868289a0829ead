//! Structured logs through `tracing`; `RUST_LOG` filters, `--log-format json` for machines.
//!
//! In the text format every line is one event, whatever its fields hold: field values are
//! written logfmt-style (quoted when they contain spaces, quotes or `=`) with control and
//! bidirectional characters escaped, and the message is escaped the same way. Text that
//! comes from plugins or requests is only ever a field value, so it cannot forge a line or a
//! field. The JSON format escapes values as JSON strings.

use std::fmt::{self, Write as _};

use tracing::field::{Field, Visit};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::field::{MakeVisitor, VisitFmt, VisitOutput};
use tracing_subscriber::fmt::format::Writer;

use crate::LogFormat;

/// Installs the global subscriber.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,icu_provider=error"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.fmt_fields(EscapedFields).init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .init(),
    }
}

/// Field formatting for the text format: one line per event, always.
#[derive(Clone, Copy, Debug, Default)]
pub struct EscapedFields;

impl<'w> MakeVisitor<Writer<'w>> for EscapedFields {
    type Visitor = EscapingVisitor<'w>;

    fn make_visitor(&self, target: Writer<'w>) -> Self::Visitor {
        EscapingVisitor {
            writer: target,
            first: true,
            result: Ok(()),
        }
    }
}

/// Writes one event's or span's fields.
pub struct EscapingVisitor<'w> {
    writer: Writer<'w>,
    first: bool,
    result: fmt::Result,
}

impl EscapingVisitor<'_> {
    fn write(&mut self, field: &Field, value: &str) {
        if self.result.is_err() {
            return;
        }
        let separator = if self.first { "" } else { " " };
        self.first = false;
        self.result = if field.name() == "message" {
            write!(self.writer, "{separator}{}", Escaped(value))
        } else {
            write!(self.writer, "{separator}{}={}", field.name(), Value(value))
        };
    }
}

impl Visit for EscapingVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.write(field, value);
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.write(field, &format!("{value:?}"));
    }
}

impl VisitOutput<fmt::Result> for EscapingVisitor<'_> {
    fn finish(self) -> fmt::Result {
        self.result
    }
}

impl VisitFmt for EscapingVisitor<'_> {
    fn writer(&mut self) -> &mut dyn fmt::Write {
        &mut self.writer
    }
}

/// Characters that would break a line or reorder how it reads.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn write_escaped(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    match c {
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\t' => f.write_str("\\t"),
        c => write!(f, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// A message: written as is, but for escaped control and bidirectional characters.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if needs_escape(c) {
                write_escaped(f, c)?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// A field value: bare when it is a plain token, else quoted with `\"`, `\\` and every
/// control and bidirectional character escaped.
struct Value<'a>(&'a str);

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bare = !self.0.is_empty()
            && !self
                .0
                .chars()
                .any(|c| needs_escape(c) || matches!(c, ' ' | '"' | '=' | '\\'));
        if bare {
            return f.write_str(self.0);
        }
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c if needs_escape(c) => write_escaped(f, c)?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("buffer").extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn text_log(log: impl FnOnce()) -> String {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .without_time()
            .with_writer(move || writer.clone())
            .fmt_fields(EscapedFields)
            .finish();
        tracing::subscriber::with_default(subscriber, log);
        let bytes = buffer.0.lock().expect("buffer").clone();
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn a_forged_line_stays_inside_its_field() {
        let forged = "picked\n2026-12-01T00:00:00Z ERROR vitrine: forged plugin=other";
        let log = text_log(|| tracing::info!(plugin = "shop", text = forged, "plugin log"));
        assert_eq!(log.lines().count(), 1, "{log}");
        assert!(
            log.contains(
                "plugin log plugin=shop text=\"picked\\n2026-12-01T00:00:00Z ERROR vitrine: forged plugin=other\""
            ),
            "{log}"
        );
    }

    #[test]
    fn display_values_and_messages_are_escaped_too() {
        let detail = "unknown message id `a\r\nb`";
        let log = text_log(|| {
            tracing::warn!(cause = %"trap", detail = %detail, "call \u{202e}failed\n");
        });
        assert_eq!(log.lines().count(), 1, "{log}");
        assert!(log.contains("call \\u{202e}failed\\n"), "{log}");
        assert!(log.contains("cause=trap "), "{log}");
        assert!(
            log.contains("detail=\"unknown message id `a\\r\\nb`\""),
            "{log}"
        );
    }

    #[test]
    fn quotes_and_backslashes_cannot_end_a_value_early() {
        let log = text_log(|| tracing::info!(text = "a\" forged=\"1\\", "x"));
        assert!(log.contains("text=\"a\\\" forged=\\\"1\\\\\""), "{log}");
    }
}
