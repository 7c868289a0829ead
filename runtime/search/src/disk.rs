//! Indexes kept on disk: `{root}/{digest}/`, where the digest names everything the index
//! holds. A folder is written under a temporary name and renamed when complete (a marker
//! file says so), so a crash mid-build leaves nothing that looks usable; a restart with the
//! same catalogue opens the folder instead of indexing again.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tantivy::Index;
use vitrine_site::Site;

use crate::error::SearchError;
use crate::schema::Fields;
use crate::{SearchIndex, build, languages};

/// Written last, once the index in the folder is complete.
const READY: &str = "vitrine-ready";
/// Marks a folder still being written; one not touched for this long was left by a build
/// that stopped, and is removed.
const BUILDING: &str = ".building-";
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);
/// Tells apart the builds of one process (two reloads may build at once).
static BUILDS: AtomicU64 = AtomicU64::new(0);

/// Opens the index of `site` (whose digest is `digest`) under `root`, building it first when
/// there is none.
pub fn open_or_build(site: &Site, root: &Path, digest: String) -> Result<SearchIndex, SearchError> {
    let folder = root.join(&digest);
    if folder.join(READY).is_file()
        && let Ok(index) = open(&folder, site, &digest, None)
    {
        prune(root, &digest);
        return Ok(index);
    }
    // Unreadable (a disk error, a file removed by hand) or never completed: build it again.
    if folder.exists() {
        fs::remove_dir_all(&folder).map_err(|e| folder_error(&folder, e))?;
    }
    let started = Instant::now();
    let build = BUILDS.fetch_add(1, Ordering::Relaxed);
    let building = root.join(format!("{digest}{BUILDING}{}-{build}", std::process::id()));
    write(site, &building, &digest)?;
    if let Err(error) = fs::rename(&building, &folder) {
        // Another process with this data folder finished first: use its index.
        let _ = fs::remove_dir_all(&building);
        if !folder.join(READY).is_file() {
            return Err(folder_error(&folder, error));
        }
    }
    prune(root, &digest);
    open(&folder, site, &digest, Some(started.elapsed()))
}

fn write(site: &Site, building: &Path, digest: &str) -> Result<(), SearchError> {
    let _ = fs::remove_dir_all(building);
    fs::create_dir_all(building).map_err(|e| folder_error(building, e))?;
    drop(build::new_index(site, Some(building))?);
    fs::write(building.join(READY), digest).map_err(|e| folder_error(building, e))
}

fn open(
    folder: &Path,
    site: &Site,
    digest: &str,
    built_in: Option<Duration>,
) -> Result<SearchIndex, SearchError> {
    let index = Index::open_in_dir(folder)?;
    let fields = Fields::of(&index.schema(), languages(site).into_iter())?;
    build::register(&index, &fields);
    SearchIndex::ready(index, fields, digest.to_owned(), built_in)
}

/// Removes every other complete index under `root` (an index serving an older snapshot
/// keeps its files open, so its requests finish) and folders of builds that stopped; a
/// build still being written is left alone.
fn prune(root: &Path, keep: &str) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == keep || (name.contains(BUILDING) && !abandoned(&entry)) {
            continue;
        }
        let _ = fs::remove_dir_all(entry.path());
    }
}

/// Whether a build folder has not been written to for a long while.
fn abandoned(entry: &fs::DirEntry) -> bool {
    let modified = entry.metadata().and_then(|m| m.modified());
    modified.is_ok_and(|at| {
        SystemTime::now()
            .duration_since(at)
            .is_ok_and(|idle| idle > ABANDONED_AFTER)
    })
}

fn folder_error(path: &Path, source: std::io::Error) -> SearchError {
    SearchError::Folder {
        path: PathBuf::from(path).display().to_string(),
        source,
    }
}
