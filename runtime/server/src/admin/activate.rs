//! `POST /admin/plugins/{id}/activate` `{"version", "storefronts"?}` switches storefronts
//! (default: every storefront whose market enables the plugin) to an uploaded version, or
//! back to the site's own, in one step; `POST /admin/plugins/{id}/rollback` undoes the
//! latest activation still in effect, returning its storefronts to the versions they ran
//! before. The plugins of the next snapshot are loaded (from the precompiled cache) before
//! anything is recorded, so a version that would not load changes nothing; then the
//! activation is in the database, the snapshot swapped and those storefronts' pages purged.

use std::collections::BTreeSet;
use std::sync::Arc;

use hyper::StatusCode;
use serde_json::{Value, json};
use vitrine_plugins::Plugins;
use vitrine_site::{PluginPackage, Purge, Rollout, Site, Tag, enable_version};
use vitrine_store::{ActivationRecord, AuditEntry};

use super::input::Fields;
use super::plugins::{failed, host, installed, running_versions};
use super::reply::{ApiError, ApiProblem, Reply, timestamp};
use crate::rollout::{load_plugins, rollout_of};
use crate::state::PluginHost;
use crate::{AppState, Snapshot};

/// `POST /admin/plugins/{id}/activate`.
pub async fn activate(
    state: &AppState,
    plugin: &str,
    fields: Fields,
    request_id: &str,
) -> Result<Reply, ApiError> {
    let host = host(state)?.clone();
    let (version, named) = read(fields)?;
    let _control = state.control().await;
    let current = state.snapshot();
    let site = &current.site;
    installed(site, plugin)?;
    let package = version_package(site, &current.rollout, plugin, &version)?;
    let targets = targets(site, plugin, named)?;
    fits_markets(site, &package, &targets)?;
    let mut activations = in_effect(state).await?;
    activations.push(ActivationRecord {
        id: i64::MAX,
        plugin: plugin.to_owned(),
        version: version.clone(),
        storefronts: targets.clone(),
        at_ms: 0,
        rolled_back_ms: None,
    });
    let (rollout, plugins) = next_plugins(&host, &current, &activations).await?;
    refuse_new_problems(&current.plugins, &plugins, plugin)?;
    let audit = entry("activate-plugin", plugin, &version, &targets, request_id);
    let record = state
        .db()
        .activate_plugin(plugin, &version, &targets, &audit)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let mut body = switch(state, &current, (rollout, plugins), &record);
    tracing::info!(plugin, version, storefronts = %targets.join(" "), purged = %body["pages_purged"], "plugin version activated");
    body["activation"] = activation_view(&record);
    Ok(Reply::ok(audit.target, body).audited())
}

/// `POST /admin/plugins/{id}/rollback`.
pub async fn rollback(state: &AppState, plugin: &str, request_id: &str) -> Result<Reply, ApiError> {
    let host = host(state)?.clone();
    let _control = state.control().await;
    let current = state.snapshot();
    let own = installed(&current.site, plugin)?;
    let mut activations = in_effect(state).await?;
    let Some(latest) = activations.iter().rposition(|a| a.plugin == plugin) else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "no activation of `{plugin}` is in effect: every storefront runs the site's version {}",
                own.version
            ),
        ));
    };
    let undone = activations.remove(latest);
    let next = next_plugins(&host, &current, &activations).await?;
    let audit = entry(
        "rollback-plugin",
        plugin,
        &undone.version,
        &undone.storefronts,
        request_id,
    );
    let record = state
        .db()
        .roll_back_plugin(plugin, &audit)
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .unwrap_or(undone);
    let mut body = switch(state, &current, next, &record);
    tracing::info!(plugin, version = %record.version, storefronts = %record.storefronts.join(" "), purged = %body["pages_purged"], "plugin activation rolled back");
    body["rolled_back"] = activation_view(&record);
    Ok(Reply::ok(audit.target, body).audited())
}

/// The fields of an activation: the version, and the storefronts if named.
fn read(mut fields: Fields) -> Result<(String, Option<Vec<String>>), ApiError> {
    let version = fields.text("version", 64);
    let storefronts = fields.list("storefronts", 1000);
    fields.finish()?;
    match (version, storefronts) {
        (Some(version), Some(storefronts)) => Ok((version, storefronts)),
        _ => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the request is not valid",
        )),
    }
}

async fn in_effect(state: &AppState) -> Result<Vec<ActivationRecord>, ApiError> {
    state
        .db()
        .activations_in_effect()
        .await
        .map_err(|e| ApiError::unavailable(&e))
}

/// The rollout of these activations, and the serving site's plugins loaded for it.
async fn next_plugins(
    host: &PluginHost,
    current: &Snapshot,
    activations: &[ActivationRecord],
) -> Result<(Arc<Rollout>, Arc<Plugins>), ApiError> {
    let rollout = Arc::new(rollout_of(
        current.rollout.all_uploaded().cloned(),
        activations,
    ));
    let plugins = load_plugins(host, Arc::clone(&current.site), Arc::clone(&rollout))
        .await
        .ok_or_else(|| failed(&"the loading task stopped"))?;
    Ok((rollout, plugins))
}

