//! The dependency rules of ARCHITECTURE.md, checked on `cargo metadata`: the pure crates
//! reach no async runtime, HTTP stack, WebAssembly engine or database, even through other
//! crates; each outside system is named by the one crate that owns it; and no crate declares
//! a dependency its code never uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use serde_json::Value;

/// Crates that must stay pure: no I/O runtime, no HTTP, no wasmtime, no SQL.
const PURE: [&str; 5] = [
    "vitrine-l10n",
    "vitrine-site",
    "vitrine-search",
    "vitrine-render",
    "vitrine-ui",
];
/// What the pure crates may not reach.
const IMPURE: [&str; 4] = ["tokio", "hyper", "wasmtime", "sqlx"];
/// Outside systems and the one crate that may name them.
const OWNERS: [(&str, &str); 7] = [
    ("tantivy", "vitrine-search"),
    ("hyper", "vitrine-server"),
    ("hyper-util", "vitrine-server"),
    ("http-body-util", "vitrine-server"),
    ("wasmtime", "vitrine-plugins"),
    ("wasmtime-wasi", "vitrine-plugins"),
    ("sqlx", "vitrine-store"),
];
/// Dependencies declared for what they switch on, not for names the code uses.
const FEATURE_ONLY: [(&str, &str, &str); 2] = [
    (
        "vitrine-l10n",
        "icu_provider",
        "its `logging` feature makes ICU4X report missing data through `log`",
    ),
    (
        "xtask",
        "proc-macro2",
        "its `span-locations` feature gives syn's spans the line numbers function lengths need",
    ),
];

/// Every problem with the dependency rules.
pub fn check(root: &Path) -> anyhow::Result<Vec<String>> {
    let metadata = metadata(root)?;
    let mut problems = Vec::new();
    problems.extend(pure_crates(&metadata));
    problems.extend(owners(&metadata));
    problems.extend(unused(&metadata)?);
    Ok(problems)
}

fn metadata(root: &Path) -> anyhow::Result<Value> {
    let output = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["metadata", "--format-version", "1"])
        .output()
        .context("cannot run cargo metadata")?;
    anyhow::ensure!(output.status.success(), "cargo metadata failed");
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn members(metadata: &Value) -> Vec<&Value> {
    let ids: BTreeSet<&str> = array(&metadata["workspace_members"])
        .filter_map(Value::as_str)
        .collect();
    array(&metadata["packages"])
        .filter(|p| p["id"].as_str().is_some_and(|id| ids.contains(id)))
        .collect()
}

fn array(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

fn name(value: &Value) -> &str {
    value["name"].as_str().unwrap_or_default()
}

/// Package names reachable from each package through normal and build dependencies.
fn reachable(metadata: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let names: BTreeMap<&str, &str> = array(&metadata["packages"])
        .filter_map(|p| Some((p["id"].as_str()?, name(p))))
        .collect();
    let edges: BTreeMap<&str, Vec<&str>> = array(&metadata["resolve"]["nodes"])
        .filter_map(|node| {
            let deps = array(&node["deps"])
                .filter(|dep| array(&dep["dep_kinds"]).any(|k| k["kind"].as_str() != Some("dev")))
                .filter_map(|dep| dep["pkg"].as_str())
                .collect();
            Some((node["id"].as_str()?, deps))
        })
        .collect();
    let mut all = BTreeMap::new();
    for (id, package) in &names {
        let mut seen = BTreeSet::new();
        let mut pending = vec![*id];
        while let Some(next) = pending.pop() {
            for dep in edges.get(next).into_iter().flatten() {
                if seen.insert(*dep) {
                    pending.push(dep);
                }
            }
        }
        let reached = seen
            .iter()
            .filter_map(|id| names.get(id))
            .map(|n| (*n).to_owned());
        all.insert((*package).to_owned(), reached.collect());
    }
    all
}

fn pure_crates(metadata: &Value) -> Vec<String> {
    let reachable = reachable(metadata);
    let mut problems = Vec::new();
    for package in PURE {
        let reached = reachable.get(package).cloned().unwrap_or_default();
        for impure in IMPURE.iter().filter(|i| reached.contains(**i)) {
            problems.push(format!(
                "{package} reaches `{impure}`: l10n, site and render stay free of I/O runtimes, HTTP, wasmtime and SQL"
            ));
        }
    }
    problems
}

fn owners(metadata: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for package in members(metadata) {
        for dep in array(&package["dependencies"]) {
            let owner = OWNERS.iter().find(|(system, _)| *system == name(dep));
            if let Some((system, owner)) = owner.filter(|(_, owner)| *owner != name(package)) {
                problems.push(format!(
                    "{} depends on `{system}`: only {owner} may name it",
                    name(package)
                ));
            }
        }
    }
    problems
}

fn unused(metadata: &Value) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    for package in members(metadata) {
        let code = package_code(package)?;
        for dep in array(&package["dependencies"]) {
            let declared = name(dep);
            let lib = dep["rename"].as_str().unwrap_or(declared).replace('-', "_");
            let feature_only = FEATURE_ONLY
                .iter()
                .any(|(p, d, _)| *p == name(package) && *d == declared);
            if !feature_only && !mentions(&code, &lib) {
                let kind = dep["kind"].as_str().unwrap_or("normal");
                problems.push(format!(
                    "{} declares `{declared}` ({kind}) but its code never uses it",
                    name(package)
                ));
            }
        }
    }
    Ok(problems)
}

/// The text of every Rust file of a package's targets, comments left out.
fn package_code(package: &Value) -> anyhow::Result<String> {
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    if let Some(manifest) = package["manifest_path"].as_str() {
        folders.insert(Path::new(manifest).with_file_name(""));
    }
    for target in array(&package["targets"]) {
        if let Some(parent) = target["src_path"]
            .as_str()
            .and_then(|p| Path::new(p).parent())
        {
            folders.insert(parent.to_owned());
        }
    }
    let mut code = String::new();
    for folder in folders {
        for file in rust_files(&folder)? {
            for line in std::fs::read_to_string(&file)?.lines() {
                let line = line.trim_start();
                if !line.starts_with("//") {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
    }
    Ok(code)
}

fn rust_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "target") {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// Whether code names a crate: a path (`lib::`), an import, or a macro (`lib!`).
fn mentions(code: &str, lib: &str) -> bool {
    let word = |at: usize, len: usize| {
        let before = code[..at].chars().next_back();
        let after = code[at + len..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    };
    code.match_indices(lib).any(|(at, _)| {
        let rest = &code[at + lib.len()..];
        word(at, lib.len())
            && (rest.starts_with("::") || rest.starts_with('!') || code[..at].ends_with("use "))
    })
}
