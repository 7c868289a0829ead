//! Listings as a shopper and a crawler meet them on a generated catalogue of 600 products in
//! 12 markets: category pages a page at a time with links that work without JavaScript,
//! orders and filters as plain GET forms, a bounded home page, and every page small.

use std::collections::BTreeSet;

use reqwest::StatusCode;

use crate::harness::{Server, Shopper, TestSite, attribute_after, product_links as products};

const CATEGORY: &str = "/en-gb/c/linen-tote";
/// The largest page a listing may weigh, whatever the catalogue's size.
const MAX_PAGE_BYTES: usize = 100 * 1024;

fn generated() -> (TestSite, Server) {
    let site = TestSite::generated(600, 12);
    let server = site.start(&[]);
    (site, server)
}

/// The `<link rel="…">` of a page, with `&` read back.
fn head_link(html: &str, rel: &str) -> Option<String> {
    attribute_after(html, &format!("<link rel=\"{rel}\" href=\""))
        .map(|h| h.replace("&#38;", "&").replace("&amp;", "&"))
}

const IRISH_ALTERNATE: &str = "<link rel=\"alternate\" hreflang=\"en-IE\"";

/// The amounts of a page's prices, in pence (`£12.34` → 1234).
fn prices(html: &str) -> Vec<u64> {
    html.match_indices("<span class=\"price-now\">")
        .filter_map(|(at, marker)| {
            let rest = &html[at + marker.len()..];
            let text = &rest[..rest.find('<')?];
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .collect()
}

/// The products of a category the market sells, from the generated files.
fn sold_in(site: &TestSite, market: &str, category: &str) -> BTreeSet<String> {
    let prices = std::fs::read_to_string(site.site.join(format!("markets/{market}.toml")))
        .expect("market file");
    let wanted = format!("category = \"{category}\"");
    prices
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.to_owned()))
        .filter(|id| id.starts_with('p') && id.len() == 7)
        .filter(|id| {
            let file = site.site.join(format!("catalogue/products/{id}.toml"));
            std::fs::read_to_string(file).is_ok_and(|text| text.starts_with(&wanted))
        })
        .collect()
}

async fn get_ok(shopper: &mut Shopper, path: &str) -> String {
    let page = shopper.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    assert!(
        page.body.len() <= MAX_PAGE_BYTES,
        "{path} weighs {} bytes",
        page.body.len()
    );
    page.body
}

