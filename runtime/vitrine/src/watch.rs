//! Watching the site's folders (site, theme, locales, plugins): a burst of file events is
//! debounced into one reload, which goes through the same gate as `POST /admin/reload`
//! and is recorded in the audit log. A change that breaks the site is refused and logged;
//! the site serving stays.

use std::path::Path;
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};
use tokio::sync::mpsc;
use vitrine_server::{AppState, ReloadError, reload};
use vitrine_store::AuditEntry;

/// Quiet time after the last file event before the reload starts: editors write a file
/// in several steps, and a checkout touches many files at once.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Keeps the folders watched while it lives.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches `folders` recursively and reloads on change.
pub fn start(state: AppState, folders: &[String]) -> notify::Result<Watcher> {
    let (events, mut changed) = mpsc::unbounded_channel();
    let mut inner = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = events.send(());
        }
    })?;
    for folder in folders {
        inner.watch(Path::new(folder), RecursiveMode::Recursive)?;
    }
    tokio::spawn(async move {
        while changed.recv().await.is_some() {
            while let Ok(Some(())) = tokio::time::timeout(DEBOUNCE, changed.recv()).await {}
            reload_once(&state).await;
        }
    });
    tracing::info!(folders = %folders.join(" "), "watching the site for changes");
    Ok(Watcher { _inner: inner })
}

async fn reload_once(state: &AppState) {
    let result = match reload(state, false, "file watcher").await {
        Ok(reloaded) if reloaded.applied => format!("ok: {} → {}", reloaded.from, reloaded.to),
        Ok(_) => return,
        Err(ReloadError::Invalid(problems)) => format!("refused: {} problem(s)", problems.len()),
        Err(error) => format!("failed: {error:?}"),
    };
    let entry = AuditEntry {
        action: "reload".into(),
        target: "file watcher".into(),
        result,
        request_id: "-".into(),
    };
    if let Err(error) = state.db().audit(&entry).await {
        tracing::error!(%error, "the audit entry could not be written");
    }
}
