//! `/admin/plugins`: the versions of each plugin and where they run.
//! `PUT /admin/plugins/{id}/versions/{version}` uploads a package as a tar archive
//! (optionally gzip-compressed) of `plugin.toml`, `plugin.wasm` and
//! `locales/{locale}/*.ftl`. It is unpacked within bounds, read with the rules of the site's
//! plugins folder, its messages checked for every storefront that could run it, and its
//! component compiled and checked against this host (and kept precompiled) before it is
//! stored: a version in the database can be activated at once. Versions never change once
//! uploaded.

use std::sync::Arc;

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use serde_json::{Value, json};
use vitrine_plugins::check_package;
use vitrine_site::{PluginPackage, Problem, Site, package_completeness};
use vitrine_store::{AuditEntry, NewVersion, PutVersion, VersionRecord};

use super::reply::{ApiError, ApiProblem, Reply, timestamp};
use crate::forms::{FormError, read_body};
use crate::rollout::read_version;
use crate::state::PluginHost;
use crate::{AppState, Snapshot};

/// The largest package archive an upload may send.
pub const MAX_PACKAGE_BYTES: usize = 32 << 20;

/// The longest version string.
const MAX_VERSION_CHARS: usize = 64;

/// `PUT /admin/plugins/{id}/versions/{version}`.
pub async fn upload(
    state: &AppState,
    (plugin, version): (&str, &str),
    parts: &Parts,
    body: Incoming,
    request_id: &str,
) -> Result<Reply, ApiError> {
    let site = Arc::clone(&state.snapshot().site);
    check_target(&site, plugin, version)?;
    let host = host(state)?.clone();
    let archive = read_body(&parts.headers, body, MAX_PACKAGE_BYTES)
        .await
        .map_err(too_large)?;
    let (id, v, bytes) = (plugin.to_owned(), version.to_owned(), archive.clone());
    let checked = tokio::task::spawn_blocking(move || validate(&site, &host, &id, &v, &bytes))
        .await
        .map_err(|e| failed(&e))?;
    let (package, digest) = checked.map_err(|problems| refused(plugin, version, problems))?;
    let new = NewVersion {
        plugin: plugin.to_owned(),
        version: version.to_owned(),
        digest: hex(&digest),
        archive: archive.to_vec(),
    };
    store(state, new, package, request_id).await
}

/// An upload must name an installed plugin and a version of its own.
fn check_target(site: &Site, plugin: &str, version: &str) -> Result<(), ApiError> {
    let own = installed(site, plugin)?;
    check_version_name(version)?;
    if version == own.version {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "version {version} of `{plugin}` is the one in the site's plugins folder; upload the package under a version of its own"
            ),
        ));
    }
    Ok(())
}

/// Keeps a checked version (the snapshot then knows it; no storefront runs it yet).
async fn store(
    state: &AppState,
    new: NewVersion,
    package: PluginPackage,
    request_id: &str,
) -> Result<Reply, ApiError> {
    let target = format!("{}@{}", new.plugin, new.version);
    let audit = AuditEntry {
        action: "upload-plugin".into(),
        target: target.clone(),
        result: "ok".into(),
        request_id: request_id.to_owned(),
    };
    let _control = state.control().await;
    let put = state
        .db()
        .put_plugin_version(&new, &audit)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    match put {
        PutVersion::Created(record) => {
            let current = state.snapshot();
            let rollout = current.rollout.with_uploaded(Arc::new(package));
            let next = current.with_rollout(Arc::clone(&current.plugins), Arc::new(rollout));
            publish_quietly(state, next);
            tracing::info!(plugin = %record.plugin, version = %record.version, digest = %record.digest, "plugin version uploaded");
            Ok(Reply::created(target, version_view(&record)).audited())
        }
        PutVersion::Unchanged(record) => {
            let mut body = version_view(&record);
            body["unchanged"] = json!(true);
            Ok(Reply::ok(format!("{target} (unchanged)"), body))
        }
        PutVersion::Conflict(record) => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "version {} of `{}` was uploaded before with other files (sha256 {}); a version never changes: upload this one under a new version",
                record.version, record.plugin, record.digest
            ),
        )),
    }
}

/// A snapshot that changes no page (a version uploaded but not yet running anywhere).
fn publish_quietly(state: &AppState, next: Snapshot) {
    state.publish(next, &vitrine_site::Purge::Tags(Vec::new()));
}

