//! `markets/*.toml`: one file per market.

use std::collections::{BTreeMap, BTreeSet};

use time::Duration;
use vitrine_l10n::Currency;

use super::catalogue::RawProductFile;
use super::plugins::MarketPlugins;
use super::{checks, theme};
use crate::raw::{RawMarket, RawReduction};
use crate::reader::Reader;
use crate::source::join;
use crate::{Market, Reduction, TaxDisplay, Token, VatRate};

/// The markets that passed their checks, and what is known of all market files even when
/// some failed (so that other files are not blamed for a market's own mistake).
pub struct LoadedMarkets {
    /// Valid markets by id.
    pub valid: BTreeMap<String, Market>,
    /// Countries named by market files that could be parsed.
    pub countries: BTreeSet<String>,
    /// Whether every market file could be parsed.
    pub all_parsed: bool,
    /// The `[plugins]` sections, checked once the packages are loaded.
    pub plugin_sections: BTreeMap<String, MarketPlugins>,
}

/// Reads and checks every market.
pub fn load(
    reader: &mut Reader<'_>,
    site_dir: &str,
    products: &BTreeMap<String, RawProductFile>,
    (tokens, feed): (Option<&BTreeMap<String, Token>>, bool),
) -> LoadedMarkets {
    let dir = join(site_dir, "markets");
    let mut markets = BTreeMap::new();
    let mut countries = BTreeSet::new();
    let mut all_parsed = true;
    let mut plugin_sections = BTreeMap::new();
    let mut seen_storefronts: BTreeMap<String, String> = BTreeMap::new();
    let names = reader.list(&dir, (&dir, ""));
    if !names.iter().any(|n| n.ends_with(".toml")) {
        reader.problem(&dir, "", "a site needs at least one market file");
    }
    for name in names {
        let Some(id) = name.strip_suffix(".toml") else {
            continue;
        };
        let file = join(&dir, &name);
        if !checks::id(reader, &file, "", id) {
            continue;
        }
        let Some(mut raw) = reader.toml::<RawMarket>(&file) else {
            all_parsed = false;
            continue;
        };
        countries.insert(raw.country.clone());
        let section = std::mem::take(&mut raw.plugins);
        plugin_sections.insert(
            id.to_owned(),
            MarketPlugins {
                file: file.clone(),
                raw: section,
            },
        );
        let context = MarketFile {
            file: &file,
            id,
            products,
            tokens,
            feed,
        };
        if let Some(market) = context.check(reader, raw, &mut seen_storefronts) {
            markets.insert(id.to_owned(), market);
        }
    }
    LoadedMarkets {
        valid: markets,
        countries,
        all_parsed,
        plugin_sections,
    }
}

struct MarketFile<'a> {
    file: &'a str,
    id: &'a str,
    products: &'a BTreeMap<String, RawProductFile>,
    tokens: Option<&'a BTreeMap<String, Token>>,
    /// The catalogue comes from the feed: prices and reductions belong there.
    feed: bool,
}

