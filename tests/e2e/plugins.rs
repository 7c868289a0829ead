//! Market plugins end to end: click-and-collect in its six storefronts, and hostile plugins
//! contained without harming the page or the other plugins.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::harness::{
    Headers, Server, TestSite, attribute_after, copy_dir, demo_site_copy, repo_root,
};

const WITH_PICKUP: [&str; 6] = ["nl-nl", "nl-be", "fr-be", "fr-fr", "de-de", "en-gb"];
const WITHOUT_PICKUP: [&str; 3] = ["de-ch", "en-us", "ar-ae"];
const SLOT: &str = "data-plugin=\"click-and-collect\" data-slot=\"product.below-price\"";

#[tokio::test]
async fn click_and_collect_shows_in_its_six_storefronts_and_nowhere_else() {
    let server = Server::start();
    let mut shopper = server.shopper();
    for storefront in WITH_PICKUP {
        let page = shopper.get(&format!("/{storefront}/p/canvas-tote")).await;
        assert!(
            page.body.contains(SLOT),
            "{storefront} shows click-and-collect"
        );
        assert!(
            page.body.contains("class=\"store-card\""),
            "{storefront} lists stores"
        );
    }
    for storefront in WITHOUT_PICKUP {
        let page = shopper.get(&format!("/{storefront}/p/canvas-tote")).await;
        assert!(
            !page.body.contains("data-plugin="),
            "{storefront} has no plugin output"
        );
        let route = shopper
            .get(&format!("/{storefront}/x/click-and-collect/stores"))
            .await;
        assert_eq!(
            route.status,
            StatusCode::NOT_FOUND,
            "{storefront} does not serve the plugin's routes"
        );
    }
}

#[tokio::test]
async fn store_cards_are_localised_and_show_stock_and_pickup_time() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/fr-fr/p/canvas-tote").await;
    assert!(
        page.body.contains("Retrait en magasin"),
        "the plugin's own French messages"
    );
    assert!(page.body.contains("Vitrine Paris"), "stores of France only");
    assert!(
        !page.body.contains("Vitrine Amsterdam"),
        "no Dutch stores in France"
    );
    let de = shopper.get("/de-de/p/linen-shirt").await;
    assert!(de.body.contains("Abholung im Geschäft"));
    assert!(de.body.contains("class=\"pickup\""), "ready-in time");
}

#[tokio::test]
async fn a_picked_store_is_remembered_for_the_cart_and_recorded_with_the_order() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let pick = shopper
        .post(
            "/nl-be/x/click-and-collect/select-store",
            &[("store", "antwerpen-meir"), ("product", "canvas-tote")],
        )
        .await;
    assert_eq!(pick.status, StatusCode::SEE_OTHER, "{}", pick.body);
    assert_eq!(pick.location(), Some("/nl-be/p/canvas-tote"));
    assert!(shopper.cookie.is_some(), "picking a store starts a session");
    let product = shopper.get("/nl-be/p/canvas-tote").await;
    assert!(
        product.body.contains("store-card store-card-selected"),
        "the chosen store is marked"
    );
    shopper.add_to_cart("nl-be", "canvas-tote", "1").await;
    let cart = shopper.get("/nl-be/cart").await;
    assert!(cart.body.contains("data-slot=\"cart.below-lines\""));
    assert!(cart.body.contains("Vitrine Antwerpen Meir"));
    let checkout = shopper.get("/nl-be/checkout").await;
    let option = "value=\"click-and-collect:antwerpen-meir\"";
    assert!(
        checkout.body.contains(option),
        "collect in store is offered at checkout"
    );
    let token = attribute_after(&checkout.body, "name=\"csrf\" value=\"").expect("token");
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Lotte Peeters"),
        ("email", "lotte@example.be"),
        ("street", "Meir 1"),
        ("postcode", "2000"),
        ("city", "Antwerpen"),
        ("delivery", "click-and-collect:antwerpen-meir"),
    ];
    let placed = shopper.post("/nl-be/checkout", &fields).await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    let location = placed.location().expect("location").to_owned();
    let order = shopper.get(&location).await;
    assert!(
        order.body.contains("Afhalen bij Vitrine Antwerpen Meir"),
        "the order records the store"
    );
    let log = server.log_lines().join("\n");
    assert!(
        log.contains("will be collected at antwerpen-meir"),
        "the plugin heard about the order:\n{log}"
    );
}

