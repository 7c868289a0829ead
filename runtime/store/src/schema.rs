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
    "CREATE TABLE IF NOT EXISTS plugin_kv (
        plugin TEXT NOT NULL,
        market TEXT NOT NULL,
        key TEXT NOT NULL,
        value BLOB NOT NULL,
        PRIMARY KEY (plugin, market, key)
    )",
    // What each plugin keeps per market, updated in every commit's transaction so that
    // quotas hold under concurrent calls; filled from existing data when first created.
    "CREATE TABLE IF NOT EXISTS plugin_kv_usage (
        plugin TEXT NOT NULL,
        market TEXT NOT NULL,
        keys BIGINT NOT NULL,
        bytes BIGINT NOT NULL,
        PRIMARY KEY (plugin, market)
    )",
    "INSERT INTO plugin_kv_usage (plugin, market, keys, bytes)
        SELECT plugin, market, COUNT(*), SUM(LENGTH(CAST(key AS BLOB)) + LENGTH(value))
        FROM plugin_kv WHERE true GROUP BY plugin, market
        ON CONFLICT (plugin, market) DO NOTHING",
    "CREATE TABLE IF NOT EXISTS consents (
        session TEXT NOT NULL,
        purpose TEXT NOT NULL,
        postcode TEXT NOT NULL,
        granted_at BIGINT NOT NULL,
        PRIMARY KEY (session, purpose)
    )",
    "CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at BIGINT NOT NULL,
        market TEXT NOT NULL,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        payload TEXT NOT NULL
    )",
];

/// Columns added after a table was first created: `(table, column, definition)`.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("orders", "delivery", "TEXT"),
    ("orders", "delivery_label", "TEXT"),
];

/// Creates missing tables and indexes.
pub async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    for statement in STATEMENTS {
        sqlx::query(*statement).execute(pool).await?;
    }
    for (table, column, definition) in ADDED_COLUMNS {
        add_column(pool, table, column, definition).await?;
    }
    Ok(())
}

async fn add_column(
    pool: &SqlitePool,
    table: &str,
    column: &str,
    definition: &str,
) -> Result<(), StoreError> {
    let exists: Option<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info($1) WHERE name = $2")
            .bind(table)
            .bind(column)
            .fetch_optional(pool)
            .await?;
    if exists.is_none() {
        let statement = format!("ALTER TABLE {table} ADD COLUMN {column} {definition}");
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(pool)
            .await?;
    }
    Ok(())
}
