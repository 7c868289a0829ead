//! `log`: log lines attributed to the plugin and market. The plugin's text is a field value
//! (`text`), never the line's message, so the log format escapes it like any other value and
//! it cannot forge a line or a field.

use vitrine_site::Capability;

use crate::bindings::vitrine::plugin::log::{self, Level};
use crate::limits::{MAX_LOG_BYTES, MAX_LOG_LINES};
use crate::state::CallState;

impl log::Host for CallState {
    async fn log(&mut self, level: Level, message: String) -> wasmtime::Result<()> {
        self.enter(Capability::Log)?;
        if self.log_lines >= MAX_LOG_LINES {
            return Ok(());
        }
        self.log_lines += 1;
        let text = truncated(&message, MAX_LOG_BYTES);
        let env = &self.env;
        let (plugin, version, market) = (&env.plugin, &env.version, &env.market);
        match level {
            Level::Debug => tracing::debug!(%plugin, %version, %market, text, "plugin log"),
            Level::Info => tracing::info!(%plugin, %version, %market, text, "plugin log"),
            Level::Warn => tracing::warn!(%plugin, %version, %market, text, "plugin log"),
            Level::Error => tracing::error!(%plugin, %version, %market, text, "plugin log"),
        }
        Ok(())
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncated(text: &str, max: usize) -> &str {
    let end = (0..=max.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    &text[..end]
}
