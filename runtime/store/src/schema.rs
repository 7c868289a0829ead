use sqlx::SqlitePool;

use crate::StoreError;

/// Schema statements, applied in order; each is idempotent.
const STATEMENTS: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS settings (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS cart_lines (
        session TEXT NOT NULL,
        market TEXT NOT NULL,
        product TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        added_at BIGINT NOT NULL,
        PRIMARY KEY (session, market, product)
    )",
    "CREATE TABLE IF NOT EXISTS orders (
        id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        market TEXT NOT NULL,
        storefront TEXT NOT NULL,
        currency TEXT NOT NULL,
        total_minor BIGINT NOT NULL,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        street TEXT NOT NULL,
        postcode TEXT NOT NULL,
        city TEXT NOT NULL,
        country TEXT NOT NULL,
        placed_at BIGINT NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS order_lines (
        order_id TEXT NOT NULL REFERENCES orders (id),
        product TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit_price BIGINT NOT NULL,
        PRIMARY KEY (order_id, product)
    )",
    "CREATE INDEX IF NOT EXISTS orders_by_session ON orders (session)",
];

/// Creates missing tables and indexes.
pub async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    for statement in STATEMENTS {
        sqlx::query(*statement).execute(pool).await?;
    }
    Ok(())
}
