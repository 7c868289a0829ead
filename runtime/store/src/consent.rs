use crate::{Db, StoreError};

/// The consent to let shop features (plugins with the `shopper:postcode` capability) read
/// the shopper's postcode.
pub const SHARE_POSTCODE: &str = "share-postcode";

impl Db {
    /// Records (or renews) a session's consent to share its postcode.
    pub async fn grant_postcode(&self, session: &str, postcode: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO consents (session, purpose, postcode, granted_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (session, purpose) DO UPDATE SET postcode = excluded.postcode, granted_at = excluded.granted_at",
        )
        .bind(session)
        .bind(SHARE_POSTCODE)
        .bind(postcode)
        .bind(time::OffsetDateTime::now_utc().unix_timestamp())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Withdraws the consent; the postcode is forgotten.
    pub async fn withdraw_postcode(&self, session: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM consents WHERE session = $1 AND purpose = $2")
            .bind(session)
            .bind(SHARE_POSTCODE)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The postcode a session consented to share, if it did.
    pub async fn consented_postcode(&self, session: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT postcode FROM consents WHERE session = $1 AND purpose = $2")
                .bind(session)
                .bind(SHARE_POSTCODE)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(postcode,)| postcode))
    }
}
