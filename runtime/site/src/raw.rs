//! Stage one: the files exactly as written. Unknown keys are collected by the reader and
//! reported as problems; these types only describe the keys that exist.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;

/// `site.toml`: the site's identity and where its theme and locales live.
#[derive(Debug, Deserialize)]
pub struct RawSite {
    /// The brand name shown in the header.
    pub name: String,
    /// The theme folder, relative to the site folder.
    pub theme: String,
    /// The locales folder, relative to the site folder.
    pub locales: String,
    /// The language every fallback chain ends with.
    pub default_language: String,
    /// The folder of plugin packages, relative to the site folder.
    #[serde(default)]
    pub plugins: Option<String>,
    /// Where the catalogue comes from: `files` (TOML, the default) or `feed` (imported).
    #[serde(default)]
    pub catalogue: Option<String>,
}

/// `markets/<id>.toml`: one country.
#[derive(Debug, Deserialize)]
pub struct RawMarket {
    pub country: String,
    pub currency: String,
    pub prices_include_tax: bool,
    pub vat_rate: Option<String>,
    #[serde(default)]
    pub omnibus: bool,
    pub storefronts: Vec<String>,
    #[serde(default)]
    pub prices: BTreeMap<String, i64>,
    #[serde(default)]
    pub reductions: BTreeMap<String, RawReduction>,
    #[serde(default)]
    pub theme: BTreeMap<String, String>,
    #[serde(default)]
    pub plugins: BTreeMap<String, RawMarketPlugin>,
}

/// A plugin enabled in a market: the capabilities the market grants and its settings.
#[derive(Debug, Deserialize)]
pub struct RawMarketPlugin {
    #[serde(default)]
    pub grant: Vec<String>,
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
}

/// `plugin.toml` of a plugin package.
#[derive(Debug, Deserialize)]
pub struct RawManifest {
    pub id: String,
    pub version: String,
    pub wit: String,
    #[serde(default)]
    pub slots: Vec<String>,
    #[serde(default)]
    pub routes: Vec<String>,
    #[serde(default)]
    pub delivery: bool,
    #[serde(default)]
    pub capabilities: Vec<String>,
    #[serde(default)]
    pub limits: RawLimits,
    #[serde(default)]
    pub settings: BTreeMap<String, RawSetting>,
}

/// Per-call limits a plugin asks for.
#[derive(Debug, Default, Deserialize)]
pub struct RawLimits {
    pub deadline_ms: Option<u32>,
    pub memory_mib: Option<u32>,
}

/// A setting a plugin accepts from markets.
#[derive(Debug, Deserialize)]
pub struct RawSetting {
    pub kind: String,
    pub default: Option<String>,
    #[serde(default)]
    pub required: bool,
}

/// A reduced price and the prices before it.
#[derive(Debug, Deserialize)]
pub struct RawReduction {
    pub since: Datetime,
    pub history: Vec<RawPricePoint>,
}

/// A price that applied from a date on.
#[derive(Debug, Deserialize)]
pub struct RawPricePoint {
    pub since: Datetime,
    pub price: i64,
}

/// `catalogue/products/<id>.toml`.
#[derive(Debug, Deserialize)]
pub struct RawProduct {
    pub category: String,
    pub image: String,
    pub name: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    /// Shown first: on the home page and at the top of its category.
    #[serde(default)]
    pub featured: bool,
    /// When it joined the catalogue (the "newest" order).
    pub added: Option<Datetime>,
}

/// One entry of `catalogue/categories.toml`.
#[derive(Debug, Deserialize)]
pub struct RawCategory {
    pub position: u32,
    pub name: BTreeMap<String, String>,
    #[serde(default)]
    pub description: BTreeMap<String, String>,
}

/// One entry of `stores.toml`.
#[derive(Debug, Deserialize)]
pub struct RawStore {
    pub name: String,
    pub country: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub pickup_lead_hours: u32,
    pub opening_hours: BTreeMap<String, String>,
    #[serde(default)]
    pub stock: BTreeMap<String, u32>,
}

/// `theme.toml` of a theme folder.
#[derive(Debug, Deserialize)]
pub struct RawTheme {
    pub name: String,
    pub version: String,
    pub stylesheets: Vec<String>,
    pub tokens: BTreeMap<String, RawToken>,
    #[serde(default)]
    pub contrast: Vec<RawContrast>,
    #[serde(default)]
    pub listing: RawListing,
}

/// How many products a listing page and the home page show.
#[derive(Debug, Default, Deserialize)]
pub struct RawListing {
    pub page_size: Option<i64>,
    pub home_products: Option<i64>,
}

/// A pair of colour tokens whose contrast must stay readable, in every market.
#[derive(Debug, Deserialize)]
pub struct RawContrast {
    pub foreground: String,
    pub background: String,
    pub minimum: f64,
}

/// A design token and whether markets may override it.
#[derive(Debug, Deserialize)]
pub struct RawToken {
    pub value: String,
    pub overridable: bool,
}
