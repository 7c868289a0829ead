//! `catalogue/categories.toml`, `catalogue/products/*.toml` and `catalogue/images/`.

use std::collections::{BTreeMap, BTreeSet};

use super::checks::{self, TextEntry};
use toml::value::Datetime;

use crate::raw::{RawCategory, RawProduct};
use crate::reader::Reader;
use crate::source::join;
use crate::{Assets, Category, Product};

/// Reads the categories of `catalogue/categories.toml`, sorted by position.
pub fn categories(reader: &mut Reader<'_>, site_dir: &str) -> Vec<Category> {
    let file = join(site_dir, "catalogue/categories.toml");
    let raw: BTreeMap<String, RawCategory> = reader.toml(&file).unwrap_or_default();
    let raw = raw
        .into_iter()
        .filter(|(id, _)| checks::id(reader, &file, id, id));
    sorted_categories(raw.collect())
}

/// Categories sorted by position, then id.
pub fn sorted_categories(raw: Vec<(String, RawCategory)>) -> Vec<Category> {
    let mut categories: Vec<Category> = raw
        .into_iter()
        .map(|(id, raw)| Category {
            id,
            position: raw.position,
            name: raw.name,
            description: raw.description,
        })
        .collect();
    categories.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
    categories
}

/// Every category has a name in every storefront language.
/// `file` is where they were read and `prefix` what their keys start with (`categories.`
/// in a feed).
pub fn check_category_languages(
    reader: &mut Reader<'_>,
    (file, prefix): (&str, &str),
    categories: &[Category],
    languages: &BTreeSet<String>,
) {
    let entries: Vec<TextEntry<'_>> = categories
        .iter()
        .map(|c| TextEntry {
            file,
            key: format!("{prefix}{}.name", c.id),
            texts: &c.name,
        })
        .collect();
    checks::translations(reader, &entries, languages, (file, "category"));
}

/// A product read but not yet checked against categories and languages.
pub struct RawProductFile {
    /// The file it was read from (its own TOML file, or the feed).
    pub file: String,
    /// What its problems' keys start with (empty in its own file, `products.{id}.` in a feed).
    pub prefix: String,
    /// When it joined the catalogue, as written.
    pub added: Option<Datetime>,
    /// The product as written.
    pub raw: RawProduct,
}

/// Reads every product file, keyed by product id (the file name).
pub fn raw_products(reader: &mut Reader<'_>, site_dir: &str) -> BTreeMap<String, RawProductFile> {
    let dir = join(site_dir, "catalogue/products");
    let mut products = BTreeMap::new();
    for name in reader.list(&dir, (&dir, "")) {
        let Some(id) = name.strip_suffix(".toml") else {
            continue;
        };
        let file = join(&dir, &name);
        if !checks::id(reader, &file, "", id) {
            continue;
        }
        if let Some(mut raw) = reader.toml::<RawProduct>(&file) {
            let added = raw.added.take();
            let prefix = String::new();
            let product = RawProductFile {
                file,
                prefix,
                added,
                raw,
            };
            products.insert(id.to_owned(), product);
        }
    }
    products
}

/// Checks products against categories and storefront languages and loads their images
/// from `images_dir`. `whole` is where a problem of every product is reported (the
/// products folder, or the feed).
pub fn products(
    reader: &mut Reader<'_>,
    raw: BTreeMap<String, RawProductFile>,
    (categories, languages): (&[Category], &BTreeSet<String>),
    (images_dir, whole): (&str, &str),
    assets: &mut Assets,
) -> BTreeMap<String, Product> {
    check_product_languages(reader, &raw, languages, whole);
    raw.into_iter()
        .map(|(id, product)| {
            let RawProductFile {
                file,
                prefix,
                added,
                raw,
            } = product;
            if !categories.iter().any(|c| c.id == raw.category) {
                let rule = format!("unknown category `{}`", raw.category);
                reader.problem(&file, format!("{prefix}category"), rule);
            }
            let image_key = format!("{prefix}image");
            let image = load_image(reader, (&file, &image_key), images_dir, &raw.image, assets);
            let added_key = format!("{prefix}added");
            let added = added.and_then(|added| checks::date(reader, &file, &added_key, &added));
            let product = Product {
                id: id.clone(),
                category: raw.category,
                image,
                name: raw.name,
                description: raw.description,
                featured: raw.featured,
                added,
            };
            (id, product)
        })
        .collect()
}

fn check_product_languages(
    reader: &mut Reader<'_>,
    raw: &BTreeMap<String, RawProductFile>,
    languages: &BTreeSet<String>,
    whole: &str,
) {
    for (key, what) in [
        ("name", "product name"),
        ("description", "product description"),
    ] {
        let entries: Vec<TextEntry<'_>> = raw
            .values()
            .map(|p| TextEntry {
                file: &p.file,
                key: format!("{}{key}", p.prefix),
                texts: if key == "name" {
                    &p.raw.name
                } else {
                    &p.raw.description
                },
            })
            .collect();
        checks::translations(reader, &entries, languages, (whole, what));
    }
}

fn load_image(
    reader: &mut Reader<'_>,
    (file, key): (&str, &str),
    images_dir: &str,
    image: &str,
    assets: &mut Assets,
) -> String {
    if image.contains('/') {
        reader.problem(
            file,
            key,
            "give a file name in `catalogue/images/`, not a path",
        );
        return String::new();
    }
    let path = join(images_dir, image);
    match reader.bytes(&path, (file, key)) {
        Some(bytes) => assets.add_file(image, bytes, reader.path_on_disk(&path)),
        None => String::new(),
    }
}
