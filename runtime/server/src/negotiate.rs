//! Picks the storefront that best matches the shopper's `Accept-Language`, for the chooser's
//! suggestion and for error pages outside any storefront. It never redirects.

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use hyper::header::{ACCEPT_LANGUAGE, HeaderMap};
use vitrine_site::{Site, Storefront};

/// The best storefront for the request's languages, if any matches.
pub fn suggest<'s>(site: &'s Site, headers: &HeaderMap) -> Option<&'s Storefront> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    // Bound the work an oversized header can cause.
    let header = header.get(..header.len().min(512)).unwrap_or_default();
    let requested = accepted_languages::parse(header);
    let available: Vec<_> = site
        .storefronts
        .iter()
        .map(|s| s.l10n.locale.fluent.clone())
        .collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup);
    let best = chosen.first()?;
    site.storefronts
        .iter()
        .find(|s| &&s.l10n.locale.fluent == best)
}

/// The storefront that speaks the site's default language, for pages outside a storefront.
pub fn default_storefront(site: &Site) -> Option<&Storefront> {
    let default = site
        .storefronts
        .iter()
        .find(|s| s.language == site.default_language);
    default.or_else(|| site.storefronts.first())
}
