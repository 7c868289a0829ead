//! Structural accessibility checks on every page type: landmarks, one `h1`, labelled inputs,
//! images with alt text, and a skip link. Contrast is enforced when the theme loads.

use crate::harness::Server;

const PAGES: [&str; 7] = [
    "/en-gb/",
    "/en-gb/c/bags",
    "/ar-ae/p/linen-shirt",
    "/en-gb/search?q=linen",
    "/de-de/cart",
    "/fr-fr/checkout",
    "/",
];

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

fn ids_of_labels(html: &str) -> Vec<String> {
    html.split("<label for=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_page_type_has_landmarks_labels_and_alt_text() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("fr-fr", "canvas-tote", "1").await;
    for path in PAGES {
        let html = shopper.get(path).await.body;
        assert_eq!(count(&html, "<h1"), 1, "{path}: exactly one h1");
        assert_eq!(count(&html, "<main"), 1, "{path}: one main landmark");
        assert!(html.contains("<header"), "{path}: a banner");
        for tag in html.split("<img").skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            assert!(tag.contains(" alt=\""), "{path}: image without alt: {tag}");
        }
        let labelled = ids_of_labels(&html);
        for input in html.split("<input").skip(1) {
            let tag = input.split('>').next().unwrap_or_default();
            if tag.contains("type=\"hidden\"") {
                continue;
            }
            let id = crate::harness::attribute_after(tag, "id=\"").unwrap_or_default();
            assert!(
                labelled.contains(&id),
                "{path}: input without a label: {tag}"
            );
        }
        if path != "/" {
            assert!(
                html.contains("<a class=\"skip-link\" href=\"#main\">"),
                "{path}: skip link"
            );
            assert!(html.contains("<footer"), "{path}: contentinfo");
        }
    }
}
