//! The cache-tag vocabulary: what a page is made of, so that the page cache, the control
//! plane's purge and a CDN in front (`Cache-Tag`, `Surrogate-Key`) drop exactly the pages a
//! change touches. Tags are built and parsed here only.

use std::fmt;

use crate::{Site, Storefront};

/// One cache tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    /// A page showing a product (its page, a listing or a search result naming it).
    Product(&'a str),
    /// A category's listing, and product pages linking to it.
    Category(&'a str),
    /// Every page of a storefront (`nl-be`).
    Storefront(&'a str),
    /// Every page of a market's storefronts (`be`).
    Market(&'a str),
    /// Every page drawn with a theme (by its name).
    Theme(&'a str),
    /// Every page using a locale folder's messages (`nl-BE`, `nl`, `en`).
    Locale(&'a str),
    /// Every page showing a plugin's output.
    Plugin(&'a str),
    /// Listings of a market's storefronts ordered or filtered by price (`be`): a price
    /// change can reorder them, the pages that did not show the product included.
    Prices(&'a str),
    /// Listings of the catalogue (home, categories, search).
    Catalogue,
    /// The market chooser.
    Chooser,
}

/// The kinds of tags, as an operator writes them before the colon.
pub const TAG_KINDS: &[&str] = &[
    "product",
    "category",
    "storefront",
    "market",
    "theme",
    "locale",
    "plugin",
    "prices",
    "catalogue",
    "chooser",
];

impl<'a> Tag<'a> {
    /// Reads a tag as written (`product:canvas-tote`, `catalogue`); `None` if it is not one
    /// of [`TAG_KINDS`] or names nothing.
    pub fn parse(text: &'a str) -> Option<Self> {
        match text.split_once(':') {
            None => match text {
                "catalogue" => Some(Tag::Catalogue),
                "chooser" => Some(Tag::Chooser),
                _ => None,
            },
            Some((_, "")) => None,
            Some((kind, name)) if valid_name(name) => match kind {
                "product" => Some(Tag::Product(name)),
                "category" => Some(Tag::Category(name)),
                "storefront" => Some(Tag::Storefront(name)),
                "market" => Some(Tag::Market(name)),
                "theme" => Some(Tag::Theme(name)),
                "locale" => Some(Tag::Locale(name)),
                "plugin" => Some(Tag::Plugin(name)),
                "prices" => Some(Tag::Prices(name)),
                _ => None,
            },
            Some(_) => None,
        }
    }
}

/// Names in tags are ids: they must fit a header value and a space-separated list.
fn valid_name(name: &str) -> bool {
    name.len() <= 128
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

impl fmt::Display for Tag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Product(id) => write!(f, "product:{id}"),
            Tag::Category(id) => write!(f, "category:{id}"),
            Tag::Storefront(id) => write!(f, "storefront:{id}"),
            Tag::Market(id) => write!(f, "market:{id}"),
            Tag::Theme(name) => write!(f, "theme:{name}"),
            Tag::Locale(folder) => write!(f, "locale:{folder}"),
            Tag::Plugin(id) => write!(f, "plugin:{id}"),
            Tag::Prices(market) => write!(f, "prices:{market}"),
            Tag::Catalogue => f.write_str("catalogue"),
            Tag::Chooser => f.write_str("chooser"),
        }
    }
}

impl Site {
    /// The tags every page of a storefront carries: the storefront, its market, the theme
    /// and each locale folder of its fallback chain.
    pub fn storefront_tags(&self, storefront: &Storefront) -> Vec<String> {
        let mut tags = vec![
            Tag::Storefront(&storefront.id).to_string(),
            Tag::Market(&storefront.market).to_string(),
            Tag::Theme(&self.theme.name).to_string(),
        ];
        let chain = &storefront.l10n.locale.chain;
        tags.extend(
            chain
                .iter()
                .map(|l| Tag::Locale(&l.to_string()).to_string()),
        );
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back_as_written() {
        let tags = [
            Tag::Product("canvas-tote"),
            Tag::Category("bags"),
            Tag::Storefront("nl-be"),
            Tag::Market("be"),
            Tag::Theme("vitrine"),
            Tag::Locale("nl-BE"),
            Tag::Plugin("click-and-collect"),
            Tag::Prices("be"),
            Tag::Catalogue,
            Tag::Chooser,
        ];
        for tag in tags {
            let text = tag.to_string();
            assert_eq!(Tag::parse(&text), Some(tag), "{text}");
            let kind = text.split(':').next().unwrap_or_default();
            assert!(TAG_KINDS.contains(&kind), "{kind} is listed");
        }
    }

    #[test]
    fn what_is_not_a_tag_is_refused() {
        for text in [
            "",
            "product",
            "product:",
            "colour:red",
            "product:a b",
            "x:y:z",
        ] {
            assert_eq!(Tag::parse(text), None, "{text:?}");
        }
    }
}
