//! `catalogue/categories.toml`, `catalogue/products/*.toml` and `catalogue/images/`.

use std::collections::{BTreeMap, BTreeSet};

use super::checks::{self, TextEntry};
use crate::raw::{RawCategory, RawProduct};
use crate::reader::Reader;
use crate::source::join;
use crate::{Assets, Category, Product};

/// Reads the categories, sorted by position.
pub fn categories(reader: &mut Reader<'_>, site_dir: &str) -> Vec<Category> {
    let file = join(site_dir, "catalogue/categories.toml");
    let raw: BTreeMap<String, RawCategory> = reader.toml(&file).unwrap_or_default();
    let mut categories: Vec<Category> = raw
        .into_iter()
        .filter(|(id, _)| checks::id(reader, &file, id, id))
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
pub fn check_category_languages(
    reader: &mut Reader<'_>,
    site_dir: &str,
    categories: &[Category],
    languages: &BTreeSet<String>,
) {
    let file = join(site_dir, "catalogue/categories.toml");
    let entries: Vec<TextEntry<'_>> = categories
        .iter()
        .map(|c| TextEntry {
            file: &file,
            key: format!("{}.name", c.id),
            texts: &c.name,
        })
        .collect();
    checks::translations(reader, &entries, languages, (&file, "category"));
}

/// A product file read but not yet checked against categories and languages.
pub struct RawProductFile {
    pub file: String,
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
        if let Some(raw) = reader.toml::<RawProduct>(&file) {
            products.insert(id.to_owned(), RawProductFile { file, raw });
        }
    }
    products
}

/// Checks products against categories and storefront languages and loads their images.
pub fn products(
    reader: &mut Reader<'_>,
    raw: BTreeMap<String, RawProductFile>,
    categories: &[Category],
    languages: &BTreeSet<String>,
    assets: &mut Assets,
) -> BTreeMap<String, Product> {
    check_product_languages(reader, &raw, languages);
    raw.into_iter()
        .map(|(id, RawProductFile { file, raw })| {
            if !categories.iter().any(|c| c.id == raw.category) {
                let rule = format!("unknown category `{}`", raw.category);
                reader.problem(&file, "category", rule);
            }
            let image = load_image(reader, &file, &raw.image, assets);
            let added = raw
                .added
                .and_then(|added| checks::date(reader, &file, "added", &added));
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
) {
    let Some(folder) = raw
        .values()
        .next()
        .and_then(|p| p.file.rsplit_once('/'))
        .map(|(dir, _)| dir.to_owned())
    else {
        return;
    };
    for (key, what) in [
        ("name", "product name"),
        ("description", "product description"),
    ] {
        let entries: Vec<TextEntry<'_>> = raw
            .values()
            .map(|p| TextEntry {
                file: &p.file,
                key: key.to_owned(),
                texts: if key == "name" {
                    &p.raw.name
                } else {
                    &p.raw.description
                },
            })
            .collect();
        checks::translations(reader, &entries, languages, (&folder, what));
    }
}

fn load_image(reader: &mut Reader<'_>, file: &str, image: &str, assets: &mut Assets) -> String {
    let products_dir = file.rsplit_once('/').map_or("", |(dir, _)| dir);
    let path = join(products_dir, &format!("../images/{image}"));
    if image.contains('/') {
        reader.problem(
            file,
            "image",
            "give a file name in `catalogue/images/`, not a path",
        );
        return String::new();
    }
    match reader.bytes(&path, (file, "image")) {
        Some(bytes) => assets.add_file(image, bytes, reader.path_on_disk(&path)),
        None => String::new(),
    }
}
