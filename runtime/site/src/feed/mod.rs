//! The catalogue feed: a site whose `site.toml` says `catalogue = "feed"` takes its
//! categories, products, per-market prices and reductions and per-store stock from a
//! JSON Lines file imported into the database, instead of from TOML files. This module
//! reads a feed's lines into records ([`Feed::parse`]), each checked on its own (syntax,
//! known fields, types, ids, duplicates) with its line number; the rules that need the rest
//! of the site (markets, stores, languages, images) are checked where the site is loaded,
//! with the same rules as the TOML catalogue. Records are kept in the database as one row
//! per category and product ([`Feed::rows`], [`Feed::from_rows`]).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::Problem;

mod schema;
pub use schema::{
    FEED_FORMAT, FEED_VERSION, FeedCategory, FeedHeader, FeedPricePoint, FeedProduct, FeedReduction,
};

/// The kind of a feed record, as its `type` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordKind {
    /// A category.
    Category,
    /// A product.
    Product,
}

impl RecordKind {
    /// How the feed and the database spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Category => "category",
            RecordKind::Product => "product",
        }
    }

    /// Reads a record type.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "category" => Some(RecordKind::Category),
            "product" => Some(RecordKind::Product),
            _ => None,
        }
    }

    /// The first part of a problem's key for a record of this kind (`products`).
    pub fn key_prefix(self) -> &'static str {
        match self {
            RecordKind::Category => "categories",
            RecordKind::Product => "products",
        }
    }
}

/// One record with the line it was read from (`None` once stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<T> {
    /// The line in the feed file.
    pub line: Option<u32>,
    /// The record.
    pub record: T,
}

/// A catalogue feed: every category and product, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    /// Where the records came from, as problems name it (`catalogue.jsonl`).
    pub name: String,
    /// Categories by id.
    pub categories: BTreeMap<String, Entry<FeedCategory>>,
    /// Products by id.
    pub products: BTreeMap<String, Entry<FeedProduct>>,
}

/// A record as the database keeps it: its kind, id and JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedRow {
    /// `category` or `product`.
    pub kind: String,
    /// The record's id.
    pub id: String,
    /// The record without `type` and `id`, as compact JSON.
    pub body: String,
}

impl Feed {
    /// An empty feed named `name`.
    pub fn empty(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// Reads a feed file: a header line, then one record per line (blank lines are
    /// skipped). Either every line is well formed, or every problem comes back with its
    /// line, field and rule.
    pub fn parse(name: &str, text: &str) -> Result<Self, Vec<Problem>> {
        let mut parser = Parser {
            feed: Feed::empty(name),
            problems: Vec::new(),
            header_seen: false,
        };
        for (index, line) in text.lines().enumerate() {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            parser.line(number, line);
        }
        if !parser.header_seen {
            parser.problems.push(Problem::new(name, "", header_rule()));
        }
        if parser.problems.is_empty() {
            Ok(parser.feed)
        } else {
            Err(parser.problems)
        }
    }

    /// The records as database rows, categories first, each kind in id order.
    pub fn rows(&self) -> Vec<FeedRow> {
        self.each_row().collect()
    }

    /// The rows one at a time, in the order of [`Feed::rows`].
    fn each_row(&self) -> impl Iterator<Item = FeedRow> + '_ {
        let categories = self
            .categories
            .iter()
            .map(|(id, e)| row(RecordKind::Category, id, &e.record));
        let products = self
            .products
            .iter()
            .map(|(id, e)| row(RecordKind::Product, id, &e.record));
        categories.chain(products)
    }

    /// A feed from database rows; a row that cannot be read (written by a newer version,
    /// or edited by hand) is a problem naming it.
    pub fn from_rows(name: &str, rows: Vec<FeedRow>) -> Result<Self, Vec<Problem>> {
        let mut feed = Feed::empty(name);
        let mut problems = Vec::new();
        for row in rows {
            let kind = RecordKind::parse(&row.kind);
            let key = format!(
                "{}.{}",
                kind.map_or("records", RecordKind::key_prefix),
                row.id
            );
            let added = match kind {
                Some(RecordKind::Category) => serde_json::from_str(&row.body)
                    .map(|record| feed.categories.insert(row.id, Entry { line: None, record }))
                    .map(drop),
                Some(RecordKind::Product) => serde_json::from_str(&row.body)
                    .map(|record| feed.products.insert(row.id, Entry { line: None, record }))
                    .map(drop),
                None => {
                    let rule = format!("unknown record type `{}`", row.kind);
                    problems.push(Problem::new(name, key, rule));
                    continue;
                }
            };
            if let Err(error) = added {
                let rule = format!("the stored record cannot be read: {error}");
                problems.push(Problem::new(name, key, rule));
            }
        }
        if problems.is_empty() {
            Ok(feed)
        } else {
            Err(problems)
        }
    }

    /// This feed laid over `base`: its records replace those with the same id, the rest
    /// of `base` stays (a partial import).
    pub fn over(self, base: Feed) -> Feed {
        let mut merged = Feed {
            name: self.name,
            ..base
        };
        merged.categories.extend(self.categories);
        merged.products.extend(self.products);
        merged
    }

    /// A digest of every record: equal catalogues give equal digests.
    pub fn digest(&self) -> [u8; 32] {
        let mut hash = Sha256::new();
        for row in self.each_row() {
            for part in [&row.kind, &row.id, &row.body] {
                hash.update((part.len() as u64).to_le_bytes());
                hash.update(part.as_bytes());
            }
        }
        hash.finalize().into()
    }

