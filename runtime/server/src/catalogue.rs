//! The imported catalogue between the database and the site model: the stored rows read
//! back as a feed, and a feed written as rows. The one place the two meet.

use vitrine_site::feed::{Feed, FeedRow};
use vitrine_site::{FEED_NAME, Problem};
use vitrine_store::{AuditEntry, CatalogueImport, CatalogueRecord, Db, StoreError};

/// The catalogue stored in the database, as a feed (empty when nothing was imported).
pub async fn stored_feed(db: &Db) -> Result<Feed, CatalogueError> {
    let rows = db.catalogue().await.map_err(CatalogueError::Store)?;
    let rows = rows.into_iter().map(|r| FeedRow {
        kind: r.kind,
        id: r.id,
        body: r.body,
    });
    Feed::from_rows(FEED_NAME, rows.collect()).map_err(CatalogueError::Invalid)
}

/// Stores a feed as the whole catalogue, with its audit entry, in one transaction.
pub async fn store_feed(
    db: &Db,
    feed: &Feed,
    audit: &AuditEntry,
) -> Result<CatalogueImport, StoreError> {
    let records: Vec<CatalogueRecord> = feed
        .rows()
        .into_iter()
        .map(|r| CatalogueRecord {
            kind: r.kind,
            id: r.id,
            body: r.body,
        })
        .collect();
    db.import_catalogue(&records, audit).await
}

/// Why the stored catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// The database could not be read.
    #[error("the catalogue could not be read from the database: {0}")]
    Store(StoreError),
    /// Some stored records cannot be read.
    #[error("{} stored catalogue record(s) cannot be read", .0.len())]
    Invalid(Vec<Problem>),
}
