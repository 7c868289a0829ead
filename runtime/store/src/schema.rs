use crate::StoreError;
use crate::engine::{self, Pool};

/// Schema statements, applied in order; each is idempotent. `{bytes}`, `{serial_id}` and
/// `{key_bytes}` stand for what each engine spells its own way (`engine.rs`).
const STATEMENTS: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS settings (
        name TEXT PRIMARY KEY,
        value {bytes} NOT NULL
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
        value {bytes} NOT NULL,
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
        SELECT plugin, market, COUNT(*), SUM({key_bytes} + LENGTH(value))
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
        id {serial_id},
        at BIGINT NOT NULL,
        market TEXT NOT NULL,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        payload TEXT NOT NULL
    )",
    // Products withdrawn from sale; `storefronts` is a space-separated list, NULL for
    // every storefront; a lifted recall keeps its row.
    "CREATE TABLE IF NOT EXISTS recalls (
        id TEXT PRIMARY KEY,
        product TEXT NOT NULL,
        storefronts TEXT,
        reason TEXT NOT NULL,
        created_ms BIGINT NOT NULL,
        lifted_ms BIGINT
    )",
    // Plugin versions uploaded through the control plane: the archive as sent, so that a
    // node sharing the database can load it too.
    "CREATE TABLE IF NOT EXISTS plugin_versions (
        plugin TEXT NOT NULL,
        version TEXT NOT NULL,
        digest TEXT NOT NULL,
        archive {bytes} NOT NULL,
        uploaded_ms BIGINT NOT NULL,
        PRIMARY KEY (plugin, version)
    )",
    // Each activation of a version in some storefronts (space-separated); a rolled-back one
    // keeps its row. The ones not rolled back, in id order, give what each storefront runs.
    "CREATE TABLE IF NOT EXISTS plugin_activations (
        id {serial_id},
        plugin TEXT NOT NULL,
        version TEXT NOT NULL,
        storefronts TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        rolled_back_ms BIGINT
    )",
    // The imported catalogue feed: one row per category and product, the record as JSON.
    "CREATE TABLE IF NOT EXISTS catalogue_records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    )",
    "CREATE TABLE IF NOT EXISTS audit (
        id {serial_id},
        at_ms BIGINT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        result TEXT NOT NULL,
        request_id TEXT NOT NULL
    )",
];

/// Columns added after a table was first created: `(table, column, definition)`.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("orders", "delivery", "TEXT"),
    ("orders", "delivery_label", "TEXT"),
];

/// Creates missing tables and indexes.
pub async fn migrate(pool: &Pool) -> Result<(), StoreError> {
    for statement in STATEMENTS {
        let statement = in_engine_terms(statement);
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(pool)
            .await?;
    }
    for (table, column, definition) in ADDED_COLUMNS {
        add_column(pool, table, column, definition).await?;
    }
    Ok(())
}

/// A schema statement with the engine's own spellings filled in.
fn in_engine_terms(statement: &str) -> String {
    statement
        .replace("{bytes}", engine::BYTES)
        .replace("{serial_id}", engine::SERIAL_ID)
        .replace("{key_bytes}", &engine::TEXT_BYTES.replace("{}", "key"))
}

async fn add_column(
    pool: &Pool,
    table: &str,
    column: &str,
    definition: &str,
) -> Result<(), StoreError> {
    if !engine::has_column(pool, table, column).await? {
        let statement = format!("ALTER TABLE {table} ADD COLUMN {column} {definition}");
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(pool)
            .await?;
    }
    Ok(())
}
