//! `cargo xtask tidy`: the architecture's rules, checked mechanically, so the map stays
//! true. Each check lists every breach with what to do; any breach fails the command.
//! It also reports how long the runtime's functions are.

use std::path::Path;

pub mod deps;
pub mod lengths;
pub mod rooms;
pub mod wit;

/// Runs every check and prints the function-length report.
pub fn run(root: &Path) -> anyhow::Result<()> {
    let mut problems = Vec::new();
    problems.extend(deps::check(root)?);
    problems.extend(rooms::check(root)?);
    problems.extend(wit::check(root)?);
    let lengths = lengths::measure(root)?;
    println!("tidy: {}", lengths.summary());
    for (lines, at) in &lengths.longest {
        println!("  {lines:>4}  {at}");
    }
    if problems.is_empty() {
        println!("tidy: ok");
        return Ok(());
    }
    for problem in &problems {
        eprintln!("tidy: {problem}");
    }
    anyhow::bail!("{} tidy problem(s)", problems.len())
}