#[tokio::test]
async fn bad_store_choices_and_delivery_options_are_refused() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let unknown = shopper
        .post(
            "/fr-fr/x/click-and-collect/select-store",
            &[("store", "amsterdam-kalverstraat")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.body.contains("ne propose pas le retrait"),
        "a localised explanation"
    );
    shopper.add_to_cart("fr-fr", "ceramic-mug", "1").await;
    let token = shopper.csrf("/fr-fr/checkout").await;
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Jeanne"),
        ("email", "jeanne@example.fr"),
        ("street", "1 rue de Rivoli"),
        ("postcode", "75001"),
        ("city", "Paris"),
        ("delivery", "click-and-collect:berlin-kurfuerstendamm"),
    ];
    let refused = shopper.post("/fr-fr/checkout", &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a store of another country is not on offer"
    );
}

#[tokio::test]
async fn a_first_post_to_a_plugin_route_keeps_the_session_it_started_even_when_refused() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let refused = shopper
        .post(
            "/fr-fr/x/click-and-collect/select-store",
            &[("store", "amsterdam-kalverstraat")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        shopper.cookie.is_some(),
        "the session the post started comes back with the page"
    );
}

#[tokio::test]
async fn plugin_routes_render_inside_the_storefront_layout() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/en-gb/x/click-and-collect/stores").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Choose your store</h1>"));
    assert!(page.body.contains("data-plugin=\"click-and-collect\""));
    assert!(page.body.contains("<footer"), "inside the normal layout");
    assert_eq!(
        shopper
            .get("/en-gb/x/click-and-collect/nothing")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        shopper.get("/en-gb/x/no-such-plugin/stores").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The hostile plugins of `plugins/test-plugins`, all in the Dutch product slot next to
/// click-and-collect.
const HOSTILE: [&str; 10] = [
    "loop-forever",
    "memory-hog",
    "stack-overflow",
    "panics",
    "oversized-output",
    "deep-tree",
    "invalid-output",
    "undeclared-capability",
    "unknown-wit",
    "garbage",
];

fn hostile_site() -> (tempfile::TempDir, PathBuf) {
    let (dir, site) = demo_site_copy();
    let root = site.parent().expect("root").to_owned();
    let built = repo_root().join("plugins/dist-test");
    assert!(
        built.is_dir(),
        "test plugins are not built: run `cargo xtask plugins` (or `cargo xtask test`)"
    );
    copy_dir(
        &repo_root().join("plugins/dist"),
        &root.join("plugins/dist"),
    );
    copy_dir(&built, &root.join("plugins/dist"));
    let market = site.join("markets/nl.toml");
    let mut text = std::fs::read_to_string(&market).expect("nl market");
    for plugin in HOSTILE {
        text.push_str(&format!("\n[plugins.{plugin}]\ngrant = []\n"));
    }
    std::fs::write(&market, text).expect("write market");
    (dir, site)
}

/// A hostile plugin in the Dutch product slot next to click-and-collect: its output is
/// omitted, its failure logged with its cause, storefront and version, and the page, the
/// other plugin and the other markets are untouched. Returns the server and the failure.
async fn contained(plugin: &str, cause: &str) -> (TestSite, Server, String) {
    let site = TestSite::demo().plugin(plugin, "nl", &[]);
    // A page budget large enough that the plugin meets its own limit, whatever the load of
    // the machine running the tests.
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let started = Instant::now();
    let page = shopper.get("/nl-nl/p/canvas-tote").await;
    let took = started.elapsed();
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(SLOT),
        "the well-behaved plugin is unaffected"
    );
    assert!(
        !page.body.contains(&format!("data-plugin=\"{plugin}\"")),
        "{plugin} output must be omitted"
    );
    // Each misbehaving call is cut off at its own deadline (20 ms, 1 s for the memory hog);
    // a generous bound proves that none ran unchecked (an infinite loop never returns).
    assert!(took < Duration::from_secs(10), "the page took {took:?}");
    let other = shopper.get("/nl-be/p/canvas-tote").await;
    assert!(other.body.contains(SLOT), "other markets are untouched");
    let log = server.log_lines();
    let line = log
        .iter()
        .find(|l| l.contains(&format!("plugin={plugin} ")) && l.contains("plugin call failed"))
        .unwrap_or_else(|| panic!("no failure logged for {plugin}:\n{}", log.join("\n")))
        .clone();
    assert!(line.contains(cause), "{plugin}: expected {cause} in {line}");
    assert!(
        line.contains("storefront=nl-nl") && line.contains("version=0.0.1"),
        "{line}"
    );
    (site, server, line)
}

