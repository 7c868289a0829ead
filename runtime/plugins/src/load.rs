//! Compiling a snapshot's plugin packages and checking each against its manifest and this
//! host: what a component imports must be declared capabilities of a supported WIT version,
//! its memory limit must be one the host can give, and its calls must fit the plugin memory
//! budget. What each (plugin, market) may use is computed here, once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use vitrine_l10n::Messages;
use vitrine_site::{Capability, PlannedVersion, PluginPackage, Problem, Rollout, Site};
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

/// A version of a plugin ready to run: pre-instantiated, with its limits, its state per
/// market and the storefronts that run it.
pub struct LoadedPlugin {
    /// Plugin id.
    pub id: String,
    /// Version, for logs.
    pub version: String,
    /// Its package (slots, routes, settings schema).
    pub(crate) package: Arc<PluginPackage>,
    pub(crate) pre: MarketPluginPre<CallState>,
    /// Guest time one call may use.
    pub(crate) deadline: Duration,
    /// Linear memory one call may hold.
    pub(crate) memory_limit: usize,
    /// How many of its calls may run at once.
    pub(crate) admission: Admission,
    /// The markets of the storefronts that run it.
    pub(crate) markets: BTreeMap<String, MarketState>,
    /// The storefronts that run this version.
    pub(crate) storefronts: BTreeSet<String>,
    /// Its messages per storefront.
    pub(crate) messages: HashMap<String, Messages>,
}

impl LoadedPlugin {
    /// Whether this version runs in a storefront (enabled by its market, chosen for it, and
    /// every check passed).
    pub fn runs_in(&self, storefront: &str) -> bool {
        self.storefronts.contains(storefront)
    }

    /// The storefronts that run this version.
    pub fn storefronts(&self) -> impl Iterator<Item = &str> {
        self.storefronts.iter().map(String::as_str)
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
    /// The market's settings, resolved for this version.
    pub settings: Vec<(String, String)>,
    /// Its breaker in this market: failing in one market does not switch it off in others.
    pub breaker: Breaker,
}

/// Every plugin version of one site snapshot that loaded, and the problems of those that
/// did not.
pub struct Plugins {
    pub(crate) site: Arc<Site>,
    pub(crate) engine: Engine,
    /// Every version that loaded, by plugin id then version.
    pub(crate) loaded: Vec<Arc<LoadedPlugin>>,
    /// Storefront → plugin id → the version it runs.
    pub(crate) running: HashMap<String, BTreeMap<String, Arc<LoadedPlugin>>>,
    pub(crate) failures: Arc<FailureLog>,
    /// One plugin commit at a time: plugins' storage writes never hold more than one of the
    /// database's connections, whatever they do, so carts and orders keep theirs.
    pub(crate) commits: tokio::sync::Semaphore,
    /// Why some plugins are not running (they are left out; the rest of the site serves).
    pub problems: Vec<Problem>,
}

impl Plugins {
    /// Compiles (or loads from `cache_dir`) every version the snapshot runs: the site's
    /// packages, and the uploaded versions `rollout` chose for some storefronts.
    pub fn load(
        engine: &Engine,
        site: Arc<Site>,
        rollout: &Rollout,
        cache_dir: Option<&Path>,
    ) -> Self {
        let plan = rollout.plan(&site);
        let mut problems = plan.problems;
        let mut ready = Vec::new();
        if let Some(linker) = linker(engine, &mut problems) {
            for version in plan.versions {
                match load_one(engine, &linker, &version.package, cache_dir) {
                    Ok(pre) => ready.push((version, pre)),
                    Err((key, rule)) => {
                        problems.push(Problem::new(package_file(&version.package, key), key, rule))
                    }
                }
            }
        }
        let loaded = admit(engine, &site, ready, &mut problems);
        Self {
            site,
            engine: engine.clone(),
            running: running(&loaded),
            loaded,
            failures: Arc::default(),
            commits: tokio::sync::Semaphore::new(1),
            problems,
        }
    }

    /// Every version that loaded, by plugin id then version.
    pub fn loaded(&self) -> impl Iterator<Item = &LoadedPlugin> {
        self.loaded.iter().map(Arc::as_ref)
    }

    /// The version of a plugin a storefront runs, if it runs one.
    pub fn running_in(&self, storefront: &str, plugin: &str) -> Option<&LoadedPlugin> {
        self.running
            .get(storefront)
            .and_then(|plugins| plugins.get(plugin))
            .map(Arc::as_ref)
    }

