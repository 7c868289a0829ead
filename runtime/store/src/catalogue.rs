//! The imported catalogue feed: one row per category and product, its body the record as
//! JSON (this crate does not read it; `vitrine-site` does). An import replaces the rows in
//! one transaction with its audit entry, and says what it added, changed and removed, so a
//! feed that changes one price writes one row.

use std::collections::HashMap;

use crate::audit::{self, AuditEntry};
use crate::{Db, StoreError, engine};

/// One record of the catalogue as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CatalogueRecord {
    /// `category` or `product`.
    pub kind: String,
    /// The record's id.
    pub id: String,
    /// The record as JSON.
    pub body: String,
}

/// What an import changed, in records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueImport {
    /// Records that were not stored before.
    pub added: usize,
    /// Records stored with another body before.
    pub changed: usize,
    /// Records removed (a full import leaves out what the feed does not hold).
    pub removed: usize,
    /// Records stored as they were.
    pub unchanged: usize,
}

impl Db {
    /// Every stored record, categories first, each kind in id order.
    pub async fn catalogue(&self) -> Result<Vec<CatalogueRecord>, StoreError> {
        Ok(
            sqlx::query_as("SELECT kind, id, body FROM catalogue_records ORDER BY kind, id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Stores an import's records, the whole catalogue (stored records it does not hold are
    /// removed), and its audit entry in one transaction: either all of it is on disk when
    /// this returns, or none of it.
    pub async fn import_catalogue(
        &self,
        records: &[CatalogueRecord],
        audit: &AuditEntry,
    ) -> Result<CatalogueImport, StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let stored: Vec<CatalogueRecord> =
            sqlx::query_as("SELECT kind, id, body FROM catalogue_records")
                .fetch_all(&mut *tx)
                .await?;
        let mut stored: HashMap<(String, String), String> = stored
            .into_iter()
            .map(|r| ((r.kind, r.id), r.body))
            .collect();
        let mut outcome = CatalogueImport::default();
        for record in records {
            let key = (record.kind.clone(), record.id.clone());
            match stored.remove(&key) {
                Some(body) if body == record.body => {
                    outcome.unchanged += 1;
                    continue;
                }
                Some(_) => outcome.changed += 1,
                None => outcome.added += 1,
            }
            sqlx::query(
                "INSERT INTO catalogue_records (kind, id, body) VALUES ($1, $2, $3)
                 ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
            )
            .bind(&record.kind)
            .bind(&record.id)
            .bind(&record.body)
            .execute(&mut *tx)
            .await?;
        }
        for (kind, id) in stored.into_keys() {
            sqlx::query("DELETE FROM catalogue_records WHERE kind = $1 AND id = $2")
                .bind(&kind)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            outcome.removed += 1;
        }
        audit::insert(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