impl MarketFile<'_> {
    fn check(
        &self,
        reader: &mut Reader<'_>,
        raw: RawMarket,
        seen: &mut BTreeMap<String, String>,
    ) -> Option<Market> {
        let country_ok = checks::country(reader, self.file, "country", &raw.country);
        let currency = self.currency(reader, &raw.currency);
        let tax = self.tax(reader, raw.prices_include_tax, raw.vat_rate.as_deref());
        let storefronts = if country_ok {
            self.storefronts(reader, &raw.storefronts, &raw.country, seen)
        } else {
            Vec::new()
        };
        if self.feed {
            self.nothing_of_the_feed(reader, &raw);
        }
        self.prices(reader, &raw.prices);
        let reductions = self.reductions(reader, raw.reductions, &raw.prices);
        let token_overrides = self.overrides(reader, raw.theme);
        Some(Market {
            id: self.id.to_owned(),
            country: raw.country,
            currency: currency?,
            tax: tax?,
            omnibus: raw.omnibus,
            storefronts,
            prices: raw.prices,
            reductions,
            token_overrides,
            plugins: BTreeMap::new(),
        })
    }

    fn currency(&self, reader: &mut Reader<'_>, code: &str) -> Option<Currency> {
        match Currency::parse(code) {
            Ok(currency) => Some(currency),
            Err(error) => {
                reader.problem(self.file, "currency", error.to_string());
                None
            }
        }
    }

    fn tax(
        &self,
        reader: &mut Reader<'_>,
        inclusive: bool,
        rate: Option<&str>,
    ) -> Option<TaxDisplay> {
        match (inclusive, rate) {
            (false, None) => Some(TaxDisplay::Exclusive),
            (false, Some(_)) => {
                let rule = "`vat_rate` only applies when `prices_include_tax = true`";
                reader.problem(self.file, "vat_rate", rule);
                None
            }
            (true, None) => {
                let rule = "VAT-inclusive prices need the `vat_rate` they include";
                reader.problem(self.file, "vat_rate", rule);
                None
            }
            (true, Some(rate)) => match parse_vat_rate(rate) {
                Some(rate) => Some(TaxDisplay::Inclusive(rate)),
                None => {
                    let rule = format!(
                        "`{rate}` is not a percentage between 0 and 100 with at most two decimals"
                    );
                    reader.problem(self.file, "vat_rate", rule);
                    None
                }
            },
        }
    }

    fn storefronts(
        &self,
        reader: &mut Reader<'_>,
        storefronts: &[String],
        country: &str,
        seen: &mut BTreeMap<String, String>,
    ) -> Vec<String> {
        if storefronts.is_empty() {
            let rule = "a market needs at least one storefront";
            reader.problem(self.file, "storefronts", rule);
        }
        let suffix = format!("-{}", country.to_ascii_lowercase());
        let mut valid = Vec::new();
        for (i, id) in storefronts.iter().enumerate() {
            let key = format!("storefronts[{i}]");
            let language = id.strip_suffix(&suffix).filter(|l| checks::is_language(l));
            if language.is_none() {
                let rule = format!(
                    "`{id}` must be `{{language}}{suffix}`: a two- or three-letter language subtag, then this market's country, in lower case"
                );
                reader.problem(self.file, &key, rule);
            } else if let Some(other) = seen.insert(id.clone(), self.id.to_owned()) {
                let rule = format!("storefront `{id}` is also in market `{other}`");
                reader.problem(self.file, &key, rule);
            } else {
                valid.push(id.clone());
            }
        }
        valid
    }

    /// A site whose catalogue is its feed keeps prices and reductions there only.
    fn nothing_of_the_feed(&self, reader: &mut Reader<'_>, raw: &RawMarket) {
        for (key, empty) in [
            ("prices", raw.prices.is_empty()),
            ("reductions", raw.reductions.is_empty()),
        ] {
            if !empty {
                let rule = checks::belongs_in_feed(&format!("{key} belong in the feed"));
                reader.problem(self.file, key, rule);
            }
        }
    }

    fn prices(&self, reader: &mut Reader<'_>, prices: &BTreeMap<String, i64>) {
        if self.feed {
            return;
        }
        for (product, price) in prices {
            let key = format!("prices.{product}");
            if !self.products.contains_key(product) {
                reader.problem(self.file, &key, format!("unknown product `{product}`"));
            }
            if *price <= 0 {
                reader.problem(
                    self.file,
                    &key,
                    "a price is a positive amount in minor units",
                );
            }
        }
    }

    fn reductions(
        &self,
        reader: &mut Reader<'_>,
        raw: BTreeMap<String, RawReduction>,
        prices: &BTreeMap<String, i64>,
    ) -> BTreeMap<String, Reduction> {
        if self.feed {
            return BTreeMap::new();
        }
        raw.into_iter()
            .filter_map(|(product, raw)| {
                let key = format!("reductions.{product}");
                let Some(price) = prices.get(&product) else {
                    let rule = format!("`{product}` has no price in this market to reduce");
                    reader.problem(self.file, &key, rule);
                    return None;
                };
                let reduction = reduction(reader, self.file, &key, &raw, *price)?;
                Some((product, reduction))
            })
            .collect()
    }

    /// Checks token overrides; only the valid ones are kept.
    fn overrides(
        &self,
        reader: &mut Reader<'_>,
        overrides: BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let Some(tokens) = self.tokens else {
            return BTreeMap::new();
        };
        let mut valid = BTreeMap::new();
        for (name, value) in overrides {
            let key = format!("theme.{name}");
            match tokens.get(&name) {
                None => reader.problem(self.file, &key, format!("unknown theme token `{name}`")),
                Some(token) if !token.overridable => {
                    let rule = format!(
                        "theme token `{name}` is locked by the brand; markets may not override it"
                    );
                    reader.problem(self.file, &key, rule);
                }
                Some(_) => {
                    if theme::check_token(reader, self.file, &key, &name, &value) {
                        valid.insert(name, value);
                    }
                }
            }
        }
        valid
    }
}

