//! Stage two: validated, resolved types. Everything here has been checked; code that uses a
//! [`Site`] never has to handle a dangling reference.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use time::Date;
use vitrine_l10n::{Currency, MessageStats, StorefrontL10n};

use crate::Assets;

/// An immutable snapshot of everything a storefront needs. Reload builds a new one and
/// swaps it in whole; requests keep the snapshot they started with.
#[derive(Debug)]
pub struct Site {
    /// Fingerprint of every input file; equal inputs give an equal version.
    pub version: String,
    /// Brand name.
    pub name: String,
    /// The language every fallback chain ends with (`en`).
    pub default_language: String,
    /// Markets by id, in id order.
    pub markets: BTreeMap<String, Market>,
    /// Storefronts in a stable order (by market, then as listed in the market).
    pub storefronts: Vec<Storefront>,
    /// Products by id.
    pub products: BTreeMap<String, Product>,
    /// Categories sorted by position.
    pub categories: Vec<Category>,
    /// Click-and-collect stores by id.
    pub stores: BTreeMap<String, Store>,
    /// The brand theme.
    pub theme: Theme,
    /// Content-hashed static files (CSS, images).
    pub assets: Assets,
    /// Counters for missing messages, shared by every storefront.
    pub message_stats: Arc<MessageStats>,
    /// Translation problems: messages a storefront's language lacks (they show in the
    /// fallback language) or the reference language does not know. The site serves, but
    /// `vitrine check` and a reload refuse it until they are fixed.
    pub message_problems: Vec<crate::Problem>,
    /// Plugin packages that passed their checks, by id.
    pub plugins: BTreeMap<String, Arc<crate::PluginPackage>>,
    /// Problems with plugins: each disables the plugin concerned (in one market or all),
    /// while the rest of the site serves.
    pub plugin_problems: Vec<crate::Problem>,
    /// A digest of every Fluent message of the site's locales, by locale folder and
    /// message id: what a reload compares to tell which messages changed.
    pub message_digests: BTreeMap<(String, String), u64>,
    /// The folders the site was read from (site, theme, locales, plugins): what a file
    /// watcher watches.
    pub folders: Vec<String>,
    /// Position of each storefront in `storefronts`, by id.
    pub(crate) storefront_index: HashMap<String, usize>,
    /// The products in listing order, whole and per category.
    pub(crate) catalogue_index: crate::CatalogueIndex,
}

impl Site {
    /// Looks a storefront up by its URL prefix (`nl-be`).
    pub fn storefront(&self, id: &str) -> Option<&Storefront> {
        self.storefront_index
            .get(id)
            .and_then(|i| self.storefronts.get(*i))
    }

    /// The market a storefront belongs to.
    pub fn market_of(&self, storefront: &Storefront) -> &Market {
        // Validation guarantees every storefront's market exists.
        &self.markets[&storefront.market]
    }

    /// The click-and-collect stores of a market's country.
    pub fn stores_in<'s>(&'s self, market: &'s Market) -> impl Iterator<Item = &'s Store> + 's {
        self.stores.values().filter(|s| s.country == market.country)
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// How prices are shown in a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxDisplay {
    /// Prices include VAT at this rate (EU, UK, CH, AE).
    Inclusive(VatRate),
    /// Prices exclude sales tax, which is calculated at checkout (US).
    Exclusive,
}

/// A VAT rate in hundredths of a percent (`21%` = 2100, `8.1%` = 810).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VatRate {
    /// The rate in basis points.
    pub basis_points: u32,
}

impl VatRate {
    /// The VAT contained in a VAT-inclusive amount, rounded half up to the minor unit.
    pub fn included_in(&self, gross_minor: i64) -> i64 {
        let rate = i128::from(self.basis_points);
        let gross = i128::from(gross_minor);
        let numerator = gross * rate * 2;
        let denominator = (10_000 + rate) * 2;
        let vat = (numerator + denominator / 2) / denominator;
        i64::try_from(vat).unwrap_or(i64::MAX)
    }

    /// The rate as a plain decimal string (`8.1`), for locale formatting.
    pub fn percent_string(&self) -> String {
        let whole = self.basis_points / 100;
        let fraction = self.basis_points % 100;
        match fraction {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }
}

/// A country the brand sells in.
#[derive(Debug)]
pub struct Market {
    /// The market id (file name: `be`).
    pub id: String,
    /// ISO 3166-1 alpha-2 country code, upper case.
    pub country: String,
    /// The currency prices are in.
    pub currency: Currency,
    /// Whether prices include VAT.
    pub tax: TaxDisplay,
    /// Whether the EU Omnibus rule applies: reductions show the lowest price of the prior
    /// 30 days.
    pub omnibus: bool,
    /// Storefront ids in this market (`nl-be`, `fr-be`).
    pub storefronts: Vec<String>,
    /// Price per product in minor units; a product without a price is not sold here.
    pub prices: BTreeMap<String, i64>,
    /// Reduced products and the reference prices to show.
    pub reductions: BTreeMap<String, Reduction>,
    /// Overrides of overridable theme tokens.
    pub token_overrides: BTreeMap<String, String>,
    /// Plugins enabled here, by id (only plugins that loaded and passed every check).
    pub plugins: BTreeMap<String, crate::MarketPlugin>,
}

impl Market {
    /// Whether the market sells a product.
    pub fn sells(&self, product: &str) -> bool {
        self.prices.contains_key(product)
    }
}

/// A price reduction with the reference prices the law wants shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduction {
    /// When the reduced price took effect.
    pub since: Date,
    /// The price in effect just before the reduction.
    pub previous_price: i64,
    /// The lowest price in the 30 days before the reduction (Omnibus Directive).
    pub lowest_prior_30_days: i64,
}

