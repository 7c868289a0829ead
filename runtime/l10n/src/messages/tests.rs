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
fn syntax_errors_report_their_line() {
    let problems =
        parse_ftl("nl/main.ftl", "ok = fine\nbroken = {\n".to_owned()).expect_err("invalid ftl");
    assert_eq!(problems[0].line, 2);
}
