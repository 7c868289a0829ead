use thiserror::Error;

/// Why a database operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The operating system's random source failed.
    #[error("no randomness available: {0}")]
    Random(String),
    /// A plugin's storage commit would exceed its quota in the market; nothing was written.
    #[error("storage quota exceeded ({keys} keys, {bytes} bytes after the commit)")]
    QuotaExceeded {
        /// Keys the scope would have held.
        keys: i64,
        /// Bytes the scope would have held.
        bytes: i64,
    },
    /// A cart change would exceed a limit; the cart is unchanged.
    #[error("cart limit exceeded: {0}")]
    CartLimit(&'static str),
}
