//! `cargo xtask plugins`: builds the plugins workspace for `wasm32-wasip2` and packages
//! every folder that has a `plugin.toml` into `plugins/dist/` (test plugins into
//! `plugins/dist-test/`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::root;

const TARGET: &str = "wasm32-wasip2";

/// Builds the plugins workspace and packages every plugin folder that has a `plugin.toml`.
pub fn build() -> anyhow::Result<()> {
    crate::tidy::wit::write_unknown_wit(&root())?;
    ensure_target()?;
    let plugins = root().join("plugins");
    let status = Command::new(env!("CARGO"))
        .current_dir(&plugins)
        .args(["build", "--release", "--workspace", "--target", TARGET])
        // Where `package` looks for the components, whatever CARGO_TARGET_DIR says.
        .arg("--target-dir")
        .arg(plugins.join("target"))
        .status()
        .context("cannot run cargo for the plugins")?;
    if !status.success() {
        bail!("building the plugins failed");
    }
    let artefacts = plugins.join("target").join(TARGET).join("release");
    package_all(&plugins, &plugins.join("dist"), &artefacts)?;
    package_all(
        &plugins.join("test-plugins"),
        &plugins.join("dist-test"),
        &artefacts,
    )?;
    Ok(())
}

fn ensure_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    let has_target = installed.as_ref().is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.trim() == TARGET)
    });
    if has_target || installed.is_err() {
        return Ok(());
    }
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status()?;
    if !status.success() {
        bail!("`rustup target add {TARGET}` failed");
    }
    Ok(())
}

/// Packages each folder of `source` that holds a `plugin.toml` into `dist/<folder>/`.
fn package_all(source: &Path, dist: &Path, artefacts: &Path) -> anyhow::Result<()> {
    if dist.exists() {
        std::fs::remove_dir_all(dist)?;
    }
    let Ok(entries) = std::fs::read_dir(source) else {
        return Ok(());
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("plugin.toml").is_file())
        .collect();
    folders.sort();
    for folder in folders {
        package(&folder, dist, artefacts)?;
    }
    Ok(())
}

fn package(folder: &Path, dist: &Path, artefacts: &Path) -> anyhow::Result<()> {
    let name = folder
        .file_name()
        .context("plugin folder name")?
        .to_string_lossy()
        .into_owned();
    let target = dist.join(&name);
    std::fs::create_dir_all(&target)?;
    std::fs::copy(folder.join("plugin.toml"), target.join("plugin.toml"))?;
    let component = component_of(folder, &name, artefacts);
    std::fs::copy(&component, target.join("plugin.wasm")).with_context(|| {
        format!(
            "no component for plugin `{name}` at {}",
            component.display()
        )
    })?;
    let locales = folder.join("locales");
    if locales.is_dir() {
        copy_dir(&locales, &target.join("locales"))?;
    }
    println!(
        "packaged {}",
        target.strip_prefix(root()).unwrap_or(&target).display()
    );
    Ok(())
}

/// A folder's own `plugin.wasm` (prebuilt test fixtures), or its crate's build artefact.
fn component_of(folder: &Path, name: &str, artefacts: &Path) -> PathBuf {
    let own = folder.join("plugin.wasm");
    if own.is_file() {
        return own;
    }
    artefacts.join(format!("{}.wasm", name.replace('-', "_")))
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let destination = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &destination)?;
        } else {
            std::fs::copy(entry.path(), destination)?;
        }
    }
    Ok(())
}
