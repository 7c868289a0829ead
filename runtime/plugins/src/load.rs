//! Compiling a snapshot's plugin packages and checking each against its manifest and this
//! host: what a component imports must be declared capabilities of a supported WIT version,
//! its memory limit must be one the host can give, and its calls must fit the plugin memory
//! budget. What each (plugin, market) may use is computed here, once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use vitrine_l10n::Messages;
use vitrine_site::{Capability, Market, PluginPackage, Problem, Site};
use wasmtime::component::{Component, HasSelf, Linker};

use crate::Engine;
use crate::admission::{self, Admission};
use crate::bindings::MarketPluginPre;
use crate::breaker::Breaker;
use crate::capabilities::Capabilities;
use crate::error::chain_line;
use crate::failures::FailureLog;
use crate::limits::{MAX_MEMORIES, MAX_TABLE_ELEMENTS, MAX_TABLES};
use crate::state::CallState;

/// A plugin ready to run: pre-instantiated, with its limits and its state per market.
pub struct LoadedPlugin {
    /// Plugin id.
    pub id: String,
    /// Version, for logs.
    pub version: String,
    pub(crate) pre: MarketPluginPre<CallState>,
    /// Guest time one call may use.
    pub(crate) deadline: Duration,
    /// Linear memory one call may hold.
    pub(crate) memory_limit: usize,
    /// How many of its calls may run at once.
    pub(crate) admission: Admission,
    /// The markets that enable it.
    pub(crate) markets: BTreeMap<String, MarketState>,
    /// Its messages per storefront.
    pub(crate) messages: HashMap<String, Messages>,
}

impl LoadedPlugin {
    /// Whether it runs in a market (enabled there, and every check passed).
    pub fn runs_in(&self, market: &str) -> bool {
        self.markets.contains_key(market)
    }

    /// How many of its calls may run at once.
    pub fn concurrency(&self) -> u32 {
        self.admission.limit()
    }
}

/// A plugin in one market that enables it.
pub(crate) struct MarketState {
    /// Declared by the manifest and granted by the market.
    pub capabilities: Capabilities,
    /// Its breaker in this market: failing in one market does not switch it off in others.
    pub breaker: Breaker,
}

/// Every plugin of one site snapshot that loaded, and the problems of those that did not.
pub struct Plugins {
    pub(crate) site: Arc<Site>,
    pub(crate) engine: Engine,
    pub(crate) loaded: BTreeMap<String, Arc<LoadedPlugin>>,
    pub(crate) failures: Arc<FailureLog>,
    /// One plugin commit at a time: plugins' storage writes never hold more than one of the
    /// database's connections, whatever they do, so carts and orders keep theirs.
    pub(crate) commits: tokio::sync::Semaphore,
    /// Why some plugins are not running (they are left out; the rest of the site serves).
    pub problems: Vec<Problem>,
}

impl Plugins {
    /// Compiles (or loads from `cache_dir`) every package of the snapshot.
    pub fn load(engine: &Engine, site: Arc<Site>, cache_dir: Option<&Path>) -> Self {
        let mut problems = Vec::new();
        let mut ready = Vec::new();
        if let Some(linker) = linker(engine, &mut problems) {
            for package in site.plugins.values() {
                match load_one(engine, &linker, package, cache_dir) {
                    Ok(pre) => ready.push((package, pre)),
                    Err((key, rule)) => {
                        problems.push(Problem::new(package_file(package, key), key, rule))
                    }
                }
            }
        }
        let loaded = admit(engine, &site, ready, &mut problems);
        Self {
            site,
            engine: engine.clone(),
            loaded,
            failures: Arc::default(),
            commits: tokio::sync::Semaphore::new(1),
            problems,
        }
    }

    /// The plugins that run, by id.
    pub fn loaded(&self) -> impl Iterator<Item = &LoadedPlugin> {
        self.loaded.values().map(Arc::as_ref)
    }

    /// Plugins enabled in a market that fill a slot, in id order.
    pub fn filling<'s>(&'s self, market: &str, slot: &str) -> Vec<&'s str> {
        self.enabled_in(market)
            .filter(|id| {
                self.site
                    .plugins
                    .get(*id)
                    .is_some_and(|p| p.slots.contains(slot))
            })
            .collect()
    }

    /// Plugins enabled in a market that offer delivery options.
    pub fn delivering<'s>(&'s self, market: &str) -> Vec<&'s str> {
        self.enabled_in(market)
            .filter(|id| self.site.plugins.get(*id).is_some_and(|p| p.delivery))
            .collect()
    }

    /// Plugins that run in a market, in id order.
    pub fn enabled_in<'s, 'm>(
        &'s self,
        market: &'m str,
    ) -> impl Iterator<Item = &'s str> + use<'s, 'm> {
        self.loaded
            .values()
            .filter(move |p| p.markets.contains_key(market))
            .map(|p| p.id.as_str())
    }

    /// Whether a plugin runs in a market and owns a route.
    pub fn owns_route(&self, market: &str, plugin: &str, route: &str) -> bool {
        let runs = self
            .loaded
            .get(plugin)
            .is_some_and(|p| p.markets.contains_key(market));
        runs && self
            .site
            .plugins
            .get(plugin)
            .is_some_and(|p| p.routes.contains(route))
    }

    /// Failed calls so far: `(plugin, market, cause, count)`.
    pub fn failure_counts(&self) -> Vec<(String, String, &'static str, u64)> {
        self.failures.counts()
    }
}

