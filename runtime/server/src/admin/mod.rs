//! The control plane's HTTP API, on a listener of its own (`--admin-addr`, loopback by
//! default), apart from the shop: JSON in and out, bearer-token authentication, and an
//! audit entry in the database for every mutating call, accepted or refused. Its work
//! (database writes, snapshot swaps, purges) happens here, never on the request path: a
//! shop request only ever reads the snapshot it started with.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;

use hyper::body::Incoming;
use hyper::header::{ALLOW, HeaderValue, WWW_AUTHENTICATE};
use hyper::http::request::Parts;
use hyper::{Method, Request, StatusCode};
use tokio::net::TcpListener;
use vitrine_store::AuditEntry;

use crate::AppState;
use crate::http::{self, REQUEST_ID, RequestId};
use crate::response::Resp;

mod activate;
mod audit;
mod auth;
mod catalogue;
mod input;
mod plugins;
mod purge;
mod recalls;
mod reload;
mod reply;
mod status;

pub use auth::MIN_TOKEN_CHARS;
pub use recalls::in_effect as recalls_in_effect;
use reply::{ApiError, Reply, json};

/// Serves the admin API until `shutdown` resolves; `token` is the bearer token callers
/// must send (`None` keeps the API closed: every call answers 503 saying how to open it).
pub async fn serve_admin(
    listener: TcpListener,
    state: AppState,
    token: Option<&str>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let auth = Arc::new(auth::Auth::new(token));
    let admin = state.clone();
    http::accept(listener, &state, shutdown, move |request| {
        let state = admin.clone();
        let auth = Arc::clone(&auth);
        async move { Ok::<_, Infallible>(answer(&state, &auth, request).await) }
    })
    .await
}

/// What an admin request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call<'a> {
    Status,
    Audit,
    Recalls { all: bool },
    Recall,
    LiftRecall(&'a str),
    Purge,
    Reload { dry_run: bool },
    Import { merge: bool, dry_run: bool },
    Plugins,
    Upload { plugin: &'a str, version: &'a str },
    Activate(&'a str),
    Rollback(&'a str),
    NotAllowed(&'static str),
    NotFound,
}

impl<'a> Call<'a> {
    fn parse(method: &Method, path: &'a str, query: Option<&str>) -> Self {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        let get = method == Method::GET || method == Method::HEAD;
        match (segments.as_slice(), method) {
            (["admin", "status"], _) if get => Call::Status,
            (["admin", "audit"], _) if get => Call::Audit,
            (["admin", "recalls"], _) if get => Call::Recalls {
                all: flag(query, "all"),
            },
            (["admin", "recalls"], &Method::POST) => Call::Recall,
            (["admin", "recalls", id], &Method::DELETE) => Call::LiftRecall(id),
            (["admin", "purge"], &Method::POST) => Call::Purge,
            (["admin", "reload"], &Method::POST) => Call::Reload {
                dry_run: flag(query, "dry_run"),
            },
            (["admin", "catalogue"], &Method::POST) => Call::Import {
                merge: flag(query, "merge"),
                dry_run: flag(query, "dry_run"),
            },
            (["admin", "plugins"], _) if get => Call::Plugins,
            (["admin", "plugins", plugin, "versions", version], &Method::PUT) => {
                Call::Upload { plugin, version }
            }
            (["admin", "plugins", plugin, "activate"], &Method::POST) => Call::Activate(plugin),
            (["admin", "plugins", plugin, "rollback"], &Method::POST) => Call::Rollback(plugin),
            (["admin", "status" | "audit" | "plugins"], _) => Call::NotAllowed("GET, HEAD"),
            (["admin", "plugins", _, "versions", _], _) => Call::NotAllowed("PUT"),
            (["admin", "plugins", _, "activate" | "rollback"], _) => Call::NotAllowed("POST"),
            (["admin", "recalls"], _) => Call::NotAllowed("GET, HEAD, POST"),
            (["admin", "recalls", _], _) => Call::NotAllowed("DELETE"),
            (["admin", "purge" | "reload" | "catalogue"], _) => Call::NotAllowed("POST"),
            _ => Call::NotFound,
        }
    }

    /// The audit log's name for a call that changes something; `None` for reads.
    fn action(self) -> Option<&'static str> {
        match self {
            Call::Recall => Some("recall"),
            Call::LiftRecall(_) => Some("lift-recall"),
            Call::Purge => Some("purge"),
            Call::Reload { dry_run: false } => Some("reload"),
            Call::Reload { dry_run: true } => Some("reload-dry-run"),
            Call::Import { dry_run: false, .. } => Some("import-catalogue"),
            Call::Import { dry_run: true, .. } => Some("import-catalogue-dry-run"),
            Call::Upload { .. } => Some("upload-plugin"),
            Call::Activate(_) => Some("activate-plugin"),
            Call::Rollback(_) => Some("rollback-plugin"),
            _ => None,
        }
    }
}

/// Whether the query string sets `name=true`.
fn flag(query: Option<&str>, name: &str) -> bool {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .any(|(k, v)| k == name && v == "true")
}

async fn answer(state: &AppState, auth: &auth::Auth, request: Request<Incoming>) -> Resp {
    let id = RequestId::next().to_string();
    let (parts, body) = request.into_parts();
    let (method, uri) = (parts.method.clone(), parts.uri.clone());
    let call = Call::parse(&method, uri.path(), uri.query());
    let outcome = match auth.check(&parts.headers) {
        Ok(()) => run(state, parts, body, &id).await,
        Err(refused) => Err(refused),
    };
    respond(call, outcome, &method, &uri, &id)
}

/// Runs an authenticated call on a task of its own: a change, once started, finishes and
/// is audited even when the caller hangs up or the answer outlasts the request timeout.
async fn run(state: &AppState, parts: Parts, body: Incoming, id: &str) -> Result<Reply, ApiError> {
    let task = tokio::spawn({
        let (state, id) = (state.clone(), id.to_owned());
        async move {
            let call = Call::parse(&parts.method, parts.uri.path(), parts.uri.query());
            let outcome = dispatch(&state, call, &parts, body, &id).await;
            record(&state, call, &outcome, &id).await;
            outcome
        }
    });
    match tokio::time::timeout(state.config().request_timeout, task).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => {
            tracing::error!(%error, "admin call failed");
            Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the call failed",
            ))
        }
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the call is taking too long to answer; it goes on, and the audit log will say how it ended",
        )),
    }
}

