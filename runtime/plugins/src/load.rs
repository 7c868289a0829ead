//! Compiling a snapshot's plugin packages and checking each component against its manifest:
//! what it imports must be declared capabilities of a supported WIT version.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use vitrine_l10n::Messages;
use vitrine_site::{Capability, PluginPackage, Problem, Site};
use wasmtime::component::{Component, HasSelf, Linker};

use crate::Engine;
use crate::bindings::MarketPluginPre;
use crate::breaker::Breaker;
use crate::state::CallState;

/// A plugin ready to run: pre-instantiated, with its circuit breaker.
pub struct LoadedPlugin {
    /// Plugin id.
    pub id: String,
    /// Version, for logs.
    pub version: String,
    pub(crate) pre: MarketPluginPre<CallState>,
    pub(crate) breaker: Breaker,
}

/// Every plugin of one site snapshot that loaded, and the problems of those that did not.
pub struct Plugins {
    pub(crate) site: Arc<Site>,
    pub(crate) engine: Engine,
    pub(crate) loaded: BTreeMap<String, Arc<LoadedPlugin>>,
    /// Each plugin's messages per storefront: `(plugin, storefront)`.
    pub(crate) messages: HashMap<(String, String), Messages>,
    pub(crate) failures: Mutex<BTreeMap<(String, &'static str), u64>>,
    /// Why some plugins are not running (they are left out; the rest of the site serves).
    pub problems: Vec<Problem>,
}

impl Plugins {
    /// Compiles (or loads from `cache_dir`) every package of the snapshot.
    pub fn load(engine: &Engine, site: Arc<Site>, cache_dir: Option<&Path>) -> Self {
        let mut problems = Vec::new();
        let mut loaded = BTreeMap::new();
        let linker = linker(engine, &mut problems);
        for package in site.plugins.values() {
            let Some(linker) = &linker else { break };
            match load_one(engine, linker, package, cache_dir) {
                Ok(plugin) => {
                    loaded.insert(package.id.clone(), Arc::new(plugin));
                }
                Err(rule) => problems.push(Problem::new(&package.component_path, "", rule)),
            }
        }
        let messages = messages(&site, &loaded);
        Self {
            site,
            engine: engine.clone(),
            loaded,
            messages,
            failures: Mutex::new(BTreeMap::new()),
            problems,
        }
    }

    /// The plugins that run, by id.
    pub fn loaded(&self) -> impl Iterator<Item = &LoadedPlugin> {
        self.loaded.values().map(Arc::as_ref)
    }

    /// Plugins enabled in a market that fill a slot, in id order.
    pub fn filling(&self, market: &str, slot: &str) -> Vec<&str> {
        let Some(market) = self.site.markets.get(market) else {
            return Vec::new();
        };
        market
            .plugins
            .keys()
            .filter(|id| self.loaded.contains_key(*id))
            .filter(|id| {
                self.site
                    .plugins
                    .get(*id)
                    .is_some_and(|p| p.slots.contains(slot))
            })
            .map(String::as_str)
            .collect()
    }

    /// Plugins enabled in a market that offer delivery options.
    pub fn delivering(&self, market: &str) -> Vec<&str> {
        let Some(market) = self.site.markets.get(market) else {
            return Vec::new();
        };
        market
            .plugins
            .keys()
            .filter(|id| {
                self.loaded.contains_key(*id)
                    && self.site.plugins.get(*id).is_some_and(|p| p.delivery)
            })
            .map(String::as_str)
            .collect()
    }

    /// Whether a plugin runs in a market and owns a route.
    pub fn owns_route(&self, market: &str, plugin: &str, route: &str) -> bool {
        let enabled = self
            .site
            .markets
            .get(market)
            .is_some_and(|m| m.plugins.contains_key(plugin));
        enabled
            && self.loaded.contains_key(plugin)
            && self
                .site
                .plugins
                .get(plugin)
                .is_some_and(|p| p.routes.contains(route))
    }

