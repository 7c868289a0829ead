//! How text becomes search terms, per storefront language. Two analyzers each:
//! - *stemmed*, for matching whole words: words (see [`words`]), lower-cased, the
//!   language's stop words dropped, accents folded to ASCII (before stemming, so a word
//!   typed without its accents stems exactly like the accented one), then Snowball-stemmed
//!   (Arabic: normalised and light-stemmed instead, see [`arabic`]);
//! - *plain*, for prefix matches while a shopper types: the same words lower-cased and
//!   folded (Arabic: normalised, without the article), not stemmed, since a prefix of a
//!   word is rarely a prefix of its stem.
//!
//! A language without a Snowball stemmer gets the plain analyzer for both.

pub mod arabic;
mod map;
pub mod words;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, StopWordFilter,
    TextAnalyzer, TextAnalyzerBuilder, TokenizerManager,
};

use self::map::MapText;
use self::words::WordTokenizer;

/// Words longer than this (in bytes) are not indexed: no product name has them, and they
/// would only bloat the term dictionary.
pub(crate) const MAX_WORD_BYTES: usize = 60;

/// The registered name of a language's stemmed analyzer.
pub fn stemmed_name(language: &str) -> String {
    format!("stemmed_{language}")
}

/// The registered name of a language's plain analyzer.
pub fn plain_name(language: &str) -> String {
    format!("plain_{language}")
}

/// Registers both analyzers of every language with an index's tokenizers.
pub fn register<'l>(tokenizers: &TokenizerManager, languages: impl Iterator<Item = &'l str>) {
    for language in languages {
        tokenizers.register(&stemmed_name(language), stemmed(language));
        tokenizers.register(&plain_name(language), plain(language));
    }
}

/// The stemmed analyzer of a language.
pub fn stemmed(language: &str) -> TextAnalyzer {
    if language == "ar" {
        return lower_words()
            .filter_dynamic(MapText(arabic::normalize))
            .filter_dynamic(MapText(arabic::light_stem))
            .build();
    }
    let Some(snowball) = snowball(language) else {
        return plain(language);
    };
    let mut builder = lower_words();
    if let Some(stop_words) = StopWordFilter::new(snowball) {
        builder = builder.filter_dynamic(stop_words);
    }
    builder
        .filter_dynamic(AsciiFoldingFilter)
        .filter_dynamic(Stemmer::new(snowball))
        .build()
}

/// The plain analyzer of a language.
pub fn plain(language: &str) -> TextAnalyzer {
    let builder = lower_words();
    if language == "ar" {
        return builder
            .filter_dynamic(MapText(arabic::normalize))
            .filter_dynamic(MapText(arabic::strip_prefix))
            .build();
    }
    builder.filter_dynamic(AsciiFoldingFilter).build()
}

fn lower_words() -> TextAnalyzerBuilder {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .dynamic()
}

/// The Snowball stemmer of a language subtag, if there is one (Arabic has its own).
fn snowball(language: &str) -> Option<Language> {
    Some(match language {
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The terms a text gives under an analyzer, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    words::texts(analyzer.token_stream(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(language: &str, text: &str) -> Vec<String> {
        terms(&mut stemmed(language), text)
    }

    #[test]
    fn a_dutch_plural_stems_like_its_singular() {
        assert_eq!(stems("nl", "tassen"), stems("nl", "tas"));
        assert_eq!(stems("nl", "sjaals"), stems("nl", "sjaal"));
    }

    #[test]
    fn a_french_word_typed_without_accents_gives_the_same_term() {
        assert_eq!(stems("fr", "écharpe"), stems("fr", "echarpe"));
        assert_eq!(stems("fr", "Théières"), stems("fr", "theiere"));
    }

    #[test]
    fn english_and_german_stem_and_drop_stop_words() {
        assert_eq!(stems("en", "the bags"), stems("en", "bag"));
        assert_eq!(stems("de", "Schlüssel"), stems("de", "schlussel"));
    }

    #[test]
    fn arabic_is_normalised_then_stemmed() {
        assert_eq!(stems("ar", "تسوّق"), stems("ar", "تسوق"));
        assert_eq!(stems("ar", "الحقيبة"), stems("ar", "حقيبة"));
        assert_eq!(terms(&mut plain("ar"), "الكتّان"), ["كتان"]);
    }

    #[test]
    fn a_language_without_a_stemmer_is_folded_only() {
        assert_eq!(stems("pl", "Torba Żółta"), ["torba", "zolta"]);
    }
}
