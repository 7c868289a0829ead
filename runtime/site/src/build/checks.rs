//! Small validation rules shared by several files.

use crate::reader::Reader;

/// A language subtag: two or three lower-case ASCII letters.
pub fn language(reader: &mut Reader<'_>, file: &str, key: &str, value: &str) -> bool {
    let ok = (2..=3).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_lowercase());
    if !ok {
        reader.problem(
            file,
            key,
            format!("`{value}` is not a language subtag (two or three lower-case letters)"),
        );
    }
    ok
}

/// An ISO 3166-1 alpha-2 country code in upper case.
pub fn country(reader: &mut Reader<'_>, file: &str, key: &str, value: &str) -> bool {
    let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase());
    if !ok {
        reader.problem(
            file,
            key,
            format!("`{value}` is not an ISO 3166-1 country code (two upper-case letters)"),
        );
    }
    ok
}

/// An id used in URLs and references: lower-case letters, digits and single hyphens.
pub fn id(reader: &mut Reader<'_>, file: &str, key: &str, value: &str) -> bool {
    let ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--");
    if !ok {
        reader.problem(
            file,
            key,
            format!("`{value}` is not a valid id (lower-case letters, digits and hyphens)"),
        );
    }
    ok
}

/// Every language in `required` has a non-empty text.
pub fn translated(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    texts: &std::collections::BTreeMap<String, String>,
    required: &std::collections::BTreeSet<String>,
) {
    for language in required {
        if texts.get(language).is_none_or(|t| t.trim().is_empty()) {
            reader.problem(
                file,
                format!("{key}.{language}"),
                format!("missing text in `{language}`, a language of a storefront"),
            );
        }
    }
}

/// A TOML local date (`2026-11-20`) as a calendar date.
pub fn date(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    value: &toml::value::Datetime,
) -> Option<time::Date> {
    let parsed = match (value.date, value.time, value.offset) {
        (Some(d), None, None) => time::Month::try_from(d.month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(i32::from(d.year), m, d.day).ok()),
        _ => None,
    };
    if parsed.is_none() {
        reader.problem(
            file,
            key,
            format!("`{value}` is not a plain date (YYYY-MM-DD)"),
        );
    }
    parsed
}
