//! Products withdrawn from sale: the recalls in effect, as the control plane keeps them in
//! the database. They are not part of the site files, so a recall survives a reload, and
//! one rule decides what a storefront offers ([`Site::offers`]).

use std::collections::{BTreeSet, HashMap};

use crate::{Site, Storefront};

/// Where one recall applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecallScope {
    /// Every storefront, present and future.
    Everywhere,
    /// These storefronts only (ids such as `fr-be`).
    Storefronts(BTreeSet<String>),
}

impl RecallScope {
    /// Whether the scope covers a storefront.
    pub fn covers(&self, storefront: &str) -> bool {
        match self {
            RecallScope::Everywhere => true,
            RecallScope::Storefronts(ids) => ids.contains(storefront),
        }
    }

    /// The storefronts of `site` the scope covers.
    pub fn storefronts_in<'s>(&self, site: &'s Site) -> Vec<&'s Storefront> {
        site.storefronts
            .iter()
            .filter(|s| self.covers(&s.id))
            .collect()
    }
}

/// Every recall in effect, by product. Several recalls of one product add up.
#[derive(Clone, Debug, Default)]
pub struct Recalls {
    by_product: HashMap<String, Vec<RecallScope>>,
}

impl Recalls {
    /// No product recalled.
    pub fn none() -> &'static Recalls {
        static NONE: std::sync::OnceLock<Recalls> = std::sync::OnceLock::new();
        NONE.get_or_init(Recalls::default)
    }

    /// The recalls in effect, from `(product, scope)` pairs.
    pub fn new(recalls: impl IntoIterator<Item = (String, RecallScope)>) -> Self {
        let mut by_product: HashMap<String, Vec<RecallScope>> = HashMap::new();
        for (product, scope) in recalls {
            by_product.entry(product).or_default().push(scope);
        }
        Self { by_product }
    }

    /// Whether a product is recalled in a storefront.
    pub fn covers(&self, product: &str, storefront: &str) -> bool {
        self.by_product
            .get(product)
            .is_some_and(|scopes| scopes.iter().any(|s| s.covers(storefront)))
    }

    /// The products with a recall in effect somewhere.
    pub fn products(&self) -> impl Iterator<Item = &str> {
        self.by_product.keys().map(String::as_str)
    }

    /// Whether no product is recalled anywhere.
    pub fn is_empty(&self) -> bool {
        self.by_product.is_empty()
    }
}

impl Site {
    /// Whether a storefront offers a product: its market sells it and no recall covers it
    /// there. Every listing, link, cart and plugin view asks this one question.
    pub fn offers(&self, recalls: &Recalls, storefront: &Storefront, product: &str) -> bool {
        self.market_of(storefront).sells(product) && !recalls.covers(product, &storefront.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(ids: &[&str]) -> RecallScope {
        RecallScope::Storefronts(ids.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn a_recall_covers_its_storefronts_only() {
        let recalls = Recalls::new([("tote".to_owned(), only(&["fr-be"]))]);
        assert!(recalls.covers("tote", "fr-be"));
        assert!(!recalls.covers("tote", "nl-be"));
        assert!(!recalls.covers("shirt", "fr-be"));
    }

    #[test]
    fn recalls_of_one_product_add_up() {
        let recalls = Recalls::new([
            ("tote".to_owned(), only(&["fr-be"])),
            ("tote".to_owned(), only(&["nl-nl"])),
        ]);
        assert!(recalls.covers("tote", "fr-be") && recalls.covers("tote", "nl-nl"));
        let everywhere = Recalls::new([("tote".to_owned(), RecallScope::Everywhere)]);
        assert!(everywhere.covers("tote", "any-storefront"));
        assert!(Recalls::none().is_empty() && !everywhere.is_empty());
    }
}
