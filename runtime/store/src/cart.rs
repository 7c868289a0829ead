use crate::{Db, StoreError, engine};

/// Most units of one product in a cart.
pub const MAX_QUANTITY: u32 = 99;
/// Most distinct products in one cart.
pub const MAX_LINES: u32 = 50;

/// A product and its quantity in a cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartItem {
    /// Product id.
    pub product: String,
    /// Units, 1–99.
    pub quantity: u32,
}

/// A row of `cart_lines`, as read back.
#[derive(sqlx::FromRow)]
struct CartRow {
    product: String,
    quantity: i64,
}

impl Db {
    /// The cart of a session in a market, oldest line first.
    pub async fn cart(&self, session: &str, market: &str) -> Result<Vec<CartItem>, StoreError> {
        let rows: Vec<CartRow> = sqlx::query_as(
            "SELECT product, quantity FROM cart_lines WHERE session = $1 AND market = $2 ORDER BY added_at, product",
        )
        .bind(session)
        .bind(market)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| CartItem {
                product: row.product,
                quantity: u32::try_from(row.quantity).unwrap_or(0),
            })
            .collect())
    }

    /// Adds units of a product; the total per product may not exceed 99 and a cart holds at
    /// most 50 products. On any error the cart is unchanged.
    pub async fn add_to_cart(
        &self,
        session: &str,
        market: &str,
        product: &str,
        quantity: u32,
    ) -> Result<(), StoreError> {
        let mut tx = engine::begin_write(&self.pool).await?;
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT quantity FROM cart_lines WHERE session = $1 AND market = $2 AND product = $3",
        )
        .bind(session)
        .bind(market)
        .bind(product)
        .fetch_optional(&mut *tx)
        .await?;
        let current = existing.map_or(0, |(q,)| q);
        if current + i64::from(quantity) > i64::from(MAX_QUANTITY) {
            return Err(StoreError::CartLimit("at most 99 units of a product"));
        }
        if existing.is_none() {
            let (lines,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM cart_lines WHERE session = $1 AND market = $2",
            )
            .bind(session)
            .bind(market)
            .fetch_one(&mut *tx)
            .await?;
            if lines >= i64::from(MAX_LINES) {
                return Err(StoreError::CartLimit("at most 50 products in a cart"));
            }
        }
        sqlx::query(
            "INSERT INTO cart_lines (session, market, product, quantity, added_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (session, market, product) DO UPDATE SET quantity = cart_lines.quantity + excluded.quantity",
        )
        .bind(session)
        .bind(market)
        .bind(product)
        .bind(i64::from(quantity))
        .bind(now_micros())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the quantity of a product already in the cart; returns whether it was there.
    pub async fn set_quantity(
        &self,
        session: &str,
        market: &str,
        product: &str,
        quantity: u32,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query("UPDATE cart_lines SET quantity = $4 WHERE session = $1 AND market = $2 AND product = $3")
            .bind(session)
            .bind(market)
            .bind(product)
            .bind(i64::from(quantity))
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() > 0)
    }

    /// Removes a product from the cart; returns whether it was there.
    pub async fn remove_from_cart(
        &self,
        session: &str,
        market: &str,
        product: &str,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "DELETE FROM cart_lines WHERE session = $1 AND market = $2 AND product = $3",
        )
        .bind(session)
        .bind(market)
        .bind(product)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }
}

/// Microseconds since the Unix epoch, for ordering cart lines.
pub(crate) fn now_micros() -> i64 {
    let now = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000;
    i64::try_from(now).unwrap_or(i64::MAX)
}
