//! Project automation, run as `cargo xtask <command>`:
//!
//! - `plugins`: builds every plugin for `wasm32-wasip2` and packages it (manifest, component,
//!   locales) into `plugins/dist/` (test plugins into `plugins/dist-test/`);
//! - `serve [ARGS]`: builds the plugins, then runs `vitrine serve` in release mode;
//! - `test [ARGS]`: builds the plugins, then runs the whole test suite;
//! - `tidy`: checks that the code keeps the architecture's rules (see `tidy/mod.rs`) and
//!   reports function lengths;
//! - `lengths [DIR]`: the function-length report alone, of this checkout or another.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::bail;

mod plugins;
mod tidy;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "plugins" => plugins::build(),
        "tidy" => tidy::run(&root()),
        "lengths" => {
            let dir = rest.first().map_or_else(root, PathBuf::from);
            println!("{}", tidy::lengths::measure(&dir)?.summary());
            Ok(())
        }
        "serve" => {
            plugins::build()?;
            cargo(
                &["run", "--release", "--package", "vitrine", "--", "serve"],
                &rest,
            )
        }
        "test" => {
            plugins::build()?;
            cargo(&["test", "--workspace"], &rest)
        }
        _ => bail!(
            "usage: cargo xtask <plugins | serve [ARGS] | test [ARGS] | tidy | lengths [DIR]>"
        ),
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cargo(args: &[&str], rest: &[String]) -> anyhow::Result<()> {
    let status = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(args)
        .args(rest)
        .status()?;
    if !status.success() {
        bail!("cargo {} failed", args.join(" "));
    }
    Ok(())
}
