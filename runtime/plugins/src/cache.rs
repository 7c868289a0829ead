//! Precompiled components on disk, keyed by the component's hash and the engine's
//! compatibility key, so a restart skips compilation.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::component::Component;

use crate::Engine;

/// Compiles a component, reusing a precompiled artefact from `cache_dir` when one matches.
pub fn compile(
    engine: &Engine,
    bytes: &[u8],
    cache_dir: Option<&Path>,
) -> Result<Component, wasmtime::Error> {
    let Some(dir) = cache_dir else {
        return Component::new(engine.wasmtime(), bytes);
    };
    let path = artefact_path(engine, bytes, dir);
    if let Some(component) = load_artefact(engine, &path) {
        return Ok(component);
    }
    let artefact = engine.wasmtime().precompile_component(bytes)?;
    store_artefact(&path, &artefact);
    deserialize(engine, &artefact)
}

fn artefact_path(engine: &Engine, bytes: &[u8], dir: &Path) -> PathBuf {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hash}-{}.cwasm", engine.compatibility_key()))
}

fn load_artefact(engine: &Engine, path: &Path) -> Option<Component> {
    let bytes = std::fs::read(path).ok()?;
    match deserialize(engine, &bytes) {
        Ok(component) => Some(component),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "ignoring an unusable precompiled plugin");
            None
        }
    }
}

fn store_artefact(path: &Path, artefact: &[u8]) {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            let temporary = path.with_extension("tmp");
            std::fs::write(&temporary, artefact)?;
            std::fs::rename(&temporary, path)
        });
    if let Err(error) = written {
        tracing::warn!(path = %path.display(), %error, "cannot cache a precompiled plugin");
    }
}

/// Loads a precompiled artefact.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, artefact: &[u8]) -> Result<Component, wasmtime::Error> {
    // SAFETY: the bytes were produced by `precompile_component` of an engine with the same
    // compatibility key (it is part of the file name), and the cache folder belongs to
    // this server's data directory; wasmtime also re-checks the engine configuration.
    unsafe { Component::deserialize(engine.wasmtime(), artefact) }
}