/// Every check an uploaded version passes before it is stored: the package and the digest
/// of its files.
fn validate(
    site: &Site,
    host: &PluginHost,
    plugin: &str,
    version: &str,
    archive: &[u8],
) -> Result<(PluginPackage, [u8; 32]), Vec<Problem>> {
    let (package, digest) = read_version(plugin, version, archive)?;
    let mut problems = package_completeness(
        &package,
        &site.markets,
        &site.storefronts,
        &site.default_language,
    );
    if problems.is_empty() {
        problems = check_package(&host.engine, &package, host.cache_dir.as_deref());
    }
    if problems.is_empty() {
        Ok((package, digest))
    } else {
        Err(problems)
    }
}

/// `GET /admin/plugins`: each plugin's versions (the site's and the uploaded ones), the
/// version each storefront runs, and the activations in effect.
pub async fn list(state: &AppState) -> Result<Reply, ApiError> {
    let snapshot = state.snapshot();
    let db = state.db();
    let uploaded = db
        .plugin_versions()
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let activations = db
        .activations_in_effect()
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let plugins: Vec<Value> = snapshot
        .site
        .plugins
        .values()
        .map(|own| {
            let versions: Vec<Value> = uploaded
                .iter()
                .filter(|v| v.plugin == own.id)
                .map(version_view)
                .collect();
            let in_effect: Vec<Value> = activations
                .iter()
                .filter(|a| a.plugin == own.id)
                .map(super::activate::activation_view)
                .collect();
            json!({
                "id": own.id,
                "site_version": own.version,
                "uploaded": versions,
                "storefronts": running_versions(&snapshot, &own.id),
                "activations": in_effect,
            })
        })
        .collect();
    Ok(Reply::ok("plugins", json!({ "plugins": plugins })))
}

/// Storefront → the version of `plugin` it runs (`null` where it runs none).
pub fn running_versions(snapshot: &Snapshot, plugin: &str) -> Value {
    let map: serde_json::Map<String, Value> = snapshot
        .site
        .storefronts
        .iter()
        .map(|s| {
            let running = snapshot.plugins.running_in(&s.id, plugin);
            (s.id.clone(), json!(running.map(|p| p.version.as_str())))
        })
        .collect();
    Value::Object(map)
}

/// The site's package of `plugin`, or 404.
pub fn installed<'s>(site: &'s Site, plugin: &str) -> Result<&'s Arc<PluginPackage>, ApiError> {
    site.plugins.get(plugin).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no plugin `{plugin}` is installed in the site's plugins folder (a version can be uploaded for an installed plugin)"),
        )
    })
}

/// The plugin host, or 503 when this server cannot compile plugins.
pub fn host(state: &AppState) -> Result<&PluginHost, ApiError> {
    state.plugin_host().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server has no plugin engine for the control plane; nothing was changed",
        )
    })
}

/// The task loading plugins failed: 500, nothing changed.
pub fn failed(error: &impl std::fmt::Display) -> ApiError {
    tracing::error!(%error, "admin call: loading plugins failed");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "loading the plugins failed; nothing was changed",
    )
}

fn check_version_name(version: &str) -> Result<(), ApiError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_');
    let fine = (1..=MAX_VERSION_CHARS).contains(&version.len())
        && version.chars().all(allowed)
        && version.starts_with(|c: char| c.is_ascii_alphanumeric());
    if fine {
        return Ok(());
    }
    Err(ApiError::invalid(vec![ApiProblem::field(
        "version",
        format!(
            "a version is 1 to {MAX_VERSION_CHARS} letters, digits, `.`, `-`, `+` or `_`, starting with a letter or digit (such as `1.2.0`)"
        ),
    )]))
}

fn too_large(error: FormError) -> ApiError {
    match error {
        FormError::TooLarge => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the package is larger than {} MiB", MAX_PACKAGE_BYTES >> 20),
        ),
        FormError::Malformed => ApiError::new(
            StatusCode::BAD_REQUEST,
            "the request body could not be read",
        ),
    }
}

fn refused(plugin: &str, version: &str, problems: Vec<Problem>) -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        error: format!(
            "version {version} of `{plugin}` has {} problem(s); it was not stored",
            problems.len()
        ),
        problems: problems.into_iter().map(ApiProblem::from).collect(),
    }
}

fn version_view(record: &VersionRecord) -> Value {
    json!({
        "plugin": record.plugin,
        "version": record.version,
        "sha256": record.digest,
        "uploaded_at": timestamp(record.uploaded_ms),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