#[tokio::test]
async fn every_product_of_a_category_is_on_exactly_one_page_reached_by_next_links() {
    let (site, server) = generated();
    let mut shopper = server.shopper();
    let expected = sold_in(&site, "gb", "linen-tote");
    let mut seen = Vec::new();
    let mut path = CATEGORY.to_owned();
    let mut pages = 0;
    loop {
        let html = get_ok(&mut shopper, &path).await;
        pages += 1;
        let canonical = head_link(&html, "canonical").expect("canonical");
        assert!(
            canonical.ends_with(&path),
            "self-canonical: {canonical} for {path}"
        );
        assert_eq!(head_link(&html, "prev").is_some(), pages > 1, "{path}");
        seen.extend(products(&html, "en-gb"));
        match head_link(&html, "next") {
            Some(next) => {
                assert!(html.contains("<a rel=\"next\""), "a visible link too");
                path = next;
            }
            None => break,
        }
    }
    let listed: BTreeSet<String> = seen.iter().map(|h| h.replace("/en-gb/p/", "")).collect();
    assert_eq!(listed.len(), seen.len(), "no product on two pages");
    assert_eq!(listed, expected, "every product sold in GB, nothing else");
    assert_eq!(pages, expected.len().div_ceil(24));
    let first = get_ok(&mut shopper, CATEGORY).await;
    assert!(first.contains(&format!("{} products", expected.len())));
    assert!(first.contains(&format!("Page 1 of {pages}")));
    let middle = get_ok(&mut shopper, &format!("{CATEGORY}?page=3")).await;
    assert!(middle.contains(&format!("Page 3 of {pages}")));
    assert!(middle.contains("aria-current=\"page\">3<"));
    assert!(
        middle.contains(&format!("<a href=\"{CATEGORY}\" aria-current=\"page\">")),
        "navigation still marks the category"
    );
    assert!(
        middle.contains("<a href=\"/en-ie/c/linen-tote\" hreflang=\"en-IE\""),
        "the switcher goes to the category's first page elsewhere"
    );
    assert!(
        !middle.contains(IRISH_ALTERNATE),
        "page 3 has no alternates"
    );
    for missing in [
        format!("page={}", pages + 1),
        "page=0".into(),
        "page=two".into(),
    ] {
        let page = shopper.get(&format!("{CATEGORY}?{missing}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn orders_and_filters_are_plain_get_forms_that_keep_to_their_rules() {
    let (_site, server) = generated();
    let mut shopper = server.shopper();
    let first = get_ok(&mut shopper, CATEGORY).await;
    assert!(first.contains(&format!(
        "<form class=\"refine\" action=\"{CATEGORY}\" method=\"get\">"
    )));
    let low = get_ok(&mut shopper, &format!("{CATEGORY}?sort=price-low")).await;
    let low_prices = prices(&low);
    assert_eq!(low_prices.len(), 24);
    assert!(low_prices.is_sorted(), "{low_prices:?}");
    let high = get_ok(&mut shopper, &format!("{CATEGORY}?sort=price-high&page=2")).await;
    let high_prices = prices(&high);
    assert!(high_prices.iter().rev().is_sorted(), "{high_prices:?}");
    assert!(
        low.contains("<meta name=\"robots\" content=\"noindex\">"),
        "re-ordered listings stay out of search engines"
    );
    assert!(
        !low.contains(IRISH_ALTERNATE),
        "and have no language alternates"
    );
    assert!(
        first.contains(IRISH_ALTERNATE),
        "the plain first page has them"
    );

    let ranged = get_ok(
        &mut shopper,
        &format!("{CATEGORY}?min=50&max=60&sort=price-low"),
    )
    .await;
    let ranged_prices = prices(&ranged);
    assert!(!ranged_prices.is_empty());
    assert!(
        ranged_prices.iter().all(|p| (5_000..=6_000).contains(p)),
        "{ranged_prices:?}"
    );
    assert!(
        ranged.contains("name=\"min\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"50\"")
    );

    let stocked = get_ok(&mut shopper, &format!("{CATEGORY}?stock=1")).await;
    let all = products(&first, "en-gb").len();
    let in_stock = products(&stocked, "en-gb").len();
    assert!(in_stock > 0 && in_stock < all, "{in_stock} of {all}");
    assert!(stocked.contains("name=\"stock\" value=\"1\" checked"));
}

#[tokio::test]
async fn the_home_page_shows_a_bounded_selection_and_search_pages_too() {
    let (_site, server) = generated();
    let mut shopper = server.shopper();
    let home = get_ok(&mut shopper, "/en-gb/").await;
    assert_eq!(
        products(&home, "en-gb").len(),
        8,
        "the theme's home_products"
    );
    let search = get_ok(&mut shopper, "/en-gb/search?q=linen").await;
    assert_eq!(products(&search, "en-gb").len(), 24);
    let next = head_link(&search, "next").expect("more results");
    assert!(next.starts_with("/en-gb/search?q=linen&page=2"), "{next}");
    let second = get_ok(&mut shopper, &next).await;
    assert!(
        second.contains("value=\"linen\""),
        "the search box keeps the text"
    );
    assert_eq!(
        shopper.get("/en-gb/search?q=linen&page=999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_storefront_in_the_default_language_needs_no_regional_folder() {
    let (site, server) = generated();
    assert!(!site.site.join("../locales/en-IE").exists());
    let mut shopper = server.shopper();
    let home = get_ok(&mut shopper, "/en-ie/").await;
    assert!(home.contains("<html lang=\"en-IE\""));
}
