use std::fmt;

use crate::L10nError;

/// ISO 4217 currencies the runtime can price in, with their number of minor-unit digits.
const SUPPORTED: &[(&str, u8)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("JPY", 0),
    ("NOK", 2),
    ("PLN", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("USD", 2),
];

/// An ISO 4217 currency with the number of digits of its minor unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    minor_digits: u8,
}

impl Currency {
    /// Looks up a supported currency by its upper-case ISO 4217 code.
    pub fn parse(code: &str) -> Result<Self, L10nError> {
        let (name, digits) = SUPPORTED
            .iter()
            .find(|(name, _)| *name == code)
            .ok_or_else(|| L10nError::UnknownCurrency(code.to_owned()))?;
        let bytes = name.as_bytes();
        Ok(Self {
            code: [bytes[0], bytes[1], bytes[2]],
            minor_digits: *digits,
        })
    }

    /// The three-letter ISO 4217 code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// How many decimal digits the minor unit has (2 for cents, 0 for yen).
    pub fn minor_digits(&self) -> u8 {
        self.minor_digits
    }

    /// Renders an amount in minor units as a plain decimal string (`123456` → `1234.56`),
    /// the form schema.org and payment APIs expect.
    pub fn decimal_string(&self, minor: i64) -> String {
        if self.minor_digits == 0 {
            return minor.to_string();
        }
        let scale = 10_i64.pow(u32::from(self.minor_digits));
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let scale = scale.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = usize::from(self.minor_digits)
        )
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_are_rejected() {
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("eur").is_err());
        assert!(Currency::parse("XYZ").is_err());
    }

    #[test]
    fn decimal_strings_respect_minor_digits() {
        let eur = Currency::parse("EUR").expect("EUR is supported");
        assert_eq!(eur.decimal_string(123_456), "1234.56");
        assert_eq!(eur.decimal_string(5), "0.05");
        assert_eq!(eur.decimal_string(-250), "-2.50");
        let jpy = Currency::parse("JPY").expect("JPY is supported");
        assert_eq!(jpy.decimal_string(1200), "1200");
    }
}
