use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where site files come from: a directory on disk or files embedded in the binary.
/// Paths are `/`-separated and already normalised (no `.` or `..`).
pub trait SiteSource: Send + Sync {
    /// Reads a whole file.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    /// Lists the names of the entries (files and folders) directly inside a folder, sorted.
    fn list(&self, dir: &str) -> io::Result<Vec<String>>;
    /// Where a file is on disk, if it is on disk at all (so it can be served from there
    /// instead of from memory).
    fn path_on_disk(&self, _path: &str) -> Option<PathBuf> {
        None
    }
}

/// Joins a relative path onto a folder and resolves `.` and `..` lexically.
pub fn join(base: &str, relative: &str) -> String {
    let joined = Path::new(base).join(relative);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().replace('\\', "/")
}

/// Files on disk, read through `std::fs`.
#[derive(Clone, Debug, Default)]
pub struct DirSource;

impl SiteSource for DirSource {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        let mut names = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect::<Vec<_>>();
        names.sort();
        Ok(names)
    }

    fn path_on_disk(&self, path: &str) -> Option<PathBuf> {
        // Links resolved now: a `current -> releases/N` switch does not move the files a
        // snapshot of release N serves.
        std::fs::canonicalize(path).ok()
    }
}

/// Files held in memory: the demo site embedded in the binary, or test fixtures.
#[derive(Clone, Debug, Default)]
pub struct MemorySource {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemorySource {
    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// The SHA-256 of every file, its path and bytes in path order: the same files give the
    /// same digest however they were packed (file times, owners, entry order, compression).
    pub fn digest(&self) -> [u8; 32] {
        let mut digest = Sha256::new();
        for (path, bytes) in &self.files {
            for part in [path.as_bytes(), bytes.as_slice()] {
                digest.update((part.len() as u64).to_le_bytes());
                digest.update(part);
            }
        }
        digest.finalize().into()
    }
}

impl SiteSource for MemorySource {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        // The empty folder is the source's root.
        let prefix = match dir.trim_end_matches('/') {
            "" => String::new(),
            dir => format!("{dir}/"),
        };
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|path| path.strip_prefix(&prefix))
            .map(|rest| rest.split('/').next().unwrap_or(rest).to_owned())
            .collect();
        names.dedup();
        if names.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such folder"));
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_resolves_parent_folders() {
        assert_eq!(join("site", "../themes/vitrine"), "themes/vitrine");
        assert_eq!(join("/srv/shop/site", "../locales"), "/srv/shop/locales");
        assert_eq!(join("site", "./markets/nl.toml"), "site/markets/nl.toml");
    }

    #[test]
    fn memory_source_lists_direct_children() {
        let mut source = MemorySource::default();
        source.insert("locales/nl/main.ftl", "a = b");
        source.insert("locales/nl/extra.ftl", "c = d");
        source.insert("locales/fr/main.ftl", "a = b");
        assert_eq!(source.list("locales").expect("exists"), ["fr", "nl"]);
        assert_eq!(
            source.list("locales/nl").expect("exists"),
            ["extra.ftl", "main.ftl"]
        );
    }

    #[test]
    fn digest_follows_the_files_not_the_order_they_came_in() {
        let files = |pairs: &[(&str, &str)]| {
            let mut source = MemorySource::default();
            for (path, bytes) in pairs {
                source.insert(*path, *bytes);
            }
            source.digest()
        };
        let one = files(&[("plugin.toml", "id = 1"), ("plugin.wasm", "wasm")]);
        assert_eq!(
            one,
            files(&[("plugin.wasm", "wasm"), ("plugin.toml", "id = 1")])
        );
        assert_ne!(
            one,
            files(&[("plugin.toml", "id = 2"), ("plugin.wasm", "wasm")])
        );
        assert_ne!(
            files(&[("ab", "c")]),
            files(&[("a", "bc")]),
            "paths and bytes do not run together"
        );
    }
}
