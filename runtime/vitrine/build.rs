//! Embeds the demo site (data, theme, locales) and the built plugin packages in the binary,
//! and makes cargo rebuild when any of those files change.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Folders embedded, as `(prefix seen by the site loader, path from the repository root)`.
const ROOTS: [(&str, &str); 4] = [
    ("site", "site"),
    ("themes", "themes"),
    ("locales", "locales"),
    ("plugins/dist", "plugins/dist"),
];

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut code = String::from(
        "/// Every embedded file: `(path, bytes)`.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (prefix, folder) in ROOTS {
        let root = repo.join(folder);
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        collect(&root, &mut files);
        files.sort();
        for file in files {
            let Ok(relative) = file.strip_prefix(&root) else {
                continue;
            };
            let name = format!("{prefix}/{}", relative.to_string_lossy().replace('\\', "/"));
            let _ = writeln!(
                code,
                "    ({name:?}, include_bytes!({:?})),",
                file.display().to_string()
            );
        }
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(error) = std::fs::write(out.join("embedded.rs"), code) {
        panic!("cannot write the embedded file list: {error}");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
