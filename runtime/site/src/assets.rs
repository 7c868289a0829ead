use std::collections::HashMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// A static file served under a content-hashed URL with immutable caching.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Where its bytes are.
    pub body: AssetBody,
    /// The `Content-Type` header value.
    pub content_type: &'static str,
    /// The hash its URL carries (see [`short_hash`]).
    pub hash: String,
}

/// Where an asset's bytes are: in memory (stylesheets, the site built into the binary) or
/// in a file of the site folder (images, however many and large), read when served.
#[derive(Clone, Debug)]
pub enum AssetBody {
    /// The bytes (cheap to clone into a response).
    Bytes(bytes::Bytes),
    /// A file, and its length when the site was loaded.
    File {
        /// The file's path.
        path: PathBuf,
        /// Its length in bytes.
        len: u64,
    },
}

/// Every static file of a snapshot, by hashed URL path (`/assets/base.1a2b3c4d5e.css`).
#[derive(Clone, Debug, Default)]
pub struct Assets {
    by_url: HashMap<String, Asset>,
}

impl Assets {
    /// Every hashed URL, in no particular order.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.by_url.keys().map(String::as_str)
    }

    /// Adds a file held in memory and returns its hashed URL path.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let hash = short_hash(&bytes);
        self.insert(name, hash, AssetBody::Bytes(bytes::Bytes::from(bytes)))
    }

    /// Adds a file with the bytes read from it: kept on disk (and read when served) where
    /// it has a path, otherwise in memory. Returns its hashed URL path.
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>, path: Option<PathBuf>) -> String {
        let Some(path) = path else {
            return self.add(name, bytes);
        };
        let hash = short_hash(&bytes);
        let len = bytes.len() as u64;
        self.insert(name, hash, AssetBody::File { path, len })
    }

    fn insert(&mut self, name: &str, hash: String, body: AssetBody) -> String {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        let url = format!("/assets/{stem}.{hash}.{extension}");
        let asset = Asset {
            body,
            content_type: content_type(extension),
            hash,
        };
        self.by_url.insert(url.clone(), asset);
        url
    }

    /// Looks up a file by URL path.
    pub fn get(&self, url: &str) -> Option<&Asset> {
        self.by_url.get(url)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.by_url.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty()
    }
}

/// The first ten hex digits of the SHA-256 of some bytes.
pub fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

fn content_type(extension: &str) -> &'static str {
    match extension {
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "js" => "text/javascript; charset=utf-8",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}
