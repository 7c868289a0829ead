//! Cache misses under load, as a load balancer and a crowd of shoppers meet them: many
//! shoppers asking for one cold page get it rendered once, and while a crawler walks cold
//! pages of every storefront, `/healthz`, `/readyz` and cached pages keep answering.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::harness::{TestSite, page_cache_misses as misses, product_links};

/// Far beyond what a health check or a cached page may take, however busy the node: a load
/// balancer that waits this long takes the node out.
const PROMPT: Duration = Duration::from_secs(1);

#[tokio::test]
async fn shoppers_asking_for_one_cold_page_at_once_get_it_rendered_once() {
    let site = TestSite::generated(600, 12);
    let server = site.start(&[]);
    let before = misses(&server).await;
    let path = "/en-gb/search?q=linen&sort=price-low";
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let mut shopper = server.shopper();
        requests.spawn(async move { shopper.get(path).await });
    }
    let pages = requests.join_all().await;
    assert!(pages.iter().all(|p| p.status == StatusCode::OK));
    assert!(
        pages.windows(2).all(|w| w[0].body == w[1].body),
        "every shopper got the same page"
    );
    assert_eq!(misses(&server).await - before, 1, "rendered once");
}

/// Cold pages of every storefront: listings, searches and product pages.
fn cold_pages(storefronts: &[String], products: &[String]) -> Vec<String> {
    let mut pages = Vec::new();
    for storefront in storefronts {
        for listing in ["c/linen-tote", "c/linen-tote?page=2", "search?q=linen"] {
            pages.push(format!("/{storefront}/{listing}"));
        }
        for product in products {
            pages.push(format!("/{storefront}/p/{product}"));
        }
    }
    pages
}

#[tokio::test]
async fn health_checks_and_cached_pages_answer_during_a_crawl_of_cold_pages() {
    let site = TestSite::generated(600, 12);
    let server = site.start(&["--workers", "2"]);
    let mut shopper = server.shopper();
    let warm = shopper.get("/en-gb/c/linen-tote").await;
    let products: Vec<String> = product_links(&warm.body, "en-gb")
        .into_iter()
        .filter_map(|link| link.rsplit('/').next().map(str::to_owned))
        .collect();
    let storefronts = vitrine_sitegen::Spec {
        products: 600,
        markets: 12,
        feed: false,
    }
    .storefronts();
    let pages = cold_pages(&storefronts, &products);
    let crawlers: Vec<_> = pages
        .chunks(pages.len().div_ceil(8))
        .map(|chunk| {
            let (mut crawler, chunk) = (server.shopper(), chunk.to_vec());
            tokio::spawn(async move {
                for page in chunk {
                    crawler.get(&page).await;
                }
            })
        })
        .collect();
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        for path in ["/healthz", "/readyz", "/en-gb/c/linen-tote"] {
            let started = Instant::now();
            let reply = server.shopper().get(path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            slowest = slowest.max(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let crawling = crawlers.iter().any(|c| !c.is_finished());
    for crawler in crawlers {
        crawler.await.expect("crawler");
    }
    assert!(crawling, "the checks ran while the crawl did");
    assert!(slowest < PROMPT, "the slowest check took {slowest:?}");
}
