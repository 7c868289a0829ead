use std::collections::BTreeMap;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::Direction;

mod expansion;
mod icu_numbers;

pub use expansion::Expansion;

/// One parsed `.ftl` file.
#[derive(Clone, Debug)]
pub struct FtlFile {
    /// Where it came from, relative to the site root (for error messages).
    pub path: String,
    /// The parsed messages.
    pub resource: Arc<FluentResource>,
}

/// A syntax error in a Fluent file, with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FtlProblem {
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column (in characters) of the error.
    pub column: usize,
    /// What the parser found wrong.
    pub message: String,
}

/// Parses a Fluent file; any syntax error makes the whole file unusable, and every error is
/// returned with its line so a translator can fix them all at once.
pub fn parse_ftl(path: &str, source: String) -> Result<FtlFile, Vec<FtlProblem>> {
    match FluentResource::try_new(source) {
        Ok(resource) => Ok(FtlFile {
            path: path.to_owned(),
            resource: Arc::new(resource),
        }),
        Err((resource, errors)) => Err(errors
            .iter()
            .map(|error| {
                let entry_start = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                let (line, column) =
                    error_position(resource.source(), entry_start, error.pos.start);
                FtlProblem {
                    line,
                    column,
                    message: error.kind.to_string(),
                }
            })
            .collect()),
    }
}

