//! What an index is built from, as one digest: an index on disk whose folder has the
//! digest of the serving site answers for it exactly as a new one would, and a reload
//! that changes none of it keeps the index it has.

use xxhash_rust::xxh3::Xxh3;

use vitrine_site::Site;

/// Changes whenever the schema or the analyzers change, so an older index on disk is
/// never opened by a newer binary; the crate's version is hashed too, so every release
/// (and the tantivy and stemmer versions it ships) builds its own.
const FORMAT: &str = "vitrine-search 1";

/// The digest of everything an index of `site` holds, as 32 hex digits.
pub fn of(site: &Site) -> String {
    let mut hash = Xxh3::new();
    let mut put = |text: &str| {
        hash.update(&(text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    };
    put(FORMAT);
    put(env!("CARGO_PKG_VERSION"));
    let languages = crate::languages(site);
    for language in &languages {
        put(language);
    }
    for id in site.catalogue_order() {
        put(id);
        let Some(product) = site.products.get(id) else {
            continue;
        };
        put(&product.category);
        for language in &languages {
            put(product.name_in(language));
            put(product.description_in(language));
        }
    }
    for category in &site.categories {
        put(&category.id);
        for language in &languages {
            put(category.name_in(language));
        }
    }
    for (id, market) in &site.markets {
        put(id);
        for product in market.prices.keys() {
            put(product);
        }
    }
    format!("{:032x}", hash.digest128())
}
