//! Canonical and hreflang links: absolute, self-referencing and reciprocal.

use std::collections::{BTreeMap, BTreeSet};

use crate::harness::{PUBLIC_URL, Server, Shopper};

const STOREFRONTS: [&str; 9] = [
    "nl-nl", "nl-be", "fr-be", "fr-fr", "de-de", "de-ch", "en-gb", "en-us", "ar-ae",
];

fn alternates(html: &str) -> BTreeMap<String, String> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\""))
        .map(|l| {
            let lang = crate::harness::attribute_after(l, "hreflang=\"").expect("hreflang");
            let href = crate::harness::attribute_after(l, "href=\"").expect("href");
            (lang, href)
        })
        .collect()
}

fn canonical(html: &str) -> String {
    let line = html
        .lines()
        .find(|l| l.starts_with("<link rel=\"canonical\""))
        .expect("canonical");
    crate::harness::attribute_after(line, "href=\"").expect("href")
}

async fn check_reciprocal(shopper: &mut Shopper, path: &str, expected: &[&str]) {
    let mut sets = Vec::new();
    for storefront in expected {
        let page = shopper.get(&format!("/{storefront}/{path}")).await;
        let own = format!("{PUBLIC_URL}/{storefront}/{path}");
        assert_eq!(canonical(&page.body), own, "self-canonical");
        let links = alternates(&page.body);
        assert_eq!(
            links.get("x-default").map(String::as_str),
            Some(&*format!("{PUBLIC_URL}/"))
        );
        assert!(
            links.values().any(|href| *href == own),
            "{own} lists itself"
        );
        assert!(
            links.values().all(|href| href.starts_with("http://")),
            "absolute URLs"
        );
        sets.push(links);
    }
    let first = &sets[0];
    assert_eq!(
        first.len(),
        expected.len() + 1,
        "{path}: one link per storefront offering it, plus x-default"
    );
    for set in &sets {
        assert_eq!(set, first, "{path}: every page lists the same alternates");
    }
}

#[tokio::test]
async fn hreflang_links_are_reciprocal_on_every_page_type() {
    let server = Server::start();
    let mut shopper = server.shopper();
    for path in ["", "c/home", "p/linen-shirt"] {
        check_reciprocal(&mut shopper, path, &STOREFRONTS).await;
    }
}

#[tokio::test]
async fn hreflang_omits_storefronts_that_do_not_sell_the_product() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let selling: Vec<&str> = STOREFRONTS
        .iter()
        .copied()
        .filter(|s| *s != "ar-ae")
        .collect();
    check_reciprocal(&mut shopper, "p/wool-scarf", &selling).await;
    let page = shopper.get("/fr-fr/p/wool-scarf").await;
    let langs: BTreeSet<String> = alternates(&page.body).into_keys().collect();
    assert!(!langs.contains("ar-AE"));
}
