use icu::locale::Locale;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;

use crate::{Currency, L10nError};

/// An amount of money in minor units of a currency (cents for EUR).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units; never a float.
    pub minor: i64,
    /// The currency the amount is in.
    pub currency: Currency,
}

/// Formats money for one locale and one currency exactly as CLDR prescribes.
#[derive(Debug)]
pub struct MoneyFormatter {
    currency: Currency,
    inner: CurrencyFormatter<icu::decimal::DecimalFormatter>,
}

impl MoneyFormatter {
    /// Builds the formatter; expensive, so do it once per site snapshot.
    pub fn new(locale: &Locale, currency: Currency) -> Result<Self, L10nError> {
        let code = CurrencyType::try_from_str(currency.code())
            .map_err(|_| L10nError::UnknownCurrency(currency.code().to_owned()))?;
        let inner = CurrencyFormatter::try_new_symbol(locale.into(), code, Default::default())
            .map_err(|source| L10nError::MissingData {
                what: format!("currency {currency} in {locale}"),
                reason: source.to_string(),
            })?;
        Ok(Self { currency, inner })
    }

    /// The currency this formatter is for.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Formats an amount in minor units, e.g. `123456` → `€ 1.234,56` in nl-NL.
    pub fn format_minor(&self, minor: i64) -> String {
        let decimal = self.currency.decimal_string(minor);
        match decimal.parse() {
            Ok(value) => self.inner.format_fixed_decimal(&value).to_string(),
            Err(_) => format!("{} {decimal}", self.currency),
        }
    }

    /// Formats a [`Money`] value; a currency other than this formatter's is shown with its
    /// ISO code rather than silently mislabelled.
    pub fn format(&self, money: Money) -> String {
        if money.currency == self.currency {
            self.format_minor(money.minor)
        } else {
            format!(
                "{} {}",
                money.currency,
                money.currency.decimal_string(money.minor)
            )
        }
    }
}

#[cfg(test)]
mod tests;
