use super::*;

fn set(files: &[(&str, &str)]) -> LocaleBundleSet {
    let mut set = LocaleBundleSet::default();
    for (locale, source) in files {
        let file =
            parse_ftl(&format!("{locale}/main.ftl"), (*source).to_owned()).expect("valid ftl");
        set.add(locale.parse().expect("valid locale"), file);
    }
    set
}

fn chain(tags: &[&str]) -> Vec<LanguageIdentifier> {
    tags.iter().map(|t| t.parse().expect("valid")).collect()
}

#[test]
fn regional_overrides_win_and_language_fills_the_rest() {
    let set = set(&[
        ("nl", "cart = Winkelwagen\nhome = Home"),
        ("nl-BE", "cart = Winkelmandje"),
        ("en", "cart = Basket\nhome = Home\nsearch = Search"),
    ]);
    let stats = Arc::new(MessageStats::default());
    let messages = set.messages(
        &chain(&["nl-BE", "nl", "en"]),
        Direction::Ltr,
        stats.clone(),
    );
    assert_eq!(messages.text("cart"), "Winkelmandje");
    assert_eq!(messages.text("home"), "Home");
    assert_eq!(stats.missing(), 0);
}

#[test]
fn missing_messages_fall_back_and_are_counted() {
    let set = set(&[("nl", "cart = Winkelwagen"), ("en", "search = Search")]);
    let stats = Arc::new(MessageStats::default());
    let messages = set.messages(
        &chain(&["nl-NL", "nl", "en"]),
        Direction::Ltr,
        stats.clone(),
    );
    assert_eq!(messages.text("search"), "Search");
    assert_eq!(messages.text("nowhere"), "nowhere");
    assert_eq!(stats.missing(), 2);
}

#[test]
fn numbers_are_formatted_by_icu_and_select_plurals() {
    let set = set(&[(
        "de",
        "items = { $count ->\n    [one] { $count } Artikel\n   *[other] { $count } Artikel gesamt\n}",
    )]);
    let stats = Arc::new(MessageStats::default());
    let messages = set.messages(&chain(&["de-DE", "de"]), Direction::Ltr, stats);
    assert_eq!(
        messages.format("items", &[("count", Arg::Int(1))]),
        "1 Artikel"
    );
    assert_eq!(
        messages.format("items", &[("count", Arg::Int(1234))]),
        "1.234 Artikel gesamt"
    );
}

#[test]
fn right_to_left_storefronts_isolate_placeables() {
    let set = set(&[("ar", "hello = مرحبا { $name }")]);
    let stats = Arc::new(MessageStats::default());
    let messages = set.messages(&chain(&["ar-AE", "ar"]), Direction::Rtl, stats);
    let text = messages.format("hello", &[("name", Arg::Text("Vitrine"))]);
    assert_eq!(text, "مرحبا \u{2068}Vitrine\u{2069}");
}

#[test]
fn syntax_errors_report_their_line_and_column() {
    let problems =
        parse_ftl("nl/main.ftl", "ok = fine\nbroken = {\n".to_owned()).expect_err("invalid ftl");
    assert_eq!((problems[0].line, problems[0].column), (2, 11));
    let problems = parse_ftl("nl/main.ftl", "ok = fine\nçà = x\n".to_owned()).expect_err("invalid");
    assert_eq!(
        (problems[0].line, problems[0].column),
        (2, 1),
        "columns count characters"
    );
}

#[test]
fn numbers_follow_the_storefront_locale_in_any_bundle_of_the_chain() {
    // A regional storefront whose messages come from the language bundle, and one whose
    // messages fall back to another language: digits and separators are the storefront's.
    let set = set(&[
        ("de", "units = { $count } Stück"),
        ("en", "units = { $count } units"),
    ]);
    let stats = Arc::new(MessageStats::default());
    let swiss = set.messages(
        &chain(&["de-CH", "de", "en"]),
        Direction::Ltr,
        stats.clone(),
    );
    assert_eq!(
        swiss.format("units", &[("count", Arg::Int(1_234_567))]),
        "1'234'567 Stück"
    );
    let french = set.messages(&chain(&["fr-FR", "fr", "en"]), Direction::Ltr, stats);
    assert_eq!(
        french.format("units", &[("count", Arg::Int(1234))]),
        "1\u{202f}234 units"
    );
}

#[test]
fn plural_rules_stay_those_of_the_message_language() {
    // French puts 0 in `one`; an English fallback text must still say "0 items".
    let set = set(&[(
        "en",
        "items = { $count ->\n    [one] one item\n   *[other] { $count } items\n}",
    )]);
    let stats = Arc::new(MessageStats::default());
    let french = set.messages(&chain(&["fr-FR", "fr", "en"]), Direction::Ltr, stats);
    assert_eq!(french.format("items", &[("count", Arg::Int(0))]), "0 items");
}

#[test]
fn bounded_formatting_stops_at_the_limit() {
    let placeables = "{ $a }".repeat(100);
    let source = format!("bomb = {placeables}\nshort = Hi {{ $a }}");
    let set = set(&[("en", &source)]);
    let stats = Arc::new(MessageStats::default());
    let messages = set.messages(&chain(&["en-GB", "en"]), Direction::Ltr, stats);
    let big = "x".repeat(10_000);
    let refused = messages.format_bounded("bomb", &[("a", Arg::Text(&big))], 32 * 1024);
    assert_eq!(
        refused,
        Err(TextTooLong {
            max_chars: 32 * 1024
        })
    );
    assert_eq!(
        messages.format_bounded("short", &[("a", Arg::Text("Ana"))], 10),
        Ok("Hi Ana".to_owned())
    );
    assert!(
        messages
            .format_bounded("short", &[("a", Arg::Text("Anastasia"))], 10)
            .is_err()
    );
}
