//! Render time per page type, money formatting and message lookup, on the demo site.
//!
//! `cargo bench -p vitrine-render` — compare figures within one run only.

use std::path::Path;

use vitrine_render::{CheckoutForm, Found, Renderer, Visitor};
use vitrine_site::CartLine;
use vitrine_site::{DirSource, Site, Storefront, load_site};
use vitrine_site::{ListingKind, ListingQuery};

const BASE_URL: &str = "https://shop.example";

/// The server's allocator, so figures match what `vitrine` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn demo() -> Site {
    let site_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site");
    match load_site(&DirSource, &site_dir.to_string_lossy()) {
        Ok(site) => site,
        Err(error) => panic!("the demo site does not load: {error}"),
    }
}

fn storefront<'s>(site: &'s Site, id: &str) -> &'s Storefront {
    site.storefront(id)
        .unwrap_or_else(|| panic!("no storefront {id}"))
}

#[divan::bench]
fn site_load(bencher: divan::Bencher) {
    bencher.bench(demo);
}

#[divan::bench(args = ["nl-be", "ar-ae"])]
fn home(bencher: divan::Bencher, id: &str) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, id);
    bencher.bench(|| renderer.home(sf, Visitor::default()));
}

#[divan::bench(args = ["nl-be", "ar-ae"])]
fn category(bencher: divan::Bencher, id: &str) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, id);
    let query = ListingQuery::first(ListingKind::Category);
    bencher.bench(|| renderer.category(sf, "clothing", &query, Visitor::default()));
}

#[divan::bench(args = ["nl-be", "ar-ae"])]
fn product(bencher: divan::Bencher, id: &str) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, id);
    bencher.bench(|| renderer.product(sf, "linen-shirt", Visitor::default()));
}

#[divan::bench]
fn search(bencher: divan::Bencher) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, "fr-fr");
    let query = ListingQuery {
        text: "lin".into(),
        ..ListingQuery::first(ListingKind::Search)
    };
    let products: Vec<_> = site
        .products
        .values()
        .filter(|p| p.name_in("fr").to_lowercase().contains("lin"))
        .collect();
    bencher.bench(|| {
        let found = Found {
            matched: products.len(),
            products: products.clone(),
        };
        renderer.search(sf, &query, found, Visitor::default())
    });
}

fn some_lines() -> Vec<CartLine> {
    ["leather-weekender", "linen-shirt", "ceramic-mug"]
        .into_iter()
        .map(|p| CartLine {
            product: p.to_owned(),
            quantity: 2,
        })
        .collect()
}

/// A shopper with a session and a cart of six units.
fn with_session() -> Visitor<'static> {
    Visitor {
        csrf: Some("00112233445566778899aabbccddeeff"),
        cart_count: 6,
        ..Visitor::default()
    }
}

#[divan::bench]
fn cart(bencher: divan::Bencher) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, "de-de");
    let lines = some_lines();
    let visitor = with_session();
    // Pricing the lines is part of showing the cart.
    bencher.bench(|| renderer.cart(sf, &site.market_of(sf).price(&lines), None, visitor));
}

#[divan::bench]
fn checkout(bencher: divan::Bencher) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let sf = storefront(&site, "de-de");
    let lines = some_lines();
    let visitor = with_session();
    let form = CheckoutForm::default();
    bencher.bench(|| renderer.checkout(sf, &site.market_of(sf).price(&lines), &form, &[], visitor));
}

#[divan::bench]
fn chooser(bencher: divan::Bencher) {
    let site = demo();
    let renderer = Renderer::new(&site, BASE_URL);
    let default = storefront(&site, "en-gb");
    let suggested = storefront(&site, "fr-be");
    bencher.bench(|| renderer.chooser(default, Some(suggested)));
}

#[divan::bench(args = ["nl-nl", "fr-fr", "de-ch", "ar-ae"])]
fn money(bencher: divan::Bencher, id: &str) {
    let site = demo();
    let sf = storefront(&site, id);
    bencher.bench(|| sf.l10n.money.format_minor(divan::black_box(123_456)));
}

#[divan::bench]
fn message_direct(bencher: divan::Bencher) {
    let site = demo();
    let sf = storefront(&site, "nl-be");
    bencher.bench(|| sf.l10n.messages.text(divan::black_box("cart-title")));
}

#[divan::bench]
fn message_with_fallback(bencher: divan::Bencher) {
    let site = demo();
    let sf = storefront(&site, "nl-be");
    // `home-heading` lives in `nl`, one step down the nl-BE → nl → en chain.
    bencher.bench(|| sf.l10n.messages.text(divan::black_box("home-heading")));
}
