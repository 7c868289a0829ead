//! Fluent's own number formatting ignores the locale; this hook routes every numeric
//! placeable through ICU4X instead.

use fixed_decimal::Decimal;
use fluent_bundle::FluentValue;
use icu::decimal::DecimalFormatter;
use icu::locale::Locale;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

/// An ICU4X decimal formatter memoised once per bundle language.
pub(super) struct IcuDecimal(DecimalFormatter);

impl Memoizable for IcuDecimal {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, ()> {
        let locale: Locale = lang.to_string().parse().map_err(|_| ())?;
        DecimalFormatter::try_new((&locale).into(), Default::default())
            .map(IcuDecimal)
            .map_err(|_| ())
    }
}

/// The bundle's formatter hook: numbers through ICU4X, anything else left to Fluent.
pub(super) fn format_number(value: &FluentValue, memo: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let decimal: Decimal = number.as_string().parse().ok()?;
    memo.with_try_get::<IcuDecimal, _, _>((), |fmt| fmt.0.format_to_string(&decimal))
        .ok()
}
