//! The records of a catalogue feed (schema `vitrine-catalogue` version 1), as written: one
//! JSON object per line. `docs/catalogue-feed.md` describes them for the teams that
//! produce feeds; these types are the one definition.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The `format` every feed's first line names.
pub const FEED_FORMAT: &str = "vitrine-catalogue";

/// The schema version this runtime reads.
pub const FEED_VERSION: u32 = 1;

/// The first line: `{"format": "vitrine-catalogue", "version": 1}`.
#[derive(Debug, Deserialize)]
pub struct FeedHeader {
    /// Always [`FEED_FORMAT`].
    pub format: String,
    /// The schema version, [`FEED_VERSION`].
    pub version: u32,
}

/// A category line, after its `type` and `id`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FeedCategory {
    /// Sort position in navigation.
    pub position: u32,
    /// Name per language.
    pub name: BTreeMap<String, String>,
    /// Description per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: BTreeMap<String, String>,
}

/// A product line, after its `type` and `id`: its content, and what each market and store
/// holds of it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FeedProduct {
    /// Category id.
    pub category: String,
    /// The image's file name in the site's `catalogue/images/`.
    pub image: String,
    /// Name per language.
    pub name: BTreeMap<String, String>,
    /// Description per language.
    pub description: BTreeMap<String, String>,
    /// Shown first: on the home page and at the top of its category.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    /// When it joined the catalogue (`YYYY-MM-DD`), for the "newest" order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
    /// Price per market id in minor units; a market without a price does not sell it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, i64>,
    /// Reductions per market id, with the prices before them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reductions: BTreeMap<String, FeedReduction>,
    /// Units in stock per click-and-collect store id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stock: BTreeMap<String, u32>,
}

/// A reduced price's start and the prices before it, oldest first.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FeedReduction {
    /// When the reduced price took effect (`YYYY-MM-DD`).
    pub since: String,
    /// The prices before, oldest first.
    pub history: Vec<FeedPricePoint>,
}

/// A price that applied from a date on.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FeedPricePoint {
    /// From when (`YYYY-MM-DD`).
    pub since: String,
    /// The price in minor units.
    pub price: i64,
}
