//! `POST /admin/purge` `{"tags": [...]}`: drops the cached pages carrying any of the tags,
//! with their compressed variants. The same tags are on every cacheable response
//! (`Cache-Tag`, `Surrogate-Key`), so a CDN in front can be purged by the same list.

use serde_json::json;
use vitrine_site::{TAG_KINDS, Tag};

use super::input::Fields;
use super::reply::{ApiError, Reply};
use crate::AppState;

/// The most tags one call may name.
const MAX_TAGS: usize = 100;

/// Purges by tag; answers how many pages were dropped.
pub async fn purge(state: &AppState, mut fields: Fields) -> Result<Reply, ApiError> {
    let tags = fields.list("tags", MAX_TAGS);
    let tags = match tags {
        Some(None) => fields.problem("tags", "is required"),
        Some(Some(tags)) => checked(tags, &mut fields),
        None => None,
    };
    fields.finish()?;
    let tags = tags.unwrap_or_default();
    let _control = state.control().await;
    let purged = state.cache().purge(&tags);
    tracing::info!(tags = %tags.join(" "), purged, "pages purged");
    Ok(Reply::ok(
        tags.join(" "),
        json!({ "tags": tags, "pages_purged": purged }),
    ))
}

fn checked(tags: Vec<String>, fields: &mut Fields) -> Option<Vec<String>> {
    let mut valid = true;
    for (i, tag) in tags.iter().enumerate() {
        if Tag::parse(tag).is_none() {
            let kinds = TAG_KINDS.join(", ");
            let rule = format!("`{tag}` is not a tag: write `kind:id` with a kind among {kinds}");
            fields.problem::<()>(&format!("tags[{i}]"), &rule);
            valid = false;
        }
    }
    valid.then_some(tags)
}
