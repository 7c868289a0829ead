//! Project automation, run as `cargo xtask <command>`:
//!
//! - `plugins`: builds every plugin for `wasm32-wasip2` and packages it (manifest, component,
//!   locales) into `plugins/dist/` (test plugins into `plugins/dist-test/`);
//! - `serve [ARGS]`: builds the plugins, then runs `vitrine serve` in release mode;
//! - `test [ARGS]`: builds the plugins, then runs the whole test suite;
//! - `tidy`: checks that the code keeps the architecture's rules (see `tidy/mod.rs`) and
//!   reports function lengths;
//! - `lengths [DIR]`: the function-length report alone, of this checkout or another;
//! - `generate-site --products N --markets M [--feed] [--out DIR]`: writes a benchmark site of N
//!   products in M markets (at most 40) to DIR (default `target/sites/N-M`).

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
        "generate-site" => generate_site(&rest),
        "test" => {
            plugins::build()?;
            cargo(&["test", "--workspace"], &rest)
        }
        _ => bail!(
            "usage: cargo xtask <plugins | serve [ARGS] | test [ARGS] | tidy | lengths [DIR] | generate-site --products N --markets M [--feed] [--out DIR]>"
        ),
    }
}

/// `generate-site`: writes the site and says where it is and how to serve it.
fn generate_site(args: &[String]) -> anyhow::Result<()> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let number = |flag: &str, default: usize| -> anyhow::Result<usize> {
        value(flag).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| anyhow::anyhow!("{flag} takes a whole number, not `{v}`"))
        })
    };
    let spec = vitrine_sitegen::Spec {
        products: number("--products", 1_000)?,
        markets: number("--markets", 8)?,
        feed: args.iter().any(|a| a == "--feed"),
    };
    if spec.markets == 0 || spec.markets > vitrine_sitegen::MARKETS.len() {
        bail!("--markets takes 1 to {}", vitrine_sitegen::MARKETS.len());
    }
    let default_out = root().join(format!("target/sites/{}-{}", spec.products, spec.markets));
    let out = value("--out").map_or(default_out, PathBuf::from);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let site = vitrine_sitegen::generate(spec, &root(), &out)?;
    println!(
        "{} products, {} storefronts in {} markets: {}",
        spec.products,
        spec.storefronts().len(),
        spec.markets,
        site.display(),
    );
    if spec.feed {
        let feed = out.join(vitrine_sitegen::FEED_FILE);
        println!(
            "import its catalogue with: cargo run --release -- catalogue import {} --site {}",
            feed.display(),
            site.display()
        );
    }
    println!(
        "serve it with: cargo run --release -- serve --site {}",
        site.display()
    );
    Ok(())
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
