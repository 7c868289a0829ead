//! Recalls: products withdrawn from sale by the control plane, everywhere or in some
//! storefronts. They live here, not in the site files, so they survive restarts and
//! reloads, and another node sharing the database can apply them too. Lifting a recall
//! keeps its row (with the time it was lifted) for the record.

use crate::audit::{self, AuditEntry, now_ms};
use crate::{Db, StoreError, engine, random_bytes};

/// A recall to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRecall {
    /// The product withdrawn.
    pub product: String,
    /// The storefronts it is withdrawn from; `None` for every storefront.
    pub storefronts: Option<Vec<String>>,
    /// Why, in the operator's words.
    pub reason: String,
}

/// A recall as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecallRecord {
    /// Its id (`rc-…`), to lift it by.
    pub id: String,
    /// When it took effect, in milliseconds since the Unix epoch.
    pub created_ms: i64,
    /// When it was lifted, if it was.
    pub lifted_ms: Option<i64>,
    /// What was recalled, where and why.
    pub recall: NewRecall,
}

#[derive(sqlx::FromRow)]
struct RecallRow {
    id: String,
    product: String,
    storefronts: Option<String>,
    reason: String,
    created_ms: i64,
    lifted_ms: Option<i64>,
}

impl From<RecallRow> for RecallRecord {
    fn from(row: RecallRow) -> Self {
        let storefronts = row
            .storefronts
            .map(|list| list.split(' ').map(str::to_owned).collect());
        Self {
            id: row.id,
            created_ms: row.created_ms,
            lifted_ms: row.lifted_ms,
            recall: NewRecall {
                product: row.product,
                storefronts,
                reason: row.reason,
            },
        }
    }
}

const COLUMNS: &str = "id, product, storefronts, reason, created_ms, lifted_ms";

impl Db {
    /// Records a recall and its audit entry in one transaction.
    pub async fn recall(
        &self,
        recall: &NewRecall,
        audit: &AuditEntry,
    ) -> Result<RecallRecord, StoreError> {
        let id = recall_id()?;
        let created_ms = now_ms();
        // Storefront ids never contain spaces (they are URL prefixes such as `fr-be`).
        let storefronts = recall.storefronts.as_ref().map(|list| list.join(" "));
        let mut tx = engine::begin_write(&self.pool).await?;
        sqlx::query(
            "INSERT INTO recalls (id, product, storefronts, reason, created_ms)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(&recall.product)
        .bind(&storefronts)
        .bind(&recall.reason)
        .bind(created_ms)
        .execute(&mut *tx)
        .await?;
        audit::insert(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(RecallRecord {
            id,
            created_ms,
            lifted_ms: None,
            recall: recall.clone(),
        })
    }

    /// Lifts a recall in effect, recording the audit entry in the same transaction;
    /// `None` if no recall in effect has that id.
    pub async fn lift_recall(
        &self,
        id: &str,
        audit: &AuditEntry,
    ) -> Result<Option<RecallRecord>, StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let row: Option<RecallRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "UPDATE recalls SET lifted_ms = $1 WHERE id = $2 AND lifted_ms IS NULL
             RETURNING {COLUMNS}"
        )))
        .bind(now_ms())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if row.is_some() {
            audit::insert(&mut tx, audit).await?;
        }
        tx.commit().await?;
        Ok(row.map(RecallRecord::from))
    }

    /// Every recall in effect, oldest first.
    pub async fn recalls_in_effect(&self) -> Result<Vec<RecallRecord>, StoreError> {
        self.read_recalls("WHERE lifted_ms IS NULL").await
    }

    /// Every recall ever made, lifted ones included, oldest first.
    pub async fn all_recalls(&self) -> Result<Vec<RecallRecord>, StoreError> {
        self.read_recalls("").await
    }

    async fn read_recalls(&self, filter: &'static str) -> Result<Vec<RecallRecord>, StoreError> {
        let rows: Vec<RecallRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM recalls {filter} ORDER BY created_ms, id"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(RecallRecord::from).collect())
    }
}

fn recall_id() -> Result<String, StoreError> {
    let bytes = random_bytes::<8>()?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("rc-{hex}"))
}
