//! Every broken site in `tests/fixtures/bad-config/` is refused with its precise problems.
//!
//! A fixture folder holds files that overwrite the demo site's (same relative paths), an
//! optional `delete.txt` listing files to remove, and `expected.txt`: exactly what
//! `vitrine check` prints, and `expected.json`: what `vitrine check --format json` prints.
//! Run with `BLESS=1` to rewrite the expectations.

use std::path::Path;
use std::process::Command;

use crate::harness::{copy_dir, demo_site_copy, repo_root};

fn apply_fixture(fixture: &Path, root: &Path) {
    for entry in std::fs::read_dir(fixture).expect("fixture folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name == "expected.txt" || name == "expected.json" || name == "delete.txt" {
            continue;
        }
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &root.join(&name));
        } else {
            std::fs::copy(entry.path(), root.join(&name)).expect("copy");
        }
    }
    if let Ok(list) = std::fs::read_to_string(fixture.join("delete.txt")) {
        for path in list.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(root.join(path.trim())).expect("delete listed file");
        }
    }
}

fn check(root: &Path, command: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run(root, &[command]);
    (code, stderr)
}

/// Runs `vitrine ARGS --site site` in `root`: exit code, stdout, stderr.
fn run(root: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let command = args.first().copied().unwrap_or("check");
    let mut vitrine = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    vitrine
        .current_dir(root)
        .args(args)
        .args(["--site", "site"]);
    if command == "serve" {
        vitrine.args(["--data-dir", "data", "--addr", "127.0.0.1:0"]);
    }
    let output = vitrine.output().expect("run vitrine");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Checks one fixture: `vitrine check` exits 2 and prints exactly `expected.txt`.
fn yields_its_precise_errors(name: &str) {
    let fixture = repo_root().join("tests/fixtures/bad-config").join(name);
    let (_dir, site) = demo_site_copy();
    let root = site.parent().expect("root").to_owned();
    apply_fixture(&fixture, &root);
    let (code, stderr) = check(&root, "check");
    let expected_file = fixture.join("expected.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_file, &stderr).expect("bless");
    }
    let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
    assert_eq!(code, Some(2), "{name}: exit {code:?}\n{stderr}");
    assert_eq!(stderr, expected, "{name}: what `vitrine check` printed");
    let (code, json, _) = run(&root, &["check", "--format", "json"]);
    let expected_file = fixture.join("expected.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_file, &json).expect("bless");
    }
    let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
    assert_eq!(code, Some(2), "{name}: exit {code:?} with --format json");
    assert_eq!(
        json, expected,
        "{name}: what `vitrine check --format json` printed"
    );
}

/// One test per fixture folder, named after it, so that a failure names its case.
macro_rules! fixtures {
    ($($test:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                yields_its_precise_errors($folder);
            }
        )*

        /// Every fixture with a test.
        const FIXTURES: &[&str] = &[$($folder),*];
    };
}

fixtures! {
    bad_currency => "bad-currency",
    bad_reduction => "bad-reduction",
    bad_storefront_id => "bad-storefront-id",
    broken_ftl => "broken-ftl",
    broken_ftl_whole_locale => "broken-ftl-whole-locale",
    dangling_product => "dangling-product",
    locked_token => "locked-token",
    low_contrast => "low-contrast",
    many_problems => "many-problems",
    message_deleted => "message-deleted",
    message_superfluous => "message-superfluous",
    missing_theme => "missing-theme",
    plugin_memory_too_large => "plugin-memory-too-large",
    plugin_message_expands => "plugin-message-expands",
    plugin_message_missing => "plugin-message-missing",
    product_problems => "product-problems",
    store_problems => "store-problems",
    storefront_without_locales => "storefront-without-locales",
    toml_syntax => "toml-syntax",
    unknown_key => "unknown-key",
    vat_rules => "vat-rules",
}

#[test]
fn every_fixture_folder_has_its_test() {
    let fixtures = repo_root().join("tests/fixtures/bad-config");
    let mut folders: Vec<String> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    folders.sort();
    assert_eq!(
        folders, FIXTURES,
        "add a line to `fixtures!` for each new folder"
    );
}

#[test]
fn serve_refuses_to_start_on_a_bad_site_and_prints_every_problem() {
    let (_dir, site) = demo_site_copy();
    let root = site.parent().expect("root").to_owned();
    apply_fixture(
        &repo_root().join("tests/fixtures/bad-config/many-problems"),
        &root,
    );
    let (code, stderr) = check(&root, "serve");
    assert_eq!(code, Some(2));
    let problems = stderr.lines().filter(|l| l.starts_with("  ")).count();
    assert!(
        problems >= 4,
        "every problem, not only the first:\n{stderr}"
    );
}

#[test]
fn the_demo_site_passes_the_check() {
    let output = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .arg("check")
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (_dir, site) = demo_site_copy();
    let (code, stderr) = check(site.parent().expect("root"), "check");
    assert_eq!(code, Some(0), "{stderr}");
}
