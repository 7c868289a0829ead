use icu::decimal::DecimalFormatter;
use icu::locale::Locale;

use crate::L10nError;

/// Formats plain numbers (quantities, percentages) with the locale's CLDR symbols.
#[derive(Debug)]
pub struct NumberFormatter {
    inner: DecimalFormatter,
}

impl NumberFormatter {
    /// Builds the formatter for a locale; do it once per snapshot.
    pub fn new(locale: &Locale) -> Result<Self, L10nError> {
        let inner =
            DecimalFormatter::try_new(locale.into(), Default::default()).map_err(|source| {
                L10nError::MissingData {
                    what: format!("decimal symbols in {locale}"),
                    reason: source.to_string(),
                }
            })?;
        Ok(Self { inner })
    }

    /// Formats an integer with grouping (`1234` → `1.234` in de-DE).
    pub fn format_int(&self, value: i64) -> String {
        self.inner.format_to_string(&value.into())
    }

    /// Formats a decimal given as a plain string (`"8.1"` → `8,1` in de-CH is `8.1`);
    /// a malformed string is returned as is.
    pub fn format_decimal_str(&self, value: &str) -> String {
        match value.parse() {
            Ok(decimal) => self.inner.format_to_string(&decimal),
            Err(_) => value.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatter(tag: &str) -> NumberFormatter {
        NumberFormatter::new(&tag.parse().expect("valid locale")).expect("CLDR data")
    }

    #[test]
    fn grouping_follows_the_locale() {
        assert_eq!(formatter("de-DE").format_int(1234), "1.234");
        assert_eq!(formatter("en-GB").format_int(1234), "1,234");
    }

    #[test]
    fn decimals_use_the_locale_separator() {
        assert_eq!(formatter("de-DE").format_decimal_str("8.1"), "8,1");
        assert_eq!(formatter("en-US").format_decimal_str("8.1"), "8.1");
    }
}
