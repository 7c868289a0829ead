//! A shopper's words as a query. Every word must match (a name, category or description
//! word, after stemming); a word's stem also matches, counting less, as the start of a name
//! or category word's stem, since a stemmer may cut a plural shorter than its singular
//! (Dutch "overhemden" → "overhem", "overhemd" → "overhemd"); the last word also matches as
//! a prefix of a name or category word, so a search-as-you-type form finds "linen" from
//! "lin". The words are never parsed
//! as query syntax: quotes, `+`, `AND` or `*` are only characters.

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::words::words;
use crate::analysis::{MAX_WORD_BYTES, terms};
use crate::schema::LanguageFields;

/// A prefix shorter than this matches too many words to mean anything.
const MIN_PREFIX_CHARS: usize = 2;
/// Words of a query beyond this many are not searched for: every word is a clause, and no
/// shopper types more to find a product.
const MAX_WORDS: usize = 10;
/// A stem shorter than this is not matched as the start of longer stems.
const MIN_STEM_PREFIX_CHARS: usize = 4;
/// How much a stem matching the start of another counts, against matching it whole.
const STEM_PREFIX_WEIGHT: f32 = 0.5;
/// How much a match in each field counts.
const NAME_BOOST: f32 = 3.0;
const CATEGORY_BOOST: f32 = 2.0;
const DESCRIPTION_BOOST: f32 = 1.0;

/// The analyzers of the storefront's language.
pub struct Analyzers {
    /// Stemmed, for whole words.
    pub stemmed: TextAnalyzer,
    /// Plain, for the prefix.
    pub plain: TextAnalyzer,
}

/// The query for `text` in one language and market, or `None` when the text has no word
/// to search for (only stop words) or a word no product can have (longer than any word
/// indexed).
pub fn build(
    fields: &LanguageFields,
    (market_field, market): (Field, &str),
    analyzers: &mut Analyzers,
    text: &str,
) -> Option<Box<dyn Query>> {
    let mut words = words(text);
    words.truncate(MAX_WORDS);
    if words.iter().any(|word| word.len() >= MAX_WORD_BYTES) {
        return None;
    }
    let last = words.len().checked_sub(1)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if let Some(clause) = word_clause(fields, analyzers, word, at == last) {
            clauses.push((Occur::Must, clause));
        }
    }
    if clauses.is_empty() {
        return None;
    }
    let market = Term::from_field_text(market_field, market);
    clauses.push((
        Occur::Must,
        Box::new(TermQuery::new(market, IndexRecordOption::Basic)),
    ));
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// What one word matches: its stem in any field (or as the start of a name or category
/// stem), and for the last word its prefix.
fn word_clause(
    fields: &LanguageFields,
    analyzers: &mut Analyzers,
    word: &str,
    last: bool,
) -> Option<Box<dyn Query>> {
    let stems = terms(&mut analyzers.stemmed, word);
    if stems.is_empty() {
        // A stop word: it asks for nothing, not even as a prefix.
        return None;
    }
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for stem in stems {
        any.extend(stem_clauses(fields, &stem));
    }
    if last {
        for prefix in terms(&mut analyzers.plain, word) {
            if prefix.chars().count() >= MIN_PREFIX_CHARS {
                let term = Term::from_field_text(fields.words, &prefix);
                any.push(should(FuzzyTermQuery::new_prefix(term, 0, true), 1.0));
            }
        }
    }
    (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
}

/// A stem matched whole in each field, and as the start of name and category stems.
fn stem_clauses(fields: &LanguageFields, stem: &str) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = Vec::new();
    for (field, boost) in [
        (fields.name, NAME_BOOST),
        (fields.category, CATEGORY_BOOST),
        (fields.description, DESCRIPTION_BOOST),
    ] {
        let term = Term::from_field_text(field, stem);
        clauses.push(should(
            TermQuery::new(term, IndexRecordOption::WithFreqs),
            boost,
        ));
    }
    if stem.chars().count() >= MIN_STEM_PREFIX_CHARS {
        for (field, boost) in [(fields.name, NAME_BOOST), (fields.category, CATEGORY_BOOST)] {
            let start = FuzzyTermQuery::new_prefix(Term::from_field_text(field, stem), 0, true);
            clauses.push(should(start, boost * STEM_PREFIX_WEIGHT));
        }
    }
    clauses
}

fn should(query: impl Query, boost: f32) -> (Occur, Box<dyn Query>) {
    (
        Occur::Should,
        Box::new(BoostQuery::new(Box::new(query), boost)),
    )
}