/// One test per hostile plugin of `plugins/test-plugins`, named after what it does.
macro_rules! contained {
    ($($test:ident => $plugin:literal, $cause:literal;)*) => {
        $(
            #[tokio::test]
            async fn $test() {
                contained($plugin, $cause).await;
            }
        )*
    };
}

contained! {
    a_plugin_that_allocates_without_end_is_stopped_at_its_memory_limit => "memory-hog", "cause=out_of_memory";
    a_plugin_that_recurses_without_end_traps => "stack-overflow", "cause=trap";
    a_plugin_that_panics_traps => "panics", "cause=trap";
    a_plugin_with_thousands_of_blocks_is_invalid => "oversized-output", "cause=invalid_output";
    a_plugin_with_a_too_deep_tree_is_invalid => "deep-tree", "cause=invalid_output";
    a_plugin_with_a_foreign_currency_is_invalid => "invalid-output", "cause=invalid_output";
}

#[tokio::test]
async fn a_plugin_that_loops_forever_is_stopped_at_its_deadline_and_counted() {
    let (_site, server, _) = contained("loop-forever", "cause=deadline").await;
    let metrics = server.shopper().get("/metrics").await.body;
    assert!(
        metrics.contains(
            "vitrine_plugin_failures_total{plugin=\"loop-forever\",market=\"nl\",cause=\"deadline\"} 1"
        ),
        "{metrics}"
    );
}

/// A plugin that cannot load is left out with the reason, and the site serves without it.
async fn refused_at_load(plugin: &str, detail: &str) {
    let site = TestSite::demo().plugin(plugin, "nl", &[]);
    let server = site.start(&[]);
    let log = server.log_lines();
    assert!(
        log.iter()
            .any(|l| l.contains("plugin disabled") && l.contains(detail)),
        "{plugin}: expected «{detail}» in\n{}",
        log.join("\n")
    );
    let page = server.shopper().get("/nl-nl/p/canvas-tote").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(SLOT), "the rest of the site serves");
}

#[tokio::test]
async fn a_plugin_importing_an_undeclared_capability_is_refused_at_load() {
    refused_at_load(
        "undeclared-capability",
        "without declaring capability `shopper:postcode`",
    )
    .await;
}

#[tokio::test]
async fn a_plugin_targeting_an_unknown_wit_version_is_refused_at_load() {
    refused_at_load("unknown-wit", "WIT version `9.0.0` is not supported").await;
}

#[tokio::test]
async fn a_plugin_of_garbage_bytes_is_refused_at_load() {
    refused_at_load("garbage", "fails to compile").await;
}

#[tokio::test]
async fn repeated_failures_open_the_circuit_breaker() {
    let (_dir, site) = hostile_site();
    let server = Server::builder()
        .site(&site)
        .args(&["--plugin-budget-ms", "5000"])
        .start();
    let mut shopper = server.shopper();
    for round in 0..6 {
        // A new query string each time, so that no page comes from the cache.
        let page = shopper
            .get(&format!("/nl-nl/p/ceramic-mug?round={round}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
    }
    let log = server.log_lines();
    assert!(
        log.iter()
            .any(|l| l.contains("plugin=panics") && l.contains("disabled for a cool-down")),
        "the breaker opened:\n{}",
        log.join("\n")
    );
    assert!(
        log.iter()
            .any(|l| l.contains("plugin=panics") && l.contains("cause=circuit_open"))
    );
    let metrics = shopper.get("/metrics").await.body;
    assert!(metrics.contains("plugin=\"panics\",market=\"nl\",cause=\"circuit_open\""));
}

#[test]
fn check_reports_every_plugin_that_cannot_load() {
    let (_dir, site) = hostile_site();
    let root = site.parent().expect("root");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .current_dir(root)
        .args(["check", "--site", "site"])
        .output()
        .expect("run vitrine check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for expected in [
        "plugins/dist/unknown-wit/plugin.toml: `wit`: WIT version `9.0.0` is not supported",
        "plugins/dist/garbage/plugin.wasm: the component fails to compile",
        "plugins/dist/undeclared-capability/plugin.wasm: imports `vitrine:plugin/shopper@0.1.0` without declaring capability `shopper:postcode`",
        "site/markets/nl.toml: `plugins.unknown-wit`: plugin `unknown-wit` is not installed or did not load",
    ] {
        assert!(
            stderr.contains(expected),
            "missing «{expected}» in:\n{stderr}"
        );
    }
    let _ = Path::new("");
}

#[tokio::test]
async fn a_failing_plugin_route_answers_a_branded_503() {
    let (_dir, site) = hostile_site();
    let server = Server::builder()
        .site(&site)
        .args(&["--plugin-budget-ms", "5000"])
        .start();
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-nl/x/panics/boom").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.body.contains("lang=\"nl-NL\""),
        "inside the storefront's layout"
    );
    assert!(
        page.body.contains("class=\"site-header\""),
        "branded, not a bare error"
    );
    let log = server.log_lines();
    assert!(
        log.iter()
            .any(|l| l.contains("plugin=panics") && l.contains("cause=trap"))
    );
}

