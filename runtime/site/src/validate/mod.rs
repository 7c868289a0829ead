//! Stage two: turns raw files into a validated [`Site`], collecting every problem.

use std::collections::BTreeSet;
use std::sync::Arc;

use vitrine_l10n::MessageStats;

use crate::feed::Feed;
use crate::raw::RawSite;
use crate::reader::Reader;
use crate::source::join;
use crate::{Assets, Problem, Site, SiteError, SiteSource};

mod catalogue;
mod catalogue_source;
mod checks;
mod contrast;
mod feed;
mod locales;
mod markets;
mod plugins;
use catalogue_source::Catalogue;
pub use catalogue_source::FEED_NAME;
pub(crate) use checks::is_id;
pub use plugins::{enable_version, package_completeness, read_uploaded, upload_folder};
mod storefronts;
mod stores;
mod theme;

/// Loads and validates the site whose `site.toml` is in `site_dir`, its catalogue from its
/// TOML files. Either every file is valid and a [`Site`] comes back, or every problem
/// found is returned.
pub fn load_site(source: &dyn SiteSource, site_dir: &str) -> Result<Site, SiteError> {
    load_site_with(source, site_dir, None)
}

/// Loads and validates a site with the catalogue feed imported for it, if any: a site whose
/// `site.toml` says `catalogue = "feed"` takes its catalogue from `feed` (none: an empty
/// catalogue); a feed with records for a site that does not say so is a problem.
pub fn load_site_with(
    source: &dyn SiteSource,
    site_dir: &str,
    feed: Option<&Feed>,
) -> Result<Site, SiteError> {
    let mut reader = Reader::new(source);
    let site_file = join(site_dir, "site.toml");
    let Some(raw) = reader.toml::<RawSite>(&site_file) else {
        return Err(fail(reader.finish().0));
    };
    checks::language(
        &mut reader,
        &site_file,
        "default_language",
        &raw.default_language,
    );
    let mut assets = Assets::default();
    let theme_dir = join(site_dir, &raw.theme);
    let theme = theme::load(&mut reader, &theme_dir, &mut assets);
    let locales_dir = join(site_dir, &raw.locales);
    let bundles = locales::load(&mut reader, &locales_dir);
    let (mut catalogue, categories) =
        Catalogue::read(&mut reader, (&site_file, &raw), site_dir, feed);
    let tokens = theme.as_ref().map(|t| &t.tokens);
    let loaded = markets::load(
        &mut reader,
        site_dir,
        catalogue.raw_products(),
        (tokens, catalogue.is_feed()),
    );
    let mut markets = loaded.valid;
    if let Some(theme) = &theme {
        let market_file = |id: &str| join(site_dir, &format!("markets/{id}.toml"));
        contrast::check(&mut reader, theme, &markets, market_file);
    }
    let languages = storefront_languages(&markets, &raw.default_language);
    let context = (categories.as_slice(), &languages);
    let products = catalogue.products(&mut reader, site_dir, context, &mut assets);
    catalogue.prices(&mut reader, &mut markets, loaded.all_parsed);
    let known_countries = loaded.all_parsed.then_some(&loaded.countries);
    let stores = catalogue.stores(&mut reader, site_dir, &products, known_countries);
    let stats = Arc::new(MessageStats::default());
    let storefronts = storefronts::build(&mut reader, site_dir, &markets, &bundles, &raw, &stats);
    let plugins_dir = raw.plugins.as_deref().map(|dir| join(site_dir, dir));
    let plugins = plugins::load(
        source,
        plugins_dir.as_deref(),
        &mut markets,
        loaded.plugin_sections,
    );
    let message_problems = translations(
        &locales_dir,
        &bundles,
        &storefronts,
        &plugins,
        &markets,
        &raw.default_language,
    );
    let folders = [site_dir.to_owned(), theme_dir, locales_dir]
        .into_iter()
        .chain(plugins_dir);
    let (problems, fingerprint) = reader.finish();
    let theme = match theme {
        Some(theme) if problems.is_empty() => theme,
        _ => return Err(fail(problems)),
    };
    let theme = theme::finish(theme, &markets, &mut assets);
    let storefront_index = index(&storefronts);
    let catalogue_index = crate::CatalogueIndex::new(&products);
    Ok(Site {
        version: hex(&combine(&fingerprint, &plugins.fingerprint)[..8]),
        name: raw.name,
        default_language: raw.default_language,
        markets,
        storefronts,
        products,
        categories,
        stores,
        theme,
        assets,
        message_stats: stats,
        plugins: shared(plugins.packages),
        plugin_problems: sorted(plugins.problems),
        message_problems,
        message_digests: bundles.message_digests(),
        folders: folders.collect(),
        storefront_index,
        catalogue_index,
    })
}

/// Translation problems of the site's locales and of each plugin's own.
fn translations(
    dir: &str,
    bundles: &vitrine_l10n::LocaleBundleSet,
    storefronts: &[crate::Storefront],
    plugins: &plugins::Loaded,
    markets: &std::collections::BTreeMap<String, crate::Market>,
    default_language: &str,
) -> Vec<Problem> {
    let all: Vec<&crate::Storefront> = storefronts.iter().collect();
    let mut problems = locales::completeness(dir, bundles, &all, default_language);
    problems.extend(plugins::completeness(
        &plugins.packages,
        markets,
        storefronts,
        default_language,
    ));
    problems
}

/// Each storefront's position, by id.
fn index(storefronts: &[crate::Storefront]) -> std::collections::HashMap<String, usize> {
    storefronts
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect()
}

fn fail(mut problems: Vec<Problem>) -> SiteError {
    problems.sort();
    problems.dedup();
    SiteError::Invalid(problems)
}

fn storefront_languages(
    markets: &std::collections::BTreeMap<String, crate::Market>,
    default_language: &str,
) -> BTreeSet<String> {
    let mut languages: BTreeSet<String> = markets
        .values()
        .flat_map(|m| &m.storefronts)
        .filter_map(|id| id.split('-').next())
        .map(str::to_owned)
        .collect();
    languages.insert(default_language.to_owned());
    languages
}

/// Packages shared with the plugin host and the rollouts that run them.
fn shared(
    packages: std::collections::BTreeMap<String, crate::PluginPackage>,
) -> std::collections::BTreeMap<String, Arc<crate::PluginPackage>> {
    packages
        .into_iter()
        .map(|(id, package)| (id, Arc::new(package)))
        .collect()
}

fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort();
    problems.dedup();
    problems
}

fn combine(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::new()
        .chain_update(a)
        .chain_update(b)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod feed_tests;
#[cfg(test)]
mod tests;
