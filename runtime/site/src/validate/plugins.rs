//! Plugin packages (`{plugins}/{id}/plugin.toml`, `plugin.wasm`, `locales/`) and the
//! markets that enable them. Every problem here disables only the plugin concerned.

use std::collections::{BTreeMap, BTreeSet};

use super::{checks, locales};
use crate::plugins::{
    MAX_CALL_MEMORY_MIB, MAX_DEADLINE_MS, MAX_MESSAGE_EXPANSION, PluginLimits, SLOTS,
    SUPPORTED_WIT, SettingKind, SettingSpec,
};
use crate::raw::{RawManifest, RawMarketPlugin, RawSetting};
use crate::reader::Reader;
use crate::source::join;
use crate::{Capability, Market, MarketPlugin, PluginPackage};

/// Reads every package in the plugins folder; broken ones are reported and left out.
/// The site's plugins, read apart from the rest of the site (a plugin problem disables the
/// plugin, it does not refuse the site), with their own problems and fingerprint.
pub struct Loaded {
    /// Packages that passed their checks, by id.
    pub packages: BTreeMap<String, PluginPackage>,
    /// What is wrong with the others, and with markets' plugin sections.
    pub problems: Vec<crate::Problem>,
    /// Fingerprint of every plugin file read.
    pub fingerprint: [u8; 32],
}

/// Each plugin's own messages checked against its reference language, for the storefronts
/// of the markets that enable it (as the site's are: see `locales::completeness`).
pub fn completeness(
    packages: &BTreeMap<String, PluginPackage>,
    markets: &BTreeMap<String, Market>,
    storefronts: &[crate::Storefront],
    default_language: &str,
) -> Vec<crate::Problem> {
    packages
        .values()
        .flat_map(|package| package_completeness(package, markets, storefronts, default_language))
        .collect()
}

/// One package's messages checked against its reference language, for the storefronts of
/// the markets that enable its plugin.
pub fn package_completeness(
    package: &PluginPackage,
    markets: &BTreeMap<String, Market>,
    storefronts: &[crate::Storefront],
    default_language: &str,
) -> Vec<crate::Problem> {
    let enabled: Vec<&crate::Storefront> = storefronts
        .iter()
        .filter(|s| {
            markets
                .get(&s.market)
                .is_some_and(|m| m.plugins.contains_key(&package.id))
        })
        .collect();
    let folder = package
        .manifest_path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    let dir = join(folder, "locales");
    locales::completeness(&dir, &package.locales, &enabled, default_language)
}

/// The folder an uploaded version's files are read from (and named by in problems).
pub fn upload_folder(id: &str, version: &str) -> String {
    format!("{id}@{version}")
}

/// Where a package's id must come from.
#[derive(Clone, Copy)]
enum IdFrom {
    Folder,
    Upload,
}

/// Reads an uploaded version of plugin `id` from [`upload_folder`] of `source`
/// (`plugin.toml`, `plugin.wasm`, `locales/{locale}/*.ftl`), with the checks of a package in
/// the site's plugins folder: the package, or every problem found.
pub fn read_uploaded(
    source: &dyn crate::SiteSource,
    id: &str,
    version: &str,
) -> Result<PluginPackage, Vec<crate::Problem>> {
    let mut reader = Reader::new(source);
    let folder = upload_folder(id, version);
    let package = load_package(&mut reader, &folder, id, IdFrom::Upload);
    if let Some(package) = &package
        && package.version != version
    {
        let rule = format!("the version must be the one the upload names, `{version}`");
        reader.problem(&join(&folder, "plugin.toml"), "version", rule);
    }
    let (mut problems, _) = reader.finish();
    problems.sort();
    problems.dedup();
    match package {
        Some(package) if problems.is_empty() => Ok(package),
        _ => Err(problems),
    }
}

/// Reads the packages of `dir` (if the site has plugins) and enables them in markets.
pub fn load(
    source: &dyn crate::SiteSource,
    dir: Option<&str>,
    markets: &mut BTreeMap<String, Market>,
    sections: BTreeMap<String, MarketPlugins>,
) -> Loaded {
    let mut reader = Reader::new(source);
    let packages = dir
        .map(|dir| load_packages(&mut reader, dir))
        .unwrap_or_default();
    enable(&mut reader, markets, sections, &packages);
    let (problems, fingerprint) = reader.finish();
    Loaded {
        packages,
        problems,
        fingerprint,
    }
}

pub fn load_packages(reader: &mut Reader<'_>, dir: &str) -> BTreeMap<String, PluginPackage> {
    let mut packages = BTreeMap::new();
    for name in reader.list(dir, (dir, "")) {
        let folder = join(dir, &name);
        if let Some(package) = load_package(reader, &folder, &name, IdFrom::Folder) {
            packages.insert(package.id.clone(), package);
        }
    }
    packages
}

