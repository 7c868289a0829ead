//! Plugin rollout: uploaded plugin versions (the archive as sent, with the digest of its
//! files) and activations (a version switched on in some storefronts). Both live here, not
//! in the site files, so they survive restarts and reloads and another node sharing the
//! database can apply them. A rollback marks the latest activation of a plugin still in effect;
//! the activations in effect, applied in order, give what every storefront runs.

use crate::audit::{self, AuditEntry, now_ms};
use crate::{Db, StoreError, engine};

/// A version to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVersion {
    /// The plugin.
    pub plugin: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of the package's files (not of the archive bytes), in hex.
    pub digest: String,
    /// The archive as uploaded.
    pub archive: Vec<u8>,
}

/// A version as kept (without its archive).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionRecord {
    /// The plugin.
    pub plugin: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of the package's files (not of the archive bytes), in hex.
    pub digest: String,
    /// When it was uploaded, in milliseconds since the Unix epoch.
    pub uploaded_ms: i64,
}

/// What keeping a version did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PutVersion {
    /// It is new.
    Created(VersionRecord),
    /// The same archive was already there: nothing changed.
    Unchanged(VersionRecord),
    /// Another archive has that version: versions never change once uploaded.
    Conflict(VersionRecord),
}

/// An activation as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivationRecord {
    /// Its position, increasing.
    pub id: i64,
    /// The plugin.
    pub plugin: String,
    /// The version switched on.
    pub version: String,
    /// Where.
    pub storefronts: Vec<String>,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// When it was rolled back, if it was.
    pub rolled_back_ms: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ActivationRow {
    id: i64,
    plugin: String,
    version: String,
    storefronts: String,
    at_ms: i64,
    rolled_back_ms: Option<i64>,
}

impl From<ActivationRow> for ActivationRecord {
    fn from(row: ActivationRow) -> Self {
        Self {
            id: row.id,
            plugin: row.plugin,
            version: row.version,
            storefronts: row.storefronts.split(' ').map(str::to_owned).collect(),
            at_ms: row.at_ms,
            rolled_back_ms: row.rolled_back_ms,
        }
    }
}

const ACTIVATION_COLUMNS: &str = "id, plugin, version, storefronts, at_ms, rolled_back_ms";
const VERSION_COLUMNS: &str = "plugin, version, digest, uploaded_ms";

impl Db {
    /// Keeps an uploaded version, with its audit entry in the same transaction when it is
    /// new; an existing version is never replaced.
    pub async fn put_plugin_version(
        &self,
        new: &NewVersion,
        audit: &AuditEntry,
    ) -> Result<PutVersion, StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let existing: Option<VersionRecord> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM plugin_versions WHERE plugin = $1 AND version = $2"
        )))
        .bind(&new.plugin)
        .bind(&new.version)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(existing) = existing {
            return Ok(if existing.digest == new.digest {
                PutVersion::Unchanged(existing)
            } else {
                PutVersion::Conflict(existing)
            });
        }
        let uploaded_ms = now_ms();
        sqlx::query(
            "INSERT INTO plugin_versions (plugin, version, digest, archive, uploaded_ms)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&new.plugin)
        .bind(&new.version)
        .bind(&new.digest)
        .bind(&new.archive)
        .bind(uploaded_ms)
        .execute(&mut *tx)
        .await?;
        audit::insert(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(PutVersion::Created(VersionRecord {
            plugin: new.plugin.clone(),
            version: new.version.clone(),
            digest: new.digest.clone(),
            uploaded_ms,
        }))
    }

    /// Every uploaded version, by plugin and version.
    pub async fn plugin_versions(&self) -> Result<Vec<VersionRecord>, StoreError> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM plugin_versions ORDER BY plugin, version"
        )))
        .fetch_all(&self.pool)
        .await?)
    }

    /// The archive of an uploaded version.
    pub async fn plugin_archive(
        &self,
        plugin: &str,
        version: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT archive FROM plugin_versions WHERE plugin = $1 AND version = $2",
        )
        .bind(plugin)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Records an activation and its audit entry in one transaction.
    pub async fn activate_plugin(
        &self,
        plugin: &str,
        version: &str,
        storefronts: &[String],
        audit: &AuditEntry,
    ) -> Result<ActivationRecord, StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        // Storefront ids never contain spaces (they are URL prefixes such as `fr-be`).
        let row: ActivationRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "INSERT INTO plugin_activations (plugin, version, storefronts, at_ms)
             VALUES ($1, $2, $3, $4) RETURNING {ACTIVATION_COLUMNS}"
        )))
        .bind(plugin)
        .bind(version)
        .bind(storefronts.join(" "))
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        audit::insert(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// Rolls back the latest activation of `plugin` still in effect, recording the audit
    /// entry in the same transaction; `None` if none is in effect.
    pub async fn roll_back_plugin(
        &self,
        plugin: &str,
        audit: &AuditEntry,
    ) -> Result<Option<ActivationRecord>, StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let row: Option<ActivationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "UPDATE plugin_activations SET rolled_back_ms = $1
             WHERE id = (SELECT MAX(id) FROM plugin_activations
                         WHERE plugin = $2 AND rolled_back_ms IS NULL)
             RETURNING {ACTIVATION_COLUMNS}"
        )))
        .bind(now_ms())
        .bind(plugin)
        .fetch_optional(&mut *tx)
        .await?;
        if row.is_some() {
            audit::insert(&mut tx, audit).await?;
        }
        tx.commit().await?;
        Ok(row.map(ActivationRecord::from))
    }

    /// Every activation in effect, oldest first.
    pub async fn activations_in_effect(&self) -> Result<Vec<ActivationRecord>, StoreError> {
        self.read_activations("WHERE rolled_back_ms IS NULL").await
    }

    /// Every activation ever made, rolled-back ones included, oldest first.
    pub async fn all_activations(&self) -> Result<Vec<ActivationRecord>, StoreError> {
        self.read_activations("").await
    }

    async fn read_activations(
        &self,
        filter: &'static str,
    ) -> Result<Vec<ActivationRecord>, StoreError> {
        let rows: Vec<ActivationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ACTIVATION_COLUMNS} FROM plugin_activations {filter} ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(ActivationRecord::from).collect())
    }
}
