use super::*;

const HEADER: &str = r#"{"format": "vitrine-catalogue", "version": 1}"#;

fn feed(lines: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for line in lines {
        text.push('\n');
        text.push_str(line);
    }
    text
}

fn problems(text: &str) -> Vec<String> {
    match Feed::parse("catalogue.jsonl", text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

const BAGS: &str = r#"{"type": "category", "id": "bags", "position": 1, "name": {"en": "Bags"}}"#;
const TOTE: &str = r#"{"type": "product", "id": "tote", "category": "bags", "image": "tote.svg", "name": {"en": "Tote"}, "description": {"en": "A tote."}, "prices": {"nl": 4900}, "stock": {"ams": 3}}"#;

#[test]
fn a_feed_reads_categories_and_products_with_their_lines() {
    let feed = Feed::parse("catalogue.jsonl", &feed(&[BAGS, "", TOTE])).expect("a valid feed");
    assert_eq!(feed.categories["bags"].line, Some(2));
    assert_eq!(feed.products["tote"].line, Some(4), "blank lines count");
    let tote = &feed.products["tote"].record;
    assert_eq!(tote.prices["nl"], 4900);
    assert_eq!(tote.stock["ams"], 3);
    assert_eq!(feed.line_of("products.tote.prices.nl"), Some(4));
}

#[test]
fn every_bad_line_is_reported_with_its_line_field_and_rule() {
    let text = feed(&[
        BAGS,
        r#"{"type": "product", "id": "tote", "category": "bags", "image": "t.svg", "name": {}, "description": {}, "prices": {"nl": "49.00"}}"#,
        r#"{"type": "product", "id": "cap", "category": "bags", "image": "c.svg", "name": {}, "description": {}, "colour": "red"}"#,
        r#"{"type": "product", "id": "Bad Id"}"#,
        r#"{"type": "shoe", "id": "x"}"#,
        "{not json",
        BAGS,
        "[1, 2]",
    ]);
    let found = problems(&text);
    let expected = [
        "catalogue.jsonl: `products.tote.prices.nl`: line 3: invalid type: string \"49.00\", expected i64",
        "catalogue.jsonl: `products.cap.colour`: line 4: unknown field",
        "catalogue.jsonl: `id`: line 5: `Bad Id` is not a valid id (lower-case letters, digits and hyphens)",
        "catalogue.jsonl: `type`: line 6: `type` is `category` or `product`",
        "catalogue.jsonl: line 7: not JSON: key must be a string (column 2)",
        "catalogue.jsonl: `categories.bags`: line 8: category `bags` is also on line 2",
        "catalogue.jsonl: line 9: a line holds one JSON object",
    ];
    assert_eq!(found, expected);
}

#[test]
fn the_header_names_the_format_and_a_version_this_runtime_reads() {
    assert_eq!(
        problems(TOTE),
        [
            "catalogue.jsonl: line 1: the first line must be {\"format\": \"vitrine-catalogue\", \"version\": 1}"
        ]
    );
    assert_eq!(
        problems(r#"{"format": "vitrine-catalogue", "version": 2}"#),
        [
            "catalogue.jsonl: `version`: line 1: schema version 2 is not one this runtime reads (it reads 1)"
        ]
    );
    assert_eq!(
        problems(""),
        [
            "catalogue.jsonl: the first line must be {\"format\": \"vitrine-catalogue\", \"version\": 1}"
        ]
    );
}

#[test]
fn rows_read_back_as_the_same_records() {
    let feed = Feed::parse("catalogue.jsonl", &feed(&[BAGS, TOTE])).expect("a valid feed");
    let rows = feed.rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].kind.as_str(), rows[0].id.as_str()),
        ("category", "bags")
    );
    let back = Feed::from_rows("stored", rows).expect("rows read back");
    assert_eq!(back.products["tote"].record, feed.products["tote"].record);
    assert_eq!(back.products["tote"].line, None);
    assert_eq!(
        back.digest(),
        feed.digest(),
        "the digest is of the records only"
    );
    let bad = vec![FeedRow {
        kind: "product".into(),
        id: "tote".into(),
        body: "{}".into(),
    }];
    let problems = Feed::from_rows("stored", bad).expect_err("an unreadable row");
    assert_eq!(problems[0].key, "products.tote");
}

#[test]
fn a_merged_feed_replaces_records_by_id_and_keeps_the_rest() {
    let base = Feed::parse("old", &feed(&[BAGS, TOTE])).expect("valid");
    let cap = r#"{"type": "product", "id": "cap", "category": "bags", "image": "c.svg", "name": {"en": "Cap"}, "description": {"en": "A cap."}}"#;
    let cheaper = TOTE.replace("4900", "3900");
    let update = Feed::parse("update", &feed(&[cap, &cheaper])).expect("valid");
    let merged = update.over(base);
    assert_eq!(merged.name, "update");
    assert_eq!(merged.categories.len(), 1, "the stored category stays");
    assert_eq!(merged.products["tote"].record.prices["nl"], 3900);
    assert!(merged.products.contains_key("cap"));
}
