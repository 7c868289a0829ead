//! The site model: markets, storefronts, catalogue, stores, theme tokens and locales,
//! loaded in two stages (raw files → validated types) into one immutable [`Site`] snapshot.
//!
//! Loading never stops at the first problem: every problem is collected with the file, the
//! key and the rule it breaks, so a brand or market team can fix them all in one go.

mod archive;
mod assets;
mod cart;
mod diff;
pub mod feed;
mod listing;
mod model;
pub mod paths;
mod plugins;
mod problem;
mod raw;
mod reader;
mod recalls;
mod rollout;
mod source;
mod tags;
mod validate;

pub use archive::{MAX_ARCHIVE_FILES, MAX_UNPACKED_BYTES, unpack_package};
pub use assets::{Asset, AssetBody, Assets, short_hash};
pub use cart::{CartLine, PricedCart, PricedLine};
pub use diff::{Change, Changed, DIFF_LIST_LIMIT, Purge, SiteDiff};
pub use listing::{
    CatalogueIndex, ListingKind, ListingPage, ListingQuery, MAX_SEARCH_CHARS, NoSuchPage, Sort,
};
pub use model::{
    Category, ListingSizes, Market, Product, Reduction, Site, Store, Storefront, TaxDisplay, Theme,
    Token, VatRate, WEEKDAYS,
};
pub use paths::{CartAction, PagePath};
pub use plugins::{
    Capability, MAX_CALL_MEMORY_MIB, MAX_DEADLINE_MS, MAX_MESSAGE_EXPANSION, MarketPlugin,
    PluginLimits, PluginPackage, SLOTS, SUPPORTED_WIT, SettingKind, SettingSpec,
};
pub use problem::{Problem, SiteError};
pub use recalls::{RecallScope, Recalls};
pub use rollout::{Activation, PlannedVersion, Rollout, RolloutPlan};
pub use source::{DirSource, MemorySource, SiteSource};
pub use tags::{TAG_KINDS, Tag};
pub use validate::{
    FEED_NAME, enable_version, load_site, load_site_with, package_completeness, read_uploaded,
    upload_folder,
};
