//! A site whose catalogue comes from its feed (`catalogue = "feed"` in `site.toml`): the
//! feed's records checked with the rules of the TOML catalogue (the same functions), and
//! their prices, reductions and stock laid into the markets and stores. Problems name the
//! feed, the record's field (`products.canvas-tote.prices.nl`) and, when the feed was read
//! from a file, its line.

use std::collections::{BTreeMap, BTreeSet};

use toml::value::Datetime;

use super::catalogue::{self, RawProductFile};
use super::markets;
use crate::feed::{Feed, FeedProduct, FeedReduction};
use crate::raw::{RawCategory, RawPricePoint, RawProduct, RawReduction};
use crate::reader::Reader;
use crate::{Assets, Category, Market, Product, Store};

/// The feed's categories, sorted by position.
pub fn categories(feed: &Feed) -> Vec<Category> {
    let raw = feed.categories.iter().map(|(id, entry)| {
        let record = entry.record.clone();
        let raw = RawCategory {
            position: record.position,
            name: record.name,
            description: record.description,
        };
        (id.clone(), raw)
    });
    catalogue::sorted_categories(raw.collect())
}

/// The feed's products, as the product files' checks take them.
pub fn raw_products(reader: &mut Reader<'_>, feed: &Feed) -> BTreeMap<String, RawProductFile> {
    feed.products
        .iter()
        .map(|(id, entry)| {
            let prefix = format!("products.{id}.");
            let record = &entry.record;
            let added = record
                .added
                .as_deref()
                .and_then(|text| datetime(reader, &feed.name, &format!("{prefix}added"), text));
            let raw = RawProduct {
                category: record.category.clone(),
                image: record.image.clone(),
                name: record.name.clone(),
                description: record.description.clone(),
                featured: record.featured,
                added: None,
            };
            let file = feed.name.clone();
            (
                id.clone(),
                RawProductFile {
                    file,
                    prefix,
                    added,
                    raw,
                },
            )
        })
        .collect()
}

/// Checks the feed's products as product files are checked.
pub fn products(
    reader: &mut Reader<'_>,
    feed: &Feed,
    (categories, languages): (&[Category], &BTreeSet<String>),
    images_dir: &str,
    assets: &mut Assets,
) -> BTreeMap<String, Product> {
    catalogue::check_category_languages(reader, (&feed.name, "categories."), categories, languages);
    let raw = raw_products(reader, feed);
    let context = (categories, languages);
    catalogue::products(reader, raw, context, (images_dir, &feed.name), assets)
}

/// Lays each product's prices and reductions into the markets that sell it. A market the
/// site does not have is a problem, unless some market file could not be read (then the
/// feed is not blamed for it).
pub fn prices(
    reader: &mut Reader<'_>,
    feed: &Feed,
    markets: &mut BTreeMap<String, Market>,
    all_markets_read: bool,
) {
    for (id, entry) in &feed.products {
        let prefix = format!("products.{id}");
        let record = &entry.record;
        for (market_id, price) in &record.prices {
            let key = format!("{prefix}.prices.{market_id}");
            if *price <= 0 {
                let rule = "a price is a positive amount in minor units";
                reader.problem(&feed.name, &key, rule);
                continue;
            }
            match markets.get_mut(market_id) {
                Some(market) => {
                    market.prices.insert(id.clone(), *price);
                }
                None if all_markets_read => {
                    reader.problem(&feed.name, &key, format!("unknown market `{market_id}`"));
                }
                None => {}
            }
        }
        reductions(reader, feed, (id, record), markets);
    }
}

fn reductions(
    reader: &mut Reader<'_>,
    feed: &Feed,
    (id, record): (&str, &FeedProduct),
    markets: &mut BTreeMap<String, Market>,
) {
    for (market_id, reduction) in &record.reductions {
        let key = format!("products.{id}.reductions.{market_id}");
        let Some(price) = record.prices.get(market_id).filter(|p| **p > 0) else {
            let rule = format!("`{id}` has no price in market `{market_id}` to reduce");
            reader.problem(&feed.name, &key, rule);
            continue;
        };
        let Some(raw) = raw_reduction(reader, &feed.name, &key, reduction) else {
            continue;
        };
        let Some(reduction) = markets::reduction(reader, &feed.name, &key, &raw, *price) else {
            continue;
        };
        if let Some(market) = markets.get_mut(market_id) {
            market.reductions.insert(id.to_owned(), reduction);
        }
    }
}

/// Lays each product's stock into the stores that hold it; an unknown store is a problem.
pub fn stock(reader: &mut Reader<'_>, feed: &Feed, stores: &mut BTreeMap<String, Store>) {
    for (id, entry) in &feed.products {
        for (store_id, units) in &entry.record.stock {
            match stores.get_mut(store_id) {
                Some(store) => {
                    store.stock.insert(id.clone(), *units);
                }
                None => {
                    let key = format!("products.{id}.stock.{store_id}");
                    let rule = format!("unknown store `{store_id}` (stores are in `stores.toml`)");
                    reader.problem(&feed.name, &key, rule);
                }
            }
        }
    }
}

/// A reduction's dates as the TOML rules read them; a text that is no date is a problem.
fn raw_reduction(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    reduction: &FeedReduction,
) -> Option<RawReduction> {
    let since = datetime(reader, file, &format!("{key}.since"), &reduction.since);
    let history: Vec<Option<RawPricePoint>> = reduction
        .history
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let since = datetime(
                reader,
                file,
                &format!("{key}.history[{i}].since"),
                &point.since,
            );
            since.map(|since| RawPricePoint {
                since,
                price: point.price,
            })
        })
        .collect();
    let history = history.into_iter().collect::<Option<Vec<_>>>()?;
    Some(RawReduction {
        since: since?,
        history,
    })
}

/// A `YYYY-MM-DD` text as the TOML rules read dates (which check it is a plain date).
fn datetime(reader: &mut Reader<'_>, file: &str, key: &str, text: &str) -> Option<Datetime> {
    match text.parse::<Datetime>() {
        Ok(value) if value.date.is_some() && value.time.is_none() => Some(value),
        _ => {
            let rule = format!("`{text}` is not a plain date (YYYY-MM-DD)");
            reader.problem(file, key, rule);
            None
        }
    }
}
