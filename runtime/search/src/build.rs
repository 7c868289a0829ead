//! Writing a site's products into an index: one document per product, in catalogue order,
//! merged into one segment so a query walks one posting list per term.

use std::collections::HashMap;
use std::path::Path;

use tantivy::{Index, IndexWriter, TantivyDocument};
use vitrine_site::{Category, Product, Site};

use crate::error::SearchError;
use crate::schema::{Fields, LanguageFields};
use crate::{analysis, languages};

/// The indexing memory per thread (tantivy's minimum is 15 MB).
const MEMORY_PER_THREAD: usize = 48 << 20;
/// At most this many indexing threads.
const MAX_THREADS: usize = 4;

/// An index of every product of `site`, written in `folder` (or in memory), with its
/// analyzers registered.
pub fn new_index(site: &Site, folder: Option<&Path>) -> Result<(Index, Fields), SearchError> {
    let (schema, fields) = Fields::schema(languages(site).into_iter());
    let builder = Index::builder().schema(schema);
    let index = match folder {
        Some(folder) => builder.create_in_dir(folder)?,
        None => builder.create_in_ram()?,
    };
    register(&index, &fields);
    write(&index, &fields, site)?;
    Ok((index, fields))
}

/// Registers the analyzers of every language of `fields` with the index.
pub fn register(index: &Index, fields: &Fields) {
    analysis::register(
        index.tokenizers(),
        fields.languages.keys().map(String::as_str),
    );
}

/// Adds every product of `site` to an empty index and commits.
fn write(index: &Index, fields: &Fields, site: &Site) -> Result<(), SearchError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    let sellers = sellers(site);
    let categories: HashMap<&str, &Category> =
        site.categories.iter().map(|c| (c.id.as_str(), c)).collect();
    for (position, id) in site.catalogue_order().iter().enumerate() {
        let Some(product) = site.products.get(id) else {
            continue;
        };
        let category = categories.get(product.category.as_str()).copied();
        let mut document = TantivyDocument::new();
        document.add_u64(fields.position, position as u64);
        for market in sellers.get(id.as_str()).into_iter().flatten() {
            document.add_text(fields.market, market);
        }
        for (language, of_language) in &fields.languages {
            add_texts(&mut document, of_language, language, product, category);
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(())
}

fn add_texts(
    document: &mut TantivyDocument,
    fields: &LanguageFields,
    language: &str,
    product: &Product,
    category: Option<&Category>,
) {
    let name = product.name_in(language);
    let category = category.map_or("", |c| c.name_in(language));
    document.add_text(fields.name, name);
    document.add_text(fields.category, category);
    document.add_text(fields.description, product.description_in(language));
    document.add_text(fields.words, name);
    document.add_text(fields.words, category);
}

/// The markets that sell each product.
pub fn sellers(site: &Site) -> HashMap<&str, Vec<&str>> {
    let mut sellers: HashMap<&str, Vec<&str>> = HashMap::with_capacity(site.products.len());
    for (id, market) in &site.markets {
        for product in market.prices.keys() {
            sellers
                .entry(product.as_str())
                .or_default()
                .push(id.as_str());
        }
    }
    sellers
}