/// A storefront: one language of one market, addressed by `/{language}-{country}/`.
#[derive(Debug)]
pub struct Storefront {
    /// URL prefix, lower case (`fr-be`).
    pub id: String,
    /// The market id.
    pub market: String,
    /// Language subtag (`fr`), used to pick catalogue content.
    pub language: String,
    /// Messages and formatters.
    pub l10n: StorefrontL10n,
    /// The storefront named in its own language (`België · Nederlands`), for the switcher
    /// and the chooser; resolved once per snapshot.
    pub label: String,
}

/// A product with its content in every storefront language.
#[derive(Debug, PartialEq, Eq)]
pub struct Product {
    /// Product id (file name, used in URLs).
    pub id: String,
    /// Category id.
    pub category: String,
    /// The product image's asset path.
    pub image: String,
    /// Name per language.
    pub name: BTreeMap<String, String>,
    /// Description per language.
    pub description: BTreeMap<String, String>,
    /// Shown first: on the home page and at the top of its category.
    pub featured: bool,
    /// When it joined the catalogue, for the "newest" order (undated products come last).
    pub added: Option<Date>,
}

impl Product {
    /// The name in a language (validation guarantees every storefront language exists).
    pub fn name_in(&self, language: &str) -> &str {
        text_in(&self.name, language)
    }

    /// The description in a language.
    pub fn description_in(&self, language: &str) -> &str {
        text_in(&self.description, language)
    }
}

/// A product category.
#[derive(Debug, PartialEq, Eq)]
pub struct Category {
    /// Category id (used in URLs).
    pub id: String,
    /// Sort position in navigation.
    pub position: u32,
    /// Name per language.
    pub name: BTreeMap<String, String>,
    /// Description per language.
    pub description: BTreeMap<String, String>,
}

impl Category {
    /// The name in a language.
    pub fn name_in(&self, language: &str) -> &str {
        text_in(&self.name, language)
    }

    /// The description in a language (may be empty).
    pub fn description_in(&self, language: &str) -> &str {
        text_in(&self.description, language)
    }
}

fn text_in<'a>(texts: &'a BTreeMap<String, String>, language: &str) -> &'a str {
    texts
        .get(language)
        .or_else(|| texts.values().next())
        .map(String::as_str)
        .unwrap_or_default()
}

/// A physical store that offers click-and-collect.
#[derive(Debug, PartialEq, Eq)]
pub struct Store {
    /// Store id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO country code.
    pub country: String,
    /// Street and number.
    pub street: String,
    /// Postcode.
    pub postcode: String,
    /// City.
    pub city: String,
    /// Hours between an order and the parcel being ready.
    pub pickup_lead_hours: u32,
    /// Opening hours per weekday (`mon` … `sun`), `closed` or `HH:MM-HH:MM`.
    pub opening_hours: BTreeMap<String, String>,
    /// Units in stock per product.
    pub stock: BTreeMap<String, u32>,
}

/// Weekday codes in calendar order, as store opening hours use them.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Store {
    /// Opening hours in weekday order: each listed day with its hours, `None` when closed.
    pub fn opening_days(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> {
        WEEKDAYS.iter().filter_map(|day| {
            let hours = self.opening_hours.get(*day)?;
            Some((*day, (hours != "closed").then_some(hours.as_str())))
        })
    }

    /// The address as card lines: street, then postcode and city.
    pub fn address_lines(&self) -> [String; 2] {
        [
            self.street.clone(),
            format!("{} {}", self.postcode, self.city),
        ]
    }
}

/// The brand theme: tokens and stylesheets (templates are compiled into the binary).
#[derive(Debug)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    /// Theme version, shown in the start-up line.
    pub version: String,
    /// Design tokens in declaration order.
    pub tokens: BTreeMap<String, Token>,
    /// Hashed URL of the stylesheet with every market's token values.
    pub tokens_css_url: String,
    /// Hashed URLs of the theme's stylesheets, in order.
    pub stylesheet_urls: Vec<String>,
    /// How many products listings show.
    pub listing: ListingSizes,
}

/// How many products a listing page and the home page show (`[listing]` in `theme.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListingSizes {
    /// Products per page of a category or search listing.
    pub page_size: usize,
    /// Products on the home page.
    pub home_products: usize,
}

impl ListingSizes {
    /// The sizes a theme gets without a `[listing]` table.
    pub const DEFAULT: Self = Self {
        page_size: 24,
        home_products: 8,
    };
    /// The most products one page may show, which keeps every page's HTML bounded.
    pub const MAX: usize = 96;
}

/// A design token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// CSS value.
    pub value: String,
    /// Whether a market may override it.
    pub overridable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vat_included_in_gross_price_rounds_half_up() {
        let nl = VatRate { basis_points: 2100 };
        assert_eq!(nl.included_in(12100), 2100);
        assert_eq!(nl.included_in(4900), 850);
        let ch = VatRate { basis_points: 810 };
        assert_eq!(ch.included_in(10810), 810);
    }

    #[test]
    fn percent_strings_drop_needless_zeros() {
        assert_eq!(VatRate { basis_points: 2100 }.percent_string(), "21");
        assert_eq!(VatRate { basis_points: 810 }.percent_string(), "8.1");
        assert_eq!(VatRate { basis_points: 755 }.percent_string(), "7.55");
    }
}
