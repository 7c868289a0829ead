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
    let hits = index()
        .search(language, market, (text, MAX_HITS))
        .expect("search");
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
    let hits = index()
        .search("en", "gb", ("linen", MAX_HITS))
        .expect("search");
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
    let hits = again
        .search("fr", "fr", ("echarpe", MAX_HITS))
        .expect("search");
    assert_eq!(hits.matched, 1);
    let folders = std::fs::read_dir(root.path()).expect("root").count();
    assert_eq!(folders, 1, "one index folder, no leftovers");
}

/// A folder holding the demo index, and the index's folder in it.
fn built_on_disk() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    drop(SearchIndex::open_or_build(demo(), root.path()).expect("built"));
    let folder = std::fs::read_dir(root.path())
        .expect("root")
        .flatten()
        .next()
        .expect("an index folder")
        .path();
    (root, folder)
}

#[test]
fn a_damaged_index_on_disk_is_built_again() {
    let (root, folder) = built_on_disk();
    std::fs::remove_file(folder.join("meta.json")).expect("meta.json removed");
    let rebuilt = SearchIndex::open_or_build(demo(), root.path()).expect("rebuilt");
    assert!(rebuilt.stats().built_in.is_some());
    assert_eq!(
        rebuilt
            .search("en", "gb", ("mug", MAX_HITS))
            .expect("search")
            .matched,
        1
    );
}

#[test]
fn a_listing_ordered_by_price_gets_every_match_not_only_the_best() {
    let all = index()
        .search("en", "gb", ("linen", usize::MAX))
        .expect("search");
    let best = index().search("en", "gb", ("linen", 1)).expect("search");
    assert_eq!(all.positions.len(), all.matched);
    assert_eq!((best.positions.len(), best.matched), (1, all.matched));
    assert_eq!(best.positions[0], all.positions[0], "the same best match");
}

#[test]
fn a_stop_word_typed_last_asks_for_nothing_and_an_impossible_word_finds_nothing() {
    assert_eq!(found("en", "gb", "mug the"), ["ceramic-mug"]);
    assert!(found("en", "gb", "the").is_empty());
    let long = "x".repeat(61);
    assert!(found("en", "gb", &format!("mug {long}")).is_empty());
}

#[test]
fn two_builds_at_once_in_one_folder_both_end_with_a_usable_index() {
    let root = tempfile::tempdir().expect("temp dir");
    let builds: Vec<_> = (0..2)
        .map(|_| {
            let root = root.path().to_owned();
            std::thread::spawn(move || {
                let index = SearchIndex::open_or_build(demo(), &root).expect("index");
                index
                    .search("en", "gb", ("mug", MAX_HITS))
                    .expect("search")
                    .matched
            })
        })
        .collect();
    for build in builds {
        assert_eq!(build.join().expect("build"), 1);
    }
    let folders = std::fs::read_dir(root.path()).expect("root").count();
    assert_eq!(folders, 1, "one index folder, no leftovers");
}

#[test]
fn a_folder_without_its_ready_marker_is_built_again_and_a_build_under_way_is_left_alone() {
    let (root, folder) = built_on_disk();
    std::fs::remove_file(folder.join("vitrine-ready")).expect("marker removed");
    let other_build = root.path().join("0123abcd.building-1-0");
    std::fs::create_dir(&other_build).expect("another build's folder");
    let rebuilt = SearchIndex::open_or_build(demo(), root.path()).expect("rebuilt");
    assert!(rebuilt.stats().built_in.is_some());
    assert!(folder.join("vitrine-ready").is_file());
    assert!(other_build.is_dir(), "another build's folder is not pruned");
}

#[test]
fn an_unchanged_catalogue_keeps_its_index() {
    let current = Arc::new(SearchIndex::build(demo()).expect("built"));
    let next = SearchIndex::for_site(&current, demo(), None).expect("kept");
    assert!(Arc::ptr_eq(&current, &next));
}
