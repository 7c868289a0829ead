use std::sync::OnceLock;

use vitrine_site::{DirSource, load_site};

use super::*;

fn demo() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = format!("{}/../../site", env!("CARGO_MANIFEST_DIR"));
        load_site(&DirSource, &dir).expect("the demo site loads")
    })
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build(demo()).expect("the demo index builds"))
}

/// The ids found in a language and market, best first.
fn found(language: &str, market: &str, text: &str) -> Vec<String> {
    let hits = index().search(language, market, text).expect("search");
    hits.products(demo()).iter().map(|p| p.id.clone()).collect()
}

#[test]
fn a_dutch_plural_finds_the_singular_name() {
    assert_eq!(found("nl", "nl", "servet"), ["linen-napkins"]);
    assert_eq!(found("nl", "nl", "shoppers"), ["canvas-tote"]);
    // Snowball stems the plural shorter than the singular: "overhem", "overhemd".
    assert_eq!(found("nl", "nl", "overhemden"), ["linen-shirt"]);
}

#[test]
fn a_french_query_without_accents_finds_the_accented_name() {
    assert_eq!(found("fr", "fr", "echarpe"), ["wool-scarf"]);
    assert_eq!(found("fr", "fr", "mug ceramique"), ["ceramic-mug"]);
    assert_eq!(found("fr", "fr", "chemises"), ["linen-shirt"]);
}

#[test]
fn a_german_plural_with_umlaut_finds_the_singular() {
    assert!(found("de", "de", "Rucksäcke").contains(&"city-backpack".to_owned()));
}

#[test]
fn arabic_matches_without_vowel_signs_and_without_the_article() {
    // The name is written "تسوّق", with a shadda.
    assert_eq!(found("ar", "ae", "تسوق"), ["canvas-tote"]);
    let linen = found("ar", "ae", "كتان");
    assert!(linen.contains(&"linen-shirt".to_owned()), "{linen:?}");
    assert!(linen.contains(&"linen-napkins".to_owned()), "{linen:?}");
}

#[test]
fn a_category_name_finds_the_products_of_the_category() {
    let bags = found("nl", "nl", "tassen");
    for id in ["canvas-tote", "city-backpack", "leather-weekender"] {
        assert!(bags.contains(&id.to_owned()), "{bags:?}");
    }
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let typed = found("en", "gb", "lin");
    assert!(typed.contains(&"linen-shirt".to_owned()), "{typed:?}");
    assert!(typed.contains(&"linen-napkins".to_owned()), "{typed:?}");
    assert_eq!(found("en", "gb", "linen sh"), ["linen-shirt"]);
    // Only the last word is a prefix: "lin" in first place must be a whole word.
    assert!(found("en", "gb", "lin shirt").is_empty());
}

#[test]
fn every_word_must_match() {
    assert_eq!(found("en", "gb", "linen shirt"), ["linen-shirt"]);
    assert!(found("en", "gb", "linen sunglasses").is_empty());
}

#[test]
fn a_name_match_ranks_above_a_description_match() {
    // "Wool scarf" has the word in its name, the merino sweater in its description.
    assert_eq!(found("en", "gb", "wool"), ["wool-scarf", "merino-sweater"]);
}

#[test]
fn only_products_the_market_sells_are_found() {
    assert_eq!(found("en", "gb", "wool scarf"), ["wool-scarf"]);
    assert!(found("en", "ae", "wool scarf").is_empty());
    assert!(found("ar", "ae", "وشاح").is_empty());
}

#[test]
fn query_syntax_is_only_characters() {
    assert_eq!(found("en", "gb", "\"linen\" AND +shirt*"), ["linen-shirt"]);
    assert!(found("en", "gb", "").is_empty());
    assert!(found("en", "gb", "  ?!  ").is_empty());
    assert!(found("xx", "gb", "linen").is_empty());
}

#[test]
fn the_count_covers_every_match() {
    let hits = index().search("en", "gb", "linen").expect("search");
    assert_eq!(hits.matched, hits.products(demo()).len());
    assert_eq!(index().stats().products, demo().products.len());
    assert!(index().stats().bytes > 0);
}

#[test]
fn an_index_on_disk_is_opened_again_not_rebuilt() {
    let root = tempfile::tempdir().expect("temp dir");
    let first = SearchIndex::open_or_build(demo(), root.path()).expect("built");
    assert!(first.stats().built_in.is_some());
    drop(first);
    let again = SearchIndex::open_or_build(demo(), root.path()).expect("opened");
    assert!(
        again.stats().built_in.is_none(),
        "the index was built again"
    );
    let hits = again.search("fr", "fr", "echarpe").expect("search");
    assert_eq!(hits.matched, 1);
    let folders = std::fs::read_dir(root.path()).expect("root").count();
    assert_eq!(folders, 1, "one index folder, no leftovers");
}

#[test]
fn a_damaged_index_on_disk_is_built_again() {
    let root = tempfile::tempdir().expect("temp dir");
    drop(SearchIndex::open_or_build(demo(), root.path()).expect("built"));
    let folder = std::fs::read_dir(root.path())
        .expect("root")
        .flatten()
        .next()
        .expect("an index folder")
        .path();
    std::fs::remove_file(folder.join("meta.json")).expect("meta.json removed");
    let rebuilt = SearchIndex::open_or_build(demo(), root.path()).expect("rebuilt");
    assert!(rebuilt.stats().built_in.is_some());
    assert_eq!(
        rebuilt.search("en", "gb", "mug").expect("search").matched,
        1
    );
}

#[test]
fn an_unchanged_catalogue_keeps_its_index() {
    let current = Arc::new(SearchIndex::build(demo()).expect("built"));
    let next = SearchIndex::for_site(&current, demo(), None).expect("kept");
    assert!(Arc::ptr_eq(&current, &next));
}
