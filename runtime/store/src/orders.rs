use crate::{Db, StoreError, engine, random_bytes};

/// An order to record: the cart's lines at their current prices and the delivery address.
#[derive(Clone, Debug)]
pub struct NewOrder {
    /// The session that places it (only that session may view it).
    pub session: String,
    /// Market id.
    pub market: String,
    /// Storefront id, for the confirmation URL.
    pub storefront: String,
    /// ISO 4217 currency of every price.
    pub currency: String,
    /// Lines with unit prices.
    pub lines: Vec<OrderLineRecord>,
    /// Recipient name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Street and number.
    pub street: String,
    /// Postcode.
    pub postcode: String,
    /// City.
    pub city: String,
    /// ISO country code (the market's).
    pub country: String,
    /// Delivery method: none for home delivery, else `{plugin}:{option}`.
    pub delivery: Option<String>,
    /// The delivery method as the shopper saw it.
    pub delivery_label: Option<String>,
}

/// A line of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderLineRecord {
    /// Product id.
    pub product: String,
    /// Units.
    pub quantity: u32,
    /// Unit price in minor units.
    pub unit_price: i64,
}

/// A recorded order: what was placed, its id and when.
#[derive(Clone, Debug)]
pub struct OrderRecord {
    /// Order id.
    pub id: String,
    /// When it was placed, in seconds since the Unix epoch.
    pub placed_at: i64,
    /// The order as it was placed.
    pub order: NewOrder,
}

/// A row of `orders`, as read back.
#[derive(sqlx::FromRow)]
struct OrderRow {
    id: String,
    session: String,
    market: String,
    storefront: String,
    currency: String,
    name: String,
    email: String,
    street: String,
    postcode: String,
    city: String,
    country: String,
    placed_at: i64,
    delivery: Option<String>,
    delivery_label: Option<String>,
}

/// A row of `order_lines`.
#[derive(sqlx::FromRow)]
struct LineRow {
    product: String,
    quantity: i64,
    unit_price: i64,
}

impl From<LineRow> for OrderLineRecord {
    fn from(row: LineRow) -> Self {
        Self {
            product: row.product,
            quantity: u32::try_from(row.quantity).unwrap_or(0),
            unit_price: row.unit_price,
        }
    }
}

impl Db {
    /// Records an order and empties the session's cart in the market, atomically; returns
    /// the new order's id.
    pub async fn place_order(&self, order: &NewOrder) -> Result<String, StoreError> {
        let id = order_id()?;
        let total: i64 = order
            .lines
            .iter()
            .map(|l| l.unit_price * i64::from(l.quantity))
            .sum();
        let placed_at = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut tx = engine::begin_write(&self.pool).await?;
        sqlx::query(
            "INSERT INTO orders (id, session, market, storefront, currency, total_minor, name, email, street, postcode, city, country, placed_at, delivery, delivery_label)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&id)
        .bind(&order.session)
        .bind(&order.market)
        .bind(&order.storefront)
        .bind(&order.currency)
        .bind(total)
        .bind(&order.name)
        .bind(&order.email)
        .bind(&order.street)
        .bind(&order.postcode)
        .bind(&order.city)
        .bind(&order.country)
        .bind(placed_at)
        .bind(&order.delivery)
        .bind(&order.delivery_label)
        .execute(&mut *tx)
        .await?;
        for line in &order.lines {
            sqlx::query("INSERT INTO order_lines (order_id, product, quantity, unit_price) VALUES ($1, $2, $3, $4)")
                .bind(&id)
                .bind(&line.product)
                .bind(i64::from(line.quantity))
                .bind(line.unit_price)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM cart_lines WHERE session = $1 AND market = $2")
            .bind(&order.session)
            .bind(&order.market)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Looks an order up by id.
    pub async fn order(&self, id: &str) -> Result<Option<OrderRecord>, StoreError> {
        let row: Option<OrderRow> = sqlx::query_as(
            "SELECT id, session, market, storefront, currency, name, email, street, postcode, city, country, placed_at, delivery, delivery_label
             FROM orders WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let lines = self.order_lines(&row.id).await?;
        let order = NewOrder {
            session: row.session,
            market: row.market,
            storefront: row.storefront,
            currency: row.currency,
            lines,
            name: row.name,
            email: row.email,
            street: row.street,
            postcode: row.postcode,
            city: row.city,
            country: row.country,
            delivery: row.delivery,
            delivery_label: row.delivery_label,
        };
        Ok(Some(OrderRecord {
            id: row.id,
            placed_at: row.placed_at,
            order,
        }))
    }

    async fn order_lines(&self, id: &str) -> Result<Vec<OrderLineRecord>, StoreError> {
        let rows: Vec<LineRow> =
            sqlx::query_as("SELECT product, quantity, unit_price FROM order_lines WHERE order_id = $1 ORDER BY product")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(OrderLineRecord::from).collect())
    }
}

/// An unguessable order id in a form shoppers can read out: `VT-` and 16 characters from an
/// alphabet without look-alikes.
fn order_id() -> Result<String, StoreError> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = random_bytes::<16>()?;
    let code: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    Ok(format!("VT-{code}"))
}