fn load_package(
    reader: &mut Reader<'_>,
    folder: &str,
    name: &str,
    id_from: IdFrom,
) -> Option<PluginPackage> {
    let file = join(folder, "plugin.toml");
    let raw: RawManifest = reader.toml(&file)?;
    let before = reader.problem_count();
    if raw.id != name {
        let rule = match id_from {
            IdFrom::Upload => format!("the id must be the plugin the upload names, `{name}`"),
            IdFrom::Folder => format!("the id must match the package folder `{name}`"),
        };
        reader.problem(&file, "id", rule);
    }
    check_wit(reader, &file, &raw.wit);
    let capabilities = capabilities(reader, &file, "capabilities", &raw.capabilities);
    check_names(reader, &file, &raw);
    let limits = limits(reader, &file, &raw);
    let settings = settings(reader, &file, &raw.settings);
    let component_path = join(folder, "plugin.wasm");
    let component = reader.bytes(&component_path, (&file, ""))?;
    let locales = locales::load(reader, &join(folder, "locales"));
    for too_wide in locales.expanding_past(MAX_MESSAGE_EXPANSION) {
        let rule = format!(
            "this message can expand to {} bytes when formatted, more than {MAX_MESSAGE_EXPANSION}",
            too_wide.bound.min(usize::MAX / 4)
        );
        reader.problem(&too_wide.path, too_wide.id, rule);
    }
    if reader.problem_count() > before {
        return None;
    }
    Some(PluginPackage {
        id: raw.id,
        version: raw.version,
        wit_version: raw.wit,
        slots: raw.slots.into_iter().collect(),
        routes: raw.routes.into_iter().collect(),
        delivery: raw.delivery,
        capabilities,
        limits,
        settings,
        component: component.into(),
        component_path,
        manifest_path: file,
        locales,
    })
}

fn check_wit(reader: &mut Reader<'_>, file: &str, wit: &str) {
    let compatible = wit
        .strip_prefix(SUPPORTED_WIT)
        .is_some_and(|rest| rest.starts_with('.'));
    if !compatible {
        let rule = format!(
            "WIT version `{wit}` is not supported: this runtime hosts vitrine:plugin@{SUPPORTED_WIT}.x"
        );
        reader.problem(file, "wit", rule);
    }
}

fn capabilities(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    names: &[String],
) -> BTreeSet<Capability> {
    let mut set = BTreeSet::new();
    for (i, name) in names.iter().enumerate() {
        match Capability::parse(name) {
            Some(capability) => {
                set.insert(capability);
            }
            None => {
                let known: Vec<&str> = Capability::ALL.iter().map(|c| c.as_str()).collect();
                let rule = format!("unknown capability `{name}` (known: {})", known.join(", "));
                reader.problem(file, format!("{key}[{i}]"), rule);
            }
        }
    }
    set
}

fn check_names(reader: &mut Reader<'_>, file: &str, raw: &RawManifest) {
    for (i, slot) in raw.slots.iter().enumerate() {
        if !SLOTS.contains(&slot.as_str()) {
            let rule = format!("unknown slot `{slot}` (slots: {})", SLOTS.join(", "));
            reader.problem(file, format!("slots[{i}]"), rule);
        }
    }
    for (i, route) in raw.routes.iter().enumerate() {
        checks::id(reader, file, &format!("routes[{i}]"), route);
    }
}

fn limits(reader: &mut Reader<'_>, file: &str, raw: &RawManifest) -> PluginLimits {
    let mut limits = PluginLimits::default();
    if let Some(ms) = raw.limits.deadline_ms {
        if (1..=MAX_DEADLINE_MS).contains(&ms) {
            limits.deadline_ms = ms;
        } else {
            let rule = format!("a deadline is 1 to {MAX_DEADLINE_MS} milliseconds");
            reader.problem(file, "limits.deadline_ms", rule);
        }
    }
    if let Some(mib) = raw.limits.memory_mib {
        if (1..=MAX_CALL_MEMORY_MIB).contains(&mib) {
            limits.memory_bytes = (mib as usize) << 20;
        } else {
            let rule = format!(
                "memory is 1 to {MAX_CALL_MEMORY_MIB} MiB per call (this host gives no call more)"
            );
            reader.problem(file, "limits.memory_mib", rule);
        }
    }
    limits
}

