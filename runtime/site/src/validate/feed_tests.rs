//! A site whose catalogue is its feed: the feed's records checked with the TOML rules,
//! problems on their line and field, prices and stock laid into markets and stores.

use super::*;
use crate::MemorySource;
use crate::feed::Feed;

/// A site of one market and one store that takes its catalogue from a feed.
fn feed_site() -> MemorySource {
    let mut s = MemorySource::default();
    s.insert(
        "site/site.toml",
        "name = \"Shop\"\ntheme = \"../themes/t\"\nlocales = \"../locales\"\ndefault_language = \"en\"\ncatalogue = \"feed\"\n",
    );
    s.insert(
        "themes/t/theme.toml",
        "name = \"t\"\nversion = \"1\"\nstylesheets = [\"base.css\"]\n[tokens]\ncolor-brand = { value = \"#123456\", overridable = false }\n",
    );
    s.insert(
        "themes/t/assets/base.css",
        "body { color: var(--color-brand); }",
    );
    s.insert("locales/en/main.ftl", "home = Home\n");
    s.insert("locales/nl/main.ftl", "home = Start\n");
    s.insert(
        "site/catalogue/images/tote.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    s.insert(
        "site/markets/nl.toml",
        "country = \"NL\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"21\"\nomnibus = true\nstorefronts = [\"nl-nl\"]\n",
    );
    s.insert(
        "site/stores.toml",
        "[ams]\nname = \"Amsterdam\"\ncountry = \"NL\"\nstreet = \"Kalverstraat 1\"\npostcode = \"1012 PH\"\ncity = \"Amsterdam\"\npickup_lead_hours = 2\nopening_hours = { mon = \"10:00-18:00\" }\n",
    );
    s
}

const HEADER: &str = r#"{"format": "vitrine-catalogue", "version": 1}"#;
const BAGS: &str =
    r#"{"type": "category", "id": "bags", "position": 1, "name": {"en": "Bags", "nl": "Tassen"}}"#;
const TOTE: &str = r#"{"type": "product", "id": "tote", "category": "bags", "image": "tote.svg", "name": {"en": "Tote", "nl": "Tas"}, "description": {"en": "A tote.", "nl": "Een tas."}, "added": "2026-03-01", "prices": {"nl": 3900}, "reductions": {"nl": {"since": "2026-11-20", "history": [{"since": "2026-01-01", "price": 4900}]}}, "stock": {"ams": 4}}"#;

fn parsed(lines: &[&str]) -> Feed {
    let text = std::iter::once(HEADER)
        .chain(lines.iter().copied())
        .collect::<Vec<_>>()
        .join("\n");
    Feed::parse("catalogue.jsonl", &text).expect("a well-formed feed")
}

