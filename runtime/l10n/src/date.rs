use icu::calendar::{Date, Iso};
use icu::datetime::DateTimeFormatter;
use icu::datetime::fieldsets::YMD;
use icu::locale::Locale;

use crate::L10nError;

/// Formats calendar dates in the locale's long style (`28 november 2026` in nl-NL).
#[derive(Debug)]
pub struct DateFormatter {
    inner: DateTimeFormatter<YMD>,
}

impl DateFormatter {
    /// Builds the formatter for a locale; do it once per snapshot.
    pub fn new(locale: &Locale) -> Result<Self, L10nError> {
        let inner = DateTimeFormatter::try_new(locale.into(), YMD::long()).map_err(|source| {
            L10nError::MissingData {
                what: format!("date patterns in {locale}"),
                reason: source.to_string(),
            }
        })?;
        Ok(Self { inner })
    }

    /// Formats an ISO date given as year, month (1–12) and day; an impossible date is
    /// rendered in ISO 8601 form rather than failing the page.
    pub fn format_ymd(&self, year: i32, month: u8, day: u8) -> String {
        match Date::try_new_iso(year, month, day) {
            Ok(date) => self.format_iso(&date),
            Err(_) => format!("{year:04}-{month:02}-{day:02}"),
        }
    }

    fn format_iso(&self, date: &Date<Iso>) -> String {
        self.inner.format(date).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_are_localised() {
        let nl = DateFormatter::new(&"nl-NL".parse().expect("valid")).expect("CLDR data");
        assert_eq!(nl.format_ymd(2026, 11, 28), "28 november 2026");
        let en = DateFormatter::new(&"en-US".parse().expect("valid")).expect("CLDR data");
        assert_eq!(en.format_ymd(2026, 11, 28), "November 28, 2026");
    }
}
