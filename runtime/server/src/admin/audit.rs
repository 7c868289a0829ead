//! `GET /admin/audit[?limit=N&before=ID]`: the audit log, newest first, a page at a time.

use serde_json::{Value, json};
use vitrine_store::AuditRecord;

use super::reply::{ApiError, Reply, timestamp};
use crate::AppState;

/// Entries per page unless the caller asks otherwise.
const DEFAULT_PAGE: u32 = 100;

/// One page of the log; `next` is the `before` of the following page.
pub async fn log(state: &AppState, query: Option<&str>) -> Result<Reply, ApiError> {
    let (limit, before) = paging(query.unwrap_or_default());
    let entries = state
        .db()
        .audit_log(limit, before)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let next = (entries.len() == limit as usize)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    let entries: Vec<Value> = entries.iter().map(view).collect();
    Ok(Reply::ok(
        "audit",
        json!({ "entries": entries, "next": next }),
    ))
}

fn paging(query: &str) -> (u32, Option<i64>) {
    let mut limit = DEFAULT_PAGE;
    let mut before = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "limit" => {
                limit = value
                    .parse()
                    .unwrap_or(DEFAULT_PAGE)
                    .clamp(1, vitrine_store::MAX_AUDIT_PAGE)
            }
            "before" => before = value.parse().ok(),
            _ => {}
        }
    }
    (limit, before)
}

fn view(entry: &AuditRecord) -> Value {
    json!({
        "id": entry.id,
        "at": timestamp(entry.at_ms),
        "action": entry.action,
        "target": entry.target,
        "result": entry.result,
        "request_id": entry.request_id,
    })
}
