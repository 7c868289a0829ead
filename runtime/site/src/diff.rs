//! What changes between two snapshots of a site: markets, storefronts, products, prices,
//! messages, tokens, assets, stores and plugins added, changed or removed. A reload logs
//! and returns it (a dry run returns only it), and purges from the page cache exactly the
//! pages it touches ([`SiteDiff::purge`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::{Market, Site, Tag};

/// How something changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the new snapshot.
    Added,
    /// In both, different.
    Changed,
    /// Only in the old snapshot.
    Removed,
}

/// One thing that changed, by its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The id (`be`, `canvas-tote`, `nl/cart-title`, `color-brand`).
    pub id: String,
    /// How.
    pub change: Change,
    /// Before → after, where a value says it (a price, a token, a version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Everything that differs between two snapshots; empty lists are left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SiteDiff {
    /// The brand name or default language changed (every page shows them).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub site: bool,
    /// Markets: their country, currency, tax, storefronts, token overrides, plugins.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<Changed>,
    /// Storefronts, and their labels in the switcher.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub storefronts: Vec<Changed>,
    /// Products' content (names, descriptions, image, category).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Changed>,
    /// Prices and reductions, as `market/product`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Changed>,
    /// Categories.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Changed>,
    /// Fluent messages and terms, as `locale/id`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Changed>,
    /// Theme tokens.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Changed>,
    /// Static files (stylesheets, images), by hashed URL.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Changed>,
    /// Click-and-collect stores.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stores: Vec<Changed>,
    /// Plugin packages, with their versions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub plugins: Vec<Changed>,
    /// Entries left out of each list by [`SiteDiff::bounded`], by list (`prices`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub omitted: BTreeMap<String, usize>,
}

/// Beyond this many groups of tags to purge, a change purges every page.
pub const MAX_PURGE_GROUPS: usize = 1_000;

/// The most entries of each list a diff keeps in an answer, a log line or the status: a
/// first catalogue import of 100,000 products in 40 markets changes millions of prices.
pub const DIFF_LIST_LIMIT: usize = 100;

/// Which cached pages a change makes stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purge {
    /// Every page (the change shows on all of them: a stylesheet, the switcher, navigation).
    All,
    /// The pages carrying any of these tags.
    Tags(Vec<String>),
    /// The pages carrying every tag of any one of these groups: `[product:tote,
    /// market:nl]` is the product's pages in one market's storefronts.
    Groups(Vec<Vec<String>>),
}

impl SiteDiff {
    /// What changed from `old` to `new`.
    pub fn between(old: &Site, new: &Site) -> Self {
        let (old_prices, new_prices) = (prices(old), prices(new));
        let (old_versions, new_versions) = (versions(old), versions(new));
        let mut diff = Self {
            site: old.name != new.name || old.default_language != new.default_language,
            markets: compare(&old.markets, &new.markets, same_market),
            storefronts: compare(&labels(old), &labels(new), |a, b| a == b),
            products: compare(&old.products, &new.products, |a, b| a == b),
            prices: compare(&old_prices, &new_prices, |a, b| a == b),
            categories: compare(&categories(old), &categories(new), |a, b| a == b),
            messages: compare(&old.message_digests, &new.message_digests, |a, b| a == b),
            tokens: compare(&old.theme.tokens, &new.theme.tokens, |a, b| a == b),
            assets: compare(&set(old.assets.urls()), &set(new.assets.urls()), |_, _| {
                true
            }),
            stores: compare(&old.stores, &new.stores, |a, b| a == b),
            plugins: compare(&old_versions, &new_versions, |a, b| a == b),
            omitted: BTreeMap::new(),
        };
        for changed in &mut diff.prices {
            let key = changed
                .id
                .split_once('/')
                .map(|(m, p)| (m.to_owned(), p.to_owned()));
            let price =
                |prices: &BTreeMap<_, _>| key.as_ref().and_then(|k| prices.get(k)).map(price_text);
            changed.detail = arrow(price(&old_prices), price(&new_prices));
        }
        let token = |site: &Site, id: &str| site.theme.tokens.get(id).map(|t| t.value.clone());
        for changed in &mut diff.tokens {
            changed.detail = arrow(token(old, &changed.id), token(new, &changed.id));
        }
        for changed in &mut diff.plugins {
            let version = |versions: &BTreeMap<String, String>| versions.get(&changed.id).cloned();
            changed.detail = arrow(version(&old_versions), version(&new_versions));
        }
        diff
    }

