use icu::locale::{LanguageIdentifier as IcuLangId, Locale, LocaleDirectionality};
use unic_langid::LanguageIdentifier;

use crate::L10nError;

/// Writing direction of a storefront's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (Latin, Cyrillic…).
    Ltr,
    /// Right to left (Arabic, Hebrew…).
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_html(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A storefront's locale in the forms each library needs, plus its fallback chain.
#[derive(Clone, Debug)]
pub struct StorefrontLocale {
    /// The ICU4X locale (CLDR formatting).
    pub icu: Locale,
    /// The same locale as Fluent expects it.
    pub fluent: LanguageIdentifier,
    /// Locales to look messages up in, most specific first (`nl-BE`, `nl`, `en`).
    pub chain: Vec<LanguageIdentifier>,
    /// Writing direction, from CLDR likely-subtags data.
    pub direction: Direction,
    /// The canonical BCP 47 tag, formatted once.
    canonical: String,
}

impl StorefrontLocale {
    /// Parses a BCP 47 tag and derives the chain `tag → language → default language`.
    pub fn new(tag: &str, default_language: &str) -> Result<Self, L10nError> {
        let bad = || L10nError::BadLocale(tag.to_owned());
        let icu: Locale = tag.parse().map_err(|_| bad())?;
        let fluent: LanguageIdentifier = tag.parse().map_err(|_| bad())?;
        let chain = fallback_chain(&fluent, default_language)?;
        let direction = direction_of(&icu.id);
        let canonical = fluent.to_string();
        Ok(Self {
            icu,
            fluent,
            chain,
            direction,
            canonical,
        })
    }

    /// The language subtag (`nl` for `nl-BE`).
    pub fn language(&self) -> &str {
        self.fluent.language.as_str()
    }

    /// The BCP 47 tag (`nl-BE`), as used in `<html lang>` and `hreflang`.
    pub fn tag(&self) -> String {
        self.canonical.clone()
    }
}

fn fallback_chain(
    tag: &LanguageIdentifier,
    default_language: &str,
) -> Result<Vec<LanguageIdentifier>, L10nError> {
    let mut chain = vec![tag.clone()];
    let language: LanguageIdentifier = tag
        .language
        .as_str()
        .parse()
        .map_err(|_| L10nError::BadLocale(tag.to_string()))?;
    let default: LanguageIdentifier = default_language
        .parse()
        .map_err(|_| L10nError::BadLocale(default_language.to_owned()))?;
    for next in [language, default] {
        if !chain.contains(&next) {
            chain.push(next);
        }
    }
    Ok(chain)
}

fn direction_of(id: &IcuLangId) -> Direction {
    if LocaleDirectionality::new_common().is_right_to_left(id) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_goes_from_region_to_language_to_default() {
        let locale = StorefrontLocale::new("nl-BE", "en").expect("valid");
        let chain: Vec<String> = locale.chain.iter().map(ToString::to_string).collect();
        assert_eq!(chain, ["nl-BE", "nl", "en"]);
    }

    #[test]
    fn default_language_is_not_repeated() {
        let locale = StorefrontLocale::new("en-US", "en").expect("valid");
        let chain: Vec<String> = locale.chain.iter().map(ToString::to_string).collect();
        assert_eq!(chain, ["en-US", "en"]);
    }

    #[test]
    fn arabic_is_right_to_left() {
        let ar = StorefrontLocale::new("ar-AE", "en").expect("valid");
        assert_eq!(ar.direction, Direction::Rtl);
        let nl = StorefrontLocale::new("nl-NL", "en").expect("valid");
        assert_eq!(nl.direction, Direction::Ltr);
    }

    #[test]
    fn garbage_tags_are_rejected() {
        assert!(StorefrontLocale::new("not a locale", "en").is_err());
    }
}
