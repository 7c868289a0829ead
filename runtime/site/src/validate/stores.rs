//! `stores.toml`: click-and-collect stores with per-store stock.

use std::collections::{BTreeMap, BTreeSet};

use super::checks;
use crate::raw::RawStore;
use crate::reader::Reader;
use crate::source::join;
use crate::{Product, Store, WEEKDAYS};

/// Reads and checks every store; the file is optional. `countries` are the markets'
/// countries, or `None` when a market file could not be read (then no store is blamed).
pub fn load(
    reader: &mut Reader<'_>,
    site_dir: &str,
    products: &BTreeMap<String, Product>,
    (countries, feed): (Option<&BTreeSet<String>>, bool),
) -> BTreeMap<String, Store> {
    let file = join(site_dir, "stores.toml");
    if !reader
        .list(site_dir, (site_dir, ""))
        .iter()
        .any(|n| n == "stores.toml")
    {
        return BTreeMap::new();
    }
    let raw: BTreeMap<String, RawStore> = reader.toml(&file).unwrap_or_default();
    let mut stores = BTreeMap::new();
    for (id, raw) in raw {
        if !checks::id(reader, &file, &id, &id) {
            continue;
        }
        if feed && !raw.stock.is_empty() {
            let rule = checks::belongs_in_feed("stock belongs in the feed");
            reader.problem(&file, format!("{id}.stock"), rule);
        }
        check(reader, &file, &id, &raw, products, countries);
        let store = Store {
            id: id.clone(),
            name: raw.name,
            country: raw.country,
            street: raw.street,
            postcode: raw.postcode,
            city: raw.city,
            pickup_lead_hours: raw.pickup_lead_hours,
            opening_hours: raw.opening_hours,
            stock: raw.stock,
        };
        stores.insert(id, store);
    }
    stores
}

fn check(
    reader: &mut Reader<'_>,
    file: &str,
    id: &str,
    raw: &RawStore,
    products: &BTreeMap<String, Product>,
    countries: Option<&BTreeSet<String>>,
) {
    let country_key = format!("{id}.country");
    if checks::country(reader, file, &country_key, &raw.country)
        && countries.is_some_and(|c| !c.contains(&raw.country))
    {
        let rule = format!("no market sells in `{}`", raw.country);
        reader.problem(file, &country_key, rule);
    }
    if raw.pickup_lead_hours > 24 * 14 {
        let rule = "pickup lead time is at most two weeks (336 hours)";
        reader.problem(file, format!("{id}.pickup_lead_hours"), rule);
    }
    for product in raw.stock.keys().filter(|p| !products.contains_key(*p)) {
        let rule = format!("unknown product `{product}`");
        reader.problem(file, format!("{id}.stock.{product}"), rule);
    }
    check_hours(reader, file, id, &raw.opening_hours);
}

fn check_hours(reader: &mut Reader<'_>, file: &str, id: &str, hours: &BTreeMap<String, String>) {
    for (day, value) in hours {
        let key = format!("{id}.opening_hours.{day}");
        if !WEEKDAYS.contains(&day.as_str()) {
            reader.problem(
                file,
                &key,
                "weekdays are mon, tue, wed, thu, fri, sat and sun",
            );
        } else if value != "closed" && !is_time_range(value) {
            reader.problem(
                file,
                &key,
                format!("`{value}` is neither `closed` nor `HH:MM-HH:MM`"),
            );
        }
    }
}

fn is_time_range(value: &str) -> bool {
    let Some((open, close)) = value.split_once('-') else {
        return false;
    };
    matches!((minutes(open), minutes(close)), (Some(o), Some(c)) if o < c)
}

fn minutes(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}
