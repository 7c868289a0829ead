//! Live reload as brand and market teams use it: an edited site is swapped in while the shop
//! serves, with a diff of what changed and a purge of only the pages it touches; a dry run
//! changes nothing; a broken change is refused with its file and line while the last good
//! site keeps serving; the file watcher picks edits up by itself; and reloads under load
//! fail no request.

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::admin::admin;
use crate::harness::{Server, TestSite};

async fn reload(server: &Server, dry_run: bool) -> (StatusCode, Value) {
    let path = if dry_run {
        "/admin/reload?dry_run=true"
    } else {
        "/admin/reload"
    };
    let reply = admin(server, "POST", path, None).await;
    (reply.status, reply.body)
}

async fn title(server: &Server, path: &str) -> String {
    let body = server.shopper().get(path).await.body;
    let start = body.find("<title>").map(|i| i + 7).unwrap_or(0);
    let end = body[start..].find("</title>").map_or(start, |i| start + i);
    body[start..end].to_owned()
}

#[tokio::test]
async fn a_reload_swaps_in_the_edited_site_and_purges_only_what_changed() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    for path in [
        "/nl-nl/",
        "/nl-nl/p/wool-scarf",
        "/fr-fr/",
        "/de-de/p/canvas-tote",
    ] {
        server.shopper().get(path).await;
    }
    site.replace(
        "locales/nl/main.ftl",
        "home-title = Home",
        "home-title = Welkom",
    );
    let (status, body) = reload(&server, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["applied"], json!(true));
    assert_eq!(
        body["diff"],
        json!({ "messages": [{ "id": "nl/home-title", "change": "changed" }] })
    );
    assert_eq!(
        body["pages_purged"],
        json!(2),
        "the two Dutch pages, not the others: {body}"
    );
    assert!(title(&server, "/nl-nl/").await.starts_with("Welkom"));

    site.replace(
        "site/markets/nl.toml",
        "canvas-tote = 4900",
        "canvas-tote = 5900",
    );
    let (_, body) = reload(&server, false).await;
    let prices = &body["diff"]["prices"];
    assert_eq!(
        prices,
        &json!([{ "id": "nl/canvas-tote", "change": "changed", "detail": "4900 → 5900" }])
    );
    let page = server.shopper().get("/nl-nl/p/canvas-tote").await.body;
    assert!(page.contains("59,00"), "the new price is served");
    let status = admin(&server, "GET", "/admin/status", None).await.body;
    assert_eq!(
        status["last_reload"]["to"], body["to"],
        "status names the last reload"
    );
    assert_eq!(status["snapshot"]["version"], body["to"]);

    let (_, unchanged) = reload(&server, false).await;
    assert_eq!(
        unchanged["applied"],
        json!(false),
        "nothing changed, nothing swapped"
    );
}

#[tokio::test]
async fn a_dry_run_shows_the_diff_and_changes_nothing() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let before = title(&server, "/de-de/").await;
    site.replace("locales/de/main.ftl", "home-title = ", "home-title = Neu: ");
    site.replace("themes/vitrine/theme.toml", "#a4161a", "#9a1418");
    let (status, body) = reload(&server, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["applied"], json!(false));
    assert_eq!(body["diff"]["messages"][0]["id"], json!("de/home-title"));
    assert_eq!(
        body["diff"]["tokens"][0],
        json!({ "id": "color-sale", "change": "changed", "detail": "#a4161a → #9a1418" })
    );
    assert_eq!(
        title(&server, "/de-de/").await,
        before,
        "still the site serving"
    );
    let audit = admin(&server, "GET", "/admin/audit", None).await.body;
    assert_eq!(audit["entries"][0]["action"], json!("reload-dry-run"));
}

/// A broken change, the problem it must be refused with (file suffix, a word of the rule).
struct Breakage {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    problem_file: &'static str,
    rule: &'static str,
}