/// Where a load problem of a package belongs: its manifest for limits, its component else.
fn package_file(package: &PluginPackage, key: &str) -> String {
    if key.is_empty() {
        package.component_path.clone()
    } else {
        package.manifest_path.clone()
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

/// A load problem: the manifest key it concerns (empty for the component) and the rule.
type LoadProblem = (&'static str, String);

fn load_one(
    engine: &Engine,
    linker: &Linker<CallState>,
    package: &PluginPackage,
    cache_dir: Option<&Path>,
) -> Result<MarketPluginPre<CallState>, LoadProblem> {
    let most = engine.max_call_memory();
    if package.limits.memory_bytes > most {
        let rule = format!(
            "asks for {} MiB per call; this host gives a call at most {} MiB",
            package.limits.memory_bytes >> 20,
            most >> 20
        );
        return Err(("limits.memory_mib", rule));
    }
    let component =
        crate::cache::compile(engine, &package.component, cache_dir).map_err(|error| {
            (
                "",
                format!("the component fails to compile: {}", chain_line(&error)),
            )
        })?;
    check_resources(&component, package).map_err(|rule| ("", rule))?;
    check_imports(engine, &component, package).map_err(|rule| ("", rule))?;
    check_exports(engine, &component).map_err(|rule| ("", rule))?;
    linker
        .instantiate_pre(&component)
        .and_then(MarketPluginPre::new)
        .map_err(|error| {
            (
                "",
                format!("the component cannot be linked: {}", chain_line(&error)),
            )
        })
}

/// Gives every compiled plugin its share of calls; one whose single call does not fit the
/// plugin memory budget is left out with a problem.
fn admit(
    engine: &Engine,
    site: &Site,
    ready: Vec<(&PluginPackage, MarketPluginPre<CallState>)>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Arc<LoadedPlugin>> {
    let reservations: Vec<usize> = ready
        .iter()
        .map(|(package, _)| reservation_of(site, package))
        .collect();
    let (limits, refused) = admission::plan(
        &reservations,
        engine.memory_budget(),
        engine.pool_instances(),
    );
    for no_room in refused {
        problems.push(does_not_fit(ready[no_room.index].0, &no_room));
    }
    ready
        .into_iter()
        .zip(limits.into_iter().zip(reservations))
        .filter(|(_, (limit, reserved))| *limit > 0 || *reserved == 0)
        .map(|((package, pre), (limit, _))| {
            let plugin = loaded(site, package, pre, limit);
            (package.id.clone(), Arc::new(plugin))
        })
        .collect()
}

/// What one call of a plugin reserves; nothing for a plugin no market enables (it is never
/// called).
fn reservation_of(site: &Site, package: &PluginPackage) -> usize {
    let enabled = site
        .markets
        .values()
        .any(|m| m.plugins.contains_key(&package.id));
    if enabled {
        admission::reservation(package.limits.memory_bytes)
    } else {
        0
    }
}

fn does_not_fit(package: &PluginPackage, no_room: &admission::DoesNotFit) -> Problem {
    let rule = format!(
        "a call needs {} MiB of the plugin memory budget (twice its memory limit and its stack) but only {} MiB are left; lower `memory_mib` or raise --plugin-memory-mib",
        no_room.needs >> 20,
        no_room.left >> 20
    );
    Problem::new(&package.manifest_path, "limits.memory_mib", rule)
}

fn loaded(
    site: &Site,
    package: &PluginPackage,
    pre: MarketPluginPre<CallState>,
    concurrency: u32,
) -> LoadedPlugin {
    LoadedPlugin {
        id: package.id.clone(),
        version: package.version.clone(),
        pre,
        deadline: Duration::from_millis(u64::from(package.limits.deadline_ms)),
        memory_limit: package.limits.memory_bytes,
        admission: Admission::new(concurrency),
        markets: markets_of(site, package),
        messages: messages_of(site, package),
    }
}

fn markets_of(site: &Site, package: &PluginPackage) -> BTreeMap<String, MarketState> {
    site.markets
        .values()
        .filter_map(|market: &Market| {
            let enabled = market.plugins.get(&package.id)?;
            let state = MarketState {
                capabilities: Capabilities::both(&package.capabilities, &enabled.granted),
                breaker: Breaker::default(),
            };
            Some((market.id.clone(), state))
        })
        .collect()
}

fn messages_of(site: &Site, package: &PluginPackage) -> HashMap<String, Messages> {
    site.storefronts
        .iter()
        .map(|storefront| {
            let locale = &storefront.l10n.locale;
            let messages = package.locales.messages(
                &locale.chain,
                locale.direction,
                Arc::clone(&site.message_stats),
            );
            (storefront.id.clone(), messages)
        })
        .collect()
}

/// A component must fit one slot of the instance pool: a few memories and tables, small
/// enough to start within its memory limit.
fn check_resources(component: &Component, package: &PluginPackage) -> Result<(), String> {
    let Some(needs) = component.resources_required() else {
        return Err("instantiates core modules it imports; a plugin must be self-contained".into());
    };
    let (memories, tables) = (needs.num_memories as usize, needs.num_tables as usize);
    if memories > MAX_MEMORIES || tables > MAX_TABLES {
        return Err(format!(
            "needs {memories} memories and {tables} tables; a plugin may have at most {MAX_MEMORIES} and {MAX_TABLES}"
        ));
    }
    let initial_memory = needs
        .max_initial_memory_size
        .unwrap_or(0)
        .saturating_mul(64 << 10);
    if initial_memory > package.limits.memory_bytes as u64 {
        return Err(format!(
            "starts with {} KiB of memory, more than its `memory_mib`",
            initial_memory >> 10
        ));
    }
    if needs.max_initial_table_size.unwrap_or(0) > MAX_TABLE_ELEMENTS as u64 {
        return Err(format!(
            "starts with a table of more than {MAX_TABLE_ELEMENTS} elements"
        ));
    }
    Ok(())
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
