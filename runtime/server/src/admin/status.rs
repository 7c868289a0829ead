//! `GET /admin/status`: what this node serves — the snapshot's version, storefronts and
//! plugins (each version loaded, with the storefronts running it), the recalls in effect,
//! the last reload and the page cache.

use serde_json::{Value, json};

use super::reply::{ApiError, Reply};
use crate::AppState;

/// The node's state, as operators read it.
pub async fn status(state: &AppState) -> Result<Reply, ApiError> {
    let snapshot = state.snapshot();
    let site = &snapshot.site;
    let recalls = state
        .db()
        .recalls_in_effect()
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let storefronts: Vec<Value> = site
        .storefronts
        .iter()
        .map(|s| json!({ "id": s.id, "market": s.market, "locale": s.l10n.locale.tag() }))
        .collect();
    let plugins: Vec<Value> = snapshot
        .plugins
        .loaded()
        .map(|plugin| {
            let running: Vec<&str> = plugin.storefronts().collect();
            json!({ "id": plugin.id, "version": plugin.version, "storefronts": running })
        })
        .collect();
    let problems: Vec<String> = snapshot
        .plugins
        .problems
        .iter()
        .chain(&site.plugin_problems)
        .map(ToString::to_string)
        .collect();
    let recalls: Vec<&str> = recalls.iter().map(|r| r.id.as_str()).collect();
    let cache = state.cache();
    Ok(Reply::ok(
        "status",
        json!({
            "snapshot": { "version": site.version, "theme": site.theme.name, "products": site.products.len() },
            "storefronts": storefronts,
            "plugins": plugins,
            "plugin_problems": problems,
            "recalls_in_effect": recalls,
            "cache": { "pages": cache.len(), "bytes": cache.weighted_size() },
            "last_reload": state.last_reload(),
        }),
    ))
}