const BREAKAGES: &[Breakage] = &[
    Breakage {
        file: "locales/de/main.ftl",
        from: "home-title = Startseite\n",
        to: "",
        problem_file: "locales/de",
        rule: "message missing for de-ch, de-de",
    },
    Breakage {
        file: "locales/fr/main.ftl",
        from: "home-title = ",
        to: "home-title = { $\n",
        problem_file: "locales/fr/main.ftl",
        rule: "line ",
    },
    Breakage {
        file: "site/markets/nl.toml",
        from: "[prices]",
        to: "[theme]\ncolor-brand = \"#ff6600\"\n\n[prices]",
        problem_file: "site/markets/nl.toml",
        rule: "locked by the brand",
    },
    Breakage {
        file: "site/markets/nl.toml",
        from: "[prices]",
        to: "[plugins.no-such-plugin]\ngrant = []\n\n[prices]",
        problem_file: "site/markets/nl.toml",
        rule: "not installed",
    },
    Breakage {
        file: "site/markets/nl.toml",
        from: "[prices]",
        to: "[prices = broken",
        problem_file: "site/markets/nl.toml",
        rule: "line ",
    },
    Breakage {
        file: "site/markets/nl.toml",
        from: "canvas-tote = 4900",
        to: "canvas-tote = 4900\nghost-product = 100",
        problem_file: "site/markets/nl.toml",
        rule: "unknown product `ghost-product`",
    },
];

#[tokio::test]
async fn each_kind_of_broken_change_is_refused_with_its_file_while_the_old_site_serves() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let serving =
        admin(&server, "GET", "/admin/status", None).await.body["snapshot"]["version"].clone();
    for breakage in BREAKAGES {
        let root = site.site.parent().expect("root").to_owned();
        let original = std::fs::read_to_string(root.join(breakage.file)).expect("read");
        site.replace(breakage.file, breakage.from, breakage.to);
        let (status, body) = reload(&server, false).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}: {body}",
            breakage.rule
        );
        let problems = body["problems"].as_array().expect("problems");
        assert!(
            problems.iter().any(|p| {
                p["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with(breakage.problem_file))
                    && p["rule"]
                        .as_str()
                        .is_some_and(|r| r.contains(breakage.rule))
                    // A syntax error names its line in a field of its own too.
                    && (breakage.rule != "line " || p["line"].is_u64())
            }),
            "{}: {body}",
            breakage.rule
        );
        assert_eq!(
            server.shopper().get("/nl-nl/p/canvas-tote").await.status,
            StatusCode::OK
        );
        std::fs::write(root.join(breakage.file), original).expect("restore");
    }
    broken_component_is_refused(&site, &server).await;
    let status = admin(&server, "GET", "/admin/status", None).await.body;
    assert_eq!(
        status["snapshot"]["version"], serving,
        "the site serving never changed"
    );
}

async fn broken_component_is_refused(site: &TestSite, server: &Server) {
    let component = site
        .site
        .parent()
        .expect("root")
        .join("plugins/dist/click-and-collect/plugin.wasm");
    let original = std::fs::read(&component).expect("component");
    std::fs::write(&component, b"\0asm not really").expect("break the component");
    let (status, body) = reload(server, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let named = body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .any(|p| p.to_string().contains("click-and-collect"));
    assert!(named, "the broken plugin is named: {body}");
    let page = server.shopper().get("/nl-be/p/canvas-tote").await.body;
    assert!(
        page.contains("data-plugin=\"click-and-collect\""),
        "the plugin still serves"
    );
    std::fs::write(&component, original).expect("restore");
}

#[tokio::test]
async fn the_file_watcher_reloads_an_edited_translation_by_itself() {
    let site = TestSite::demo();
    let server = site.start(&[]);
    assert!(title(&server, "/en-gb/").await.starts_with("Home"));
    site.replace(
        "locales/en/main.ftl",
        "home-title = Home",
        "home-title = Welcome",
    );
    let started = Instant::now();
    // Generous for a debug build on a busy machine; bench/control measures the delay.
    while !title(&server, "/en-gb/").await.starts_with("Welcome") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the edit was not picked up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    site.replace(
        "locales/en/main.ftl",
        "home-title = Welcome",
        "home-title = { $",
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        title(&server, "/en-gb/").await.starts_with("Welcome"),
        "a broken edit is refused"
    );
    let audit = admin(&server, "GET", "/admin/audit", None).await.body;
    let results: Vec<&str> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["result"].as_str())
        .collect();
    assert!(
        results.iter().any(|r| r.starts_with("refused")),
        "{results:?}"
    );
    assert!(results.iter().any(|r| r.starts_with("ok")), "{results:?}");
}

