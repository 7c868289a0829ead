//! What can go wrong building, opening or querying an index.

/// A search index problem.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The search engine failed (an I/O error on the index folder, a corrupt segment).
    #[error("search index: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// An index on disk does not have the fields this version writes.
    #[error("search index: {0}")]
    Schema(String),
}
