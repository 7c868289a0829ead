//! The host capabilities plugins import. Each checks, on every call, that the plugin
//! declared the capability and the market granted it (a missing grant traps the call).

use vitrine_site::Capability;

use crate::bindings::vitrine::plugin::{catalogue, events, log, shopper, storage, types};
use crate::state::CallState;

const MAX_LOG_BYTES: usize = 1024;
const MAX_LOG_LINES: u32 = 20;
const MAX_EVENT_BYTES: usize = 4096;
const MAX_EVENTS: u32 = 10;

impl types::Host for CallState {}

impl catalogue::Host for CallState {
    async fn product(&mut self, id: String) -> wasmtime::Result<Option<catalogue::ProductInfo>> {
        self.require(Capability::CatalogueRead)?;
        let env = &self.env;
        let site = &env.site;
        let Some(product) = site.products.get(&id) else {
            return Ok(None);
        };
        let storefront = site.storefront(&env.storefront);
        let market = site.markets.get(&env.market);
        let language = storefront.map_or(site.default_language.as_str(), |s| s.language.as_str());
        let price = market.and_then(|m| {
            m.prices.get(&id).map(|minor| types::Money {
                amount_minor: *minor,
                currency: m.currency.code().to_owned(),
            })
        });
        Ok(Some(catalogue::ProductInfo {
            id,
            name: product.name_in(language).to_owned(),
            category: product.category.clone(),
            price,
        }))
    }

    async fn stores(&mut self, country: String) -> wasmtime::Result<Vec<catalogue::StoreInfo>> {
        self.require(Capability::CatalogueRead)?;
        Ok(self
            .env
            .site
            .stores
            .values()
            .filter(|s| s.country == country)
            .map(|s| catalogue::StoreInfo {
                id: s.id.clone(),
                name: s.name.clone(),
                country: s.country.clone(),
                street: s.street.clone(),
                postcode: s.postcode.clone(),
                city: s.city.clone(),
                pickup_lead_hours: s.pickup_lead_hours,
                opening_hours: opening_hours(&s.opening_hours),
            })
            .collect())
    }

    async fn stock(&mut self, store: String, product: String) -> wasmtime::Result<Option<u32>> {
        self.require(Capability::CatalogueRead)?;
        Ok(self
            .env
            .site
            .stores
            .get(&store)
            .map(|s| s.stock.get(&product).copied().unwrap_or(0)))
    }
}

fn opening_hours(hours: &std::collections::BTreeMap<String, String>) -> Vec<types::OpeningDay> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .filter_map(|day| {
            let value = hours.get(*day)?;
            let open = (value != "closed").then(|| value.clone());
            Some(types::OpeningDay {
                day: (*day).to_owned(),
                hours: open,
            })
        })
        .collect()
}

impl storage::Host for CallState {
    async fn get(&mut self, key: String) -> wasmtime::Result<Option<Vec<u8>>> {
        self.require(Capability::Storage)?;
        let Some(db) = &self.env.db else {
            return Ok(None);
        };
        Ok(db
            .kv_get(&self.env.plugin, &self.env.market, &key)
            .await
            .unwrap_or_else(|error| {
                tracing::error!(plugin = %self.env.plugin, %error, "plugin storage read failed");
                None
            }))
    }

    async fn set(
        &mut self,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), storage::StorageError>> {
        self.require(Capability::Storage)?;
        let Some(db) = &self.env.db else {
            return Ok(Err(storage::StorageError::Unavailable));
        };
        Ok(
            match db
                .kv_set(&self.env.plugin, &self.env.market, &key, &value)
                .await
            {
                Ok(Ok(())) => Ok(()),
                Ok(Err(vitrine_store::KvRefusal::TooLarge)) => Err(storage::StorageError::TooLarge),
                Ok(Err(vitrine_store::KvRefusal::QuotaExceeded)) => {
                    Err(storage::StorageError::QuotaExceeded)
                }
                Err(error) => {
                    tracing::error!(plugin = %self.env.plugin, %error, "plugin storage write failed");
                    Err(storage::StorageError::Unavailable)
                }
            },
        )
    }

    async fn delete(&mut self, key: String) -> wasmtime::Result<Result<(), storage::StorageError>> {
        self.require(Capability::Storage)?;
        let Some(db) = &self.env.db else {
            return Ok(Err(storage::StorageError::Unavailable));
        };
        Ok(db
            .kv_delete(&self.env.plugin, &self.env.market, &key)
            .await
            .map_err(|_| storage::StorageError::Unavailable))
    }
}

impl events::Host for CallState {
    async fn emit(
        &mut self,
        name: String,
        payload: String,
    ) -> wasmtime::Result<Result<(), String>> {
        self.require(Capability::EventsEmit)?;
        if payload.len() > MAX_EVENT_BYTES || name.len() > 100 {
            return Ok(Err("event too large".into()));
        }
        if self.events >= MAX_EVENTS {
            return Ok(Err("too many events in one call".into()));
        }
        self.events += 1;
        let Some(db) = &self.env.db else {
            return Ok(Err("events unavailable".into()));
        };
        let source = format!("plugin:{}", self.env.plugin);
        Ok(db
            .emit_event(&self.env.market, &source, &name, &payload)
            .await
            .map_err(|e| e.to_string()))
    }
}

impl log::Host for CallState {
    async fn log(&mut self, level: log::Level, message: String) -> wasmtime::Result<()> {
        self.require(Capability::Log)?;
        if self.log_lines >= MAX_LOG_LINES {
            return Ok(());
        }
        self.log_lines += 1;
        let end = (0..=MAX_LOG_BYTES.min(message.len()))
            .rev()
            .find(|i| message.is_char_boundary(*i))
            .unwrap_or(0);
        let text = &message[..end];
        let (plugin, market) = (&self.env.plugin, &self.env.market);
        match level {
            log::Level::Debug => {
                tracing::debug!(plugin = %plugin, version = %self.env.version, market = %market, "{text}")
            }
            log::Level::Info => {
                tracing::info!(plugin = %plugin, version = %self.env.version, market = %market, "{text}")
            }
            log::Level::Warn => {
                tracing::warn!(plugin = %plugin, version = %self.env.version, market = %market, "{text}")
            }
            log::Level::Error => {
                tracing::error!(plugin = %plugin, version = %self.env.version, market = %market, "{text}")
            }
        }
        Ok(())
    }
}

impl shopper::Host for CallState {
    async fn postcode(&mut self) -> wasmtime::Result<Option<String>> {
        self.require(Capability::ShopperPostcode)?;
        Ok(self.env.postcode.clone())
    }
}