    /// The same diff with each list cut to its first `limit` entries, how many were left
    /// out counted in `omitted`. Purge with the whole diff: this one is for people.
    pub fn bounded(mut self, limit: usize) -> Self {
        let lists = [
            ("markets", &mut self.markets),
            ("storefronts", &mut self.storefronts),
            ("products", &mut self.products),
            ("prices", &mut self.prices),
            ("categories", &mut self.categories),
            ("messages", &mut self.messages),
            ("tokens", &mut self.tokens),
            ("assets", &mut self.assets),
            ("stores", &mut self.stores),
            ("plugins", &mut self.plugins),
        ];
        for (name, list) in lists {
            if list.len() > limit {
                *self.omitted.entry(name.to_owned()).or_default() += list.len() - limit;
                list.truncate(limit);
            }
        }
        self
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The pages to purge from the cache after swapping `old` for the new snapshot.
    pub fn purge(&self) -> Purge {
        let everywhere = self.site
            || !self.storefronts.is_empty()
            || !self.categories.is_empty()
            || !self.tokens.is_empty()
            || !self.assets.is_empty()
            || !self.stores.is_empty()
            || self.markets.iter().any(|m| m.change != Change::Changed)
            // Stores show only in plugins' output; a new plugin fills slots no page had.
            || self.plugins.iter().any(|p| p.change == Change::Added);
        if everywhere {
            return Purge::All;
        }
        let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
        let mut one = |tag: Tag<'_>| groups.insert(vec![tag.to_string()]);
        for market in &self.markets {
            one(Tag::Market(&market.id));
        }
        for product in &self.products {
            // Listings that did not name it may gain it (added, or moved to a category).
            one(Tag::Product(&product.id));
            one(Tag::Catalogue);
        }
        for message in &self.messages {
            let (locale, _) = message.id.split_once('/').unwrap_or((&message.id, ""));
            one(Tag::Locale(locale));
        }
        for plugin in &self.plugins {
            one(Tag::Plugin(&plugin.id));
        }
        for price in &self.prices {
            let (market, product) = price.id.split_once('/').unwrap_or(("", &price.id));
            // The product's pages in this market only, and its listings ordered or
            // filtered by price.
            groups.insert(vec![
                Tag::Product(product).to_string(),
                Tag::Market(market).to_string(),
            ]);
            groups.insert(vec![Tag::Prices(market).to_string()]);
            if price.change == Change::Added {
                // Now sold where it was not: this market's listings that left it out gain it.
                groups.insert(vec![
                    Tag::Catalogue.to_string(),
                    Tag::Market(market).to_string(),
                ]);
            }
        }
        if groups.len() > MAX_PURGE_GROUPS {
            // Thousands of products changed (a first import): matching every cached page
            // against every group would cost more than rendering the pages again.
            return Purge::All;
        }
        Purge::Groups(groups.into_iter().collect())
    }
}

/// A price as a diff shows it: `4900`, or `3900 (reduced from 4900)`.
fn price_text((minor, reduction): &(i64, Option<crate::Reduction>)) -> String {
    match reduction {
        Some(r) => format!("{minor} (reduced from {})", r.previous_price),
        None => minor.to_string(),
    }
}

/// `a → b`, `→ b` (added) or `a →` (removed).
fn arrow(before: Option<String>, after: Option<String>) -> Option<String> {
    match (before, after) {
        (None, None) => None,
        (before, after) => Some(format!(
            "{} → {}",
            before.unwrap_or_default(),
            after.unwrap_or_default()
        ))
        .map(|s| s.trim().to_owned()),
    }
}

/// Entries added, changed (by `same`) or removed between two maps with ordered keys.
fn compare<K: Ord + ToId, V>(
    old: &BTreeMap<K, V>,
    new: &BTreeMap<K, V>,
    same: impl Fn(&V, &V) -> bool,
) -> Vec<Changed> {
    let mut out = Vec::new();
    for (key, before) in old {
        match new.get(key) {
            None => out.push(changed(key, Change::Removed)),
            Some(after) if !same(before, after) => out.push(changed(key, Change::Changed)),
            Some(_) => {}
        }
    }
    for key in new.keys().filter(|k| !old.contains_key(*k)) {
        out.push(changed(key, Change::Added));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn changed(key: &impl ToId, change: Change) -> Changed {
    Changed {
        id: key.to_id(),
        change,
        detail: None,
    }
}

/// How a key reads in a diff.
trait ToId {
    fn to_id(&self) -> String;
}

impl ToId for String {
    fn to_id(&self) -> String {
        self.clone()
    }
}

impl ToId for (String, String) {
    fn to_id(&self) -> String {
        format!("{}/{}", self.0, self.1)
    }
}

fn same_market(a: &Market, b: &Market) -> bool {
    a.country == b.country
        && a.currency == b.currency
        && a.tax == b.tax
        && a.omnibus == b.omnibus
        && a.storefronts == b.storefronts
        && a.token_overrides == b.token_overrides
        && a.plugins == b.plugins
}

fn labels(site: &Site) -> BTreeMap<String, String> {
    site.storefronts
        .iter()
        .map(|s| (s.id.clone(), s.label.clone()))
        .collect()
}

/// Price and reduction per (market, product).
fn prices(site: &Site) -> BTreeMap<(String, String), (i64, Option<crate::Reduction>)> {
    site.markets
        .values()
        .flat_map(|m| {
            m.prices.iter().map(move |(product, price)| {
                let reduction = m.reductions.get(product).cloned();
                ((m.id.clone(), product.clone()), (*price, reduction))
            })
        })
        .collect()
}

fn categories(site: &Site) -> BTreeMap<String, &crate::Category> {
    site.categories.iter().map(|c| (c.id.clone(), c)).collect()
}

fn versions(site: &Site) -> BTreeMap<String, String> {
    site.plugins
        .values()
        .map(|p| {
            (
                p.id.clone(),
                format!("{} ({})", p.version, short_digest(&p.component)),
            )
        })
        .collect()
}

/// The first bytes of a component's SHA-256, so a rebuilt component with the same version
/// still shows as changed.
fn short_digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn set<'a>(urls: impl Iterator<Item = &'a str>) -> BTreeMap<String, ()> {
    urls.map(|u| (u.to_owned(), ())).collect()
}
