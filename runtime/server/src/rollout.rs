//! The plugin rollout a snapshot carries, as the database keeps it: uploaded versions
//! (unpacked and read with the checks they passed at upload) and the activations in
//! effect, oldest first. Read at start-up and after every activation or rollback, so that
//! another node sharing the database would arrive at the same rollout.

use std::sync::Arc;

use vitrine_plugins::Plugins;
use vitrine_site::{
    Activation, PluginPackage, Problem, Rollout, Site, read_uploaded, unpack_package, upload_folder,
};
use vitrine_store::{ActivationRecord, Db, StoreError};

use crate::state::PluginHost;

/// The rollout in the database, with the problems of versions that no longer read (they
/// are left out; storefronts set to run them run the site's version).
pub async fn load_rollout(db: &Db) -> Result<(Rollout, Vec<Problem>), StoreError> {
    let mut problems = Vec::new();
    let mut uploaded = Vec::new();
    for record in db.plugin_versions().await? {
        let Some(archive) = db.plugin_archive(&record.plugin, &record.version).await? else {
            continue;
        };
        match read_version(&record.plugin, &record.version, &archive) {
            Ok((package, _)) => uploaded.push(Arc::new(package)),
            Err(found) => problems.extend(found),
        }
    }
    let activations = db.activations_in_effect().await?;
    Ok((rollout_of(uploaded, &activations), problems))
}

/// Reads an uploaded archive as version `version` of `plugin`: the package and the digest
/// of its files (equal files give an equal digest however they were packed).
pub fn read_version(
    plugin: &str,
    version: &str,
    archive: &[u8],
) -> Result<(PluginPackage, [u8; 32]), Vec<Problem>> {
    let files = unpack_package(archive, &upload_folder(plugin, version))?;
    let package = read_uploaded(&files, plugin, version)?;
    Ok((package, files.digest()))
}

/// A rollout of these uploaded versions and activations (in effect, oldest first).
pub fn rollout_of(
    uploaded: impl IntoIterator<Item = Arc<PluginPackage>>,
    activations: &[ActivationRecord],
) -> Rollout {
    let activations = activations.iter().map(|a| Activation {
        plugin: a.plugin.clone(),
        version: a.version.clone(),
        storefronts: a.storefronts.clone(),
    });
    Rollout::new(uploaded, activations)
}

/// Loads a site's plugins for a rollout on a blocking thread (components come from the
/// precompiled cache); `None` if the loading task failed.
pub async fn load_plugins(
    host: &PluginHost,
    site: Arc<Site>,
    rollout: Arc<Rollout>,
) -> Option<Arc<Plugins>> {
    let host = host.clone();
    tokio::task::spawn_blocking(move || {
        let cache = host.cache_dir.as_deref();
        Arc::new(Plugins::load(&host.engine, site, &rollout, cache))
    })
    .await
    .ok()
}