fn problems_with(source: &MemorySource, feed: &Feed) -> Vec<String> {
    match load_site_with(source, "site", Some(feed)) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_feed_gives_the_catalogue_its_prices_reductions_and_stock() {
    let feed = parsed(&[BAGS, TOTE]);
    let site = load_site_with(&feed_site(), "site", Some(&feed)).expect("a valid site");
    assert_eq!(site.products["tote"].name_in("nl"), "Tas");
    assert_eq!(site.categories[0].id, "bags");
    let nl = &site.markets["nl"];
    assert_eq!(nl.prices["tote"], 3900);
    assert_eq!(nl.reductions["tote"].previous_price, 4900);
    assert_eq!(site.stores["ams"].stock["tote"], 4);
    assert!(site.assets.get(&site.products["tote"].image).is_some());
}

#[test]
fn a_feed_breaking_the_catalogue_rules_is_refused_with_line_field_and_rule() {
    let bad = TOTE
        .replace(r#""category": "bags""#, r#""category": "shoes""#)
        .replace(r#""nl": "Tas""#, r#""nl": " ""#)
        .replace(
            r#""prices": {"nl": 3900}"#,
            r#""prices": {"nl": 3900, "xx": 100, "nl-be": -5}"#,
        )
        .replace(r#""stock": {"ams": 4}"#, r#""stock": {"rotterdam": 4}"#)
        .replace("2026-03-01", "2026-13-01")
        .replace(r#""price": 4900"#, r#""price": 3000"#);
    let found = problems_with(&feed_site(), &parsed(&[BAGS, &bad]));
    let expected = [
        "catalogue.jsonl: `products.tote.added`: line 3: `2026-13-01` is not a plain date (YYYY-MM-DD)",
        "catalogue.jsonl: `products.tote.category`: line 3: unknown category `shoes`",
        "catalogue.jsonl: `products.tote.name.nl`: line 3: missing text in `nl`, a language of a storefront",
        "catalogue.jsonl: `products.tote.prices.nl-be`: line 3: a price is a positive amount in minor units",
        "catalogue.jsonl: `products.tote.prices.xx`: line 3: unknown market `xx`",
        "catalogue.jsonl: `products.tote.reductions.nl.history[0]`: line 3: a price before a reduction must be higher than the reduced price",
        "catalogue.jsonl: `products.tote.stock.rotterdam`: line 3: unknown store `rotterdam` (stores are in `stores.toml`)",
    ];
    assert_eq!(found, expected);
}

#[test]
fn a_category_without_a_storefront_language_is_refused_on_its_line() {
    let bags = BAGS.replace(r#", "nl": "Tassen""#, "");
    let found = problems_with(&feed_site(), &parsed(&[&bags, TOTE]));
    assert_eq!(
        found,
        [
            "catalogue.jsonl: `categories.bags.name.nl`: line 2: missing text in `nl`, a language of a storefront"
        ]
    );
}

#[test]
fn the_catalogue_has_one_place_feed_or_files() {
    let mut both = feed_site();
    both.insert(
        "site/catalogue/categories.toml",
        "[bags]\nposition = 1\nname = { en = \"Bags\", nl = \"Tassen\" }\n",
    );
    both.insert(
        "site/markets/nl.toml",
        "country = \"NL\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"21\"\nstorefronts = [\"nl-nl\"]\n[prices]\ntote = 4900\n",
    );
    let found = problems_with(&both, &parsed(&[BAGS, TOTE]));
    assert_eq!(
        found,
        [
            "site/catalogue/categories.toml: this site's catalogue is its feed (`catalogue = \"feed\"` in `site.toml`): remove the file, its content belongs in the feed",
            "site/markets/nl.toml: `prices`: this site's catalogue is its feed (`catalogue = \"feed\"` in `site.toml`): prices belong in the feed",
        ]
    );
    let mut files = feed_site();
    files.insert(
        "site/site.toml",
        "name = \"Shop\"\ntheme = \"../themes/t\"\nlocales = \"../locales\"\ndefault_language = \"en\"\n",
    );
    let found = problems_with(&files, &parsed(&[BAGS, TOTE]));
    let refused = "site/site.toml: `catalogue`: a catalogue feed of 1 products was imported for this site, but it reads its catalogue from files: set `catalogue = \"feed\"` to serve the feed";
    assert!(found.iter().any(|p| p == refused), "{found:#?}");
}

#[test]
fn a_site_of_a_feed_serves_an_empty_catalogue_before_the_first_import_and_versions_follow_the_feed()
{
    let empty = load_site_with(&feed_site(), "site", None).expect("no catalogue yet is no problem");
    assert!(empty.products.is_empty());
    let one = load_site_with(&feed_site(), "site", Some(&parsed(&[BAGS, TOTE]))).expect("valid");
    let cheaper = TOTE.replace("3900", "3800");
    let other =
        load_site_with(&feed_site(), "site", Some(&parsed(&[BAGS, &cheaper]))).expect("valid");
    assert_ne!(empty.version, one.version);
    assert_ne!(
        one.version, other.version,
        "a price change is a new version"
    );
    let diff = crate::SiteDiff::between(&one, &other);
    assert_eq!(diff.prices.len(), 1);
    assert_eq!(diff.prices[0].id, "nl/tote");
    assert!(diff.products.is_empty());
}

#[test]
fn a_first_import_of_many_products_purges_everything_and_bounds_its_diff_for_people() {
    let lines: Vec<String> = (0..600)
        .map(|i| {
            let line = TOTE.replace(r#", "stock": {"ams": 4}"#, "");
            line.replace(r#""id": "tote""#, &format!(r#""id": "tote-{i}""#))
        })
        .collect();
    let lines: Vec<&str> = std::iter::once(BAGS)
        .chain(lines.iter().map(String::as_str))
        .collect();
    let before =
        load_site_with(&feed_site(), "site", Some(&parsed(&lines[..2]))).expect("one product");
    let few = load_site_with(&feed_site(), "site", Some(&parsed(&lines[..3]))).expect("valid");
    let small = crate::SiteDiff::between(&before, &few).purge();
    assert!(
        matches!(small, crate::Purge::Groups(_)),
        "one product more: its pages and listings only"
    );
    let after = load_site_with(&feed_site(), "site", Some(&parsed(&lines))).expect("valid");
    let diff = crate::SiteDiff::between(&before, &after);
    assert_eq!(
        diff.purge(),
        crate::Purge::All,
        "matching 1,200 groups per page costs more"
    );
    let bounded = diff.bounded(crate::DIFF_LIST_LIMIT);
    assert_eq!(bounded.products.len(), 100);
    assert_eq!(bounded.prices.len(), 100);
    assert_eq!(bounded.omitted["products"], 499);
    assert_eq!(bounded.omitted["prices"], 499);
    assert!(
        !bounded.omitted.contains_key("categories"),
        "no category changed"
    );
}