/// Parses `21`, `8.1` or `7.55` into basis points.
fn parse_vat_rate(text: &str) -> Option<VatRate> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    let basis_points = whole.checked_mul(100)?.checked_add(fraction)?;
    (basis_points <= 10_000).then_some(VatRate { basis_points })
}

/// Derives the reference prices of a reduction from its price history.
pub(super) fn reduction(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    raw: &RawReduction,
    price: i64,
) -> Option<Reduction> {
    let since = checks::date(reader, file, &format!("{key}.since"), &raw.since);
    let mut points = Vec::new();
    let mut valid = since.is_some();
    for (i, point) in raw.history.iter().enumerate() {
        let point_key = format!("{key}.history[{i}]");
        let date = checks::date(reader, file, &format!("{point_key}.since"), &point.since);
        if point.price <= price {
            let rule = "a price before a reduction must be higher than the reduced price";
            reader.problem(file, &point_key, rule);
            valid = false;
        }
        match date {
            Some(date) => points.push((date, point.price)),
            None => valid = false,
        }
    }
    let since = since?;
    let ordered = points.windows(2).all(|w| w[0].0 < w[1].0);
    let before = points.last().is_some_and(|(date, _)| *date < since);
    if valid && (!ordered || !before) {
        let rule = "history needs at least one price, oldest first, all before `since`";
        reader.problem(file, format!("{key}.history"), rule);
        return None;
    }
    if !valid {
        return None;
    }
    Some(Reduction {
        since,
        previous_price: points.last().map(|(_, p)| *p)?,
        lowest_prior_30_days: lowest_in_window(&points, since),
    })
}

/// The lowest price in effect at any time in the 30 days before `since`.
fn lowest_in_window(points: &[(time::Date, i64)], since: time::Date) -> i64 {
    let window_start = since - Duration::days(30);
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let ends = points.get(i + 1).map_or(since, |(date, _)| *date);
            ends > window_start
        })
        .map(|(_, (_, price))| *price)
        .min()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn vat_rates_parse_to_basis_points() {
        assert_eq!(parse_vat_rate("21").map(|r| r.basis_points), Some(2100));
        assert_eq!(parse_vat_rate("8.1").map(|r| r.basis_points), Some(810));
        assert_eq!(parse_vat_rate("7.55").map(|r| r.basis_points), Some(755));
        assert_eq!(parse_vat_rate("101"), None);
        assert_eq!(parse_vat_rate("2,5"), None);
        assert_eq!(parse_vat_rate("1.234"), None);
    }

    #[test]
    fn omnibus_window_takes_every_price_in_force_during_the_30_days() {
        let since = date!(2026 - 11 - 20);
        let points = [(date!(2026 - 09 - 01), 8900), (date!(2026 - 10 - 25), 7900)];
        assert_eq!(lowest_in_window(&points, since), 7900);
        let points = [(date!(2026 - 09 - 01), 6900), (date!(2026 - 10 - 25), 7900)];
        assert_eq!(
            lowest_in_window(&points, since),
            6900,
            "6900 was in force until 25 Oct"
        );
        let points = [(date!(2026 - 01 - 01), 6900), (date!(2026 - 10 - 01), 7900)];
        assert_eq!(
            lowest_in_window(&points, since),
            7900,
            "6900 ended before the window"
        );
    }
}
