//! Storefronts: each market's languages, with their locale and formatters.

use std::collections::BTreeMap;
use std::sync::Arc;

use vitrine_l10n::{LocaleBundleSet, MessageStats, StorefrontL10n, StorefrontLocale};

use crate::raw::RawSite;
use crate::reader::Reader;
use crate::source::join;
use crate::{Market, Storefront};

/// Builds every storefront of every market; a storefront whose language has no locale
/// files is a problem.
pub fn build(
    reader: &mut Reader<'_>,
    site_dir: &str,
    markets: &BTreeMap<String, Market>,
    bundles: &LocaleBundleSet,
    site: &RawSite,
    stats: &Arc<MessageStats>,
) -> Vec<Storefront> {
    let locales_dir = join(site_dir, &site.locales);
    let mut storefronts = Vec::new();
    for market in markets.values() {
        let file = join(site_dir, &format!("markets/{}.toml", market.id));
        for (i, id) in market.storefronts.iter().enumerate() {
            let key = format!("storefronts[{i}]");
            let context = (file.as_str(), key.as_str(), locales_dir.as_str());
            if let Some(storefront) = one(reader, context, id, market, bundles, site, stats) {
                storefronts.push(storefront);
            }
        }
    }
    storefronts
}

fn one(
    reader: &mut Reader<'_>,
    (file, key, locales_dir): (&str, &str, &str),
    id: &str,
    market: &Market,
    bundles: &LocaleBundleSet,
    site: &RawSite,
    stats: &Arc<MessageStats>,
) -> Option<Storefront> {
    let (language, _) = id.split_once('-')?;
    let tag = format!("{language}-{}", market.country);
    let locale = match StorefrontLocale::new(&tag, &site.default_language) {
        Ok(locale) => locale,
        Err(error) => {
            reader.problem(file, key, error.to_string());
            return None;
        }
    };
    // A folder of the storefront's own language counts, the default language's included
    // (`en-ie` reads `locales/en-IE/` or `locales/en/`).
    let has_files = locale
        .chain
        .iter()
        .chain(std::iter::once(&locale.fluent))
        .any(|l| bundles.has_locale(l) && l.language == locale.fluent.language);
    if !has_files {
        let rule = format!(
            "storefront `{id}` has no locale files (looked for `{locales_dir}/{tag}/` and `{locales_dir}/{language}/`)"
        );
        reader.problem(file, key, rule);
        return None;
    }
    match StorefrontL10n::new(locale, market.currency, bundles, Arc::clone(stats)) {
        Ok(l10n) => Some(Storefront {
            id: id.to_owned(),
            market: market.id.clone(),
            language: language.to_owned(),
            label: own_label(&l10n, &market.country),
            l10n,
        }),
        Err(error) => {
            reader.problem(file, key, error.to_string());
            None
        }
    }
}

/// `België · Nederlands`: a storefront named in its own language.
fn own_label(l10n: &StorefrontL10n, country: &str) -> String {
    let messages = &l10n.messages;
    let country = messages.text(&format!("country-{country}"));
    let language = messages.text("language-name");
    messages.format(
        "storefront-label",
        &[
            ("country", vitrine_l10n::Arg::Text(&country)),
            ("language", vitrine_l10n::Arg::Text(&language)),
        ],
    )
}
