//! Every storefront serves every page type, in its language and direction.

use reqwest::StatusCode;

use crate::harness::{Headers, Server};

/// `(storefront, html lang, dir, a word of its language that the home page shows)`.
const STOREFRONTS: [(&str, &str, &str, &str); 9] = [
    ("nl-nl", "nl-NL", "ltr", "Winkelwagen"),
    ("nl-be", "nl-BE", "ltr", "Winkelmandje"),
    ("fr-be", "fr-BE", "ltr", "Panier"),
    ("fr-fr", "fr-FR", "ltr", "Panier"),
    ("de-de", "de-DE", "ltr", "Warenkorb"),
    ("de-ch", "de-CH", "ltr", "Warenkorb"),
    ("en-gb", "en-GB", "ltr", "Basket"),
    ("en-us", "en-US", "ltr", "Cart"),
    ("ar-ae", "ar-AE", "rtl", "سلة"),
];

#[tokio::test]
async fn every_storefront_serves_every_page_type() {
    let server = Server::start();
    let mut shopper = server.shopper();
    for (storefront, lang, dir, word) in STOREFRONTS {
        for path in [
            "",
            "c/bags",
            "p/canvas-tote",
            "search?q=a",
            "cart",
            "checkout",
        ] {
            let page = shopper.get(&format!("/{storefront}/{path}")).await;
            assert_eq!(page.status, StatusCode::OK, "/{storefront}/{path}");
            let html_tag = format!("<html lang=\"{lang}\" dir=\"{dir}\"");
            assert!(
                page.body.contains(&html_tag),
                "/{storefront}/{path} lacks {html_tag}"
            );
            assert!(
                page.body.contains(word),
                "/{storefront}/{path} is not in its language ({word})"
            );
        }
    }
}

#[tokio::test]
async fn products_show_translated_names() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let cases = [
        ("nl-nl", "Linnen overhemd"),
        ("fr-fr", "Chemise en lin"),
        ("de-de", "Leinenhemd"),
        ("en-gb", "Linen shirt"),
        ("ar-ae", "قميص من الكتان"),
    ];
    for (storefront, name) in cases {
        let page = shopper.get(&format!("/{storefront}/p/linen-shirt")).await;
        assert!(
            page.body.contains(&format!("<h1>{name}</h1>")),
            "{storefront}"
        );
    }
}

#[tokio::test]
async fn a_product_not_sold_in_a_market_is_a_localised_404_there() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let missing = shopper.get("/ar-ae/p/wool-scarf").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("dir=\"rtl\""));
    assert!(
        !missing.body.contains("Page not found"),
        "the 404 is in Arabic"
    );
    let sold = shopper.get("/en-gb/p/wool-scarf").await;
    assert_eq!(sold.status, StatusCode::OK);
    let listing = shopper.get("/ar-ae/c/accessories").await;
    assert!(
        !listing.body.contains("/ar-ae/p/wool-scarf"),
        "not listed where not sold"
    );
}

#[tokio::test]
async fn unknown_pages_are_localised_404s() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/de-de/p/does-not-exist").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Seite nicht gefunden"), "{}", page.body);
    let page = shopper.get("/de-de/c/nothing").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = shopper.get("/it-it/").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_matches_names_in_the_storefront_language() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let dutch = shopper.get("/nl-nl/search?q=linnen").await;
    assert!(dutch.body.contains("/nl-nl/p/linen-shirt"));
    assert!(dutch.body.contains("/nl-nl/p/linen-napkins"));
    let english_word_in_dutch = shopper.get("/nl-nl/search?q=shirt").await;
    assert!(!english_word_in_dutch.body.contains("/nl-nl/p/linen-shirt"));
    let french = shopper.get("/fr-fr/search?q=CHEMISE").await;
    assert!(
        french.body.contains("/fr-fr/p/linen-shirt"),
        "case-insensitive"
    );
    let escaped = shopper.get("/en-gb/search?q=%3Cscript%3E").await;
    assert_eq!(escaped.status, StatusCode::OK);
    assert!(!escaped.body.contains("<script>"), "queries are escaped");
}

#[tokio::test]
async fn the_chooser_suggests_but_never_redirects() {
    let server = Server::start();
    let client = crate::harness::client();
    let response = client
        .get(server.url("/"))
        .header("accept-language", "fr-BE,fr;q=0.9,en;q=0.5")
        .send()
        .await
        .expect("GET /");
    assert_eq!(response.status(), StatusCode::OK);
    let vary = response.header("vary").unwrap_or_default().to_owned();
    assert!(vary.contains("Accept-Language"));
    let body = response.text().await.expect("body");
    assert!(
        body.contains("class=\"notice suggestion\" lang=\"fr-BE\"><a href=\"/fr-be/\""),
        "{body}"
    );
    for storefront in STOREFRONTS.map(|s| s.0) {
        assert!(
            body.contains(&format!("href=\"/{storefront}/\"")),
            "{storefront} listed"
        );
    }
    let plain = client
        .get(server.url("/"))
        .send()
        .await
        .expect("GET /")
        .text()
        .await
        .expect("body");
    assert!(!plain.contains("suggestion"));
}

#[tokio::test]
async fn the_switcher_keeps_the_current_page() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/nl-be/p/linen-shirt").await;
    assert!(
        page.body
            .contains("<a href=\"/fr-be/p/linen-shirt\" hreflang=\"fr-BE\"")
    );
    assert!(
        page.body
            .contains("<a href=\"/de-ch/p/linen-shirt\" hreflang=\"de-CH\"")
    );
    let scarf = shopper.get("/nl-be/p/wool-scarf").await;
    assert!(
        scarf
            .body
            .contains("<a href=\"/ar-ae/\" hreflang=\"ar-AE\""),
        "falls back to home where not sold"
    );
}

#[tokio::test]
async fn product_pages_carry_schema_org_json_ld() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let page = shopper.get("/de-ch/p/leather-weekender").await;
    let start = page
        .body
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = page.body[start..].find("</script>").expect("end") + start;
    let data: serde_json::Value = serde_json::from_str(&page.body[start..end]).expect("valid JSON");
    assert_eq!(data["@type"], "Product");
    assert_eq!(data["offers"]["price"], "1234.56");
    assert_eq!(data["offers"]["priceCurrency"], "CHF");
    assert_eq!(data["offers"]["availability"], "https://schema.org/InStock");
    assert_eq!(data["url"], "http://vitrine.test/de-ch/p/leather-weekender");
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let server = Server::start();
    let mut shopper = server.shopper();
    assert_eq!(shopper.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(shopper.get("/readyz").await.status, StatusCode::OK);
    let metrics = shopper.get("/metrics").await;
    assert!(metrics.body.contains("vitrine_http_responses_total"));
}