#[tokio::test]
async fn the_site_built_into_the_binary_cannot_be_reloaded() {
    let server = Server::start();
    let (status, body) = reload(&server, false).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body["error"].as_str().is_some_and(|e| e.contains("--site")),
        "{body}"
    );
}

#[tokio::test]
async fn reloads_and_a_plugin_rollout_under_load_fail_no_request_and_serve_no_wrong_page() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut load = Vec::new();
    for worker in 0..6 {
        let (base, stop) = (server.base.clone(), std::sync::Arc::clone(&stop));
        load.push(tokio::spawn(shop_until(base, worker, stop)));
    }
    for round in 0..10 {
        let price = if round % 2 == 0 { "5900" } else { "4900" };
        let root = site.site.parent().expect("root");
        set_price(root, price);
        let (status, body) = reload(&server, false).await;
        assert_eq!(status, StatusCode::OK, "round {round}: {body}");
        roll_plugin(&server, round).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut served = 0;
    for task in load {
        let (count, failures) = task.await.expect("load task");
        assert!(failures.is_empty(), "{failures:?}");
        served += count;
    }
    assert!(served > 100, "the load ran: {served} requests");
}

/// Between reloads: a plugin version uploaded, activated in two storefronts the load
/// visits, and rolled back.
async fn roll_plugin(server: &Server, round: usize) {
    use crate::harness::admin::{click_and_collect_as, upload};
    let reply = match round {
        2 => {
            upload(
                server,
                "click-and-collect",
                "1.1.0",
                click_and_collect_as("1.1.0", true, |_| {}),
            )
            .await
        }
        5 => {
            let body = serde_json::json!({ "version": "1.1.0", "storefronts": ["nl-nl", "nl-be"] });
            admin(
                server,
                "POST",
                "/admin/plugins/click-and-collect/activate",
                Some(body),
            )
            .await
        }
        8 => {
            admin(
                server,
                "POST",
                "/admin/plugins/click-and-collect/rollback",
                None,
            )
            .await
        }
        _ => return,
    };
    assert!(reply.status.is_success(), "round {round}: {}", reply.body);
}

fn set_price(root: &Path, price: &str) {
    let file = root.join("site/markets/nl.toml");
    let text = std::fs::read_to_string(&file).expect("market");
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("canvas-tote = ") {
                format!("canvas-tote = {price}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, text + "\n").expect("write market");
}

/// Requests pages until told to stop; returns how many were served and what went wrong (a
/// status other than 200, or a product page with neither price).
async fn shop_until(
    base: String,
    worker: usize,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> (usize, Vec<String>) {
    let client = crate::harness::client();
    let paths = [
        "/nl-nl/p/canvas-tote",
        "/nl-nl/",
        "/fr-be/c/bags",
        "/nl-be/p/canvas-tote",
    ];
    let mut failures = Vec::new();
    let mut count = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let path = paths[(count + worker) % paths.len()];
        let response = client.get(format!("{base}{path}")).send().await;
        count += 1;
        match response {
            Ok(r) if r.status() == StatusCode::OK => {
                let body = r.text().await.unwrap_or_default();
                let priced = body.contains("49,00") || body.contains("59,00");
                if path == "/nl-nl/p/canvas-tote" && !priced {
                    failures.push(format!("{path}: no price"));
                }
            }
            Ok(r) => failures.push(format!("{path}: {}", r.status())),
            Err(error) => failures.push(format!("{path}: {error}")),
        }
    }
    (count, failures)
}
