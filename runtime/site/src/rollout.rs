//! Plugin rollout: the versions of plugins uploaded through the control plane, and which
//! storefronts run which. Like recalls, this lives in the database, not in the site files;
//! a storefront no activation names runs the version in the site's plugins folder. One
//! version string names one package: the folder's, or an upload (an upload may not reuse
//! the folder's version).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::validate::enable_version;
use crate::{MarketPlugin, PluginPackage, Problem, Site};

/// Uploaded versions and the storefronts each activation switched.
#[derive(Clone, Debug, Default)]
pub struct Rollout {
    uploaded: BTreeMap<(String, String), Arc<PluginPackage>>,
    /// Plugin → storefront → version, as the activations in effect left it.
    chosen: BTreeMap<String, BTreeMap<String, String>>,
}

/// One activation in effect: a plugin's version for some storefronts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activation {
    /// The plugin.
    pub plugin: String,
    /// The version those storefronts run.
    pub version: String,
    /// The storefronts it switched.
    pub storefronts: Vec<String>,
}

/// A version of a plugin as one snapshot runs it.
#[derive(Clone, Debug)]
pub struct PlannedVersion {
    /// The package.
    pub package: Arc<PluginPackage>,
    /// The markets it runs in, as each enables it (settings resolved for this version).
    pub markets: BTreeMap<String, MarketPlugin>,
    /// The storefronts that run it.
    pub storefronts: BTreeSet<String>,
}

/// Every version a snapshot runs, and why a storefront runs another than it was set to.
#[derive(Clone, Debug, Default)]
pub struct RolloutPlan {
    /// Each version of each plugin with the storefronts running it; the site's own package
    /// of every plugin is here, even when no storefront runs it.
    pub versions: Vec<PlannedVersion>,
    /// Activations that could not be honoured (those storefronts run the site's version).
    pub problems: Vec<Problem>,
}

impl Rollout {
    /// The rollout from uploaded packages and the activations in effect, oldest first
    /// (a later activation overrides an earlier one for the storefronts it names).
    pub fn new(
        uploaded: impl IntoIterator<Item = Arc<PluginPackage>>,
        activations: impl IntoIterator<Item = Activation>,
    ) -> Self {
        let uploaded = uploaded
            .into_iter()
            .map(|p| ((p.id.clone(), p.version.clone()), p))
            .collect();
        let mut chosen: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for activation in activations {
            let plugin = chosen.entry(activation.plugin).or_default();
            for storefront in activation.storefronts {
                plugin.insert(storefront, activation.version.clone());
            }
        }
        Self { uploaded, chosen }
    }

    /// The same rollout with one more uploaded version (which no storefront runs yet).
    pub fn with_uploaded(&self, package: Arc<PluginPackage>) -> Self {
        let mut next = self.clone();
        let key = (package.id.clone(), package.version.clone());
        next.uploaded.insert(key, package);
        next
    }

    /// An uploaded version.
    pub fn uploaded(&self, plugin: &str, version: &str) -> Option<&Arc<PluginPackage>> {
        self.uploaded.get(&(plugin.to_owned(), version.to_owned()))
    }

    /// Every uploaded version, by plugin and version.
    pub fn all_uploaded(&self) -> impl Iterator<Item = &Arc<PluginPackage>> {
        self.uploaded.values()
    }

    /// The version an activation set a storefront to run, if one did.
    pub fn chosen(&self, plugin: &str, storefront: &str) -> Option<&str> {
        self.chosen
            .get(plugin)
            .and_then(|by_storefront| by_storefront.get(storefront))
            .map(String::as_str)
    }

    /// Which package each storefront of `site` runs for each plugin its market enables.
    pub fn plan(&self, site: &Site) -> RolloutPlan {
        let mut plan = RolloutPlan::default();
        for (id, own) in &site.plugins {
            let mut versions = BTreeMap::new();
            versions.insert(own.version.clone(), planned(own));
            for storefront in &site.storefronts {
                let market = site.market_of(storefront);
                let Some(enabled) = market.plugins.get(id) else {
                    continue;
                };
                let (package, market_plugin) =
                    self.resolve(own, enabled, &storefront.id, &mut plan.problems);
                let version = versions
                    .entry(package.version.clone())
                    .or_insert_with(|| planned(&package));
                version.markets.insert(market.id.clone(), market_plugin);
                version.storefronts.insert(storefront.id.clone());
            }
            plan.versions.extend(versions.into_values());
        }
        plan
    }

    /// The package and market view one storefront runs: the version chosen for it when it
    /// exists and its market's grants and settings suit it, else the site's own.
    fn resolve(
        &self,
        own: &Arc<PluginPackage>,
        enabled: &MarketPlugin,
        storefront: &str,
        problems: &mut Vec<Problem>,
    ) -> (Arc<PluginPackage>, MarketPlugin) {
        let fallback = || (Arc::clone(own), enabled.clone());
        let Some(version) = self.chosen(&own.id, storefront) else {
            return fallback();
        };
        if version == own.version {
            return fallback();
        }
        let place = format!("{}@{version}", own.id);
        let Some(package) = self.uploaded(&own.id, version) else {
            let rule = format!(
                "this version is not uploaded (or no longer loads); the storefront runs the site's version {}",
                own.version
            );
            problems.push(Problem::new(place, storefront, rule));
            return fallback();
        };
        match enable_version(package, &enabled.granted, &enabled.given) {
            Ok(market_plugin) => (Arc::clone(package), market_plugin),
            Err(found) => {
                for (key, rule) in found {
                    let rule = format!(
                        "`plugins.{}.{key}` of its market: {rule}; the storefront runs the site's version {}",
                        own.id, own.version
                    );
                    problems.push(Problem::new(place.clone(), storefront, rule));
                }
                fallback()
            }
        }
    }
}

fn planned(package: &Arc<PluginPackage>) -> PlannedVersion {
    PlannedVersion {
        package: Arc::clone(package),
        markets: BTreeMap::new(),
        storefronts: BTreeSet::new(),
    }
}
