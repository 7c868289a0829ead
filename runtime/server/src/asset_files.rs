//! Asset files kept on disk (a catalogue's images, however many and large): read when first
//! asked for, off the request workers, and kept in a cache bounded by bytes. A file whose
//! bytes no longer match the hash its URL carries (edited since the site was loaded, until
//! the next reload) is refused: a URL never serves other bytes than the ones it names.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use moka::sync::Cache;
use vitrine_site::short_hash;

/// Bytes of asset files the cache holds at most.
pub const ASSET_CACHE_BYTES: u64 = 64 << 20;
/// Files larger than this are read for every request instead of taking the cache's room.
const MAX_CACHED_FILE_BYTES: u64 = 4 << 20;
/// Files read from disk at once; more requests for uncached files wait their turn, so
/// memory holds at most this many files being read.
const MAX_READS: usize = 16;
/// URLs remembered as no longer matching their file, so each is read and logged once.
const MAX_CHANGED: u64 = 10_000;

/// Why an asset file was not served.
#[derive(Debug, thiserror::Error)]
pub enum AssetFileError {
    /// It could not be read.
    #[error("cannot read it: {0}")]
    Read(#[from] std::io::Error),
    /// Its bytes changed since the site was loaded.
    #[error("it changed on disk since the site was loaded; a reload serves it under a new URL")]
    Changed,
    /// The read stopped (the runtime is shutting down).
    #[error("the read stopped")]
    Stopped,
}

/// The cache of asset files, by URL (a URL names one content, so entries never go stale).
pub struct AssetFiles {
    cache: Cache<String, Bytes>,
    /// URLs whose file changed since the site was loaded.
    changed: Cache<String, ()>,
    reads: tokio::sync::Semaphore,
}

impl Default for AssetFiles {
    fn default() -> Self {
        Self::new(ASSET_CACHE_BYTES)
    }
}

impl AssetFiles {
    /// A cache holding at most `bytes` bytes of files.
    pub fn new(bytes: u64) -> Self {
        let cache = Cache::builder()
            .max_capacity(bytes)
            .weigher(|url: &String, body: &Bytes| {
                u32::try_from(url.len() + body.len()).unwrap_or(u32::MAX)
            })
            .build();
        Self {
            cache,
            changed: Cache::new(MAX_CHANGED),
            reads: tokio::sync::Semaphore::new(MAX_READS),
        }
    }

    /// The bytes of the file at `path` served under `url`, which were `len` bytes hashing to
    /// `hash` when the site was loaded.
    pub async fn read(
        &self,
        url: &str,
        path: &Path,
        (len, hash): (u64, &str),
    ) -> Result<Bytes, AssetFileError> {
        if let Some(bytes) = self.cache.get(url) {
            return Ok(bytes);
        }
        if self.changed.contains_key(url) {
            return Err(AssetFileError::Changed);
        }
        let _read = self.reads.acquire().await.ok();
        // Another request may have read it meanwhile.
        if let Some(bytes) = self.cache.get(url) {
            return Ok(bytes);
        }
        let (path, hash) = (PathBuf::from(path), hash.to_owned());
        let read = tokio::task::spawn_blocking(move || read_checked(&path, len, &hash))
            .await
            .map_err(|_| AssetFileError::Stopped)?;
        match read {
            Ok(bytes) if len <= MAX_CACHED_FILE_BYTES => {
                self.cache.insert(url.to_owned(), bytes.clone());
                Ok(bytes)
            }
            Err(AssetFileError::Changed) => {
                self.changed.insert(url.to_owned(), ());
                Err(AssetFileError::Changed)
            }
            other => other,
        }
    }

    /// Bytes held now (after pending evictions ran).
    #[cfg(test)]
    fn held_bytes(&self) -> u64 {
        self.cache.run_pending_tasks();
        self.cache.weighted_size()
    }
}

/// The file's bytes if they are still the ones hashed at load; its length is checked before
/// reading, so a file swapped for a huge one is not read whole.
fn read_checked(path: &Path, len: u64, hash: &str) -> Result<Bytes, AssetFileError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() != len {
        return Err(AssetFileError::Changed);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(len + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len || short_hash(&bytes) != hash {
        return Err(AssetFileError::Changed);
    }
    Ok(Bytes::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path, name: &str, bytes: &[u8]) -> (PathBuf, u64, String) {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        (path, bytes.len() as u64, short_hash(bytes))
    }

    #[tokio::test]
    async fn a_file_is_served_while_it_holds_the_bytes_its_url_names() {
        let dir = tempfile::tempdir().expect("dir");
        let (path, len, hash) = file(dir.path(), "tote.svg", b"<svg>tote</svg>");
        let files = AssetFiles::default();
        let url = format!("/assets/tote.{hash}.svg");
        let read = files.read(&url, &path, (len, &hash)).await.expect("read");
        assert_eq!(&read[..], b"<svg>tote</svg>");
        std::fs::write(&path, b"<svg>edited</svg>").expect("edit");
        let cached = files.read(&url, &path, (len, &hash)).await.expect("cached");
        assert_eq!(
            &cached[..],
            b"<svg>tote</svg>",
            "the cached bytes are the URL's"
        );
        let fresh = AssetFiles::default();
        let changed = fresh.read(&url, &path, (len, &hash)).await;
        assert!(
            matches!(changed, Err(AssetFileError::Changed)),
            "{changed:?}"
        );
        std::fs::write(&path, b"<svg>tote</svg>").expect("restored");
        let remembered = fresh.read(&url, &path, (len, &hash)).await;
        assert!(
            matches!(remembered, Err(AssetFileError::Changed)),
            "a changed file is read once: {remembered:?}"
        );
        std::fs::remove_file(&path).expect("remove");
        let gone = AssetFiles::default().read(&url, &path, (len, &hash)).await;
        assert!(matches!(gone, Err(AssetFileError::Read(_))), "{gone:?}");
    }

    #[tokio::test]
    async fn the_cache_holds_no_more_than_its_bytes() {
        let dir = tempfile::tempdir().expect("dir");
        let files = AssetFiles::new(64 << 10);
        for i in 0..40 {
            let body = vec![b'a' + (i % 26) as u8; 8 << 10];
            let (path, len, hash) = file(dir.path(), &format!("{i}.png"), &body);
            let url = format!("/assets/{i}.{hash}.png");
            files.read(&url, &path, (len, &hash)).await.expect("read");
        }
        assert!(files.held_bytes() <= 64 << 10, "{}", files.held_bytes());
    }
}
