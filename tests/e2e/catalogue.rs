//! The catalogue feed as a brand's catalogue team uses it: the generated catalogue written
//! as a feed holds exactly what its TOML files hold; a feed imported from the command line
//! is served after a reload and a restart; a bad feed is refused with its line, field and
//! rule while the site serving stays; and an import that changes one price in one market
//! stores one record and purges only that market's pages.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::{Value, json};
use vitrine_site::feed::Feed;
use vitrine_site::{DirSource, load_site, load_site_with};

use crate::harness::admin::{admin, import_feed};
use crate::harness::{TestSite, page_cache_misses as misses};

/// `vitrine catalogue import` with `args`: its exit code and what it printed.
fn import_command(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .args(["catalogue", "import"])
        .args(args)
        .output()
        .expect("run vitrine catalogue import");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), printed)
}

/// The feed's text with product `id`'s line changed by `edit`.
fn with_product(feed: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    let marker = format!("\"id\":\"{id}\"");
    feed.lines()
        .map(|line| {
            if line.contains(&marker) {
                edit(line)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line number of product `id` in the feed.
fn line_of(feed: &str, id: &str) -> usize {
    let marker = format!("\"id\":\"{id}\"");
    feed.lines()
        .position(|l| l.contains(&marker))
        .expect("the product's line")
        + 1
}

#[test]
fn the_feed_holds_exactly_what_the_toml_files_hold() {
    let files = TestSite::generated(60, 8);
    let fed = TestSite::generated_feed(60, 8);
    let text = std::fs::read_to_string(fed.feed_file()).expect("the feed");
    let feed = Feed::parse("catalogue.jsonl", &text).expect("a well-formed feed");
    let a = load_site(&DirSource, &files.site.to_string_lossy()).expect("the TOML site");
    let b = load_site_with(&DirSource, &fed.site.to_string_lossy(), Some(&feed))
        .expect("the feed site");
    assert_eq!(a.products.len(), 60);
    assert_eq!(a.products, b.products);
    assert_eq!(a.categories, b.categories);
    for (id, market) in &a.markets {
        assert_eq!(market.prices, b.markets[id].prices, "prices of {id}");
        assert_eq!(
            market.reductions, b.markets[id].reductions,
            "reductions of {id}"
        );
    }
    assert!(a.markets["nl"].reductions.len() + a.markets["de"].reductions.len() > 0);
    assert_eq!(a.stores, b.stores, "stores and their stock");
    assert_ne!(
        a.version, b.version,
        "a version names where the catalogue came from"
    );
}

#[tokio::test]
async fn a_feed_imported_from_the_command_line_is_served_and_a_bad_one_is_refused_with_its_line() {
    let site = TestSite::generated_feed(40, 8);
    let server = site.start(&["--no-watch"]);
    let product = "/nl-nl/p/p000003";
    assert_eq!(
        server.shopper().get(product).await.status,
        StatusCode::NOT_FOUND,
        "nothing imported yet"
    );
    let data = server.data_dir.to_string_lossy().into_owned();
    let site_dir = site.site.to_string_lossy().into_owned();
    let feed = std::fs::read_to_string(site.feed_file()).expect("the feed");

    let broken = with_product(&feed, "p000002", |line| {
        line.replacen("\"category\":\"", "\"category\":\"no-", 1)
    });
    let broken_file = site.site.join("../broken.jsonl");
    std::fs::write(&broken_file, &broken).expect("write the broken feed");
    let (code, printed) = import_command(&[
        &broken_file.to_string_lossy(),
        "--site",
        &site_dir,
        "--data-dir",
        &data,
    ]);
    assert_eq!(code, 2, "{printed}");
    let line = line_of(&broken, "p000002");
    assert!(
        printed.contains(&format!(
            "`products.p000002.category`: line {line}: unknown category `no-"
        )),
        "the line, the field and the rule: {printed}"
    );

    let file = site.feed_file().to_string_lossy().into_owned();
    let (code, printed) = import_command(&[&file, "--site", &site_dir, "--data-dir", &data]);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("40 products"), "{printed}");
    assert!(
        printed.contains("stored: 44 added, 0 changed, 0 removed, 0 unchanged"),
        "{printed}"
    );
    let reload = admin(&server, "POST", "/admin/reload", None).await;
    assert_eq!(reload.status, StatusCode::OK, "{}", reload.body);
    let page = server.shopper().get(product).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("p000003") || page.body.contains("<h1"),
        "the product's page"
    );

    let server = server.restart();
    assert_eq!(
        server.shopper().get(product).await.status,
        StatusCode::OK,
        "read from the database at start-up"
    );
    let (code, printed) = import_command(&[
        &file,
        "--site",
        &site_dir,
        "--data-dir",
        &data,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{printed}");
    let report: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(
        report["stored"],
        json!({"added": 0, "changed": 0, "removed": 0, "unchanged": 44})
    );
}

#[tokio::test]
async fn an_import_changing_one_price_stores_one_record_and_purges_only_that_markets_pages() {
    let site = TestSite::generated_feed(40, 8);
    let server = site.start(&["--no-watch"]);
    let feed = std::fs::read_to_string(site.feed_file()).expect("the feed");
    let first = import_feed(&server, "", feed.clone()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body["catalogue"]["added"], json!(44));
    let prices = &first.body["diff"]["prices"];
    assert_eq!(
        prices.as_array().map(Vec::len),
        Some(100),
        "the answer names the first 100"
    );
    assert!(
        first.body["diff"]["omitted"]["prices"].as_u64() > Some(100),
        "and counts the rest"
    );

    let (nl, de) = ("/nl-nl/p/p000003", "/de-de/p/p000003");
    let before = server.shopper().get(nl).await.body;
    for page in [de, "/de-de/", "/nl-nl/"] {
        server.shopper().get(page).await;
    }
    let old = feed
        .lines()
        .find(|l| l.contains("\"id\":\"p000003\""))
        .and_then(|l| serde_json::from_str::<Value>(l).ok())
        .and_then(|v| v["prices"]["nl"].as_i64())
        .expect("a price in nl");
    let new = old + 1_000;
    let changed = with_product(&feed, "p000003", |line| {
        line.replacen(&format!("\"nl\":{old}"), &format!("\"nl\":{new}"), 1)
    });

    let bad = with_product(&changed, "p000005", |line| {
        line.replacen("\"prices\":{", "\"prices\":{\"zz\":100,", 1)
    });
    let refused = import_feed(&server, "", bad.clone()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let line = line_of(&bad, "p000005");
    assert_eq!(
        refused.body["problems"],
        json!([{ "file": "feed", "line": line, "key": "products.p000005.prices.zz", "rule": format!("line {line}: unknown market `zz`") }])
    );
    assert_eq!(
        server.shopper().get(nl).await.body,
        before,
        "the site serving stays"
    );

    let misses_before = misses(&server).await;
    let imported = import_feed(&server, "", changed).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert_eq!(
        imported.body["catalogue"],
        json!({"added": 0, "changed": 1, "removed": 0, "unchanged": 43})
    );
    assert_eq!(
        imported.body["diff"],
        json!({ "prices": [{ "id": "nl/p000003", "change": "changed", "detail": format!("{old} → {new}") }] })
    );
    for page in [de, "/de-de/"] {
        server.shopper().get(page).await;
    }
    assert_eq!(
        misses(&server).await,
        misses_before,
        "the German pages stay cached"
    );
    let after = server.shopper().get(nl).await.body;
    assert_eq!(
        misses(&server).await,
        misses_before + 1,
        "the Dutch page was purged"
    );
    assert_ne!(after, before, "it shows the new price");

    let one = format!(
        "{{\"format\":\"vitrine-catalogue\",\"version\":1}}\n{}",
        with_product(&feed, "p000003", str::to_owned)
            .lines()
            .find(|l| l.contains("\"id\":\"p000003\""))
            .expect("line")
    );
    let merged = import_feed(&server, "?merge=true", one).await;
    assert_eq!(merged.status, StatusCode::OK, "{}", merged.body);
    assert_eq!(
        merged.body["catalogue"],
        json!({"added": 0, "changed": 1, "removed": 0, "unchanged": 43}),
        "the rest stays"
    );
    assert_eq!(
        server.shopper().get(nl).await.body,
        before,
        "the old price again"
    );
    let audit = admin(&server, "GET", "/admin/audit", None).await;
    let actions: Vec<&str> = audit.body["entries"]
        .as_array()
        .map(|e| e.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        actions.iter().filter(|a| **a == "import-catalogue").count(),
        4,
        "{}",
        audit.body
    );
}
