//! How long the functions of the runtime are: every `fn` with a body in `runtime/*/src`,
//! signature to closing brace, tests left out (`#[cfg(test)]` modules, `tests.rs` files).

use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

/// The distribution of function lengths, in lines.
pub struct Lengths {
    /// Every function's length, sorted.
    pub lines: Vec<usize>,
    /// The longest ones: `(lines, file:line name)`.
    pub longest: Vec<(usize, String)>,
}

impl Lengths {
    /// The length at a quantile (0.5 for the median).
    pub fn at(&self, quantile: f64) -> usize {
        if self.lines.is_empty() {
            return 0;
        }
        let index = ((self.lines.len() - 1) as f64 * quantile).round() as usize;
        self.lines[index]
    }

    /// One line for the report.
    pub fn summary(&self) -> String {
        format!(
            "{} functions: median {} lines, p90 {}, max {}",
            self.lines.len(),
            self.at(0.5),
            self.at(0.9),
            self.lines.last().copied().unwrap_or(0)
        )
    }
}

/// Measures the functions under `root/runtime/*/src`.
pub fn measure(root: &Path) -> anyhow::Result<Lengths> {
    let mut found = Vec::new();
    for file in rust_files(&root.join("runtime"))? {
        let text = std::fs::read_to_string(&file)?;
        let Ok(parsed) = syn::parse_file(&text) else {
            continue;
        };
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut visitor = Functions {
            file: &name,
            found: &mut found,
        };
        visitor.visit_file(&parsed);
    }
    found.sort();
    let lines = found.iter().map(|(n, _)| *n).collect();
    let longest = found.iter().rev().take(10).cloned().collect();
    Ok(Lengths { lines, longest })
}

/// Source files of the runtime's crates (`src` folders), test files left out.
fn rust_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() && !matches!(name, "benches" | "examples" | "tests") {
                pending.push(path);
            } else if name.ends_with(".rs") && name != "tests.rs" && path_has_src(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn path_has_src(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "src")
}

struct Functions<'a> {
    file: &'a str,
    found: &'a mut Vec<(usize, String)>,
}

impl Functions<'_> {
    /// Records a function from its signature to the closing brace of its body (doc comments
    /// and attributes are not counted).
    fn add(&mut self, sig: &syn::Signature, body: &syn::Block) {
        let start = sig.span().start().line;
        let end = body.brace_token.span.close().end().line;
        let at = format!("{}:{start} {}", self.file, sig.ident);
        self.found.push((end + 1 - start, at));
    }
}

/// `#[test]`, `#[tokio::test]` and `#[cfg(test)]`.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        let test = path.segments.last().is_some_and(|s| s.ident == "test");
        let cfg_test = path.is_ident("cfg")
            && matches!(&attr.meta, syn::Meta::List(list) if list.tokens.to_string() == "test");
        test || cfg_test
    })
}

impl<'ast> Visit<'ast> for Functions<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test(&item.attrs) {
            self.add(&item.sig, &item.block);
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !is_test(&item.attrs) {
            self.add(&item.sig, &item.block);
        }
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(body) = &item.default {
            self.add(&item.sig, body);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }
}
