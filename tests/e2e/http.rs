//! HTTP behaviour: methods, validators, caching headers, limits, HTTP/2, shutdown.

use reqwest::{Client, StatusCode};

use crate::harness::{Headers, Server, client};

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let server = Server::start();
    let get = client()
        .get(server.url("/en-gb/p/canvas-tote"))
        .send()
        .await
        .expect("GET");
    let get_length = get.headers().get("content-length").cloned();
    let head = client()
        .head(server.url("/en-gb/p/canvas-tote"))
        .send()
        .await
        .expect("HEAD");
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers().get("content-length").cloned(), get_length);
    assert!(head.text().await.expect("body").is_empty());
}

#[tokio::test]
async fn etags_turn_repeat_requests_into_304s() {
    let server = Server::start();
    let first = client()
        .get(server.url("/fr-fr/c/bags"))
        .send()
        .await
        .expect("GET");
    let etag = first.headers().get("etag").expect("etag").clone();
    let cache_control = first.header("cache-control").unwrap_or_default().to_owned();
    assert!(
        cache_control.contains("public") && cache_control.contains("stale-while-revalidate"),
        "{cache_control}"
    );
    assert!(first.headers().get("cache-tag").is_some());
    let again = client()
        .get(server.url("/fr-fr/c/bags"))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.text().await.expect("body").is_empty());
}

#[tokio::test]
async fn anonymous_pages_come_from_the_cache_and_sessions_bypass_it() {
    let server = Server::start();
    let mut anonymous = server.shopper();
    anonymous.get("/de-de/p/rain-jacket").await;
    anonymous.get("/de-de/p/rain-jacket").await;
    let metrics = anonymous.get("/metrics").await.body;
    assert!(
        metrics.contains("vitrine_page_cache_lookups_total{result=\"hit\"} 1"),
        "{metrics}"
    );
    let mut shopper = server.shopper();
    shopper.add_to_cart("de-de", "rain-jacket", "1").await;
    let page = shopper.get("/de-de/p/rain-jacket").await;
    assert!(
        page.body.contains("name=\"csrf\""),
        "personal pages carry a token"
    );
    let cache_control = page.header("cache-control").unwrap_or_default();
    assert_eq!(cache_control, "private, no-store");
    let cached = anonymous.get("/de-de/p/rain-jacket").await;
    assert!(
        !cached.body.contains("name=\"csrf\""),
        "the cache never holds a personal page"
    );
}

#[tokio::test]
async fn assets_have_hashed_urls_and_immutable_caching() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/en-gb/").await;
    let sheet = crate::harness::attribute_after(
        &page.body,
        "<link rel=\"stylesheet\" href=\"/assets/base.",
    )
    .expect("stylesheet");
    let css = shopper.get(&format!("/assets/base.{sheet}")).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(
        css.body.contains("margin-inline"),
        "logical properties for RTL"
    );
    assert_eq!(
        shopper.get("/assets/base.0000000000.css").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn wrong_methods_get_405_with_allow() {
    let server = Server::start();
    let response = client()
        .post(server.url("/en-gb/p/canvas-tote"))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.header("allow"), Some("GET, HEAD"));
    let response = client()
        .get(server.url("/en-gb/cart/add"))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn oversized_headers_get_431() {
    let server = Server::start();
    let response = client()
        .get(server.url("/en-gb/"))
        .header("x-padding", "x".repeat(64 * 1024))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response.status(),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
}

#[tokio::test]
async fn http2_with_prior_knowledge_is_served() {
    let server = Server::start();
    let h2 = Client::builder()
        .http2_prior_knowledge()
        .build()
        .expect("client");
    let response = h2
        .get(server.url("/nl-nl/p/linen-shirt"))
        .send()
        .await
        .expect("h2 GET");
    assert_eq!(response.version(), reqwest::Version::HTTP_2);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Linnen overhemd")
    );
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let server = Server::start();
    let response = client()
        .get(server.url("/en-us/"))
        .send()
        .await
        .expect("GET");
    let csp = response
        .header("content-security-policy")
        .unwrap_or_default();
    assert!(csp.contains("script-src 'none'"), "{csp}");
    assert!(response.headers().get("x-request-id").is_some());
    assert_eq!(response.header("content-language"), Some("en-US"));
}

#[tokio::test]
async fn sigterm_drains_and_exits_zero() {
    let mut server = Server::start();
    let mut shopper = server.shopper();
    assert_eq!(shopper.get("/healthz").await.status, StatusCode::OK);
    let status = server.terminate();
    assert!(status.success(), "{status}");
}

#[tokio::test]
async fn requests_are_logged_with_storefront_status_and_latency() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.get("/nl-be/p/linen-shirt").await;
    let lines = server.log_lines();
    let line = lines
        .iter()
        .find(|l| l.contains("served") && l.contains("/nl-be/p/linen-shirt"))
        .expect("a request log line");
    for field in ["status=200", "storefront=nl-be", "latency_us=", "id="] {
        assert!(line.contains(field), "{field} missing in {line}");
    }
}

