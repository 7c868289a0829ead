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
    /// A cart change would exceed a limit; the cart is unchanged.
    #[error("cart limit exceeded: {0}")]
    CartLimit(&'static str),
}
