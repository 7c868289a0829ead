//! One renderer, one method per page type.

use vitrine_site::{Market, PagePath, Product, Recalls, Site, Storefront};

use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::loc::Loc;
use crate::price::PriceView;
pub use crate::template::RenderError;
use crate::template::render;

mod cart;
mod catalogue;
mod chooser;
mod error;
mod listing;
mod plugin;

pub use cart::{CheckoutForm, FieldError, OrderSummary};
pub use catalogue::Found;
pub use listing::{ListingView, PageLink, Pager, SortOption};

/// A rendered page and the cache tags that invalidate it.
#[derive(Debug)]
pub struct Page {
    /// The HTML document.
    pub html: String,
    /// Tags such as `product:linen-shirt`, `category:bags`, `storefront:nl-be`.
    pub tags: Vec<String>,
}

/// Renders pages of one site snapshot, with absolute URLs under `base_url`.
pub struct Renderer<'a> {
    site: &'a Site,
    recalls: &'a Recalls,
    base_url: &'a str,
}

impl<'a> Renderer<'a> {
    /// A renderer for a snapshot; `base_url` has no trailing slash (`https://shop.example`).
    pub fn new(site: &'a Site, base_url: &'a str) -> Self {
        Self {
            site,
            recalls: Recalls::none(),
            base_url,
        }
    }

    /// The same renderer leaving out recalled products: they are listed nowhere, linked
    /// from no other storefront, and their page is not rendered.
    pub fn with_recalls(self, recalls: &'a Recalls) -> Self {
        Self { recalls, ..self }
    }

    /// Whether a storefront offers a product (sold in its market, not recalled there).
    fn offers(&self, storefront: &Storefront, product: &str) -> bool {
        self.site.offers(self.recalls, storefront, product)
    }

    fn chrome(
        &self,
        storefront: &'a Storefront,
        spec: PageSpec<'_>,
        visitor: Visitor<'a>,
    ) -> Chrome<'a> {
        Chrome::new(self.site, self.base_url, storefront, spec, visitor)
    }

    /// Every storefront id: for pages every storefront offers.
    fn all_storefronts(&self) -> Vec<&'a str> {
        self.site
            .storefronts
            .iter()
            .map(|s| s.id.as_str())
            .collect()
    }

    /// Storefronts that offer a product.
    fn storefronts_selling(&self, product: &str) -> Vec<&'a str> {
        self.site
            .storefronts
            .iter()
            .filter(|s| self.offers(s, product))
            .map(|s| s.id.as_str())
            .collect()
    }

    fn market(&self, storefront: &Storefront) -> &'a Market {
        self.site.market_of(storefront)
    }
}

/// A product as shown in listings.
pub struct Card {
    pub name: String,
    pub href: String,
    pub image: String,
    pub price: PriceView,
}

impl Card {
    fn of(
        product: &Product,
        storefront: &Storefront,
        market: &Market,
        loc: &Loc<'_>,
    ) -> Option<Self> {
        Some(Self {
            name: product.name_in(&storefront.language).to_owned(),
            href: PagePath::Product(&product.id).url(&storefront.id),
            image: product.image.clone(),
            price: PriceView::of(&product.id, market, loc)?,
        })
    }
}