fn settings(
    reader: &mut Reader<'_>,
    file: &str,
    raw: &BTreeMap<String, RawSetting>,
) -> BTreeMap<String, SettingSpec> {
    let mut specs = BTreeMap::new();
    for (name, setting) in raw {
        let key = format!("settings.{name}");
        let kind = match setting.kind.as_str() {
            "text" => SettingKind::Text,
            "integer" => SettingKind::Integer,
            "boolean" => SettingKind::Boolean,
            other => {
                reader.problem(
                    file,
                    format!("{key}.kind"),
                    format!("unknown kind `{other}` (text, integer, boolean)"),
                );
                continue;
            }
        };
        if let Some(default) = &setting.default
            && !fits(kind, default)
        {
            reader.problem(
                file,
                format!("{key}.default"),
                format!("`{default}` is not a valid {}", setting.kind),
            );
        }
        specs.insert(
            name.clone(),
            SettingSpec {
                kind,
                default: setting.default.clone(),
                required: setting.required,
            },
        );
    }
    specs
}

fn fits(kind: SettingKind, value: &str) -> bool {
    match kind {
        SettingKind::Text => true,
        SettingKind::Integer => value.parse::<i64>().is_ok(),
        SettingKind::Boolean => value == "true" || value == "false",
    }
}

/// The `[plugins]` sections of one market file, kept until the packages are known.
pub struct MarketPlugins {
    /// The market file.
    pub file: String,
    /// Its `[plugins.*]` tables.
    pub raw: BTreeMap<String, RawMarketPlugin>,
}

/// Enables plugins in markets: the package must exist, every capability it declares must be
/// granted, and the settings must fit its schema. A failed check leaves it off in that market.
pub fn enable(
    reader: &mut Reader<'_>,
    markets: &mut BTreeMap<String, Market>,
    sections: BTreeMap<String, MarketPlugins>,
    packages: &BTreeMap<String, PluginPackage>,
) {
    for (market_id, section) in sections {
        let Some(market) = markets.get_mut(&market_id) else {
            continue;
        };
        for (id, raw) in section.raw {
            if let Some(enabled) = enable_one(reader, &section.file, &id, &raw, packages) {
                market.plugins.insert(id, enabled);
            }
        }
    }
}

fn enable_one(
    reader: &mut Reader<'_>,
    file: &str,
    id: &str,
    raw: &RawMarketPlugin,
    packages: &BTreeMap<String, PluginPackage>,
) -> Option<MarketPlugin> {
    let key = format!("plugins.{id}");
    let Some(package) = packages.get(id) else {
        reader.problem(
            file,
            &key,
            format!("plugin `{id}` is not installed or did not load"),
        );
        return None;
    };
    let before = reader.problem_count();
    let granted = capabilities(reader, file, &format!("{key}.grant"), &raw.grant);
    if reader.problem_count() > before {
        return None;
    }
    match enable_version(package, &granted, &raw.settings) {
        Ok(enabled) => Some(enabled),
        Err(problems) => {
            for (suffix, rule) in problems {
                reader.problem(file, format!("{key}.{suffix}"), rule);
            }
            None
        }
    }
}

/// Enables a package with what a market grants and sets: the market's view of it, or each
/// problem as the key under `plugins.{id}` it concerns (`grant`, `settings.x`) and the rule.
/// The same check holds for the site's own package and for every uploaded version.
pub fn enable_version(
    package: &PluginPackage,
    granted: &BTreeSet<Capability>,
    given: &BTreeMap<String, String>,
) -> Result<MarketPlugin, Vec<(String, String)>> {
    let id = &package.id;
    let mut problems: Vec<(String, String)> = package
        .capabilities
        .difference(granted)
        .map(|missing| {
            let rule = format!(
                "plugin `{id}` needs capability `{missing}`, which this market does not grant"
            );
            ("grant".to_owned(), rule)
        })
        .collect();
    let settings = market_settings(&mut problems, given, &package.settings);
    if problems.is_empty() {
        Ok(MarketPlugin {
            granted: granted.clone(),
            given: given.clone(),
            settings,
        })
    } else {
        Err(problems)
    }
}

fn market_settings(
    problems: &mut Vec<(String, String)>,
    given: &BTreeMap<String, String>,
    specs: &BTreeMap<String, SettingSpec>,
) -> Vec<(String, String)> {
    for name in given.keys().filter(|n| !specs.contains_key(*n)) {
        problems.push((
            format!("settings.{name}"),
            "the plugin has no such setting".to_owned(),
        ));
    }
    let mut resolved = Vec::new();
    for (name, spec) in specs {
        let key = format!("settings.{name}");
        match given.get(name).or(spec.default.as_ref()) {
            Some(value) if fits(spec.kind, value) => resolved.push((name.clone(), value.clone())),
            Some(value) => problems.push((key, format!("`{value}` is not a valid {}", spec.kind))),
            None if spec.required => problems.push((key, "this setting is required".to_owned())),
            None => {}
        }
    }
    resolved
}
