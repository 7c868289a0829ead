use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// A static file served under a content-hashed URL with immutable caching.
#[derive(Clone, Debug)]
pub struct Asset {
    /// The bytes served (cheap to clone into a response).
    pub bytes: bytes::Bytes,
    /// The `Content-Type` header value.
    pub content_type: &'static str,
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

    /// Adds a file and returns its hashed URL path.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        let hash = short_hash(&bytes);
        let url = format!("/assets/{stem}.{hash}.{extension}");
        let content_type = content_type(extension);
        let bytes = bytes::Bytes::from(bytes);
        self.by_url.insert(
            url.clone(),
            Asset {
                bytes,
                content_type,
            },
        );
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