    /// Plugins a storefront runs that fill a slot, in id order.
    pub fn filling<'s>(&'s self, storefront: &str, slot: &str) -> Vec<&'s str> {
        self.versions_in(storefront)
            .filter(|p| p.package.slots.contains(slot))
            .map(|p| p.id.as_str())
            .collect()
    }

    /// Plugins a storefront runs that offer delivery options.
    pub fn delivering<'s>(&'s self, storefront: &str) -> Vec<&'s str> {
        self.versions_in(storefront)
            .filter(|p| p.package.delivery)
            .map(|p| p.id.as_str())
            .collect()
    }

    /// Plugins a storefront runs, in id order.
    pub fn enabled_in<'s>(&'s self, storefront: &str) -> impl Iterator<Item = &'s str> + 's {
        self.versions_in(storefront).map(|p| p.id.as_str())
    }

    /// Whether a storefront runs a plugin whose version owns a route.
    pub fn owns_route(&self, storefront: &str, plugin: &str, route: &str) -> bool {
        self.running_in(storefront, plugin)
            .is_some_and(|p| p.package.routes.contains(route))
    }

    fn versions_in<'s>(&'s self, storefront: &str) -> impl Iterator<Item = &'s LoadedPlugin> + 's {
        self.running
            .get(storefront)
            .into_iter()
            .flat_map(|plugins| plugins.values().map(Arc::as_ref))
    }

    /// Failed calls so far: `(plugin, market, cause, count)`.
    pub fn failure_counts(&self) -> Vec<(String, String, &'static str, u64)> {
        self.failures.counts()
    }
}

/// Compiles a package (keeping the compiled component in `cache_dir`, so that activating it
/// later is quick) and checks it against this host as a snapshot's load would: the problems
/// found, none when it would load.
pub fn check_package(
    engine: &Engine,
    package: &PluginPackage,
    cache_dir: Option<&Path>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(linker) = linker(engine, &mut problems)
        && let Err((key, rule)) = load_one(engine, &linker, package, cache_dir)
    {
        problems.push(Problem::new(package_file(package, key), key, rule));
    }
    problems
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

/// Each storefront's plugins, by id, with the version it runs.
fn running(loaded: &[Arc<LoadedPlugin>]) -> HashMap<String, BTreeMap<String, Arc<LoadedPlugin>>> {
    let mut running: HashMap<String, BTreeMap<String, Arc<LoadedPlugin>>> = HashMap::new();
    for plugin in loaded {
        for storefront in &plugin.storefronts {
            running
                .entry(storefront.clone())
                .or_default()
                .insert(plugin.id.clone(), Arc::clone(plugin));
        }
    }
    running
}

/// Gives every compiled version its share of calls; one whose single call does not fit the
/// plugin memory budget is left out with a problem.
fn admit(
    engine: &Engine,
    site: &Site,
    ready: Vec<(PlannedVersion, MarketPluginPre<CallState>)>,
    problems: &mut Vec<Problem>,
) -> Vec<Arc<LoadedPlugin>> {
    let reservations: Vec<usize> = ready
        .iter()
        .map(|(version, _)| reservation_of(version))
        .collect();
    let (limits, refused) = admission::plan(
        &reservations,
        engine.memory_budget(),
        engine.pool_instances(),
    );
    for no_room in refused {
        problems.push(does_not_fit(&ready[no_room.index].0.package, &no_room));
    }
    ready
        .into_iter()
        .zip(limits.into_iter().zip(reservations))
        .filter(|(_, (limit, reserved))| *limit > 0 || *reserved == 0)
        .map(|((version, pre), (limit, _))| Arc::new(loaded(site, version, pre, limit)))
        .collect()
}

/// What one call of a version reserves; nothing for a version no storefront runs (it is
/// never called).
fn reservation_of(version: &PlannedVersion) -> usize {
    if version.storefronts.is_empty() {
        0
    } else {
        admission::reservation(version.package.limits.memory_bytes)
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
    version: PlannedVersion,
    pre: MarketPluginPre<CallState>,
    concurrency: u32,
) -> LoadedPlugin {
    let package = &version.package;
    LoadedPlugin {
        id: package.id.clone(),
        version: package.version.clone(),
        package: Arc::clone(package),
        pre,
        deadline: Duration::from_millis(u64::from(package.limits.deadline_ms)),
        memory_limit: package.limits.memory_bytes,
        admission: Admission::new(concurrency),
        markets: markets_of(&version),
        messages: messages_of(site, &version),
        storefronts: version.storefronts,
    }
}

fn markets_of(version: &PlannedVersion) -> BTreeMap<String, MarketState> {
    version
        .markets
        .iter()
        .map(|(market, enabled)| {
            let state = MarketState {
                capabilities: Capabilities::both(&version.package.capabilities, &enabled.granted),
                settings: enabled.settings.clone(),
                breaker: Breaker::default(),
            };
            (market.clone(), state)
        })
        .collect()
}

fn messages_of(site: &Site, version: &PlannedVersion) -> HashMap<String, Messages> {
    let package = &version.package;
    site.storefronts
        .iter()
        .filter(|storefront| version.storefronts.contains(&storefront.id))
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
