//! `vitrine check`: the gate a reload applies, offline. Every problem is reported, as text
//! for people or as JSON for scripts; the exit code is 0 for a valid site and 2 otherwise.

use std::process::ExitCode;

use serde_json::json;
use vitrine_plugins::{Engine, EngineConfig};
use vitrine_site::Problem;

use crate::run::{describe, load};
use crate::{CheckArgs, CheckFormat, gate};

/// What the check found.
struct Verdict {
    /// The site's one-line description, once its files passed.
    summary: Option<String>,
    problems: Vec<Problem>,
}

/// Runs the check and prints its verdict.
pub fn check(args: &CheckArgs) -> ExitCode {
    let verdict = verdict(args);
    match args.format {
        CheckFormat::Text => print_text(&verdict),
        CheckFormat::Json => print_json(&verdict),
    }
    if verdict.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn verdict(args: &CheckArgs) -> Verdict {
    let feed = match crate::catalogue::stored(&args.data.data_dir) {
        Ok(feed) => feed,
        Err(problems) => {
            return Verdict {
                summary: None,
                problems,
            };
        }
    };
    let site = match load(&args.site, &feed) {
        Ok(site) => site,
        Err(error) => {
            return Verdict {
                summary: None,
                problems: error.problems().to_vec(),
            };
        }
    };
    let summary = Some(describe(&site));
    let engine = Engine::new(&EngineConfig {
        pooling: false,
        ..EngineConfig::default()
    });
    let problems = match engine {
        Ok(engine) => gate::admit(site, &engine, &vitrine_site::Rollout::default(), None)
            .err()
            .unwrap_or_default(),
        Err(error) => vec![Problem::new(
            "plugins",
            "",
            format!("cannot start the plugin engine: {error}"),
        )],
    };
    Verdict { summary, problems }
}

/// Prints problems as text on stderr under `N problem(s){heading}:`.
pub fn print_problems(heading: &str, problems: &[Problem]) {
    eprintln!("{} problem(s){heading}:", problems.len());
    for problem in problems {
        eprintln!("  {problem}");
    }
}

/// Problems as the JSON `vitrine check --format json` prints.
pub fn problems_json(problems: &[Problem]) -> Vec<serde_json::Value> {
    problems
        .iter()
        .map(|p| match p.line {
            Some(line) => json!({ "file": p.file, "line": line, "key": p.key, "rule": p.rule }),
            None => json!({ "file": p.file, "key": p.key, "rule": p.rule }),
        })
        .collect()
}

fn print_text(verdict: &Verdict) {
    if verdict.problems.is_empty() {
        println!("{}: ok", verdict.summary.as_deref().unwrap_or("site"));
        return;
    }
    print_problems(" in the site", &verdict.problems);
}

fn print_json(verdict: &Verdict) {
    let problems = problems_json(&verdict.problems);
    let ok = verdict.problems.is_empty();
    let report = json!({
        "ok": ok,
        // The summary names the site's version, which any edit changes: only a valid
        // site's is worth printing.
        "site": verdict.summary.as_ref().filter(|_| ok),
        "problems": problems,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