/// Publishes the snapshot with the next plugins, purging the pages of the storefronts the
/// change concerns; the answer shows what each storefront ran before and runs now.
fn switch(
    state: &AppState,
    current: &Snapshot,
    (rollout, plugins): (Arc<Rollout>, Arc<Plugins>),
    change: &ActivationRecord,
) -> Value {
    let before = running_versions(current, &change.plugin);
    let purge = Purge::Tags(
        change
            .storefronts
            .iter()
            .map(|id| Tag::Storefront(id).to_string())
            .collect(),
    );
    let purged = state.publish(current.with_rollout(plugins, rollout), &purge);
    json!({
        "storefronts": change.storefronts,
        "before": before,
        "now": running_versions(&state.snapshot(), &change.plugin),
        "pages_purged": purged,
    })
}

fn entry(
    action: &str,
    plugin: &str,
    version: &str,
    storefronts: &[String],
    request_id: &str,
) -> AuditEntry {
    AuditEntry {
        action: action.into(),
        target: format!("{plugin}@{version} {}", storefronts.join(" ")),
        result: "ok".into(),
        request_id: request_id.to_owned(),
    }
}

/// The package a version names: an uploaded one, or the site's own.
fn version_package(
    site: &Site,
    rollout: &Rollout,
    plugin: &str,
    version: &str,
) -> Result<Arc<PluginPackage>, ApiError> {
    if let Some(own) = site.plugins.get(plugin)
        && own.version == version
    {
        return Ok(Arc::clone(own));
    }
    rollout.uploaded(plugin, version).cloned().ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("version {version} of `{plugin}` is not uploaded: PUT it to /admin/plugins/{plugin}/versions/{version} first"),
        )
    })
}

/// The storefronts an activation switches: those named, each of which must exist and have
/// a market that enables the plugin, or every storefront whose market does.
fn targets(site: &Site, plugin: &str, named: Option<Vec<String>>) -> Result<Vec<String>, ApiError> {
    let enables = |id: &str| {
        site.storefront(id)
            .is_some_and(|s| site.market_of(s).plugins.contains_key(plugin))
    };
    let Some(named) = named else {
        let all: BTreeSet<String> = site
            .storefronts
            .iter()
            .filter(|s| enables(&s.id))
            .map(|s| s.id.clone())
            .collect();
        if all.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("no market enables `{plugin}`: enable it in a market file first"),
            ));
        }
        return Ok(all.into_iter().collect());
    };
    let mut problems = Vec::new();
    for (i, id) in named.iter().enumerate() {
        let rule = match site.storefront(id) {
            None => format!("no storefront has the id `{id}`"),
            Some(s) if !enables(id) => format!(
                "market `{}` does not enable `{plugin}` (add `[plugins.{plugin}]` to its market file)",
                s.market
            ),
            Some(_) => continue,
        };
        problems.push(ApiProblem::field(format!("storefronts[{i}]"), rule));
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let unique: BTreeSet<String> = named.into_iter().collect();
    Ok(unique.into_iter().collect())
}

/// Every market of the targets must grant what the version declares and set what it needs.
fn fits_markets(site: &Site, package: &PluginPackage, targets: &[String]) -> Result<(), ApiError> {
    let markets: BTreeSet<&str> = targets
        .iter()
        .filter_map(|id| site.storefront(id))
        .map(|s| s.market.as_str())
        .collect();
    let mut problems = Vec::new();
    for market in markets {
        let Some(enabled) = site
            .markets
            .get(market)
            .and_then(|m| m.plugins.get(&package.id))
        else {
            continue;
        };
        if let Err(found) = enable_version(package, &enabled.granted, &enabled.given) {
            problems.extend(found.into_iter().map(|(key, rule)| ApiProblem {
                file: Some(format!("markets/{market}.toml")),
                key: Some(format!("plugins.{}.{key}", package.id)),
                rule: format!("version {}: {rule}", package.version),
                ..ApiProblem::default()
            }));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: format!(
                "version {} of `{}` does not fit the markets of these storefronts; nothing was changed",
                package.version, package.id
            ),
            problems,
        })
    }
}

/// A version that would not load (or not fit the plugin memory budget beside the others)
/// refuses the activation: problems the serving snapshot does not have.
fn refuse_new_problems(current: &Plugins, next: &Plugins, plugin: &str) -> Result<(), ApiError> {
    let new: Vec<ApiProblem> = next
        .problems
        .iter()
        .filter(|p| !current.problems.contains(p))
        .cloned()
        .map(ApiProblem::from)
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    Err(ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        error: format!("`{plugin}` would not load in those storefronts; nothing was changed"),
        problems: new,
    })
}

/// An activation as the API shows it.
pub fn activation_view(record: &ActivationRecord) -> Value {
    json!({
        "id": record.id,
        "plugin": record.plugin,
        "version": record.version,
        "storefronts": record.storefronts,
        "activated_at": timestamp(record.at_ms),
        "rolled_back_at": record.rolled_back_ms.map(timestamp),
    })
}