/// Where to show an error: where the parser noticed it when that is on the line its entry
/// starts on; otherwise (an unclosed placeable noticed lines later) just after the text of
/// the entry's first line, where the translator has to type.
fn error_position(source: &str, entry_start: usize, noticed: usize) -> (usize, usize) {
    let (entry_line, _) = position(source, entry_start);
    let (line, column) = position(source, noticed);
    if line == entry_line {
        return (line, column);
    }
    let first_line = source
        .get(entry_start..)
        .and_then(|rest| rest.split('\n').next())
        .unwrap_or_default();
    let (_, start_column) = position(source, entry_start);
    (
        entry_line,
        start_column + first_line.trim_end().chars().count(),
    )
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(source: &str, byte: usize) -> (usize, usize) {
    let mut end = byte.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let before = &source[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Every Fluent file of a site (or a plugin), grouped by locale directory.
#[derive(Clone, Debug, Default)]
pub struct LocaleBundleSet {
    by_locale: HashMap<LanguageIdentifier, Vec<FtlFile>>,
    broken: HashSet<LanguageIdentifier>,
}

impl LocaleBundleSet {
    /// Adds a parsed file under the locale it belongs to.
    pub fn add(&mut self, locale: LanguageIdentifier, file: FtlFile) {
        self.by_locale.entry(locale).or_default().push(file);
    }

    /// Records that a Fluent file of a locale did not parse: its syntax errors are reported
    /// at the file, and nothing else is blamed on the messages it would have defined (the
    /// locale counts as present, and its completeness is not judged).
    pub fn mark_broken(&mut self, locale: LanguageIdentifier) {
        self.by_locale.entry(locale.clone()).or_default();
        self.broken.insert(locale);
    }

    /// Whether a file of the locale did not parse.
    pub fn is_broken(&self, locale: &LanguageIdentifier) -> bool {
        self.broken.contains(locale)
    }

    /// Whether any Fluent file exists for exactly this locale.
    pub fn has_locale(&self, locale: &LanguageIdentifier) -> bool {
        self.by_locale.contains_key(locale)
    }

    /// The locales that have files.
    pub fn locales(&self) -> impl Iterator<Item = &LanguageIdentifier> {
        self.by_locale.keys()
    }

    /// Every message or term, in any locale, that could expand past `limit` bytes when
    /// formatted (arguments of terms and functions included): for bundles from untrusted
    /// authors, refused when they load.
    pub fn expanding_past(&self, limit: usize) -> Vec<Expansion> {
        let mut found: Vec<Expansion> = self
            .by_locale
            .values()
            .flat_map(|files| expansion::over_limit(files, limit))
            .collect();
        found.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
        found
    }

    /// A digest of every message and term (`-brand`), by locale folder (`nl-BE`) and id:
    /// equal digests mean it reads the same.
    pub fn message_digests(&self) -> std::collections::BTreeMap<(String, String), u64> {
        use std::hash::{Hash, Hasher};
        let mut digests = std::collections::BTreeMap::new();
        for (locale, files) in &self.by_locale {
            for entry in files.iter().flat_map(|file| file.resource.entries()) {
                let (id, text) = match entry {
                    fluent_syntax::ast::Entry::Message(m) => {
                        (m.id.name.to_owned(), format!("{m:?}"))
                    }
                    fluent_syntax::ast::Entry::Term(t) => {
                        (format!("-{}", t.id.name), format!("{t:?}"))
                    }
                    _ => continue,
                };
                // The default hasher's keys are fixed: equal text, equal digest.
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                text.hash(&mut hasher);
                digests.insert((locale.to_string(), id), hasher.finish());
            }
        }
        digests
    }

    /// The messages defined for one locale, each with the file that defines it.
    pub fn message_files(&self, locale: &LanguageIdentifier) -> BTreeMap<String, String> {
        let files = self.by_locale.get(locale).map(Vec::as_slice).unwrap_or(&[]);
        files
            .iter()
            .flat_map(|file| file.resource.entries().map(move |entry| (file, entry)))
            .filter_map(|(file, entry)| match entry {
                fluent_syntax::ast::Entry::Message(message) => {
                    Some((message.id.name.to_owned(), file.path.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// The message ids defined for one locale.
    pub fn message_ids(&self, locale: &LanguageIdentifier) -> BTreeSet<String> {
        let files = self.by_locale.get(locale).map(Vec::as_slice).unwrap_or(&[]);
        files
            .iter()
            .flat_map(|file| file.resource.entries())
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Builds the message lookup for a storefront's fallback chain; the first locales of the
    /// chain that share the storefront's language are "native", later ones are fallbacks.
    pub fn messages(
        &self,
        chain: &[LanguageIdentifier],
        direction: Direction,
        stats: Arc<MessageStats>,
    ) -> Messages {
        let native_language = chain.first().map(|l| l.language);
        let bundles = chain
            .iter()
            .filter_map(|locale| {
                let files = self.by_locale.get(locale)?;
                let bundle = build_bundle(locale, files, direction);
                let native = Some(locale.language) == native_language;
                Some(ChainLink { bundle, native })
            })
            .collect();
        Messages {
            bundles,
            numbers: chain.first().and_then(icu_numbers::storefront_numbers),
            label: chain.first().map(ToString::to_string).unwrap_or_default(),
            stats,
            reported: Mutex::new(HashSet::new()),
        }
    }
}

fn build_bundle(
    locale: &LanguageIdentifier,
    files: &[FtlFile],
    direction: Direction,
) -> FluentBundle<Arc<FluentResource>> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
    // Isolation marks keep Latin names readable inside right-to-left sentences; in
    // left-to-right storefronts they only get in the way of copy-paste and comparisons.
    bundle.set_use_isolating(direction == Direction::Rtl);
    bundle.set_formatter(Some(icu_numbers::format_number));
    for file in files {
        // Later files of the same locale override earlier ones deliberately.
        bundle.add_resource_overriding(Arc::clone(&file.resource));
    }
    bundle
}

/// Counters for content problems, shared by all storefronts of a snapshot.
#[derive(Debug, Default)]
pub struct MessageStats {
    missing: AtomicU64,
}

impl MessageStats {
    /// How many times a message had to fall back or was not found at all.
    pub fn missing(&self) -> u64 {
        self.missing.load(Ordering::Relaxed)
    }
}

struct ChainLink {
    bundle: FluentBundle<Arc<FluentResource>>,
    native: bool,
}

/// An argument for a message placeable.
#[derive(Clone, Debug)]
pub enum Arg<'a> {
    /// Text inserted as is (a product name).
    Text(&'a str),
    /// An integer: formatted with ICU4X and usable in plural selectors.
    Int(i64),
}

/// Message lookup for one storefront along its fallback chain.
pub struct Messages {
    bundles: Vec<ChainLink>,
    /// The storefront's number formatter: numeric placeables use it whichever bundle of the
    /// chain the message comes from.
    numbers: Option<&'static icu::decimal::DecimalFormatter>,
    label: String,
    stats: Arc<MessageStats>,
    reported: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("label", &self.label)
            .finish()
    }
}

impl Messages {
    /// Whether any locale of the chain defines the message.
    pub fn has(&self, id: &str) -> bool {
        self.bundles.iter().any(|link| link.bundle.has_message(id))
    }

    /// Formats a message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// Formats a message. A message missing from the storefront's language renders the
    /// fallback chain's value (or the id itself), is logged once and counted; it never fails.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let fluent_args = to_fluent_args(args);
        let Some((link, pattern)) = self.find(id) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let value = icu_numbers::with_numbers(self.numbers, || {
            link.bundle
                .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                .into_owned()
        });
        self.report_errors(id, &errors);
        value
    }

    /// Formats a message into at most `max_chars` characters, or fails as soon as the text
    /// grows past them: work done on behalf of untrusted input (a plugin's arguments) stops at
    /// the limit instead of being checked after it was spent. Missing messages behave as in
    /// [`Messages::format`].
    pub fn format_bounded(
        &self,
        id: &str,
        args: &[(&str, Arg<'_>)],
        max_chars: usize,
    ) -> Result<String, TextTooLong> {
        let fluent_args = to_fluent_args(args);
        let mut out = BoundedText::new(max_chars);
        let Some((link, pattern)) = self.find(id) else {
            fmt::Write::write_str(&mut out, id).map_err(|_| TextTooLong { max_chars })?;
            return Ok(out.text);
        };
        let mut errors = Vec::new();
        let written = icu_numbers::with_numbers(self.numbers, || {
            link.bundle
                .write_pattern(&mut out, pattern, fluent_args.as_ref(), &mut errors)
        });
        written.map_err(|_| TextTooLong { max_chars })?;
        self.report_errors(id, &errors);
        Ok(out.text)
    }

    /// The first link of the chain that defines the message, reporting a fallback.
    fn find(&self, id: &str) -> Option<(&ChainLink, &fluent_syntax::ast::Pattern<&str>)> {
        for link in &self.bundles {
            let Some(pattern) = link.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            if !link.native {
                self.report_missing(id, "rendered from a fallback locale");
            }
            return Some((link, pattern));
        }
        self.report_missing(id, "is defined in no locale of the chain");
        None
    }

    fn report_errors(&self, id: &str, errors: &[fluent_bundle::FluentError]) {
        if !errors.is_empty() {
            self.report_missing(id, "has placeables that could not be resolved");
        }
    }

    fn report_missing(&self, id: &str, why: &str) {
        self.stats.missing.fetch_add(1, Ordering::Relaxed);
        let first_time = self
            .reported
            .lock()
            .map(|mut seen| seen.insert(id.to_owned()))
            .unwrap_or(false);
        if first_time {
            tracing::warn!(storefront_locale = %self.label, message = id, "message {why}");
        }
    }
}

/// A formatted text would have been longer than its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextTooLong {
    /// The limit, in characters.
    pub max_chars: usize,
}

impl fmt::Display for TextTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "text longer than {} characters", self.max_chars)
    }
}

/// A text buffer that refuses to grow past a number of characters.
struct BoundedText {
    text: String,
    left: usize,
}

impl BoundedText {
    fn new(max_chars: usize) -> Self {
        Self {
            text: String::new(),
            left: max_chars,
        }
    }
}

impl fmt::Write for BoundedText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let chars = s.chars().count();
        self.left = self.left.checked_sub(chars).ok_or(fmt::Error)?;
        self.text.push_str(s);
        Ok(())
    }
}

fn to_fluent_args<'a>(args: &[(&'a str, Arg<'a>)]) -> Option<FluentArgs<'a>> {
    if args.is_empty() {
        return None;
    }
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        let value = match arg {
            Arg::Text(text) => FluentValue::from(*text),
            Arg::Int(n) => FluentValue::from(*n),
        };
        fluent.set(*name, value);
    }
    Some(fluent)
}

#[cfg(test)]
mod tests;
