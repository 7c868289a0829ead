//! Fluent's own number formatting ignores the locale; this hook routes every numeric
//! placeable through ICU4X instead, in the *storefront's* locale: a message that comes from
//! a less specific bundle (`de` for `de-CH`) or from a fallback language (`en` for `ar-AE`)
//! still shows the storefront's digits and separators, while its plural rules stay those of
//! the language it is written in.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fixed_decimal::Decimal;
use fluent_bundle::FluentValue;
use icu::decimal::DecimalFormatter;
use icu::locale::Locale;
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

/// An ICU4X decimal formatter memoised once per bundle language (used only when no
/// storefront formatter is in effect).
pub(super) struct IcuDecimal(DecimalFormatter);

impl Memoizable for IcuDecimal {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, ()> {
        decimal_formatter(&lang).map(IcuDecimal).ok_or(())
    }
}

thread_local! {
    /// The storefront formatter in effect while a message is formatted on this thread.
    static CURRENT: Cell<Option<&'static DecimalFormatter>> = const { Cell::new(None) };
}

/// The decimal formatter of a locale, built once per process and kept for its lifetime: a
/// site has a handful of locales, and the hook needs a reference it can hold without a
/// reference count that every worker would contend on.
pub(super) fn storefront_numbers(locale: &LanguageIdentifier) -> Option<&'static DecimalFormatter> {
    static REGISTRY: OnceLock<Mutex<HashMap<String, &'static DecimalFormatter>>> = OnceLock::new();
    let tag = locale.to_string();
    let mut registry = REGISTRY.get_or_init(Default::default).lock().ok()?;
    if let Some(formatter) = registry.get(&tag) {
        return Some(formatter);
    }
    let formatter: &'static DecimalFormatter = Box::leak(Box::new(decimal_formatter(locale)?));
    registry.insert(tag, formatter);
    Some(formatter)
}

fn decimal_formatter(lang: &LanguageIdentifier) -> Option<DecimalFormatter> {
    let locale: Locale = lang.to_string().parse().ok()?;
    DecimalFormatter::try_new((&locale).into(), Default::default()).ok()
}

/// Runs `format` with `numbers` as the formatter of every numeric placeable.
pub(super) fn with_numbers<T>(
    numbers: Option<&'static DecimalFormatter>,
    format: impl FnOnce() -> T,
) -> T {
    struct Restore(Option<&'static DecimalFormatter>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.set(self.0);
        }
    }
    let _restore = Restore(CURRENT.replace(numbers));
    format()
}

/// The bundle's formatter hook: numbers through ICU4X, anything else left to Fluent.
pub(super) fn format_number(value: &FluentValue, memo: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let decimal: Decimal = number.as_string().parse().ok()?;
    if let Some(formatter) = CURRENT.get() {
        return Some(formatter.format_to_string(&decimal));
    }
    memo.with_try_get::<IcuDecimal, _, _>((), |fmt| fmt.0.format_to_string(&decimal))
        .ok()
}
