//! Plugin packages as uploaded: one tar archive (optionally gzip-compressed) holding
//! `plugin.toml`, `plugin.wasm` and `locales/{locale}/*.ftl` at its root, read into memory
//! within fixed bounds (size, file count, paths) before any of it is parsed.

use std::io::Read;

use crate::source::join;
use crate::{MemorySource, Problem};

/// The most an archive may unpack to, in bytes (a compressed archive is bounded by what it
/// expands to, not by what was sent).
pub const MAX_UNPACKED_BYTES: u64 = 64 << 20;

/// The most files an archive may hold.
pub const MAX_ARCHIVE_FILES: usize = 256;

/// Unpacks an uploaded package into `folder` of a source in memory (`{plugin}@{version}`,
/// which names its files in problems): its files, or every problem with the archive.
pub fn unpack_package(bytes: &[u8], folder: &str) -> Result<MemorySource, Vec<Problem>> {
    let gzip = bytes.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read + '_> = if gzip {
        Box::new(flate2::read::GzDecoder::new(bytes))
    } else {
        Box::new(bytes)
    };
    let mut unpacked = Unpacked {
        folder: folder.to_owned(),
        ..Unpacked::default()
    };
    // Headers and padding take room beside the files' bytes.
    let headroom = (MAX_ARCHIVE_FILES as u64 + 2) * 1024;
    let read = unpacked.read(reader.take(MAX_UNPACKED_BYTES + headroom));
    if unpacked.too_big {
        let rule = format!("unpacks to more than {} MiB", MAX_UNPACKED_BYTES >> 20);
        unpacked.problems.push(Problem::new(folder, "", rule));
    } else if let Err(error) = read {
        let rule = format!("is not a tar archive (optionally gzip-compressed): {error}");
        unpacked.problems.push(Problem::new(folder, "", rule));
    }
    let readable = unpacked.problems.is_empty();
    for required in ["plugin.toml", "plugin.wasm"] {
        if readable && !unpacked.names.iter().any(|n| n == required) {
            let rule = format!("the archive has no `{required}` at its root");
            unpacked.problems.push(Problem::new(folder, "", rule));
        }
    }
    if unpacked.problems.is_empty() {
        Ok(unpacked.files)
    } else {
        Err(unpacked.problems)
    }
}

#[derive(Default)]
struct Unpacked {
    folder: String,
    files: MemorySource,
    names: Vec<String>,
    total: u64,
    too_big: bool,
    problems: Vec<Problem>,
}

impl Unpacked {
    fn read(&mut self, reader: impl Read) -> std::io::Result<()> {
        let mut archive = tar::Archive::new(reader);
        for entry in archive.entries()? {
            let mut entry = entry?;
            let kind = entry.header().entry_type();
            let path = entry.path()?.to_string_lossy().into_owned();
            let Some(name) = package_path(&path) else {
                continue;
            };
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                self.refuse(&name, "is not a regular file (links are not allowed)");
                continue;
            }
            if let Some(rule) = unexpected(&name) {
                self.refuse(&name, rule);
                continue;
            }
            if self.names.len() == MAX_ARCHIVE_FILES {
                self.refuse(&name, "one file too many for a package");
                break;
            }
            self.total += entry.size();
            if self.total > MAX_UNPACKED_BYTES {
                self.too_big = true;
                break;
            }
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes)?;
            self.files.insert(join(&self.folder, &name), bytes);
            self.names.push(name);
        }
        Ok(())
    }

    fn refuse(&mut self, name: &str, rule: &str) {
        self.problems
            .push(Problem::new(join(&self.folder, name), "", rule));
    }
}

/// The path of an entry inside the package (`./plugin.toml` is `plugin.toml`); `None` for
/// the root itself.
fn package_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Why a file does not belong in a package, if it does not.
fn unexpected(name: &str) -> Option<&'static str> {
    let parts: Vec<&str> = name.split('/').collect();
    if parts.contains(&"..") || name.starts_with('/') || name.contains('\\') {
        return Some("lies outside the package");
    }
    match parts.as_slice() {
        ["plugin.toml" | "plugin.wasm"] => None,
        ["locales", _, file] if file.ends_with(".ftl") => None,
        _ => Some("is not part of a package (plugin.toml, plugin.wasm and locales/{locale}/*.ftl)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SiteSource;

    fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (path, bytes) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            builder
                .append_data(&mut header, path, *bytes)
                .expect("entry");
        }
        builder.into_inner().expect("archive")
    }

    #[test]
    fn a_package_unpacks_with_or_without_gzip() {
        let plain = tar(&[
            ("./plugin.toml", b"id = 'x'"),
            ("./plugin.wasm", b"\0asm"),
            ("./locales/en/plugin.ftl", b"hi = Hi"),
        ]);
        let files = unpack_package(&plain, "x@1").expect("plain tar");
        assert_eq!(
            files.read("x@1/locales/en/plugin.ftl").expect("ftl"),
            b"hi = Hi"
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &plain).expect("gzip");
        let files = unpack_package(&gz.finish().expect("gzip"), "x@1").expect("gzip tar");
        assert_eq!(
            files.read("x@1/plugin.toml").expect("manifest"),
            b"id = 'x'"
        );
    }

    #[test]
    fn foreign_files_and_missing_parts_are_each_reported() {
        let archive = tar(&[
            ("plugin.toml", b""),
            ("run.sh", b"#!"),
            ("locales/en/x.txt", b""),
        ]);
        let problems = unpack_package(&archive, "x@1").expect_err("refused");
        let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["x@1/run.sh", "x@1/locales/en/x.txt"]);
        let archive = tar(&[("plugin.toml", b"")]);
        let problems = unpack_package(&archive, "x@1").expect_err("refused");
        assert!(
            problems[0].rule.contains("no `plugin.wasm`"),
            "{problems:?}"
        );
    }

    #[test]
    fn what_is_not_an_archive_is_refused_in_words() {
        let problems = unpack_package(b"not a tar at all, but long enough to have a header", "x@1")
            .expect_err("refused");
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.file == "x@1"), "{problems:?}");
    }

    #[test]
    fn an_archive_that_unpacks_past_the_bound_is_refused_however_small_it_was_sent() {
        let zeros = vec![0u8; (MAX_UNPACKED_BYTES + 1) as usize];
        let plain = tar(&[("plugin.toml", b""), ("plugin.wasm", &zeros)]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &plain).expect("gzip");
        let bomb = gz.finish().expect("gzip");
        assert!(bomb.len() < 1 << 20, "sent small: {} bytes", bomb.len());
        let problems = unpack_package(&bomb, "x@1").expect_err("refused");
        assert!(
            problems[0].rule.contains("unpacks to more than 64 MiB"),
            "{problems:?}"
        );
    }

    #[test]
    fn paths_leaving_the_package_are_refused() {
        assert_eq!(
            unexpected("../plugin.toml"),
            Some("lies outside the package")
        );
        assert_eq!(
            unexpected("locales/../../x.ftl"),
            Some("lies outside the package")
        );
        assert_eq!(package_path("./"), None);
        assert_eq!(
            package_path("./locales//en/a.ftl").as_deref(),
            Some("locales/en/a.ftl")
        );
    }
}
