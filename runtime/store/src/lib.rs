//! Durable state: carts, orders, consents, plugin storage and events, the control plane's
//! recalls and audit log, the imported catalogue feed, and the server secret, in an embedded SQLite database (one
//! file under the data directory, WAL journal, `synchronous = FULL`: a write is on disk before
//! the call returns, so it survives `kill -9`).
//!
//! What is SQLite's own (opening the file, `BEGIN IMMEDIATE`, `pragma_table_info`, the
//! schema's column types) is gathered in `engine.rs`, behind the store's API; the rest is
//! written in SQL both SQLite and PostgreSQL speak (`$n` placeholders, `ON CONFLICT`
//! upserts, `RETURNING`), so that several nodes can later share one database.

mod audit;
mod cart;
mod catalogue;
mod consent;
mod engine;
mod error;
mod kv;
mod orders;
mod recalls;
mod rollout;
mod schema;

use std::path::Path;

pub use audit::{AuditEntry, AuditRecord, MAX_AUDIT_PAGE};
pub use cart::{CartItem, MAX_LINES, MAX_QUANTITY};
pub use catalogue::{CatalogueImport, CatalogueRecord};
pub use consent::SHARE_POSTCODE;
pub use error::StoreError;
pub use kv::{KvUsage, MAX_KEY_BYTES, MAX_KEYS, MAX_STORED_BYTES, MAX_VALUE_BYTES};
pub use orders::{NewOrder, OrderLineRecord, OrderRecord};
pub use recalls::{NewRecall, RecallRecord};
pub use rollout::{ActivationRecord, NewVersion, PutVersion, VersionRecord};

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "vitrine.db";

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: engine::Pool,
}

impl Db {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.display().to_string(),
            source,
        })?;
        let pool = engine::open(&data_dir.join(DATABASE_FILE)).await?;
        schema::migrate(&pool).await?;
        Ok(Self { pool })
    }

    /// Closes every connection, checkpointing the journal.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The server's secret for signing tokens, created on first use and kept across restarts.
    pub async fn secret(&self) -> Result<Vec<u8>, StoreError> {
        let fresh = random_bytes::<32>()?;
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind("secret")
        .bind(fresh.to_vec())
        .execute(&self.pool)
        .await?;
        let row: (Vec<u8>,) = sqlx::query_as("SELECT value FROM settings WHERE name = $1")
            .bind("secret")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.0)
    }
}

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests;
