//! Plugin key-value storage, scoped to a plugin and a market. Quotas hold under concurrency:
//! every commit updates the scope's usage row in the same transaction and is refused whole
//! when it would take the scope past its key count or byte quota, so concurrent calls cannot
//! each spend the full quota.

use std::collections::BTreeMap;

use crate::engine::{self, Tx};
use crate::{Db, StoreError};

/// Longest key a plugin may use, in bytes.
pub const MAX_KEY_BYTES: usize = 256;
/// Largest value, in bytes.
pub const MAX_VALUE_BYTES: usize = 16 * 1024;
/// Most keys one plugin may keep in one market.
pub const MAX_KEYS: i64 = 10_000;
/// Most bytes (keys and values) one plugin may keep in one market.
pub const MAX_STORED_BYTES: i64 = 8 << 20;

/// What a plugin keeps in one market.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KvUsage {
    /// Keys stored.
    pub keys: i64,
    /// Bytes of keys and values stored.
    pub bytes: i64,
}

impl KvUsage {
    /// Whether this usage is within the quotas.
    pub fn within_quota(self) -> bool {
        self.keys <= MAX_KEYS && self.bytes <= MAX_STORED_BYTES
    }
}

impl Db {
    /// A value of a plugin's storage in a market.
    pub async fn kv_get(
        &self,
        plugin: &str,
        market: &str,
        key: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let row: Option<(Vec<u8>,)> = sqlx::query_as(
            "SELECT value FROM plugin_kv WHERE plugin = $1 AND market = $2 AND key = $3",
        )
        .bind(plugin)
        .bind(market)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(value,)| value))
    }

    /// Applies a plugin call's writes (`None` deletes) and events in one transaction, so a
    /// call's effects land whole or not at all. A commit that would take the scope past a
    /// quota is refused whole ([`StoreError::QuotaExceeded`]); one that only frees space
    /// always lands.
    pub async fn kv_commit(
        &self,
        plugin: &str,
        market: &str,
        writes: &[(String, Option<Vec<u8>>)],
        events: &[(String, String)],
    ) -> Result<(), StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let finals = final_writes(writes);
        let mut delta = KvUsage::default();
        for (key, value) in &finals {
            let before = stored_size(&mut tx, plugin, market, key).await?;
            delta.keys += i64::from(value.is_some()) - i64::from(before.is_some());
            delta.bytes += entry_bytes(key, value.map(<[u8]>::len)) - entry_bytes(key, before);
            write(&mut tx, plugin, market, key, *value).await?;
        }
        let usage = add_usage(&mut tx, plugin, market, delta).await?;
        let grows = delta.keys > 0 || delta.bytes > 0;
        if grows && !usage.within_quota() {
            tx.rollback().await?;
            return Err(StoreError::QuotaExceeded {
                keys: usage.keys,
                bytes: usage.bytes,
            });
        }
        append_events(&mut tx, plugin, market, events).await?;
        tx.commit().await?;
        Ok(())
    }

    /// What a plugin keeps in a market.
    pub async fn kv_usage(&self, plugin: &str, market: &str) -> Result<KvUsage, StoreError> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT keys, bytes FROM plugin_kv_usage WHERE plugin = $1 AND market = $2",
        )
        .bind(plugin)
        .bind(market)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map_or_else(KvUsage::default, |(keys, bytes)| KvUsage { keys, bytes }))
    }

    /// How many keys a plugin keeps in a market.
    pub async fn kv_count(&self, plugin: &str, market: &str) -> Result<i64, StoreError> {
        Ok(self.kv_usage(plugin, market).await?.keys)
    }
}

/// The last write of each key: what the call leaves behind.
fn final_writes(writes: &[(String, Option<Vec<u8>>)]) -> BTreeMap<&str, Option<&[u8]>> {
    writes
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_deref()))
        .collect()
}

fn entry_bytes(key: &str, value: Option<usize>) -> i64 {
    value.map_or(0, |len| i64::try_from(key.len() + len).unwrap_or(i64::MAX))
}

async fn stored_size(
    tx: &mut Tx<'_>,
    plugin: &str,
    market: &str,
    key: &str,
) -> Result<Option<usize>, StoreError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT LENGTH(value) FROM plugin_kv WHERE plugin = $1 AND market = $2 AND key = $3",
    )
    .bind(plugin)
    .bind(market)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(len,)| usize::try_from(len).unwrap_or(0)))
}

async fn write(
    tx: &mut Tx<'_>,
    plugin: &str,
    market: &str,
    key: &str,
    value: Option<&[u8]>,
) -> Result<(), StoreError> {
    let query = match value {
        Some(value) => sqlx::query(
            "INSERT INTO plugin_kv (plugin, market, key, value) VALUES ($1, $2, $3, $4)
             ON CONFLICT (plugin, market, key) DO UPDATE SET value = excluded.value",
        )
        .bind(plugin)
        .bind(market)
        .bind(key)
        .bind(value),
        None => sqlx::query("DELETE FROM plugin_kv WHERE plugin = $1 AND market = $2 AND key = $3")
            .bind(plugin)
            .bind(market)
            .bind(key),
    };
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Adds a commit's change to the scope's usage row and returns the new usage; the row's
/// update serialises concurrent commits of the same scope.
async fn add_usage(
    tx: &mut Tx<'_>,
    plugin: &str,
    market: &str,
    delta: KvUsage,
) -> Result<KvUsage, StoreError> {
    let (keys, bytes): (i64, i64) = sqlx::query_as(
        "INSERT INTO plugin_kv_usage (plugin, market, keys, bytes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (plugin, market) DO UPDATE
         SET keys = plugin_kv_usage.keys + excluded.keys,
             bytes = plugin_kv_usage.bytes + excluded.bytes
         RETURNING keys, bytes",
    )
    .bind(plugin)
    .bind(market)
    .bind(delta.keys)
    .bind(delta.bytes)
    .fetch_one(&mut **tx)
    .await?;
    Ok(KvUsage { keys, bytes })
}

async fn append_events(
    tx: &mut Tx<'_>,
    plugin: &str,
    market: &str,
    events: &[(String, String)],
) -> Result<(), StoreError> {
    let source = format!("plugin:{plugin}");
    let at = time::OffsetDateTime::now_utc().unix_timestamp();
    for (name, payload) in events {
        sqlx::query(
            "INSERT INTO events (at, market, source, name, payload) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at)
        .bind(market)
        .bind(&source)
        .bind(name)
        .bind(payload)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
