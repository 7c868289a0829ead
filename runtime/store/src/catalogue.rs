//! The imported catalogue feed: one row per category and product, its body the record as
//! JSON (this crate does not read it; `vitrine-site` does). An import replaces the rows in
//! one transaction with its audit entry, and says what it added, changed and removed, so a
//! feed that changes one price writes one row.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use crate::audit::{self, AuditEntry};

/// Records written per statement: far below the engines' limits on bound values (three
/// per record), far above what makes one statement per record slow.
const ROWS_PER_STATEMENT: usize = 1_000;
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
        let mut writes = Vec::new();
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
            writes.push(record);
        }
        for chunk in writes.chunks(ROWS_PER_STATEMENT) {
            let mut insert = QueryBuilder::<engine::Engine>::new(
                "INSERT INTO catalogue_records (kind, id, body) ",
            );
            insert.push_values(chunk, |mut row, record| {
                row.push_bind(&record.kind)
                    .push_bind(&record.id)
                    .push_bind(&record.body);
            });
            insert.push(" ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body");
            insert.build().execute(&mut *tx).await?;
        }
        let removed: Vec<(String, String)> = stored.into_keys().collect();
        for chunk in removed.chunks(ROWS_PER_STATEMENT) {
            let mut delete = QueryBuilder::<engine::Engine>::new(
                "DELETE FROM catalogue_records WHERE (kind, id) IN (",
            );
            delete.push_values(chunk, |mut row, (kind, id)| {
                row.push_bind(kind).push_bind(id);
            });
            delete.push(")");
            delete.build().execute(&mut *tx).await?;
        }
        outcome.removed = removed.len();
        audit::insert(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
