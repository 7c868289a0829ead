//! Product search as shoppers use it, through the real binary and its on-disk index: words
//! match in the storefront's language whatever their form (plural, accents, the Arabic
//! article), names count more than descriptions, the last word matches as it is being
//! typed, a market finds only what it sells, a recalled product is never found, an edited
//! catalogue is searchable once reloaded, and a restart opens the index it built before.

use reqwest::StatusCode;
use serde_json::json;

use crate::harness::admin::admin;
use crate::harness::{Server, Shopper, TestSite, product_links};

/// The products a search in `storefront` finds, best first.
async fn search(shopper: &mut Shopper, storefront: &str, text: &str) -> Vec<String> {
    let path = format!("/{storefront}/search?q={}", urlencode(text));
    let page = shopper.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    product_links(&page.body, storefront)
        .into_iter()
        .map(|link| link.rsplit('/').next().unwrap_or_default().to_owned())
        .collect()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn has(found: &[String], product: &str) -> bool {
    found.iter().any(|p| p == product)
}

#[tokio::test]
async fn words_match_whatever_their_form_in_the_storefront_language() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let shirts = search(&mut shopper, "en-gb", "shirts").await;
    assert_eq!(shirts, ["linen-shirt"], "a plural finds the singular");
    let dutch = search(&mut shopper, "nl-nl", "overhemden").await;
    assert_eq!(dutch, ["linen-shirt"], "a Dutch plural finds the singular");
    let french = search(&mut shopper, "fr-fr", "chemises").await;
    assert_eq!(french, ["linen-shirt"]);
    let clothing = search(&mut shopper, "fr-fr", "vetements").await;
    assert!(
        has(&clothing, "linen-shirt") && has(&clothing, "rain-jacket"),
        "without its accent a category's name finds its products: {clothing:?}"
    );
    let with_article = search(&mut shopper, "ar-ae", "الكتان").await;
    let without = search(&mut shopper, "ar-ae", "كتان").await;
    assert!(has(&with_article, "linen-shirt"), "{with_article:?}");
    assert_eq!(with_article, without, "the article makes no difference");
    let dutch = search(&mut shopper, "nl-nl", "LINNEN servetten").await;
    assert_eq!(dutch, ["linen-napkins"], "every word must match");
}

#[tokio::test]
async fn a_name_counts_more_than_a_description_and_the_last_word_matches_as_typed() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let wool = search(&mut shopper, "en-gb", "wool").await;
    assert_eq!(
        wool,
        ["wool-scarf", "merino-sweater"],
        "the scarf is named wool; the sweater's description only mentions it"
    );
    let typing = search(&mut shopper, "en-gb", "lin").await;
    assert!(
        has(&typing, "linen-shirt") && has(&typing, "linen-napkins"),
        "{typing:?}"
    );
    assert!(
        search(&mut shopper, "en-gb", "l").await.is_empty(),
        "one letter is not a word to search for"
    );
    let syntax = search(&mut shopper, "en-gb", "wool AND -scarf \"*\"").await;
    assert_eq!(
        syntax,
        ["wool-scarf"],
        "query syntax is only text: -scarf excludes nothing"
    );
}

#[tokio::test]
async fn a_market_finds_only_what_it_sells_and_never_a_recalled_product() {
    let server = Server::start();
    let mut shopper = server.shopper();
    assert!(has(
        &search(&mut shopper, "en-gb", "scarf").await,
        "wool-scarf"
    ));
    let arabic = search(&mut shopper, "ar-ae", "وشاح").await;
    assert!(
        arabic.is_empty(),
        "the UAE does not sell the scarf: {arabic:?}"
    );
    let recall = json!({ "product": "linen-shirt", "reason": "button may come off" });
    let made = admin(&server, "POST", "/admin/recalls", Some(recall)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    for (storefront, text) in [("en-gb", "linen"), ("nl-nl", "linnen"), ("fr-fr", "lin")] {
        let found = search(&mut shopper, storefront, text).await;
        assert!(
            !has(&found, "linen-shirt"),
            "{storefront}: a recalled product is not found: {found:?}"
        );
        assert!(has(&found, "linen-napkins"), "{storefront}: {found:?}");
    }
}

#[tokio::test]
async fn an_edited_catalogue_is_searchable_once_reloaded() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let mut shopper = server.shopper();
    assert!(search(&mut shopper, "en-gb", "tartan").await.is_empty());
    site.replace(
        "site/catalogue/products/wool-scarf.toml",
        "en = \"Wool scarf\"",
        "en = \"Tartan scarf\"",
    );
    let reloaded = admin(&server, "POST", "/admin/reload", None).await;
    assert_eq!(reloaded.status, StatusCode::OK, "{:?}", reloaded.body);
    assert_eq!(
        search(&mut shopper, "en-gb", "tartan").await,
        ["wool-scarf"]
    );
    let nl = search(&mut shopper, "nl-nl", "sjaal").await;
    assert_eq!(nl, ["wool-scarf"], "the other languages still find it");
}

/// Asserts that the server's start-up log says `what` about its search index.
fn assert_index_log(server: &Server, what: &str) {
    let log = server.log_lines();
    assert!(
        log.iter()
            .any(|l| l.contains(&format!("search index {what}"))),
        "«search index {what}» in:\n{}",
        log.join("\n")
    );
}

#[tokio::test]
async fn a_restart_opens_the_index_it_built_and_rebuilds_a_damaged_one() {
    let server = Server::start();
    assert_index_log(&server, "built");
    let server = server.restart();
    assert_index_log(&server, "opened from disk");
    let mut shopper = server.shopper();
    assert_eq!(
        search(&mut shopper, "en-gb", "shirt").await,
        ["linen-shirt"]
    );
    damage_index_files(&server.data_dir.join("search"));
    let server = server.restart();
    assert_index_log(&server, "built");
    let mut shopper = server.shopper();
    assert_eq!(
        search(&mut shopper, "en-gb", "shirt").await,
        ["linen-shirt"]
    );
}

#[tokio::test]
async fn a_data_folder_that_cannot_hold_the_index_still_serves_search() {
    let server = Server::start().restart_after(|data| {
        std::fs::remove_dir_all(data.join("search")).expect("index folder");
        std::fs::write(data.join("search"), b"not a folder").expect("a file in its way");
    });
    assert_index_log(&server, "not kept on disk: building it in memory");
    let mut shopper = server.shopper();
    assert_eq!(
        search(&mut shopper, "en-gb", "shirt").await,
        ["linen-shirt"]
    );
}

/// Truncates every file of every index under `root` but its completion marker, as a disk
/// that lost them would leave it.
fn damage_index_files(root: &std::path::Path) {
    let mut damaged = 0;
    for folder in std::fs::read_dir(root).expect("search folder").flatten() {
        for file in std::fs::read_dir(folder.path()).expect("index").flatten() {
            if file.file_name() != "vitrine-ready" {
                std::fs::write(file.path(), b"").expect("truncate");
                damaged += 1;
            }
        }
    }
    assert!(damaged > 0, "the index is kept on disk");
}