    /// Whether the feed holds no record.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.products.is_empty()
    }

    /// The line a problem's key points at (`products.canvas-tote.prices.nl`), if known.
    pub fn line_of(&self, key: &str) -> Option<u32> {
        let mut parts = key.splitn(3, '.');
        let (kind, id) = (parts.next()?, parts.next()?);
        match kind {
            "categories" => self.categories.get(id)?.line,
            "products" => self.products.get(id)?.line,
            _ => None,
        }
    }
}

fn row<T: serde::Serialize>(kind: RecordKind, id: &str, record: &T) -> FeedRow {
    FeedRow {
        kind: kind.as_str().to_owned(),
        id: id.to_owned(),
        // Records are maps of strings and numbers: serialising cannot fail.
        body: serde_json::to_string(record).unwrap_or_default(),
    }
}

/// Reads lines one by one, collecting problems.
struct Parser {
    feed: Feed,
    problems: Vec<Problem>,
    header_seen: bool,
}

impl Parser {
    fn line(&mut self, number: u32, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        let object = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return self.problem(number, "", "a line holds one JSON object"),
            Err(error) => {
                let rule = format!(
                    "not JSON: {} (column {})",
                    error_text(&error),
                    error.column()
                );
                return self.problem(number, "", rule);
            }
        };
        if self.header_seen {
            self.record(number, object);
        } else {
            self.header_seen = true;
            self.header(number, object);
        }
    }

    fn header(&mut self, number: u32, object: Map<String, Value>) {
        if !object.contains_key("format") {
            return self.problem(number, "", header_rule());
        }
        let Some(header) = self.typed::<FeedHeader>(number, "", object) else {
            return;
        };
        if header.format != FEED_FORMAT {
            let rule = format!("the format is `{FEED_FORMAT}`, not `{}`", header.format);
            self.problem(number, "format", rule);
        } else if header.version != FEED_VERSION {
            let rule = format!(
                "schema version {} is not one this runtime reads (it reads {FEED_VERSION})",
                header.version
            );
            self.problem(number, "version", rule);
        }
    }

    fn record(&mut self, number: u32, mut object: Map<String, Value>) {
        let kind = match object.remove("type") {
            Some(Value::String(kind)) => RecordKind::parse(&kind),
            _ => None,
        };
        let Some(kind) = kind else {
            return self.problem(number, "type", "`type` is `category` or `product`");
        };
        let id = match object.remove("id") {
            Some(Value::String(id)) if crate::validate::is_id(&id) => id,
            Some(Value::String(id)) => {
                let rule =
                    format!("`{id}` is not a valid id (lower-case letters, digits and hyphens)");
                return self.problem(number, "id", rule);
            }
            _ => return self.problem(number, "id", "every record needs a string `id`"),
        };
        let prefix = format!("{}.{id}", kind.key_prefix());
        let earlier = match kind {
            RecordKind::Category => self.feed.categories.get(&id).map(|e| e.line),
            RecordKind::Product => self.feed.products.get(&id).map(|e| e.line),
        };
        if let Some(earlier) = earlier {
            let rule = format!(
                "{} `{id}` is also on line {}",
                kind.as_str(),
                earlier.unwrap_or_default()
            );
            return self.problem(number, &prefix, rule);
        }
        let line = Some(number);
        match kind {
            RecordKind::Category => {
                if let Some(record) = self.typed(number, &prefix, object) {
                    self.feed.categories.insert(id, Entry { line, record });
                }
            }
            RecordKind::Product => {
                if let Some(record) = self.typed(number, &prefix, object) {
                    self.feed.products.insert(id, Entry { line, record });
                }
            }
        }
    }

    /// Reads an object as `T`; unknown fields and wrong types are problems naming the field.
    fn typed<T: DeserializeOwned>(
        &mut self,
        number: u32,
        prefix: &str,
        object: Map<String, Value>,
    ) -> Option<T> {
        let mut unknown = Vec::new();
        let value = Value::Object(object);
        let mut note = |path: serde_ignored::Path<'_>| unknown.push(path.to_string());
        let ignored = serde_ignored::Deserializer::new(value, &mut note);
        let parsed: Result<T, _> = serde_path_to_error::deserialize(ignored);
        for field in unknown {
            self.problem(number, &join_key(prefix, &field), "unknown field");
        }
        match parsed {
            Ok(record) => Some(record),
            Err(error) => {
                let field = error.path().to_string();
                let field = if field == "." { String::new() } else { field };
                let rule = error.into_inner().to_string();
                self.problem(number, &join_key(prefix, &field), rule);
                None
            }
        }
    }

    fn problem(&mut self, number: u32, key: &str, rule: impl Into<String>) {
        let rule = format!("line {number}: {}", rule.into());
        let problem = Problem::new(&self.feed.name, key, rule).at_line(number);
        self.problems.push(problem);
    }
}

fn header_rule() -> String {
    format!("the first line must be {{\"format\": \"{FEED_FORMAT}\", \"version\": {FEED_VERSION}}}")
}

fn join_key(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (_, true) => prefix.to_owned(),
        (true, false) => field.to_owned(),
        (false, false) => format!("{prefix}.{field}"),
    }
}

/// serde_json's message without its own "at line 1 column N" (the feed's line is given).
fn error_text(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
