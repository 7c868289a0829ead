//! Small validation rules shared by several files.

use crate::reader::Reader;

/// Whether a string is a language subtag: two or three lower-case ASCII letters.
pub fn is_language(value: &str) -> bool {
    (2..=3).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_lowercase())
}

/// A language subtag, reported if invalid.
pub fn language(reader: &mut Reader<'_>, file: &str, key: &str, value: &str) -> bool {
    let ok = is_language(value);
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

/// Whether a string is an id used in URLs and references: lower-case letters, digits and
/// single hyphens.
pub fn is_id(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
}

/// An id, reported if invalid.
pub fn id(reader: &mut Reader<'_>, file: &str, key: &str, value: &str) -> bool {
    let ok = is_id(value);
    if !ok {
        reader.problem(
            file,
            key,
            format!("`{value}` is not a valid id (lower-case letters, digits and hyphens)"),
        );
    }
    ok
}

/// The rule a feed site's TOML file breaks by holding catalogue content: `what` belongs
/// in the feed.
pub fn belongs_in_feed(what: &str) -> String {
    format!("this site's catalogue is its feed (`catalogue = \"feed\"` in `site.toml`): {what}")
}

/// A translatable text of some file, checked against the storefront languages.
pub struct TextEntry<'a> {
    /// The file it is in.
    pub file: &'a str,
    /// Its key (`name`, `bags.name`).
    pub key: String,
    /// Text per language.
    pub texts: &'a std::collections::BTreeMap<String, String>,
}

/// Every entry has a non-empty text in every language of `required`. A language missing
/// from every entry (a new storefront language without content yet) is reported once for
/// `whole` (`(folder, what)`) instead of once per entry.
pub fn translations(
    reader: &mut Reader<'_>,
    entries: &[TextEntry<'_>],
    required: &std::collections::BTreeSet<String>,
    whole: (&str, &str),
) {
    for language in required {
        let missing: Vec<&TextEntry<'_>> = entries
            .iter()
            .filter(|e| e.texts.get(language).is_none_or(|t| t.trim().is_empty()))
            .collect();
        if missing.len() > 1 && missing.len() == entries.len() {
            let (folder, what) = whole;
            let rule = format!("no {what} has text in `{language}`, a language of a storefront");
            reader.problem(folder, "", rule);
            continue;
        }
        for entry in missing {
            let rule = format!("missing text in `{language}`, a language of a storefront");
            reader.problem(entry.file, format!("{}.{language}", entry.key), rule);
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