async fn dispatch(
    state: &AppState,
    call: Call<'_>,
    parts: &Parts,
    body: Incoming,
    id: &str,
) -> Result<Reply, ApiError> {
    let limit = state.config().max_body_bytes;
    match call {
        Call::Status => status::status(state).await,
        Call::Audit => audit::log(state, parts.uri.query()).await,
        Call::Recalls { all } => recalls::list(state, all).await,
        Call::Recall => recalls::create(state, input::object(parts, body, limit).await?, id).await,
        Call::LiftRecall(recall) => recalls::lift(state, recall, id).await,
        Call::Purge => purge::purge(state, input::object(parts, body, limit).await?).await,
        Call::Reload { dry_run } => reload::reload_site(state, dry_run).await,
        Call::Import { merge, dry_run } => {
            catalogue::import(state, (merge, dry_run), parts, body, id).await
        }
        Call::Plugins => plugins::list(state).await,
        Call::Upload { plugin, version } => {
            plugins::upload(state, (plugin, version), parts, body, id).await
        }
        Call::Activate(plugin) => {
            let fields = input::object(parts, body, limit).await?;
            activate::activate(state, plugin, fields, id).await
        }
        Call::Rollback(plugin) => {
            input::empty_or_object(parts, body, limit).await?.finish()?;
            activate::rollback(state, plugin, id).await
        }
        Call::NotAllowed(_) => Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{} is not allowed on {}", parts.method, parts.uri.path()),
        )),
        Call::NotFound => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no admin call at {}", parts.uri.path()),
        )),
    }
}

/// Records a mutating call in the audit log, unless its handler already did (with the
/// change, in one transaction).
async fn record(state: &AppState, call: Call<'_>, outcome: &Result<Reply, ApiError>, id: &str) {
    let Some(action) = call.action() else {
        return;
    };
    let (target, result) = match outcome {
        Ok(reply) if reply.audited => return,
        Ok(reply) => (reply.target.clone(), "ok".to_owned()),
        Err(error) => (
            target_of(call),
            format!("refused ({}): {}", error.status.as_u16(), error.error),
        ),
    };
    let entry = AuditEntry {
        action: action.to_owned(),
        target,
        result,
        request_id: id.to_owned(),
    };
    if let Err(error) = state.db().audit(&entry).await {
        tracing::error!(%error, action, "the audit entry could not be written");
    }
}

fn target_of(call: Call<'_>) -> String {
    match call {
        Call::LiftRecall(id) | Call::Activate(id) | Call::Rollback(id) => id.to_owned(),
        Call::Upload { plugin, version } => format!("{plugin}@{version}"),
        _ => String::new(),
    }
}

fn respond(
    call: Call<'_>,
    outcome: Result<Reply, ApiError>,
    method: &Method,
    uri: &hyper::Uri,
    id: &str,
) -> Resp {
    let (status, body) = match &outcome {
        Ok(reply) => (reply.status, reply.body.clone()),
        Err(error) => (error.status, error.body()),
    };
    tracing::info!(
        request = id,
        method = %method,
        path = %uri.path(),
        status = status.as_u16(),
        "admin call"
    );
    let mut response = json(status, &body);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(id) {
        headers.insert(REQUEST_ID, value);
    }
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if let Call::NotAllowed(allow) = call {
        headers.insert(ALLOW, HeaderValue::from_static(allow));
    }
    crate::response::add_security_headers(headers);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_read_from_method_and_path() {
        let parse = |method: Method, path| Call::parse(&method, path, None);
        assert_eq!(parse(Method::GET, "/admin/status"), Call::Status);
        assert_eq!(parse(Method::POST, "/admin/recalls/"), Call::Recall);
        assert_eq!(
            parse(Method::DELETE, "/admin/recalls/rc-1"),
            Call::LiftRecall("rc-1")
        );
        assert_eq!(parse(Method::PUT, "/admin/purge"), Call::NotAllowed("POST"));
        assert_eq!(parse(Method::GET, "/admin"), Call::NotFound);
        assert_eq!(
            parse(
                Method::PUT,
                "/admin/plugins/click-and-collect/versions/1.1.0"
            ),
            Call::Upload {
                plugin: "click-and-collect",
                version: "1.1.0"
            }
        );
        assert_eq!(
            parse(Method::POST, "/admin/plugins/click-and-collect/rollback"),
            Call::Rollback("click-and-collect")
        );
        assert_eq!(
            parse(Method::POST, "/admin/plugins/x/versions/1"),
            Call::NotAllowed("PUT")
        );
        assert_eq!(parse(Method::GET, "/nl-nl/"), Call::NotFound);
        let all = Call::parse(&Method::GET, "/admin/recalls", Some("all=true"));
        assert_eq!(all, Call::Recalls { all: true });
    }
}
