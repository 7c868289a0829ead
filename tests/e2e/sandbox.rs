//! The sandbox against hostile plugins, one class of attack per test: time spent outside the
//! guest, shared instance pools, storage quotas, work the host does for a plugin, output
//! limits, forged logs, randomness and lies in the output. Every test enables only the
//! plugins it needs, next to the real click-and-collect, and asserts what a shopper or an
//! operator would notice.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use vitrine_store::{Db, KvUsage, MAX_KEYS, MAX_STORED_BYTES};

use crate::harness::{Headers, Server, Shopper, TestSite};

const PICKUP_SLOT: &str = "data-plugin=\"click-and-collect\" data-slot=\"product.below-price\"";

/// Far beyond any limit the host sets: a page slower than this was not bounded at all.
const HOPELESS: Duration = Duration::from_secs(10);

/// The log line of a failed call of `plugin`, if any.
fn failure_line(server: &Server, plugin: &str, cause: &str) -> Option<String> {
    let needle = format!("plugin={plugin} ");
    let cause = format!("cause={cause} ");
    server.wait_for_log(
        |l| l.contains("plugin call failed") && l.contains(&needle) && l.contains(&cause),
        Duration::from_secs(5),
    )
}

fn assert_failed(server: &Server, plugin: &str, cause: &str) -> String {
    failure_line(server, plugin, cause).unwrap_or_else(|| {
        panic!(
            "no {cause} failure logged for {plugin}:\n{}",
            server.log_lines().join("\n")
        )
    })
}

/// The log line of `plugin` cut off while it waited outside the guest: by its hard deadline,
/// or, on a machine so loaded that instantiating it used up its guest time, by its guest
/// deadline. Either way the shopper was answered in time.
fn assert_cut_off(server: &Server, plugin: &str) -> String {
    let needle = format!("plugin={plugin} ");
    let cut_off = |l: &str| l.contains("cause=timeout ") || l.contains("cause=deadline ");
    server
        .wait_for_log(
            |l| l.contains("plugin call failed") && l.contains(&needle) && cut_off(l),
            Duration::from_secs(5),
        )
        .unwrap_or_else(|| {
            panic!(
                "{plugin} was not cut off:\n{}",
                server.log_lines().join("\n")
            )
        })
}

async fn timed_get(shopper: &mut Shopper, path: &str) -> (crate::harness::Reply, Duration) {
    let started = Instant::now();
    let reply = shopper.get(path).await;
    (reply, started.elapsed())
}

#[tokio::test]
async fn a_plugin_waiting_on_the_clock_is_cut_off_and_the_page_still_answers() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    let (page, took) = timed_get(&mut shopper, "/nl-nl/p/canvas-tote").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(took < HOPELESS, "the page took {took:?}");
    assert!(
        page.body.contains(PICKUP_SLOT),
        "the other plugin still shows"
    );
    assert!(!page.body.contains("data-plugin=\"sleeper\""));
    let line = assert_cut_off(&server, "sleeper");
    assert!(
        line.contains("market=nl") && line.contains("storefront=nl-nl"),
        "{line}"
    );
}

#[tokio::test]
async fn repeated_waits_open_the_sleepers_breaker_and_only_its_own() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    for round in 0..7 {
        // A session keeps every page out of the cache, so each one calls the plugins.
        shopper.add_to_cart("nl-nl", "ceramic-mug", "1").await;
        let page = shopper.get("/nl-nl/p/canvas-tote").await;
        assert_eq!(page.status, StatusCode::OK, "round {round}");
        assert!(page.body.contains(PICKUP_SLOT), "round {round}");
    }
    assert!(
        server
            .wait_for_log(
                |l| l.contains("plugin=sleeper") && l.contains("disabled for a cool-down"),
                Duration::from_secs(5)
            )
            .is_some(),
        "the breaker opened:\n{}",
        server.log_lines().join("\n")
    );
    assert_failed(&server, "sleeper", "circuit_open");
    assert!(failure_line(&server, "click-and-collect", "circuit_open").is_none());
    let metrics = shopper.get("/metrics").await.body;
    assert!(
        metrics.contains("plugin=\"sleeper\",market=\"nl\",cause=\"timeout\"} 5"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_plugin_route_waiting_on_the_clock_answers_its_branded_503() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let (page, took) = timed_get(&mut shopper, "/nl-nl/x/sleeper/nap").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("class=\"site-header\""), "branded");
    assert!(took < HOPELESS, "the route took {took:?}");
    let line = assert_cut_off(&server, "sleeper");
    assert!(
        line.contains("cause=deadline ") || line.contains("stopped 120 ms after it started"),
        "{line}"
    );
}

