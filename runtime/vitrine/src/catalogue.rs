//! `vitrine catalogue import FILE`: a catalogue feed read line by line, checked against the
//! site with the rules of `vitrine check` (the site is loaded with it) and only then stored
//! in the database, in one transaction with its audit entry. A server running on the same
//! data folder serves it after its next reload; `POST /admin/catalogue` imports into a
//! running server at once.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;
use vitrine_site::feed::Feed;
use vitrine_site::{FEED_NAME, Problem};
use vitrine_store::{AuditEntry, CatalogueImport, DATABASE_FILE, Db};

use crate::check::{print_problems, problems_json};
use crate::run::{describe, load};
use crate::{CheckFormat, ImportArgs};

/// The catalogue stored in the data folder's database; empty when there is no database yet.
pub fn stored(data_dir: &Path) -> Result<Feed, Vec<Problem>> {
    if !data_dir.join(DATABASE_FILE).exists() {
        return Ok(Feed::empty(FEED_NAME));
    }
    let database = || problem(data_dir, "cannot read the database");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| database())?;
    runtime.block_on(async {
        let db = Db::open(data_dir).await.map_err(|_| database())?;
        let feed = vitrine_server::stored_feed(&db).await;
        db.close().await;
        feed.map_err(|error| match error {
            vitrine_server::CatalogueError::Invalid(problems) => problems,
            vitrine_server::CatalogueError::Store(_) => database(),
        })
    })
}

/// Runs the import and prints its outcome.
pub fn import(args: &ImportArgs) -> ExitCode {
    let outcome = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run(args)),
        Err(error) => Err(vec![Problem::new("", "", format!("cannot start: {error}"))]),
    };
    print(args.format, &outcome);
    if outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// What an import did: the site's summary with the feed, and what was stored (nothing in a
/// dry run).
struct Imported {
    summary: String,
    stored: Option<CatalogueImport>,
}

async fn run(args: &ImportArgs) -> Result<Imported, Vec<Problem>> {
    let name = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|error| problem(&args.file, &format!("cannot read the feed: {error}")))?;
    let feed = Feed::parse(&name, &text)?;
    drop(text);
    let db = Db::open(&args.data.data_dir).await.map_err(|error| {
        problem(
            &args.data.data_dir,
            &format!("cannot open the database: {error}"),
        )
    })?;
    let feed = if args.merge {
        let stored = vitrine_server::stored_feed(&db).await;
        feed.over(stored.map_err(|error| problem(&args.data.data_dir, &error.to_string()))?)
    } else {
        feed
    };
    let site = load(&args.site, &feed).map_err(|error| error.problems().to_vec())?;
    let summary = describe(&site);
    drop(site);
    if args.dry_run {
        return Ok(Imported {
            summary,
            stored: None,
        });
    }
    let audit = AuditEntry {
        action: "import-catalogue".into(),
        target: format!(
            "{name}: {} products, {} categories",
            feed.products.len(),
            feed.categories.len()
        ),
        result: "ok".into(),
        request_id: "vitrine catalogue import".into(),
    };
    let stored = vitrine_server::store_feed(&db, &feed, &audit).await;
    db.close().await;
    let stored = stored
        .map_err(|error| problem(&args.data.data_dir, &format!("nothing was stored: {error}")))?;
    Ok(Imported {
        summary,
        stored: Some(stored),
    })
}

fn print(format: CheckFormat, outcome: &Result<Imported, Vec<Problem>>) {
    match (format, outcome) {
        (CheckFormat::Text, Ok(imported)) => {
            println!("{}: ok", imported.summary);
            match imported.stored {
                Some(stored) => println!(
                    "stored: {} added, {} changed, {} removed, {} unchanged; a server on this data folder serves it after its next reload (POST /admin/reload)",
                    stored.added, stored.changed, stored.removed, stored.unchanged
                ),
                None => println!("dry run: nothing was stored"),
            }
        }
        (CheckFormat::Text, Err(problems)) => print_problems("", problems),
        (CheckFormat::Json, outcome) => {
            let report = match outcome {
                Ok(imported) => json!({
                    "ok": true,
                    "site": imported.summary,
                    "stored": imported.stored,
                    "problems": [],
                }),
                Err(problems) => json!({ "ok": false, "problems": problems_json(problems) }),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
    }
}

fn problem(path: &Path, rule: &str) -> Vec<Problem> {
    vec![Problem::new(path.display().to_string(), "", rule)]
}
