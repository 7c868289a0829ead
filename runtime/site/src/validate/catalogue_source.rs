//! Where a site's catalogue comes from: its TOML files or its feed (`catalogue` in
//! `site.toml`), and the catalogue's checks for either, so that both give the same `Site`.

use std::collections::{BTreeMap, BTreeSet};

use super::catalogue::{self, RawProductFile};
use super::{checks, feed, stores};
use crate::feed::Feed;
use crate::raw::RawSite;
use crate::reader::Reader;
use crate::source::join;
use crate::{Assets, Category, Market, Product, Store};

/// The catalogue being read: product files (read, not yet checked), or a feed.
pub enum Catalogue<'f> {
    /// TOML files.
    Files(BTreeMap<String, RawProductFile>),
    /// A catalogue feed (empty before the first import).
    Feed(&'f Feed),
}

impl<'f> Catalogue<'f> {
    /// Reads which catalogue the site has, and its categories. `feed` is the one imported
    /// for the site, if any; a feed site without one has an empty catalogue.
    pub fn read(
        reader: &mut Reader<'_>,
        site: (&str, &RawSite),
        site_dir: &str,
        feed: Option<&'f Feed>,
    ) -> (Self, Vec<Category>) {
        if !catalogue_feed(reader, site, site_dir, feed) {
            let categories = catalogue::categories(reader, site_dir);
            let products = catalogue::raw_products(reader, site_dir);
            return (Catalogue::Files(products), categories);
        }
        let feed = feed.unwrap_or_else(|| empty_feed());
        reader.fingerprint("catalogue feed", &feed.digest());
        (Catalogue::Feed(feed), feed::categories(feed))
    }

    /// Whether the catalogue is a feed.
    pub fn is_feed(&self) -> bool {
        matches!(self, Catalogue::Feed(_))
    }

    /// The product files, as market prices are checked against (none for a feed).
    pub fn raw_products(&self) -> &BTreeMap<String, RawProductFile> {
        static NONE: BTreeMap<String, RawProductFile> = BTreeMap::new();
        match self {
            Catalogue::Files(products) => products,
            Catalogue::Feed(_) => &NONE,
        }
    }

    /// Checks the products against categories and languages, and loads their images.
    pub fn products(
        &mut self,
        reader: &mut Reader<'_>,
        site_dir: &str,
        context: (&[Category], &BTreeSet<String>),
        assets: &mut Assets,
    ) -> BTreeMap<String, Product> {
        let images_dir = join(site_dir, "catalogue/images");
        let (categories, languages) = context;
        match self {
            Catalogue::Feed(feed) => feed::products(reader, feed, context, &images_dir, assets),
            Catalogue::Files(raw) => {
                let products_dir = join(site_dir, "catalogue/products");
                let raw = std::mem::take(raw);
                let whole = (images_dir.as_str(), products_dir.as_str());
                let products = catalogue::products(reader, raw, context, whole, assets);
                let file = join(site_dir, "catalogue/categories.toml");
                catalogue::check_category_languages(reader, (&file, ""), categories, languages);
                products
            }
        }
    }

    /// Lays a feed's prices and reductions into the markets (the files' are in them).
    pub fn prices(
        &self,
        reader: &mut Reader<'_>,
        markets: &mut BTreeMap<String, Market>,
        all_markets_read: bool,
    ) {
        if let Catalogue::Feed(feed) = self {
            feed::prices(reader, feed, markets, all_markets_read);
        }
    }

    /// Reads the stores with their stock (a feed's laid in), and puts a feed's problems on
    /// their lines.
    pub fn stores(
        &self,
        reader: &mut Reader<'_>,
        site_dir: &str,
        products: &BTreeMap<String, Product>,
        countries: Option<&BTreeSet<String>>,
    ) -> BTreeMap<String, Store> {
        let mut stores = stores::load(reader, site_dir, products, (countries, self.is_feed()));
        if let Catalogue::Feed(feed) = self {
            feed::stock(reader, feed, &mut stores);
            reader.locate(&feed.name, |key| feed.line_of(key));
        }
        stores
    }
}

fn empty_feed() -> &'static Feed {
    static EMPTY: std::sync::OnceLock<Feed> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Feed::empty(FEED_NAME))
}

/// How problems name an imported catalogue that was not read from a file.
pub const FEED_NAME: &str = "catalogue feed";

/// Whether the site's catalogue is its feed (`catalogue = "feed"` in `site.toml`). A feed
/// with records for a site of TOML files, and TOML catalogue files in a site of a feed, are
/// problems: the catalogue has one place.
fn catalogue_feed(
    reader: &mut Reader<'_>,
    (site_file, raw): (&str, &RawSite),
    site_dir: &str,
    feed: Option<&Feed>,
) -> bool {
    let from_feed = match raw.catalogue.as_deref() {
        None | Some("files") => false,
        Some("feed") => true,
        Some(other) => {
            let rule = format!("`{other}` is neither `files` (the default) nor `feed`");
            reader.problem(site_file, "catalogue", rule);
            false
        }
    };
    let imported = feed.filter(|f| !f.is_empty());
    if let (false, Some(feed)) = (from_feed, imported) {
        let rule = format!(
            "a catalogue feed of {} products was imported for this site, but it reads its catalogue from files: set `catalogue = \"feed\"` to serve the feed",
            feed.products.len()
        );
        reader.problem(site_file, "catalogue", rule);
    }
    if from_feed {
        let catalogue_dir = join(site_dir, "catalogue");
        let products_dir = join(&catalogue_dir, "products");
        let toml_products = reader.list_if_any(&products_dir);
        let toml_categories = reader.list_if_any(&catalogue_dir);
        let files = toml_products
            .iter()
            .filter(|n| n.ends_with(".toml"))
            .map(|n| join(&products_dir, n))
            .chain(
                toml_categories
                    .iter()
                    .filter(|n| *n == "categories.toml")
                    .map(|n| join(&catalogue_dir, n)),
            );
        for file in files.collect::<Vec<_>>() {
            let rule = checks::belongs_in_feed("remove the file, its content belongs in the feed");
            reader.problem(&file, "", rule);
        }
    }
    from_feed
}
