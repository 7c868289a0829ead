//! Store cards show the catalogue's store, not the plugin's word for it: the store must be
//! one of the storefront's market, its name, address, opening hours and pickup time come
//! from the catalogue, and a stock indicator is only shown for the page's product, never
//! claiming stock the store does not have.

use vitrine_site::Store;

use super::{Resolver, invalid, quoted};
use crate::bindings::vitrine::plugin::types as wit;
use crate::error::Failure;
use vitrine_ui::{StockLevel, UiStoreCard};

impl Resolver<'_> {
    /// Resolves a store card against the catalogue.
    pub(super) fn store_card(&self, card: &wit::StoreCard) -> Result<UiStoreCard, Failure> {
        let store = self
            .site
            .stores
            .get(&card.id)
            .filter(|store| store.country == self.market.country)
            .ok_or_else(|| {
                invalid(format!(
                    "store card for {}, which is not a store of market `{}`",
                    quoted(&card.id),
                    self.market.id
                ))
            })?;
        let name = self.data(&store.name)?;
        let address = store
            .address_lines()
            .iter()
            .map(|line| self.data(line))
            .collect::<Result<_, _>>()?;
        Ok(UiStoreCard {
            id: store.id.clone(),
            name,
            address,
            hours: store
                .opening_days()
                .map(|(day, hours)| (day.to_owned(), hours.map(str::to_owned)))
                .collect(),
            stock: card.stock.and_then(|claim| self.stock(store, claim)),
            ready_in_hours: card.ready_in_hours.map(|_| store.pickup_lead_hours),
            selected: card.selected,
        })
    }

    /// The stock indicator for the page's product: out of stock when the store has none,
    /// otherwise the plugin's choice between plenty and a few (its own threshold). Without
    /// a product to check, no indicator.
    fn stock(&self, store: &Store, claim: wit::StockLevel) -> Option<StockLevel> {
        let product = self.product?;
        let units = store.stock.get(product).copied().unwrap_or(0);
        Some(match (units, claim) {
            (0, _) => StockLevel::OutOfStock,
            (_, wit::StockLevel::InStock) => StockLevel::InStock,
            (_, wit::StockLevel::LowStock | wit::StockLevel::OutOfStock) => StockLevel::LowStock,
        })
    }
}
