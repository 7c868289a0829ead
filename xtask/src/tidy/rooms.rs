//! Which rooms may import which: the server's handlers import helper rooms, never each
//! other, and the shared state knows nothing of the handlers above it.

use std::path::Path;

/// The server's handlers: each answers its own routes.
const HANDLERS: [&str; 5] = ["assets", "cart", "checkout", "pages", "plugins"];
/// Where the handlers live.
const HANDLER_DIR: &str = "runtime/server/src/handlers";
/// Files below the handlers, which must not reach up into them.
const BELOW_HANDLERS: [&str; 1] = ["runtime/server/src/state.rs"];

/// Every import that breaks the rules.
pub fn check(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    for handler in HANDLERS {
        let file = format!("{HANDLER_DIR}/{handler}.rs");
        let text = std::fs::read_to_string(root.join(&file))?;
        for other in HANDLERS.iter().filter(|other| **other != handler) {
            if names_module(&text, other) {
                problems.push(format!(
                    "{file} imports the handler `{other}`: move what both need into a helper room (context, intake, reply, slots)"
                ));
            }
        }
    }
    for file in BELOW_HANDLERS {
        let text = std::fs::read_to_string(root.join(file))?;
        if text.contains("handlers::") {
            problems.push(format!(
                "{file} calls into the handlers: the state is below them"
            ));
        }
    }
    Ok(problems)
}

/// Whether code imports a sibling module: `super::name` (also inside `super::{…}`) or
/// `handlers::name`.
fn names_module(code: &str, module: &str) -> bool {
    let direct = [format!("super::{module}"), format!("handlers::{module}")];
    let direct = direct.iter().any(|path| {
        code.match_indices(path.as_str()).any(|(at, _)| {
            let next = code[at + path.len()..].chars().next();
            next.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    });
    let grouped = code.match_indices("super::{").any(|(at, _)| {
        let group = &code[at..];
        let group = &group[..group.find('}').unwrap_or(group.len())];
        group
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == module)
    });
    direct || grouped
}
