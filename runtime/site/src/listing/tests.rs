use std::collections::BTreeSet;

use super::*;
use crate::{MemorySource, RecallScope, load_site};

const PRODUCTS: usize = 30;

/// A site of 30 bags in one market, 10 per page: bag-00 is featured, bag-i was added on
/// day i of November and costs 10 + i euros; bag-29 is not sold; one store stocks bag-01.
fn site() -> Site {
    let mut s = MemorySource::default();
    s.insert(
        "site/site.toml",
        "name = \"Shop\"\ntheme = \"../themes/t\"\nlocales = \"../locales\"\ndefault_language = \"en\"\n",
    );
    s.insert(
        "themes/t/theme.toml",
        "name = \"t\"\nversion = \"1\"\nstylesheets = [\"base.css\"]\n[tokens]\n[listing]\npage_size = 10\nhome_products = 4\n",
    );
    s.insert("themes/t/assets/base.css", "body {}");
    s.insert("locales/en/main.ftl", "home = Home\n");
    s.insert(
        "site/catalogue/categories.toml",
        "[bags]\nposition = 1\nname = { en = \"Bags\" }\n[hats]\nposition = 2\nname = { en = \"Hats\" }\n",
    );
    s.insert("site/catalogue/images/bag.svg", "<svg/>");
    let mut prices = String::new();
    for i in 0..PRODUCTS {
        let featured = if i == 0 { "featured = true\n" } else { "" };
        s.insert(
            format!("site/catalogue/products/bag-{i:02}.toml"),
            format!(
                "category = \"bags\"\nimage = \"bag.svg\"\n{featured}added = 2026-11-{:02}\nname = {{ en = \"Bag {i}\" }}\ndescription = {{ en = \"A bag.\" }}\n",
                i + 1
            ),
        );
        if i < PRODUCTS - 1 {
            prices.push_str(&format!("bag-{i:02} = {}\n", (10 + i) * 100));
        }
    }
    s.insert(
        "site/markets/gb.toml",
        format!(
            "country = \"GB\"\ncurrency = \"GBP\"\nprices_include_tax = true\nvat_rate = \"20\"\nstorefronts = [\"en-gb\"]\n[prices]\n{prices}"
        ),
    );
    s.insert(
        "site/stores.toml",
        "[london]\nname = \"London\"\ncountry = \"GB\"\nstreet = \"1 High St\"\npostcode = \"N1 1AA\"\ncity = \"London\"\npickup_lead_hours = 2\nopening_hours = { mon = \"09:00-17:00\" }\nstock = { bag-01 = 3, bag-02 = 0 }\n",
    );
    match load_site(&s, "site") {
        Ok(site) => site,
        Err(error) => panic!("test site: {:?}", error.problems()),
    }
}

fn ids(page: &ListingPage<'_>) -> Vec<String> {
    page.products.iter().map(|p| p.id.clone()).collect()
}

fn listing(site: &Site, recalls: &Recalls, query: &str) -> Option<Vec<String>> {
    let storefront = site.storefront("en-gb").expect("en-gb");
    let query = ListingQuery::parse(ListingKind::Category, query).ok()?;
    let page = site.list(recalls, storefront, site.category_products("bags"), &query)?;
    Some(ids(&page))
}

#[test]
fn every_product_sold_is_on_exactly_one_page_of_its_category() {
    let site = site();
    let storefront = site.storefront("en-gb").expect("en-gb");
    let mut seen = Vec::new();
    for page in 1..=3 {
        let query = ListingQuery::first(ListingKind::Category).at_page(page);
        let listed = site
            .list(
                Recalls::none(),
                storefront,
                site.category_products("bags"),
                &query,
            )
            .expect("a page");
        assert_eq!((listed.total, listed.pages, listed.page), (29, 3, page));
        seen.extend(ids(&listed));
    }
    assert_eq!(seen.len(), 29);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 29, "no repeats");
    assert!(!seen.contains(&"bag-29".to_owned()), "not sold in GB");
    assert_eq!(
        listing(&site, Recalls::none(), "page=4"),
        None,
        "past the last"
    );
}

#[test]
fn featured_products_come_first_then_the_newest() {
    let site = site();
    let first = listing(&site, Recalls::none(), "").expect("page 1");
    assert_eq!(&first[..3], ["bag-00", "bag-28", "bag-27"]);
    let newest = listing(&site, Recalls::none(), "sort=newest").expect("page 1");
    assert_eq!(&newest[..2], ["bag-28", "bag-27"]);
}

#[test]
fn price_orders_and_ranges_follow_the_markets_prices() {
    let site = site();
    let low = listing(&site, Recalls::none(), "sort=price-low").expect("page 1");
    assert_eq!(&low[..2], ["bag-00", "bag-01"]);
    let high = listing(&site, Recalls::none(), "sort=price-high").expect("page 1");
    assert_eq!(&high[..2], ["bag-28", "bag-27"]);
    let range = listing(&site, Recalls::none(), "min=12&max=14&sort=price-low");
    assert_eq!(
        range,
        Some(vec!["bag-02".into(), "bag-03".into(), "bag-04".into()]),
        "£12.00 to £14.00, both included"
    );
}

#[test]
fn the_stock_filter_keeps_what_a_store_of_the_country_has() {
    let site = site();
    let stocked = listing(&site, Recalls::none(), "stock=1");
    assert_eq!(stocked, Some(vec!["bag-01".into()]), "bag-02 has 0 units");
}

#[test]
fn a_recalled_product_is_listed_nowhere() {
    let site = site();
    let recalls = Recalls::new([("bag-00".to_owned(), RecallScope::Everywhere)]);
    let first = listing(&site, &recalls, "").expect("page 1");
    assert!(!first.contains(&"bag-00".to_owned()));
    let storefront = site.storefront("en-gb").expect("en-gb");
    let home = site.home_products(&recalls, storefront);
    assert!(home.iter().all(|p| p.id != "bag-00"));
}

#[test]
fn the_home_page_shows_the_themes_number_of_products_featured_first() {
    let site = site();
    let storefront = site.storefront("en-gb").expect("en-gb");
    let home: Vec<&str> = site
        .home_products(Recalls::none(), storefront)
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(home, ["bag-00", "bag-28", "bag-27", "bag-26"]);
}

#[test]
fn an_empty_listing_has_one_empty_page() {
    let site = site();
    let storefront = site.storefront("en-gb").expect("en-gb");
    let query = ListingQuery::first(ListingKind::Category);
    let hats = site
        .list(
            Recalls::none(),
            storefront,
            site.category_products("hats"),
            &query,
        )
        .expect("page 1 exists");
    assert_eq!((hats.total, hats.pages), (0, 1));
}
