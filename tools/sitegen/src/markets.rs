//! The markets a generated site may have, in the order they are taken: the demo's eight
//! first, then 32 more, 49 storefronts in all.

/// One market of the table.
pub struct MarketSpec {
    /// ISO country code.
    pub country: &'static str,
    /// The country's name (in every language: generated sites are for measuring).
    pub name: &'static str,
    /// Its currency.
    pub currency: &'static str,
    /// VAT rate for tax-inclusive prices; `None` shows prices before sales tax.
    pub vat: Option<&'static str>,
    /// Whether the EU's Omnibus rule applies.
    pub omnibus: bool,
    /// Storefront languages.
    pub languages: &'static [&'static str],
}

const fn eu(
    country: &'static str,
    name: &'static str,
    vat: &'static str,
    languages: &'static [&'static str],
) -> MarketSpec {
    MarketSpec {
        country,
        name,
        currency: "EUR",
        vat: Some(vat),
        omnibus: true,
        languages,
    }
}

const fn other(
    country: &'static str,
    name: &'static str,
    currency: &'static str,
    vat: Option<&'static str>,
    languages: &'static [&'static str],
) -> MarketSpec {
    MarketSpec {
        country,
        name,
        currency,
        vat,
        omnibus: false,
        languages,
    }
}

/// Every market a generated site can have.
pub const MARKETS: [MarketSpec; 40] = [
    eu("NL", "Netherlands", "21", &["nl", "en"]),
    eu("BE", "Belgium", "21", &["nl", "fr"]),
    eu("DE", "Germany", "19", &["de", "en"]),
    eu("FR", "France", "20", &["fr", "en"]),
    other("CH", "Switzerland", "CHF", Some("8.1"), &["de", "fr"]),
    other("GB", "United Kingdom", "GBP", Some("20"), &["en"]),
    other("US", "United States", "USD", None, &["en"]),
    other(
        "AE",
        "United Arab Emirates",
        "AED",
        Some("5"),
        &["ar", "en"],
    ),
    eu("AT", "Austria", "20", &["de"]),
    eu("LU", "Luxembourg", "17", &["fr", "de"]),
    eu("IE", "Ireland", "23", &["en"]),
    other("CA", "Canada", "CAD", None, &["en", "fr"]),
    other("AU", "Australia", "AUD", Some("10"), &["en"]),
    other("SA", "Saudi Arabia", "SAR", Some("15"), &["ar"]),
    other("DK", "Denmark", "DKK", Some("25"), &["en"]),
    other("SE", "Sweden", "SEK", Some("25"), &["en"]),
    other("NO", "Norway", "NOK", Some("25"), &["en"]),
    other("PL", "Poland", "PLN", Some("23"), &["en"]),
    other("CZ", "Czechia", "CZK", Some("21"), &["en"]),
    other("JP", "Japan", "JPY", Some("10"), &["en"]),
    eu("FI", "Finland", "25.5", &["en"]),
    eu("PT", "Portugal", "23", &["en"]),
    eu("ES", "Spain", "21", &["en"]),
    eu("IT", "Italy", "22", &["en"]),
    eu("GR", "Greece", "24", &["en"]),
    eu("MT", "Malta", "18", &["en"]),
    eu("CY", "Cyprus", "19", &["en"]),
    eu("EE", "Estonia", "22", &["en"]),
    eu("LV", "Latvia", "21", &["en"]),
    eu("LT", "Lithuania", "21", &["en"]),
    eu("SK", "Slovakia", "23", &["en"]),
    eu("SI", "Slovenia", "22", &["en"]),
    eu("HR", "Croatia", "25", &["en"]),
    other("LI", "Liechtenstein", "CHF", Some("8.1"), &["de"]),
    other("MC", "Monaco", "EUR", Some("20"), &["fr", "en"]),
    other("AD", "Andorra", "EUR", Some("4.5"), &["fr"]),
    other("SM", "San Marino", "EUR", None, &["en"]),
    other("PR", "Puerto Rico", "USD", None, &["en"]),
    other("FO", "Faroe Islands", "DKK", Some("25"), &["en"]),
    other("BQ", "Caribbean Netherlands", "USD", None, &["nl"]),
];

/// Whole units of a currency worth about one euro, in minor units per euro cent: how a
/// euro price is turned into a local one (`JPY` has no minor unit, so 1.6 yen a cent).
pub fn per_euro_cent(currency: &str) -> f64 {
    match currency {
        "CHF" => 0.95,
        "GBP" => 0.85,
        "USD" => 1.1,
        "AED" | "SAR" => 4.0,
        "CAD" => 1.5,
        "AUD" => 1.65,
        "DKK" => 7.5,
        "SEK" | "NOK" => 11.5,
        "PLN" => 4.3,
        "CZK" => 25.0,
        "JPY" => 1.6,
        _ => 1.0,
    }
}