/// Sends an HTTP/2 GET (prior knowledge, as h2c) on a fresh connection and hangs up after
/// `patience`, as a browser does when its tab is closed.
fn get_and_hang_up(server: &Server, path: &str, patience: Duration) {
    use std::io::Write;
    let addr = server.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let literal = |index: u8, value: &str| {
        let mut field = vec![0x40 | index, u8::try_from(value.len()).expect("short")];
        field.extend_from_slice(value.as_bytes());
        field
    };
    // HPACK: `:method GET` and `:scheme http` from the static table, `:path` and
    // `:authority` as literals with an indexed name.
    let mut block = vec![0x82, 0x86];
    block.extend(literal(4, path));
    block.extend(literal(1, addr));
    let length = u32::try_from(block.len()).expect("short").to_be_bytes();
    let mut bytes = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 0x4, 0, 0, 0, 0, 0]);
    bytes.extend_from_slice(&length[1..]);
    bytes.extend_from_slice(&[0x1, 0x5, 0, 0, 0, 1]);
    bytes.extend(block);
    stream.write_all(&bytes).expect("request");
    std::thread::sleep(patience);
}

#[tokio::test]
async fn a_call_whose_shopper_went_away_is_still_recorded() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    // The server drops the request of a connection that goes away, with the plugin call
    // in it, long before the call's own hard deadline.
    get_and_hang_up(&server, "/nl-nl/x/sleeper/nap", Duration::from_millis(30));
    let line = assert_failed(&server, "sleeper", "cancelled");
    assert!(line.contains("dropped while the call ran"), "{line}");
}

#[tokio::test]
async fn an_order_is_confirmed_even_when_a_plugin_sleeps_on_the_event() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    shopper.add_to_cart("nl-nl", "ceramic-mug", "1").await;
    let token = shopper.csrf("/nl-nl/checkout").await;
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Sem"),
        ("email", "sem@example.nl"),
        ("street", "Lijnbaan 1"),
        ("postcode", "3012 EP"),
        ("city", "Rotterdam"),
        ("delivery", "home"),
    ];
    let placed = shopper.post("/nl-nl/checkout", &fields).await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    let location = placed.location().expect("location").to_owned();
    let order = shopper.get(&location).await;
    assert_eq!(order.status, StatusCode::OK, "the order is shown as placed");
    assert_cut_off(&server, "sleeper");
}