#[tokio::test]
async fn a_plugin_reads_the_postcode_only_with_the_capability_and_the_shoppers_consent() {
    let (_dir, site) = demo_site_copy();
    let root = site.parent().expect("root").to_owned();
    copy_dir(
        &repo_root().join("plugins/dist-test/postcode-reader"),
        &root.join("plugins/dist/postcode-reader"),
    );
    let market = site.join("markets/nl.toml");
    let text = std::fs::read_to_string(&market).expect("nl market")
        + "\n[plugins.postcode-reader]\ngrant = [\"shopper:postcode\"]\n";
    std::fs::write(&market, text).expect("write market");
    let server = Server::builder().site(&site).start();
    let mut consenting = server.shopper();
    consenting.add_to_cart("nl-nl", "ceramic-mug", "1").await;
    let before = consenting.get("/nl-nl/p/canvas-tote").await;
    assert!(before.body.contains("No postcode shared"), "no consent yet");
    let token = consenting.csrf("/nl-nl/checkout").await;
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("name", "Sem"),
        ("email", "sem@example.nl"),
        ("street", "Lijnbaan 1"),
        ("postcode", "3012 EP"),
        ("city", "Rotterdam"),
        ("delivery", "home"),
    ];
    fields.push(("share_postcode", "yes"));
    assert_eq!(
        consenting.post("/nl-nl/checkout", &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let after = consenting.get("/nl-nl/p/canvas-tote").await;
    assert!(
        after.body.contains("Your postcode: 3012 EP"),
        "shared after consent"
    );
    let mut other = server.shopper();
    other.add_to_cart("nl-nl", "ceramic-mug", "1").await;
    let page = other.get("/nl-nl/p/canvas-tote").await;
    assert!(
        page.body.contains("No postcode shared"),
        "another shopper's consent is not theirs"
    );
}

#[tokio::test]
async fn precompiled_plugins_are_reused_and_a_broken_artefact_is_recompiled() {
    let cache = tempfile::tempdir().expect("cache dir");
    let cache_arg = cache.path().to_string_lossy().into_owned();
    let server = Server::builder()
        .args(&["--plugin-cache", &cache_arg])
        .start();
    let artefacts: Vec<PathBuf> = std::fs::read_dir(cache.path())
        .expect("cache")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(
        artefacts.len(),
        1,
        "one precompiled component: {artefacts:?}"
    );
    assert!(artefacts[0].extension().is_some_and(|e| e == "cwasm"));
    drop(server);
    std::fs::write(&artefacts[0], b"not a precompiled component").expect("corrupt the artefact");
    let server = Server::builder()
        .args(&["--plugin-cache", &cache_arg])
        .start();
    let mut shopper = server.shopper();
    let page = shopper.get("/en-gb/p/canvas-tote").await;
    assert!(page.body.contains(SLOT), "the plugin still runs");
    let log = server.log_lines();
    assert!(
        log.iter()
            .any(|l| l.contains("ignoring an unusable precompiled plugin")),
        "{}",
        log.join("\n")
    );
}
