//! Snapshot tests of rendered HTML. A change to templates, messages or data shows up as a
//! diff here; run with `BLESS=1` to accept it.

use crate::harness::{Server, repo_root};

const PAGES: [(&str, &str); 7] = [
    ("chooser", "/"),
    ("en-gb-home", "/en-gb/"),
    ("nl-be-product-reduced", "/nl-be/p/linen-shirt"),
    ("ar-ae-product", "/ar-ae/p/leather-weekender"),
    ("en-us-category", "/en-us/c/home"),
    ("fr-fr-cart-empty", "/fr-fr/cart"),
    ("de-de-not-found", "/de-de/p/nothing-here"),
];

#[tokio::test]
async fn rendered_pages_match_their_golden_files() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (name, path) in PAGES {
        let body = shopper.get(path).await.body;
        let file = repo_root().join(format!("tests/golden/{name}.html"));
        if bless {
            std::fs::write(&file, &body).expect("bless");
            continue;
        }
        let expected = std::fs::read_to_string(&file).unwrap_or_default();
        if expected != body {
            failures.push(first_difference(name, &expected, &body));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with BLESS=1 to accept)",
        failures.join("\n")
    );
}

fn first_difference(name: &str, expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    format!(
        "{name}: differs at line {}\n  expected: {}\n  actual:   {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}