#[tokio::test]
async fn a_plugin_holding_every_instance_it_may_leaves_the_others_working() {
    let site = TestSite::demo().plugin("sleeper", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let naps: Vec<_> = (0..48)
        .map(|_| {
            let mut shopper = server.shopper();
            tokio::spawn(async move { shopper.get("/nl-nl/x/sleeper/nap").await.status })
        })
        .collect();
    let mut buyer = server.shopper();
    buyer.add_to_cart("nl-nl", "ceramic-mug", "1").await;
    for round in 0..5 {
        let page = buyer.get("/nl-nl/p/canvas-tote").await;
        assert!(
            page.body.contains(PICKUP_SLOT),
            "round {round}: click-and-collect works"
        );
    }
    for nap in naps {
        assert_eq!(nap.await.expect("task"), StatusCode::SERVICE_UNAVAILABLE);
    }
    assert_failed(&server, "sleeper", "concurrency_limit");
    let log = server.log_lines();
    assert!(
        !log.iter()
            .any(|l| l.contains("plugin=click-and-collect") && l.contains("plugin call failed")),
        "{}",
        log.join("\n")
    );
}

#[tokio::test]
async fn a_plugin_spinning_on_storage_is_stopped_by_the_host_call_limit() {
    let site = TestSite::demo().plugin("storage-spinner", "nl", &["storage"]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let (page, took) = timed_get(&mut shopper, "/nl-nl/p/canvas-tote").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(took < HOPELESS, "the page took {took:?}");
    assert!(page.body.contains(PICKUP_SLOT));
    assert_failed(&server, "storage-spinner", "host_limit");
}

async fn fill(server: &Server, path: String) -> StatusCode {
    let mut shopper = server.shopper();
    shopper.get(&path).await.status
}

#[tokio::test]
async fn storage_quotas_hold_under_concurrent_calls() {
    let site = TestSite::demo()
        .plugin("storage-abuser", "nl", &["storage", "events:emit"])
        .plugin("storage-abuser", "be", &["storage", "events:emit"]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    // 130 calls of 100 new keys each, eight at a time, against a 10,000-key quota.
    for wave in 0..17 {
        let calls = (0..8).map(|i| {
            let batch = wave * 8 + i;
            fill(
                &server,
                format!("/nl-nl/x/storage-abuser/fill?batch={batch}&count=100"),
            )
        });
        futures_join(calls).await;
    }
    // And values of 16,000 bytes, fifteen per call, against the 8 MiB byte quota.
    for wave in 0..12 {
        let calls = (0..8).map(|i| {
            let batch = wave * 8 + i;
            let path = format!("/nl-be/x/storage-abuser/fill?batch={batch}&count=15&bytes=16000");
            fill(&server, path)
        });
        futures_join(calls).await;
    }
    let db = Db::open(&server.data_dir).await.expect("database");
    // A call the host turned away (admission, deadline on a loaded machine) stored nothing,
    // and five in a row open the plugin's circuit for a while; top up one call at a time
    // until the quota is reached.
    let keys = top_up(
        &server,
        &db,
        "nl",
        136,
        |usage| usage.keys >= MAX_KEYS,
        |batch| format!("/nl-nl/x/storage-abuser/fill?batch={batch}&count=100"),
    )
    .await;
    assert_eq!(
        keys.keys, MAX_KEYS,
        "filled to the quota, never past it: {keys:?}"
    );
    let nearly_full = MAX_STORED_BYTES - 16_100 * 15;
    let bytes = top_up(
        &server,
        &db,
        "be",
        96,
        |usage| usage.bytes > nearly_full,
        |batch| format!("/nl-be/x/storage-abuser/fill?batch={batch}&count=15&bytes=16000"),
    )
    .await;
    assert!(bytes.bytes <= MAX_STORED_BYTES, "{bytes:?}");
    assert!(bytes.bytes > nearly_full, "{bytes:?}");
}

/// How long topping up may take: long enough to wait out an open circuit twice.
const TOP_UP_LIMIT: Duration = Duration::from_secs(90);

/// Calls `path_of(batch)` one at a time, from batch `first` on, until the market's usage is
/// `done` or the time limit passes, and returns the usage. A call that was turned away is
/// followed by a pause.
async fn top_up(
    server: &Server,
    db: &Db,
    market: &str,
    first: u32,
    done: impl Fn(&KvUsage) -> bool,
    path_of: impl Fn(u32) -> String,
) -> KvUsage {
    let started = Instant::now();
    let mut batch = first;
    loop {
        let usage = db.kv_usage("storage-abuser", market).await.expect("usage");
        if done(&usage) || started.elapsed() > TOP_UP_LIMIT {
            return usage;
        }
        if fill(server, path_of(batch)).await != StatusCode::OK {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        batch += 1;
    }
}

/// Runs futures concurrently on the test's runtime.
async fn futures_join<F>(futures: impl Iterator<Item = F>)
where
    F: std::future::Future,
{
    let futures: Vec<_> = futures.collect();
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    std::future::poll_fn(|cx| {
        pinned.retain_mut(|f| f.as_mut().poll(cx).is_pending());
        if pinned.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
}

#[tokio::test]
async fn every_storage_operation_checks_its_sizes() {
    let site = TestSite::demo().plugin("storage-abuser", "nl", &["storage", "events:emit"]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-nl/x/storage-abuser/oversized").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for expected in [
        "get none",
        "set too-large",
        "delete too-large",
        "value too-large",
        "event-json refused",
        "event-name refused",
        "event ok",
    ] {
        assert!(
            page.body.contains(expected),
            "«{expected}» in {}",
            page.body
        );
    }
    let many = shopper.get("/nl-nl/x/storage-abuser/many-writes").await;
    assert!(many.body.contains("refused at 100"), "{}", many.body);
}

#[tokio::test]
async fn message_formatting_stops_at_the_text_limit() {
    let site = TestSite::demo().plugin("fluent-bomb", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let (page, took) = timed_get(&mut shopper, "/nl-nl/p/canvas-tote").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(took < HOPELESS, "the page took {took:?}");
    assert!(page.body.contains(PICKUP_SLOT));
    assert!(!page.body.contains("data-plugin=\"fluent-bomb\""));
    let line = assert_failed(&server, "fluent-bomb", "invalid_output");
    assert!(line.contains("characters of text"), "{line}");
    let huge = shopper.get("/nl-nl/x/fluent-bomb/huge-argument").await;
    assert_eq!(huge.status, StatusCode::SERVICE_UNAVAILABLE);
    let many = shopper.get("/nl-nl/x/fluent-bomb/many-arguments").await;
    assert_eq!(many.status, StatusCode::SERVICE_UNAVAILABLE);
    let log = server.log_lines().join("\n");
    assert!(log.contains("bytes of strings, more than 65536"), "{log}");
    assert!(log.contains("more than 16 arguments"), "{log}");
}

#[tokio::test]
async fn every_string_of_the_output_counts_and_pages_stay_bounded() {
    let site = TestSite::demo().plugin("field-flood", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    let heavy = shopper.get("/nl-nl/p/canvas-tote").await;
    assert_eq!(heavy.status, StatusCode::OK);
    assert!(heavy.body.len() < 100_000, "{} bytes", heavy.body.len());
    assert!(!heavy.body.contains("data-plugin=\"field-flood\""));
    let line = assert_failed(&server, "field-flood", "invalid_output");
    assert!(
        line.contains("bytes copied out of the plugin at once"),
        "{line}"
    );
    // A million empty strings cost the guest little and the host much more: refused as
    // wasmtime copies them, before the host allocates them.
    let (empties, took) = timed_get(&mut shopper, "/nl-nl/p/ceramic-mug").await;
    assert_eq!(empties.status, StatusCode::OK);
    assert!(took < HOPELESS, "the page took {took:?}");
    assert!(!empties.body.contains("data-plugin=\"field-flood\""));
    let (_, peak) = server.memory_kib();
    assert!(peak / 1024 < 300, "peak RSS {} MiB", peak / 1024);
    // Within every input limit but rendering to more HTML than a plugin may add: omitted,
    // and, as an omitted slot's page, never cached.
    for _ in 0..2 {
        let wide = shopper.get("/nl-nl/p/linen-shirt").await;
        assert_eq!(wide.status, StatusCode::OK);
        assert!(wide.body.len() < 100_000, "{} bytes", wide.body.len());
        assert!(!wide.body.contains("data-plugin=\"field-flood\""));
    }
    let route = shopper.get("/nl-nl/x/field-flood/widest").await;
    assert_eq!(route.status, StatusCode::SERVICE_UNAVAILABLE);
    let log = server.log_lines();
    let rendered = log
        .iter()
        .filter(|l| l.contains("plugin=field-flood") && l.contains("bytes of HTML, more than"))
        .count();
    assert_eq!(rendered, 3, "{}", log.join("\n"));
}

fn forged_lines(server: &Server) -> Vec<String> {
    server
        .log_lines()
        .into_iter()
        .filter(|l| l.contains("FORGED-LINE"))
        .collect()
}

#[tokio::test]
async fn plugin_text_cannot_forge_a_text_log_line() {
    let site = TestSite::demo().plugin("log-forger", "nl", &["log"]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    assert_eq!(
        shopper.get("/nl-nl/p/canvas-tote").await.status,
        StatusCode::OK
    );
    let failure = assert_failed(&server, "log-forger", "invalid_output");
    assert!(
        failure.contains("detail=\"unknown message id `no-such-message\\n2026-12-01T00:00"),
        "{failure}"
    );
    let lines = forged_lines(&server);
    // Two log calls: two lines, each the server's own, with the plugin's text inside a
    // quoted field.
    assert_eq!(lines.len(), 2, "{}", lines.join("\n"));
    for line in &lines {
        assert!(!line.starts_with("2026-12-01T00:00:00"), "forged: {line}");
        assert!(line.contains("plugin=log-forger"), "{line}");
        assert!(!line.contains('\u{1b}'), "raw escape in {line}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("text=\"hello\\n2026-12-01T00:00:00"))
    );
}

#[tokio::test]
async fn plugin_text_cannot_forge_a_json_log_line() {
    let site = TestSite::demo().plugin("log-forger", "nl", &["log"]);
    let server = site.start(&["--log-format", "json"]);
    let mut shopper = server.shopper();
    assert_eq!(
        shopper.get("/nl-nl/p/canvas-tote").await.status,
        StatusCode::OK
    );
    let lines = forged_lines(&server);
    assert_eq!(lines.len(), 2, "{}", lines.join("\n"));
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(&line).expect("one JSON object");
        assert_eq!(event["plugin"], "log-forger", "{line}");
    }
}

#[tokio::test]
async fn every_randomness_source_is_fixed_per_call() {
    let site = TestSite::demo().plugin("random-reader", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    let values = |body: &str| -> Vec<String> {
        body.split("<p>")
            .skip(1)
            .filter_map(|p| p.split("</p>").next())
            .filter(|p| {
                ["secure", "insecure", "seed", "hash", "monotonic", "wall"]
                    .iter()
                    .any(|k| p.starts_with(k))
            })
            .map(str::to_owned)
            .collect()
    };
    let first = values(&shopper.get("/nl-nl/x/random-reader/values").await.body);
    let second = values(&shopper.get("/nl-nl/x/random-reader/values").await.body);
    assert_eq!(first.len(), 8, "{first:?}");
    assert_eq!(first, second, "two calls see the same values");
    assert!(
        first.contains(&"monotonic 0".to_owned()),
        "the clock does not move"
    );
}

#[tokio::test]
async fn store_cards_show_the_catalogues_store_and_its_real_stock() {
    let site = TestSite::demo().plugin("liar", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    // Amsterdam has no linen shirts; the plugin claims plenty, a name, an address and a
    // pickup time of its own.
    let page = shopper.get("/nl-nl/p/linen-shirt").await;
    let slot = page
        .body
        .split("data-plugin=\"liar\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the liar's slot");
    assert!(slot.contains("Vitrine Amsterdam Kalverstraat"), "{slot}");
    assert!(slot.contains("Kalverstraat 92"), "{slot}");
    assert!(slot.contains("class=\"stock stock-out\""), "{slot}");
    assert!(
        !slot.contains("Fake Store") && !slot.contains("Nowhere"),
        "{slot}"
    );
    assert!(!slot.contains("00:00-24:00"), "{slot}");
    let pickup = slot
        .split("<p class=\"pickup\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("a pickup time");
    assert!(
        pickup.contains('2') && !pickup.contains('0'),
        "the catalogue's: {pickup}"
    );
}

#[tokio::test]
async fn lies_in_prices_and_stores_fail_the_output() {
    let site = TestSite::demo().plugin("liar", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    for (route, detail) in [
        ("negative-price", "price -100 out of range"),
        ("huge-price", "out of range"),
        (
            "foreign-store",
            "`berlin-kurfuerstendamm`, which is not a store of market `nl`",
        ),
        (
            "unknown-store",
            "`atlantis`, which is not a store of market `nl`",
        ),
    ] {
        let page = shopper.get(&format!("/nl-nl/x/liar/{route}")).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{route}");
        let log = server.log_lines().join("\n");
        assert!(log.contains(detail), "{route}: «{detail}» in\n{log}");
    }
}

#[tokio::test]
async fn bidirectional_controls_cannot_leave_the_plugins_text() {
    let site = TestSite::demo().plugin("liar", "nl", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-nl/x/liar/bidi").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("<p>plain gnp.exe isolated</p>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<p>Reversed: evil</p>"), "{}", page.body);
    assert!(
        page.body.contains("<p>Left \u{202e}open\u{202c}</p>"),
        "an override of the plugin's own message is closed where the text ends"
    );
}

#[tokio::test]
async fn message_numbers_use_the_storefronts_locale_even_from_a_fallback_bundle() {
    let site = TestSite::demo().plugin("liar", "ch", &[]);
    let server = site.start(&[]);
    let mut shopper = server.shopper();
    let page = shopper.get("/de-ch/x/liar/numbers").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // CLDR's Swiss grouping separator is an apostrophe, which the theme escapes.
    assert!(
        page.body.contains("1&#39;234&#39;567 units left"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_plugin_whose_calls_cannot_fit_the_memory_budget_is_refused_at_load() {
    let site = TestSite::demo().plugin("hoarder", "nl", &[]);
    // Click-and-collect's calls reserve 7 MiB each, the hoarder's 19 MiB.
    let server = site.start(&["--plugin-memory-mib", "16"]);
    let log = server.log_lines().join("\n");
    assert!(
        log.contains("plugins/dist/hoarder/plugin.toml: `limits.memory_mib`: a call needs 19 MiB"),
        "{log}"
    );
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-nl/p/canvas-tote").await;
    assert!(
        page.body.contains(PICKUP_SLOT),
        "the rest of the site serves"
    );
}

#[tokio::test]
async fn many_concurrent_hostile_calls_keep_the_servers_memory_bounded() {
    let site = TestSite::demo().plugin("hoarder", "nl", &[]);
    let server = site.start(&["--plugin-budget-ms", "5000"]);
    let mut shopper = server.shopper();
    for _ in 0..3 {
        shopper.get("/nl-nl/p/canvas-tote").await;
    }
    let (baseline, _) = server.memory_kib();
    let holds: Vec<_> = (0..16)
        .map(|_| {
            let mut shopper = server.shopper();
            tokio::spawn(async move { shopper.get("/nl-nl/x/hoarder/hold").await.status })
        })
        .collect();
    for hold in holds {
        assert_eq!(hold.await.expect("task"), StatusCode::SERVICE_UNAVAILABLE);
    }
    let (after, peak) = server.memory_kib();
    let mib = |kib: u64| kib / 1024;
    eprintln!(
        "RSS with 16 concurrent hoarding calls: {} MiB before, {} MiB peak, {} MiB after",
        mib(baseline),
        mib(peak),
        mib(after)
    );
    assert!(mib(peak) <= 300, "peak RSS {} MiB", mib(peak));
    assert!(
        after <= baseline + 64 * 1024,
        "RSS {} MiB after, {} MiB before",
        mib(after),
        mib(baseline)
    );
    assert_failed(&server, "hoarder", "timeout");
}