#[tokio::test]
async fn json_logs_carry_the_request_fields() {
    let server = Server::builder().args(&["--log-format", "json"]).start();
    let mut shopper = server.shopper();
    shopper.get("/fr-be/c/bags").await;
    let lines = server.log_lines();
    let line = lines
        .iter()
        .find(|l| l.contains("/fr-be/c/bags") && l.contains("served"))
        .expect("a request line");
    let entry: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["storefront"], "fr-be");
    assert!(entry["latency_us"].is_u64());
    assert_eq!(entry["span"]["path"], "/fr-be/c/bags");
}

#[tokio::test]
async fn pages_with_plugin_output_carry_the_plugin_tag() {
    let server = Server::start();
    let response = client()
        .get(server.url("/nl-nl/p/canvas-tote"))
        .send()
        .await
        .expect("GET");
    let tags = response.header("cache-tag").unwrap_or_default().to_owned();
    assert!(
        tags.contains("product:canvas-tote") && tags.contains("plugin:click-and-collect"),
        "{tags}"
    );
}

#[tokio::test]
async fn stray_query_parameters_share_the_cached_page() {
    let server = Server::start();
    let mut anonymous = server.shopper();
    anonymous.get("/fr-be/p/city-backpack").await;
    anonymous
        .get("/fr-be/p/city-backpack?utm_source=newsletter")
        .await;
    let metrics = anonymous.get("/metrics").await.body;
    assert!(
        metrics.contains("vitrine_page_cache_lookups_total{result=\"hit\"} 1"),
        "{metrics}"
    );
    let first = anonymous.get("/fr-be/search?q=sac").await.body;
    let other = anonymous.get("/fr-be/search?q=lin").await.body;
    assert_ne!(first, other, "search pages vary with their query");
}

#[tokio::test]
async fn cached_pages_are_served_precompressed_when_the_client_accepts_it() {
    use std::io::Read;
    let server = Server::start();
    let url = server.url("/de-de/c/home");
    let plain = client()
        .get(&url)
        .send()
        .await
        .expect("GET")
        .bytes()
        .await
        .expect("body");
    for (accept, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
        let response = client()
            .get(&url)
            .header("accept-encoding", accept)
            .send()
            .await
            .expect("GET");
        assert_eq!(response.header("content-encoding"), Some(encoding));
        let vary = response.header("vary").unwrap_or_default().to_owned();
        assert!(vary.contains("Accept-Encoding"), "{vary}");
        let etag = response.header("etag").unwrap_or_default().to_owned();
        let compressed = response.bytes().await.expect("body");
        assert!(
            compressed.len() < plain.len() / 3,
            "{encoding} is much smaller"
        );
        let mut decoded = Vec::new();
        match encoding {
            "br" => brotli::Decompressor::new(&compressed[..], 4096).read_to_end(&mut decoded),
            _ => flate2::read::GzDecoder::new(&compressed[..]).read_to_end(&mut decoded),
        }
        .expect("decodes");
        assert_eq!(
            decoded,
            plain.to_vec(),
            "{encoding} variant has the same page"
        );
        let again = client()
            .get(&url)
            .header("accept-encoding", accept)
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("GET");
        assert_eq!(
            again.status(),
            StatusCode::NOT_MODIFIED,
            "each variant has its own validator"
        );
    }
}

#[tokio::test]
async fn a_cache_hit_sends_the_headers_of_the_render_that_filled_it() {
    let server = Server::start();
    let url = server.url("/fr-fr/p/linen-shirt");
    let miss = client().get(&url).send().await.expect("GET");
    let hit = client().get(&url).send().await.expect("GET");
    for name in [
        "content-type",
        "etag",
        "content-language",
        "cache-control",
        "vary",
        "cache-tag",
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "content-length",
    ] {
        assert_eq!(
            miss.headers().get(name),
            hit.headers().get(name),
            "{name} differs between the render and the cache hit"
        );
    }
    let ids: Vec<_> = [&miss, &hit]
        .iter()
        .map(|r| {
            r.headers()
                .get("x-request-id")
                .cloned()
                .expect("request id")
        })
        .collect();
    assert_ne!(ids[0], ids[1], "each response has its own request id");
    assert_eq!(
        miss.bytes().await.expect("body"),
        hit.bytes().await.expect("body")
    );
}

#[tokio::test]
async fn the_worker_count_is_configurable_and_checked() {
    let server = Server::builder().args(&["--workers", "1"]).start();
    let response = client()
        .get(server.url("/nl-be/p/leather-weekender"))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .args(["serve", "--workers", "0"])
        .output()
        .expect("run vitrine");
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--workers"), "{stderr}");
}

#[tokio::test]
async fn a_stop_signal_sent_as_soon_as_the_shop_listens_stops_it_gracefully() {
    for _ in 0..3 {
        let mut server = Server::start();
        let status = server.terminate();
        assert!(status.success(), "stopped by the signal itself: {status}");
    }
}
