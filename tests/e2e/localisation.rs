//! Prices, taxes and reference prices, compared code point by code point.

use crate::harness::Server;

/// The price of `leather-weekender` (1 234,56 in every currency) as CLDR writes it.
const WEEKENDER: [(&str, &str); 9] = [
    ("nl-nl", "€\u{a0}1.234,56"),
    ("nl-be", "€\u{a0}1.234,56"),
    ("fr-be", "1\u{202f}234,56\u{a0}€"),
    ("fr-fr", "1\u{202f}234,56\u{a0}€"),
    ("de-de", "1.234,56\u{a0}€"),
    ("de-ch", "CHF\u{a0}1'234.56"),
    ("en-gb", "£1,234.56"),
    ("en-us", "$1,234.56"),
    ("ar-ae", "\u{200f}1,234.56\u{a0}د.إ.\u{200f}"),
];

fn price_now(html: &str) -> String {
    let marker = "<span class=\"price-now\">";
    let start = html.find(marker).expect("a price") + marker.len();
    let end = html[start..].find("</span>").expect("end of price") + start;
    html[start..end].replace("&#39;", "'").replace("&amp;", "&")
}

fn code_points(text: &str) -> Vec<u32> {
    text.chars().map(u32::from).collect()
}

#[tokio::test]
async fn prices_match_cldr_in_every_storefront() {
    let server = Server::start();
    let mut shopper = server.shopper();
    for (storefront, expected) in WEEKENDER {
        let page = shopper
            .get(&format!("/{storefront}/p/leather-weekender"))
            .await;
        let shown = price_now(&page.body);
        assert_eq!(
            code_points(&shown),
            code_points(expected),
            "{storefront}: {shown:?} != {expected:?}"
        );
    }
}

#[tokio::test]
async fn eu_reductions_show_the_lowest_price_of_the_prior_30_days() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-nl/p/linen-shirt").await;
    assert!(page.body.contains("€\u{a0}59,00"), "reduced price");
    let reference = "<span class=\"price-reference\">";
    let at = page.body.find(reference).expect("a reference price") + reference.len();
    let line = &page.body[at..at + page.body[at..].find("</span>").expect("end")];
    assert!(line.contains("30"), "{line}");
    assert!(
        line.contains("€\u{a0}79,00"),
        "the lowest of the prior 30 days, not the older 89: {line}"
    );
    let gb = shopper.get("/en-gb/p/linen-shirt").await;
    assert!(
        gb.body.contains("Was £69.00"),
        "outside the EU the previous price is shown"
    );
    let us = shopper.get("/en-us/p/linen-shirt").await;
    assert!(
        !us.body.contains("price-reference"),
        "no reduction in the US"
    );
}

#[tokio::test]
async fn us_prices_exclude_tax_and_eu_prices_include_vat() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let us = shopper.get("/en-us/p/canvas-tote").await;
    assert!(us.body.contains("plus sales tax"));
    let de = shopper.get("/de-de/p/canvas-tote").await;
    assert!(de.body.contains("inkl. MwSt."));
    let ch = shopper.get("/de-ch/p/canvas-tote").await;
    assert!(ch.body.contains("inkl. MWST"));
}

#[tokio::test]
async fn cart_totals_state_the_vat_included_or_tax_at_checkout() {
    let server = Server::start();
    let mut nl = server.shopper();
    nl.add_to_cart("nl-nl", "leather-weekender", "1").await;
    let cart = nl.get("/nl-nl/cart").await;
    // 1 234,56 incl. 21 % VAT contains 214,26 VAT.
    assert!(cart.body.contains("€\u{a0}214,26"), "{}", cart.body);
    assert!(cart.body.contains("21"), "the rate is shown");
    let mut us = server.shopper();
    us.add_to_cart("en-us", "leather-weekender", "1").await;
    let cart = us.get("/en-us/cart").await;
    assert!(cart.body.contains("Sales tax is calculated at checkout."));
    let mut ch = server.shopper();
    ch.add_to_cart("de-ch", "leather-weekender", "1").await;
    let cart = ch.get("/de-ch/cart").await;
    assert!(
        cart.body.contains("8.1"),
        "Swiss VAT rate with its decimal: {}",
        cart.body
    );
}

#[tokio::test]
async fn plural_forms_follow_the_language() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("en-gb", "ceramic-mug", "1").await;
    let one = shopper.get("/en-gb/").await;
    assert!(one.body.contains("Basket (1 item)"), "{}", one.body);
    shopper.add_to_cart("en-gb", "ceramic-mug", "2").await;
    let three = shopper.get("/en-gb/").await;
    assert!(three.body.contains("Basket (3 items)"));
}

#[tokio::test]
async fn a_missing_translation_renders_the_fallback_and_is_counted() {
    let (_dir, site) = crate::harness::demo_site_copy();
    let nl = site.parent().expect("root").join("locales/nl/main.ftl");
    let text = std::fs::read_to_string(&nl).expect("nl messages");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("home-heading"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&nl, without).expect("write");
    let server = Server::builder().site(&site).start();
    let mut shopper = server.shopper();
    let home = shopper.get("/nl-nl/").await;
    assert_eq!(
        home.status,
        reqwest::StatusCode::OK,
        "a missing message never fails a page"
    );
    assert!(
        home.body.contains("Made to be used every day"),
        "English fallback"
    );
    let metrics = shopper.get("/metrics").await.body;
    let missing = metrics
        .lines()
        .find(|l| l.starts_with("vitrine_missing_messages_total"))
        .expect("counter");
    assert_ne!(missing, "vitrine_missing_messages_total 0");
    let log = server.log_lines().join("\n");
    assert!(
        log.contains("home-heading"),
        "the fallback is logged:\n{log}"
    );
}
