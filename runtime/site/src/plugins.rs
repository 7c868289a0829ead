//! Plugin packages as the site sees them: manifest, component bytes and messages. Compiling
//! and running the components is the plugin host's job; this is the validated description.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use vitrine_l10n::LocaleBundleSet;

/// The WIT package versions this runtime hosts (semver-compatible with `0.1.0`).
pub const SUPPORTED_WIT: &str = "0.1";

/// Slots the theme offers, by page.
pub const SLOTS: [&str; 4] = [
    "home.below-hero",
    "product.below-price",
    "cart.below-lines",
    "checkout.before-form",
];

/// A host capability a plugin may import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Capability {
    /// Read products, stores and per-store stock.
    CatalogueRead,
    /// Key-value storage scoped to the plugin and market.
    Storage,
    /// Emit events into the shop's stream.
    EventsEmit,
    /// Write log lines.
    Log,
    /// Read the shopper's postcode (also needs the shopper's consent).
    ShopperPostcode,
}

impl Capability {
    /// Every capability, in manifest spelling.
    pub const ALL: [Capability; 5] = [
        Capability::CatalogueRead,
        Capability::Storage,
        Capability::EventsEmit,
        Capability::Log,
        Capability::ShopperPostcode,
    ];

    /// The manifest spelling (`catalogue:read`).
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::CatalogueRead => "catalogue:read",
            Capability::Storage => "storage",
            Capability::EventsEmit => "events:emit",
            Capability::Log => "log",
            Capability::ShopperPostcode => "shopper:postcode",
        }
    }

    /// The WIT interface that carries it (`catalogue`).
    pub fn interface(self) -> &'static str {
        match self {
            Capability::CatalogueRead => "catalogue",
            Capability::Storage => "storage",
            Capability::EventsEmit => "events",
            Capability::Log => "log",
            Capability::ShopperPostcode => "shopper",
        }
    }

    /// Parses the manifest spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most linear memory one plugin call may have: the size of a slot of the plugin host's
/// instance pool. A manifest asking for more is refused, never silently held to less.
pub const MAX_CALL_MEMORY_MIB: u32 = 64;

/// How far one of a plugin's messages may expand when formatted, in bytes, counting what
/// formatting copies on the way; a package with a message that could expand further is
/// refused (its author controls its Fluent files, and the host does the formatting).
pub const MAX_MESSAGE_EXPANSION: usize = 64 * 1024;

/// The longest guest deadline a manifest may ask for, in milliseconds.
pub const MAX_DEADLINE_MS: u32 = 1000;

/// Per-call limits of a plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PluginLimits {
    /// CPU deadline of one call, in milliseconds.
    pub deadline_ms: u32,
    /// Linear memory a call may grow to, in bytes.
    pub memory_bytes: usize,
}

impl Default for PluginLimits {
    fn default() -> Self {
        Self {
            deadline_ms: 20,
            memory_bytes: 4 << 20,
        }
    }
}

/// The kind of value a setting takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    /// Any text.
    Text,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
}

impl fmt::Display for SettingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SettingKind::Text => "text",
            SettingKind::Integer => "integer",
            SettingKind::Boolean => "boolean",
        })
    }
}

/// A setting a plugin accepts.
#[derive(Clone, Debug)]
pub struct SettingSpec {
    /// Value kind.
    pub kind: SettingKind,
    /// Used when the market gives none.
    pub default: Option<String>,
    /// Whether every market must give it.
    pub required: bool,
}

/// A validated plugin package.
#[derive(Debug)]
pub struct PluginPackage {
    /// Plugin id (`click-and-collect`), used in routes and storage scopes.
    pub id: String,
    /// Its version, logged with every failure.
    pub version: String,
    /// The WIT package version it targets.
    pub wit_version: String,
    /// Slots it fills.
    pub slots: BTreeSet<String>,
    /// Route paths it owns under `/{m}/x/{id}/`.
    pub routes: BTreeSet<String>,
    /// Whether it offers delivery options at checkout.
    pub delivery: bool,
    /// Capabilities it declares.
    pub capabilities: BTreeSet<Capability>,
    /// Per-call limits.
    pub limits: PluginLimits,
    /// Settings it accepts.
    pub settings: BTreeMap<String, SettingSpec>,
    /// The component's bytes, compiled by the plugin host.
    pub component: bytes::Bytes,
    /// Where the component came from (for errors).
    pub component_path: String,
    /// Where the manifest came from (for errors).
    pub manifest_path: String,
    /// The plugin's own Fluent files.
    pub locales: LocaleBundleSet,
}

/// A plugin as one market enables it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarketPlugin {
    /// Capabilities the market grants (a superset of what the plugin declares).
    pub granted: BTreeSet<Capability>,
    /// The settings the market file gives, as written (another version of the plugin
    /// resolves them against its own schema).
    pub given: BTreeMap<String, String>,
    /// Settings with defaults applied.
    pub settings: Vec<(String, String)>,
}
