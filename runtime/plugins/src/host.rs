//! The host capabilities plugins import. Each checks, on every call, that the plugin
//! declared the capability and the market granted it (a missing grant traps the call).

use std::time::Instant;

use vitrine_site::Capability;

use crate::bindings::vitrine::plugin::{catalogue, events, log, shopper, storage, types};
use crate::state::CallState;

const MAX_LOG_BYTES: usize = 1024;
const MAX_LOG_LINES: u32 = 20;
const MAX_EVENT_BYTES: usize = 4096;
const MAX_EVENTS: usize = 10;

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

/// The value a key has for this call: its own pending write first, then the database.
fn pending_value(state: &CallState, key: &str) -> Option<Option<Vec<u8>>> {
    state
        .pending_writes
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

impl storage::Host for CallState {
    async fn get(&mut self, key: String) -> wasmtime::Result<Option<Vec<u8>>> {
        self.require(Capability::Storage)?;
        if let Some(pending) = pending_value(self, &key) {
            return Ok(pending);
        }
        let Some(db) = self.env.db.clone() else {
            return Ok(None);
        };
        let started = Instant::now();
        let value = db.kv_get(&self.env.plugin, &self.env.market, &key).await;
        self.host_time += started.elapsed();
        Ok(value.unwrap_or_else(|error| {
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
        if key.len() > vitrine_store::MAX_KEY_BYTES || value.len() > vitrine_store::MAX_VALUE_BYTES
        {
            return Ok(Err(storage::StorageError::TooLarge));
        }
        let Some(db) = self.env.db.clone() else {
            return Ok(Err(storage::StorageError::Unavailable));
        };
        let started = Instant::now();
        let count = db.kv_count(&self.env.plugin, &self.env.market).await;
        self.host_time += started.elapsed();
        let Ok(stored) = count else {
            return Ok(Err(storage::StorageError::Unavailable));
        };
        let new_keys = i64::try_from(self.pending_writes.len()).unwrap_or(i64::MAX);
        if stored.saturating_add(new_keys) >= vitrine_store::MAX_KEYS {
            return Ok(Err(storage::StorageError::QuotaExceeded));
        }
        self.pending_writes.push((key, Some(value)));
        Ok(Ok(()))
    }

    async fn delete(&mut self, key: String) -> wasmtime::Result<Result<(), storage::StorageError>> {
        self.require(Capability::Storage)?;
        if self.env.db.is_none() {
            return Ok(Err(storage::StorageError::Unavailable));
        }
        self.pending_writes.push((key, None));
        Ok(Ok(()))
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
        if self.pending_events.len() >= MAX_EVENTS {
            return Ok(Err("too many events in one call".into()));
        }
        if self.env.db.is_none() {
            return Ok(Err("events unavailable".into()));
        }
        self.pending_events.push((name, payload));
        Ok(Ok(()))
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