    /// Failed calls so far, by plugin and cause.
    pub fn failure_counts(&self) -> Vec<(String, &'static str, u64)> {
        self.failures
            .lock()
            .map(|f| {
                f.iter()
                    .map(|((plugin, kind), n)| (plugin.clone(), *kind, *n))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn linker(engine: &Engine, problems: &mut Vec<Problem>) -> Option<Linker<CallState>> {
    let mut linker = Linker::new(engine.wasmtime());
    let linked = wasmtime_wasi::p2::add_to_linker_async(&mut linker).and_then(|()| {
        crate::bindings::MarketPlugin::add_to_linker::<CallState, HasSelf<CallState>>(
            &mut linker,
            |state| state,
        )
    });
    match linked {
        Ok(()) => Some(linker),
        Err(error) => {
            problems.push(Problem::new(
                "plugins",
                "",
                format!("cannot set up the plugin linker: {error}"),
            ));
            None
        }
    }
}

fn load_one(
    engine: &Engine,
    linker: &Linker<CallState>,
    package: &PluginPackage,
    cache_dir: Option<&Path>,
) -> Result<LoadedPlugin, String> {
    let component = crate::cache::compile(engine, &package.component, cache_dir)
        .map_err(|error| format!("the component fails to compile: {}", first_line(&error)))?;
    check_imports(engine, &component, package)?;
    check_exports(engine, &component)?;
    let pre = linker
        .instantiate_pre(&component)
        .and_then(MarketPluginPre::new)
        .map_err(|error| format!("the component cannot be linked: {}", first_line(&error)))?;
    Ok(LoadedPlugin {
        id: package.id.clone(),
        version: package.version.clone(),
        pre,
        breaker: Breaker::default(),
    })
}

fn first_line(error: &wasmtime::Error) -> String {
    format!("{error:#}")
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Every `vitrine:plugin` import must be of a supported version and a declared capability;
/// WASI imports are served by the sandbox; anything else cannot be satisfied.
fn check_imports(
    engine: &Engine,
    component: &Component,
    package: &PluginPackage,
) -> Result<(), String> {
    for (name, _) in component.component_type().imports(engine.wasmtime()) {
        if name.starts_with("wasi:") {
            continue;
        }
        let Some(rest) = name.strip_prefix("vitrine:plugin/") else {
            return Err(format!(
                "imports `{name}`, which this host does not provide"
            ));
        };
        let (interface, version) = rest.split_once('@').unwrap_or((rest, ""));
        if !version.starts_with(&format!("{}.", vitrine_site::SUPPORTED_WIT)) {
            return Err(format!(
                "imports `{name}`: WIT version `{version}` is not supported (this host runs vitrine:plugin@{}.x)",
                vitrine_site::SUPPORTED_WIT
            ));
        }
        if interface == "types" {
            continue;
        }
        let capability = Capability::ALL
            .into_iter()
            .find(|c| c.interface() == interface);
        match capability {
            Some(c) if package.capabilities.contains(&c) => {}
            Some(c) => {
                return Err(format!(
                    "imports `{name}` without declaring capability `{c}` in plugin.toml"
                ));
            }
            None => return Err(format!("imports unknown interface `{name}`")),
        }
    }
    Ok(())
}

fn check_exports(engine: &Engine, component: &Component) -> Result<(), String> {
    let exports: Vec<String> = component
        .component_type()
        .exports(engine.wasmtime())
        .map(|(name, _)| name.to_owned())
        .collect();
    let wanted = format!("vitrine:plugin/plugin@{}.", vitrine_site::SUPPORTED_WIT);
    if exports.iter().any(|name| name.starts_with(&wanted)) {
        return Ok(());
    }
    let found = exports
        .iter()
        .find(|name| name.starts_with("vitrine:plugin/plugin@"));
    Err(match found {
        Some(name) => format!(
            "exports `{name}`: that WIT version is not supported (this host runs vitrine:plugin@{}.x)",
            vitrine_site::SUPPORTED_WIT
        ),
        None => "does not export `vitrine:plugin/plugin`".to_owned(),
    })
}

fn messages(
    site: &Site,
    loaded: &BTreeMap<String, Arc<LoadedPlugin>>,
) -> HashMap<(String, String), Messages> {
    let mut map = HashMap::new();
    for id in loaded.keys() {
        let Some(package) = site.plugins.get(id) else {
            continue;
        };
        for storefront in &site.storefronts {
            let locale = &storefront.l10n.locale;
            let messages = package.locales.messages(
                &locale.chain,
                locale.direction,
                Arc::clone(&site.message_stats),
            );
            map.insert((id.clone(), storefront.id.clone()), messages);
        }
    }
    map
}
