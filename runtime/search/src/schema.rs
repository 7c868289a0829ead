//! The index's fields: one document per product, stored once, with the product's name,
//! category name and description in every storefront language (each under that language's
//! analyzers), the markets that sell it, and its place in the catalogue order.

use std::collections::BTreeMap;

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
};

use crate::analysis::{plain_name, stemmed_name};
use crate::error::SearchError;

/// The product's place in the catalogue order (a fast field): what a hit is read back as,
/// and what orders equally relevant hits.
const POSITION: &str = "position";
/// The markets that sell the product, one untokenised term each.
const MARKET: &str = "market";

/// The fields of one language.
#[derive(Clone, Copy, Debug)]
pub struct LanguageFields {
    /// The name, stemmed.
    pub name: Field,
    /// The category's name, stemmed.
    pub category: Field,
    /// The description, stemmed.
    pub description: Field,
    /// The name and category words, unstemmed: what prefixes match.
    pub words: Field,
}

/// Every field of the index.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The catalogue position.
    pub position: Field,
    /// The selling markets.
    pub market: Field,
    /// The text fields, by language.
    pub languages: BTreeMap<String, LanguageFields>,
}

impl Fields {
    /// The schema for a site's languages, with its fields.
    pub fn schema<'l>(languages: impl Iterator<Item = &'l str>) -> (Schema, Fields) {
        let mut builder = SchemaBuilder::new();
        let position = builder.add_u64_field(POSITION, FAST);
        let market = builder.add_text_field(MARKET, STRING);
        let languages = languages
            .map(|language| (language.to_owned(), language_fields(&mut builder, language)))
            .collect();
        let fields = Fields {
            position,
            market,
            languages,
        };
        (builder.build(), fields)
    }

    /// The fields of an index opened from disk, checked against the site's languages.
    pub fn of<'l>(
        schema: &Schema,
        languages: impl Iterator<Item = &'l str>,
    ) -> Result<Fields, SearchError> {
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| SearchError::Schema(format!("the index has no field `{name}`")))
        };
        let mut fields = Fields {
            position: field(POSITION)?,
            market: field(MARKET)?,
            languages: BTreeMap::new(),
        };
        for language in languages {
            let of_language = LanguageFields {
                name: field(&format!("name_{language}"))?,
                category: field(&format!("category_{language}"))?,
                description: field(&format!("description_{language}"))?,
                words: field(&format!("words_{language}"))?,
            };
            fields.languages.insert(language.to_owned(), of_language);
        }
        Ok(fields)
    }

    /// The name of the catalogue-position field, for reading it back.
    pub fn position_name() -> &'static str {
        POSITION
    }
}

fn language_fields(builder: &mut SchemaBuilder, language: &str) -> LanguageFields {
    let stemmed = text(&stemmed_name(language), IndexRecordOption::WithFreqs);
    LanguageFields {
        name: builder.add_text_field(&format!("name_{language}"), stemmed.clone()),
        category: builder.add_text_field(&format!("category_{language}"), stemmed.clone()),
        description: builder.add_text_field(&format!("description_{language}"), stemmed),
        words: builder.add_text_field(
            &format!("words_{language}"),
            text(&plain_name(language), IndexRecordOption::Basic),
        ),
    }
}

fn text(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}
