use crate::{Db, StoreError};

/// Longest key a plugin may use, in bytes.
pub const MAX_KEY_BYTES: usize = 256;
/// Largest value, in bytes.
pub const MAX_VALUE_BYTES: usize = 16 * 1024;
/// Most keys one plugin may keep in one market.
pub const MAX_KEYS: i64 = 10_000;

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
    /// call's effects land whole or not at all.
    pub async fn kv_commit(
        &self,
        plugin: &str,
        market: &str,
        writes: &[(String, Option<Vec<u8>>)],
        events: &[(String, String)],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        for (key, value) in writes {
            let statement = match value {
                Some(_) => {
                    "INSERT INTO plugin_kv (plugin, market, key, value) VALUES ($1, $2, $3, $4)
                            ON CONFLICT (plugin, market, key) DO UPDATE SET value = excluded.value"
                }
                None => "DELETE FROM plugin_kv WHERE plugin = $1 AND market = $2 AND key = $3",
            };
            let mut query = sqlx::query(statement).bind(plugin).bind(market).bind(key);
            if let Some(value) = value {
                query = query.bind(value);
            }
            query.execute(&mut *tx).await?;
        }
        let source = format!("plugin:{plugin}");
        for (name, payload) in events {
            sqlx::query("INSERT INTO events (at, market, source, name, payload) VALUES ($1, $2, $3, $4, $5)")
                .bind(time::OffsetDateTime::now_utc().unix_timestamp())
                .bind(market)
                .bind(&source)
                .bind(name)
                .bind(payload)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many keys a plugin keeps in a market.
    pub async fn kv_count(&self, plugin: &str, market: &str) -> Result<i64, StoreError> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM plugin_kv WHERE plugin = $1 AND market = $2")
                .bind(plugin)
                .bind(market)
                .fetch_one(&self.pool)
                .await?;
        Ok(count)
    }
}
