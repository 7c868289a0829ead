//! The control plane's audit log: every mutating admin call, with its outcome, kept in the
//! database so that it survives restarts and every node sharing the database sees it.

use crate::{Db, StoreError, engine};

/// One admin call, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// What was asked (`recall`, `lift-recall`, `purge`, `reload`…).
    pub action: String,
    /// What it was asked of (a product, a recall id, tags…).
    pub target: String,
    /// How it ended (`ok`, or the error the caller was given).
    pub result: String,
    /// The request's id (`x-request-id`).
    pub request_id: String,
}

/// An entry as read back, with its position and time.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRecord {
    /// Position in the log, increasing.
    pub id: i64,
    /// When it was recorded, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// What was asked.
    pub action: String,
    /// What it was asked of.
    pub target: String,
    /// How it ended.
    pub result: String,
    /// The request's id.
    pub request_id: String,
}

/// The most entries one read returns.
pub const MAX_AUDIT_PAGE: u32 = 1000;

impl Db {
    /// Appends an entry to the audit log; it is on disk when this returns.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        insert(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest entries, newest first: at most `limit` (capped at [`MAX_AUDIT_PAGE`]),
    /// older than `before` when given.
    pub async fn audit_log(
        &self,
        limit: u32,
        before: Option<i64>,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let limit = i64::from(limit.min(MAX_AUDIT_PAGE));
        Ok(sqlx::query_as(
            "SELECT id, at_ms, action, target, result, request_id FROM audit
             WHERE id < $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// Appends an entry inside a transaction, so a change and its record commit together.
pub(crate) async fn insert(tx: &mut engine::Tx<'_>, entry: &AuditEntry) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit (at_ms, action, target, result, request_id) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now_ms())
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(&entry.result)
    .bind(&entry.request_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The time now, in milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    i64::try_from(nanos / 1_000_000).unwrap_or(i64::MAX)
}
