//! `catalogue`: products as the storefront shows them, stores and per-store stock.

use vitrine_site::{Capability, Store};

use crate::bindings::vitrine::plugin::catalogue::{self, ProductInfo, StoreInfo};
use crate::bindings::vitrine::plugin::types::{Money, OpeningDay};
use crate::state::CallState;

impl catalogue::Host for CallState {
    async fn product(&mut self, id: String) -> wasmtime::Result<Option<ProductInfo>> {
        self.enter(Capability::CatalogueRead)?;
        let env = &self.env;
        let site = &env.site;
        let Some(product) = site.products.get(&id) else {
            return Ok(None);
        };
        if env.recalls.covers(&id, &env.storefront) {
            return Ok(None);
        }
        let storefront = site.storefront(&env.storefront);
        let market = site.markets.get(&env.market);
        let language = storefront.map_or(site.default_language.as_str(), |s| s.language.as_str());
        let price = market.and_then(|m| {
            m.prices.get(&id).map(|minor| Money {
                amount_minor: *minor,
                currency: m.currency.code().to_owned(),
            })
        });
        Ok(Some(ProductInfo {
            id,
            name: product.name_in(language).to_owned(),
            category: product.category.clone(),
            price,
        }))
    }

    async fn stores(&mut self, country: String) -> wasmtime::Result<Vec<StoreInfo>> {
        self.enter(Capability::CatalogueRead)?;
        Ok(self
            .env
            .site
            .stores
            .values()
            .filter(|s| s.country == country)
            .map(store_info)
            .collect())
    }

    async fn stock(&mut self, store: String, product: String) -> wasmtime::Result<Option<u32>> {
        self.enter(Capability::CatalogueRead)?;
        if self.env.recalls.covers(&product, &self.env.storefront) {
            return Ok(self.env.site.stores.get(&store).map(|_| 0));
        }
        Ok(self
            .env
            .site
            .stores
            .get(&store)
            .map(|s| s.stock.get(&product).copied().unwrap_or(0)))
    }
}

fn store_info(store: &Store) -> StoreInfo {
    StoreInfo {
        id: store.id.clone(),
        name: store.name.clone(),
        country: store.country.clone(),
        street: store.street.clone(),
        postcode: store.postcode.clone(),
        city: store.city.clone(),
        pickup_lead_hours: store.pickup_lead_hours,
        opening_hours: opening_hours(store),
    }
}

fn opening_hours(store: &Store) -> Vec<OpeningDay> {
    store
        .opening_days()
        .map(|(day, hours)| OpeningDay {
            day: day.to_owned(),
            hours: hours.map(str::to_owned),
        })
        .collect()
}
