//! Listings: which products the home page, a category page and search results show, in
//! which order, one page at a time. Every listing asks [`Site::offers`], so a product not
//! sold in the market or recalled there is never listed; each page shows at most the theme's
//! page size, so a page stays small whatever the catalogue's size.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use crate::{Market, Product, Recalls, Site, Storefront};

mod query;

pub use query::{ListingKind, ListingQuery, MAX_SEARCH_CHARS, NoSuchPage, Sort};

/// The catalogue in its listing order (featured first, then the newest, then by id), whole
/// and per category: built once per snapshot, so a listing never scans every product.
#[derive(Debug, Default)]
pub struct CatalogueIndex {
    ordered: Vec<String>,
    by_category: HashMap<String, Vec<String>>,
}

impl CatalogueIndex {
    /// Orders the products of a snapshot.
    pub fn new(products: &BTreeMap<String, Product>) -> Self {
        let mut ordered: Vec<&Product> = products.values().collect();
        ordered.sort_by_key(|p| (Reverse(p.featured), Reverse(p.added), p.id.as_str()));
        let mut by_category: HashMap<String, Vec<String>> = HashMap::new();
        for product in &ordered {
            by_category
                .entry(product.category.clone())
                .or_default()
                .push(product.id.clone());
        }
        Self {
            ordered: ordered.into_iter().map(|p| p.id.clone()).collect(),
            by_category,
        }
    }
}

/// One page of a listing.
#[derive(Debug)]
pub struct ListingPage<'s> {
    /// The products on this page, in order.
    pub products: Vec<&'s Product>,
    /// How many products the whole listing has.
    pub total: usize,
    /// This page, from 1.
    pub page: u32,
    /// How many pages the listing has (at least 1, even when it is empty).
    pub pages: u32,
}

impl Site {
    /// Every product id in catalogue order (featured first, then the newest, then by id):
    /// a product's position here is how a search index names it.
    pub fn catalogue_order(&self) -> &[String] {
        &self.catalogue_index.ordered
    }

    /// The home page's selection: the first products of the catalogue order that the
    /// storefront offers (featured ones first), at most the theme's `home_products`.
    pub fn home_products(&self, recalls: &Recalls, storefront: &Storefront) -> Vec<&Product> {
        self.in_order(&self.catalogue_index.ordered)
            .filter(|p| self.offers(recalls, storefront, &p.id))
            .take(self.theme.listing.home_products)
            .collect()
    }

    /// A category's products in catalogue order (none for an unknown category).
    pub fn category_products(&self, category: &str) -> Vec<&Product> {
        let ids = self.catalogue_index.by_category.get(category);
        self.in_order(ids.map_or(&[], Vec::as_slice)).collect()
    }

    /// One page of a listing of `candidates` (in relevance order): those the storefront
    /// offers that pass the query's filters, in its order. `None` when the page is past the
    /// last one.
    pub fn list<'s>(
        &'s self,
        recalls: &Recalls,
        storefront: &Storefront,
        candidates: Vec<&'s Product>,
        query: &ListingQuery,
    ) -> Option<ListingPage<'s>> {
        let market = self.market_of(storefront);
        let stocked = self.stocked_in(market);
        let bounds = price_bounds(market, query);
        let mut kept: Vec<(&Product, i64)> = candidates
            .into_iter()
            .filter(|p| self.offers(recalls, storefront, &p.id))
            .filter(|p| !query.in_stock || stocked(&p.id))
            .filter_map(|p| Some((p, *market.prices.get(&p.id)?)))
            .filter(|(_, price)| bounds.0 <= *price && *price <= bounds.1)
            .collect();
        sort(&mut kept, query.sort);
        page_of(kept, query.page, self.theme.listing.page_size)
    }

    fn in_order<'s>(&'s self, ids: &'s [String]) -> impl Iterator<Item = &'s Product> + 's {
        ids.iter().filter_map(|id| self.products.get(id))
    }

    /// Whether a product is in stock in a store of the market's country.
    fn stocked_in<'s>(&'s self, market: &'s Market) -> impl Fn(&str) -> bool + 's {
        let stores: Vec<&crate::Store> = self.stores_in(market).collect();
        move |product| {
            stores
                .iter()
                .any(|s| s.stock.get(product).is_some_and(|n| *n > 0))
        }
    }
}

/// The query's price range in the market's minor units, inclusive.
fn price_bounds(market: &Market, query: &ListingQuery) -> (i64, i64) {
    let unit = 10_i64.pow(u32::from(market.currency.minor_digits()));
    let minor = |whole: u32| i64::from(whole).saturating_mul(unit);
    let low = query.min_price.map_or(i64::MIN, minor);
    // `max=80` keeps 80.00 and everything below it, not 80.50.
    let high = query.max_price.map_or(i64::MAX, minor);
    (low, high)
}

/// Orders products in place; ties keep the candidates' order (a stable sort).
fn sort(kept: &mut [(&Product, i64)], order: Sort) {
    match order {
        Sort::Featured | Sort::Relevance => {}
        Sort::PriceLow => kept.sort_by_key(|(_, price)| *price),
        Sort::PriceHigh => kept.sort_by_key(|(_, price)| Reverse(*price)),
        Sort::Newest => kept.sort_by_key(|(p, _)| Reverse(p.added)),
    }
}

fn page_of<'s>(
    kept: Vec<(&'s Product, i64)>,
    page: u32,
    page_size: usize,
) -> Option<ListingPage<'s>> {
    let total = kept.len();
    let pages = total.div_ceil(page_size.max(1)).max(1);
    let pages = u32::try_from(pages).unwrap_or(u32::MAX);
    if page > pages {
        return None;
    }
    let start = (page as usize - 1).saturating_mul(page_size);
    let products = kept
        .into_iter()
        .skip(start)
        .take(page_size)
        .map(|(p, _)| p)
        .collect();
    Some(ListingPage {
        products,
        total,
        page,
        pages,
    })
}

#[cfg(test)]
mod tests;
