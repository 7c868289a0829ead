//! Product search for Vitrine: one full-text index (tantivy) per site snapshot. Each product
//! is one document, stored once, holding its name, category name and description in every
//! storefront language under that language's analyzers (Snowball stemming, stop words,
//! accent folding; Arabic normalisation, see [`analysis`]) and the markets that sell it.
//! A search runs in one storefront's language and market and returns the best-matching
//! products in relevance order (ties in catalogue order); the caller still asks
//! `Site::offers`, so a recalled product is never shown.
//!
//! The index is built in memory ([`SearchIndex::build`]) or kept on disk in a folder named
//! by the digest of what it holds ([`SearchIndex::open_or_build`]), so a restart opens the
//! index it built before instead of building it again.

pub mod analysis;
mod build;
mod digest;
mod disk;
mod error;
mod query;
mod schema;

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::{Index, IndexReader, ReloadPolicy, SegmentReader};
use vitrine_site::{Product, Site};

pub use error::SearchError;

use analysis::{plain_name, stemmed_name};
use schema::Fields;

/// A search in relevance order returns at most this many products (42 pages of 24): the
/// best matches; more would be pages no shopper reads, and every one costs scoring time.
/// A listing ordered by price or filtered asks for every match instead, so that the
/// cheapest is really the cheapest ([`SearchIndex::search`]'s `limit`).
pub const MAX_HITS: usize = 1_000;

/// A site snapshot's search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    digest: String,
    stats: IndexStats,
}

/// What an index holds and what building it cost.
#[derive(Clone, Debug)]
pub struct IndexStats {
    /// Products indexed.
    pub products: usize,
    /// The index's size in bytes.
    pub bytes: u64,
    /// How long building it took, or `None` when it was opened from disk.
    pub built_in: Option<Duration>,
}

/// The products a search found.
#[derive(Debug, Default)]
pub struct Hits {
    /// Catalogue positions of the best matches, best first (at most the search's limit).
    positions: Vec<usize>,
    /// How many products matched in all.
    pub matched: usize,
}

impl Hits {
    /// The products found, best first.
    pub fn products<'s>(&self, site: &'s Site) -> Vec<&'s Product> {
        let order = site.catalogue_order();
        self.positions
            .iter()
            .filter_map(|at| order.get(*at))
            .filter_map(|id| site.products.get(id))
            .collect()
    }
}

impl SearchIndex {
    /// Builds the index of a site in memory.
    pub fn build(site: &Site) -> Result<Self, SearchError> {
        Self::build_in_memory(site, digest::of(site))
    }

    fn build_in_memory(site: &Site, digest: String) -> Result<Self, SearchError> {
        let started = Instant::now();
        let (index, fields) = build::new_index(site, None)?;
        Self::ready(index, fields, digest, Some(started.elapsed()))
    }

    /// Opens the index of `site` kept under `root`, building it there first if there is
    /// none (or it cannot be read); indexes of other sites under `root` are removed.
    pub fn open_or_build(site: &Site, root: &std::path::Path) -> Result<Self, SearchError> {
        disk::open_or_build(site, root, digest::of(site))
    }

    /// This index when it holds exactly what an index of `site` would, otherwise a new one
    /// (under `root`, or in memory).
    pub fn for_site(
        current: &Arc<Self>,
        site: &Site,
        root: Option<&std::path::Path>,
    ) -> Result<Arc<Self>, SearchError> {
        let digest = digest::of(site);
        if current.digest == digest {
            return Ok(Arc::clone(current));
        }
        let next = match root {
            Some(root) => disk::open_or_build(site, root, digest)?,
            None => Self::build_in_memory(site, digest)?,
        };
        Ok(Arc::new(next))
    }

    fn ready(
        index: Index,
        fields: Fields,
        digest: String,
        built_in: Option<Duration>,
    ) -> Result<Self, SearchError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let stats = IndexStats {
            products: usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX),
            bytes: searcher
                .space_usage()
                .map_or(0, |usage| usage.total().get_bytes()),
            built_in,
        };
        Ok(Self {
            index,
            reader,
            fields,
            digest,
            stats,
        })
    }

    /// What the index holds and what it cost.
    pub fn stats(&self) -> &IndexStats {
        &self.stats
    }

    /// The products of `market` that match `text` in `language`, best first, at most
    /// `limit` of them (up to [`MAX_HITS`] in one pass; more counts the matches first). An
    /// empty text (or one of stop words only) finds nothing.
    pub fn search(
        &self,
        language: &str,
        market: &str,
        (text, limit): (&str, usize),
    ) -> Result<Hits, SearchError> {
        let Some(fields) = self.fields.languages.get(language) else {
            return Ok(Hits::default());
        };
        let mut analyzers = self.analyzers(language)?;
        let Some(query) = query::build(fields, (self.fields.market, market), &mut analyzers, text)
        else {
            return Ok(Hits::default());
        };
        let searcher = self.reader.searcher();
        let limit = match limit {
            0 => return Ok(Hits::default()),
            small if small <= MAX_HITS => small,
            _ => searcher.search(&*query, &Count)?.clamp(1, limit),
        };
        let best = TopDocs::with_limit(limit).tweak_score(by_score_then_position);
        let (matched, found) = searcher.search(&*query, &(Count, best))?;
        let positions = found
            .into_iter()
            .map(|((_, Reverse(position)), _)| usize::try_from(position).unwrap_or(usize::MAX))
            .collect();
        Ok(Hits { positions, matched })
    }

    fn analyzers(&self, language: &str) -> Result<query::Analyzers, SearchError> {
        let tokenizers = self.index.tokenizers();
        let get = |name: String| {
            tokenizers
                .get(&name)
                .ok_or_else(|| SearchError::Schema(format!("no analyzer `{name}`")))
        };
        Ok(query::Analyzers {
            stemmed: get(stemmed_name(language))?,
            plain: get(plain_name(language))?,
        })
    }
}

/// A hit's rank: its score, then its catalogue position (featured and newest first).
fn by_score_then_position(
    segment: &SegmentReader,
) -> impl Fn(tantivy::DocId, tantivy::Score) -> (tantivy::Score, Reverse<u64>) + use<> {
    let positions = segment
        .fast_fields()
        .u64(Fields::position_name())
        .ok()
        .map(|column| column.first_or_default_col(u64::MAX));
    move |doc, score| {
        let position = positions.as_ref().map_or(u64::MAX, |p| p.get_val(doc));
        (score, Reverse(position))
    }
}

/// The languages of a site's storefronts, each once.
fn languages(site: &Site) -> BTreeSet<&str> {
    site.storefronts
        .iter()
        .map(|s| s.language.as_str())
        .collect()
}

#[cfg(test)]
mod tests;
