use super::*;

fn format(locale: &str, currency: &str, minor: i64) -> String {
    let locale: Locale = locale.parse().expect("valid locale");
    let currency = Currency::parse(currency).expect("supported currency");
    MoneyFormatter::new(&locale, currency)
        .expect("CLDR data")
        .format_minor(minor)
}

/// Compares code point by code point so that a U+00A0 never passes for a U+0020.
fn assert_code_points(actual: &str, expected: &str) {
    let a: Vec<u32> = actual.chars().map(u32::from).collect();
    let e: Vec<u32> = expected.chars().map(u32::from).collect();
    assert_eq!(a, e, "{actual:?} != {expected:?}");
}

#[test]
fn cldr_money_matches_code_points_in_every_demo_locale() {
    let cases = [
        ("nl-NL", "EUR", "€\u{a0}1.234,56"),
        ("nl-BE", "EUR", "€\u{a0}1.234,56"),
        ("de-DE", "EUR", "1.234,56\u{a0}€"),
        ("fr-FR", "EUR", "1\u{202f}234,56\u{a0}€"),
        ("fr-BE", "EUR", "1\u{202f}234,56\u{a0}€"),
        ("en-GB", "GBP", "£1,234.56"),
        ("en-US", "USD", "$1,234.56"),
        ("de-CH", "CHF", "CHF\u{a0}1'234.56"),
        ("ar-AE", "AED", "\u{200f}1,234.56\u{a0}د.إ.\u{200f}"),
    ];
    for (locale, currency, expected) in cases {
        assert_code_points(&format(locale, currency, 123_456), expected);
    }
}

#[test]
fn whole_amounts_keep_their_minor_digits() {
    assert_code_points(&format("en-US", "USD", 4900), "$49.00");
}

#[test]
fn zero_decimal_currencies_have_no_fraction() {
    assert_code_points(&format("en-US", "JPY", 1200), "¥1,200");
}
