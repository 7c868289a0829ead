//! The demo site, built into the binary so that `vitrine serve` works anywhere.

use include_dir::{Dir, include_dir};
use vitrine_site::MemorySource;

static SITE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../site");
static THEMES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../themes");
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// The folder of the embedded site, as the loader sees it.
pub const SITE_DIR: &str = "site";

/// The embedded demo site as a source the loader can read.
pub fn demo_site() -> MemorySource {
    let mut source = MemorySource::default();
    for (prefix, dir) in [("site", &SITE), ("themes", &THEMES), ("locales", &LOCALES)] {
        add(&mut source, prefix, dir);
    }
    source
}

fn add(source: &mut MemorySource, prefix: &str, dir: &Dir<'static>) {
    for file in dir.files() {
        let path = format!(
            "{prefix}/{}",
            file.path().to_string_lossy().replace('\\', "/")
        );
        source.insert(path, file.contents());
    }
    for sub in dir.dirs() {
        add(source, prefix, sub);
    }
}
