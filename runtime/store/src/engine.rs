//! Everything that is SQLite's own, in one place: how the database file is opened (WAL,
//! `synchronous = FULL`, busy timeout), how a write transaction begins (`BEGIN IMMEDIATE`,
//! so that concurrent writers wait for the write lock instead of failing on a lock upgrade),
//! how a column is looked up (`pragma_table_info`) and the column types the schema spells
//! differently per engine. The rest of the crate writes portable SQL (`$n` placeholders,
//! `ON CONFLICT` upserts, `RETURNING`) against these names; a second engine goes here.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;

/// The database engine, for statements built at run time (`sqlx::QueryBuilder`).
pub type Engine = sqlx::Sqlite;
/// The connection pool.
pub type Pool = sqlx::SqlitePool;
/// A transaction.
pub type Tx<'c> = sqlx::Transaction<'c, sqlx::Sqlite>;

/// The column type of binary values.
pub const BYTES: &str = "BLOB";
/// The column definition of an id the database assigns, in insertion order.
pub const SERIAL_ID: &str = "INTEGER PRIMARY KEY AUTOINCREMENT";
/// The length in bytes of a text value, as SQL (`{}` is the column).
pub const TEXT_BYTES: &str = "LENGTH(CAST({} AS BLOB))";

/// Opens (creating if needed) the database file, durable on every commit.
pub async fn open(file: &Path) -> Result<Pool, StoreError> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    Ok(SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?)
}

/// Begins a transaction that writes: it takes the write lock up front.
pub async fn begin_write(pool: &Pool) -> Result<Tx<'static>, StoreError> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// Whether a table has a column.
pub async fn has_column(pool: &Pool, table: &str, column: &str) -> Result<bool, StoreError> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info($1) WHERE name = $2")
            .bind(table)
            .bind(column)
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}
