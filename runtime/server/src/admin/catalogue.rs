//! `POST /admin/catalogue[?merge=true][&dry_run=true]`: imports a catalogue feed (JSON
//! Lines, `docs/catalogue-feed.md`) into a site whose catalogue is its feed. The feed is
//! read line by line, the site built with it and checked with the rules of `vitrine check`;
//! only then is it stored (one transaction, with its audit entry) and the snapshot swapped,
//! purging exactly the pages it changes. Any problem (with its line, field and rule)
//! refuses the whole import: nothing is stored and the site serving stays. With `merge`,
//! the feed's records replace the stored ones with the same id and the rest stay; without,
//! the feed is the whole catalogue.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use vitrine_site::feed::Feed;
use vitrine_store::AuditEntry;

use super::reload::answer;
use super::reply::{ApiError, ApiProblem, Reply};
use crate::AppState;
use crate::forms::{FormError, read_body};
use crate::reload::{CatalogueInput, rebuild};

/// The largest feed one call may send (about 150,000 products in five languages and 40
/// markets).
pub const MAX_FEED_BYTES: usize = 256 << 20;

/// How problems name a feed sent to the admin API.
const FEED_FILE: &str = "feed";

/// Imports a feed, or previews the import.
pub async fn import(
    state: &AppState,
    (merge, dry_run): (bool, bool),
    parts: &Parts,
    body: Incoming,
    id: &str,
) -> Result<Reply, ApiError> {
    let text = feed_text(parts, body).await?;
    let feed = Feed::parse(FEED_FILE, &text).map_err(|problems| ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        error: format!(
            "the feed has {} problem(s); nothing was imported and the site serving stays",
            problems.len()
        ),
        problems: problems.into_iter().map(ApiProblem::from).collect(),
    })?;
    let target = format!(
        "{} products, {} categories{}",
        feed.products.len(),
        feed.categories.len(),
        if merge { " (merged)" } else { "" }
    );
    let audit = AuditEntry {
        action: "import-catalogue".into(),
        target: target.clone(),
        result: "ok".into(),
        request_id: id.to_owned(),
    };
    let by = if dry_run {
        "admin catalogue dry run"
    } else {
        "admin catalogue import"
    };
    let input = CatalogueInput::Import { feed, merge, audit };
    let reply = answer(rebuild(state, dry_run, by, input).await, dry_run)?;
    let reply = Reply { target, ..reply };
    Ok(if dry_run { reply } else { reply.audited() })
}

async fn feed_text(parts: &Parts, body: Incoming) -> Result<String, ApiError> {
    let bytes = read_body(&parts.headers, body, MAX_FEED_BYTES)
        .await
        .map_err(|error| match error {
            FormError::TooLarge => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("a feed sent here is at most {MAX_FEED_BYTES} bytes; import a larger one with `vitrine catalogue import`"),
            ),
            FormError::Malformed => {
                ApiError::new(StatusCode::BAD_REQUEST, "the request body could not be read")
            }
        })?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "the feed is not valid UTF-8"))
}
