//! `POST /admin/reload[?dry_run=true]`: builds the site again from its folder, validates it
//! with the rules of `vitrine check` and answers the diff; without `dry_run` it is then
//! swapped in and exactly the pages it touches are purged. A site with problems is refused
//! with every problem (file, key, rule) while the site serving keeps serving.

use hyper::StatusCode;
use serde_json::json;

use super::reply::{ApiError, ApiProblem, Reply};
use crate::AppState;
use crate::reload::{ReloadError, Reloaded, reload};

/// Reloads, or previews a reload.
pub async fn reload_site(state: &AppState, dry_run: bool) -> Result<Reply, ApiError> {
    let by = if dry_run { "admin dry run" } else { "admin" };
    answer(reload(state, dry_run, by).await, dry_run)
}

/// The answer to a rebuild: the diff, or why nothing changed.
pub fn answer(outcome: Result<Reloaded, ReloadError>, dry_run: bool) -> Result<Reply, ApiError> {
    match outcome {
        Ok(reloaded) => {
            let target = if dry_run { "dry run" } else { "site" };
            let body = serde_json::to_value(&reloaded).unwrap_or_else(|_| json!({}));
            Ok(Reply::ok(format!("{target} {}", reloaded.to), body))
        }
        Err(ReloadError::Embedded) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "this server serves the demo site built into the binary, which cannot change: start it with --site DIR to reload a site folder",
        )),
        Err(ReloadError::Invalid(problems)) => Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: format!(
                "the site has {} problem(s); nothing was changed and the site serving stays",
                problems.len()
            ),
            problems: problems.into_iter().map(ApiProblem::from).collect(),
        }),
        Err(ReloadError::Failed(reason)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the reload failed: {reason}; the site serving stays"),
        )),
    }
}
