//! Home, category listing, product page and search.

use askama::Template;
use serde_json::json;
use vitrine_site::{CartAction, PagePath, Product, Storefront, Tag};

use super::{Card, Page, RenderError, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor, page_url};
use crate::loc::Loc;
use crate::price::PriceView;

/// A category tile on the home page.
pub struct Tile {
    pub name: String,
    pub description: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    chrome: Chrome<'a>,
    tiles: Vec<Tile>,
    cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "category.html")]
struct CategoryPage<'a> {
    chrome: Chrome<'a>,
    name: String,
    description: String,
    cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "product.html")]
struct ProductPage<'a> {
    chrome: Chrome<'a>,
    id: &'a str,
    name: &'a str,
    description: &'a str,
    image: &'a str,
    category_name: &'a str,
    category_href: String,
    price: PriceView,
    add_action: String,
    json_ld: serde_json::Value,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    chrome: Chrome<'a>,
    summary: String,
    cards: Vec<Card>,
}

/// Products listed on a page, and the tags that page carries.
struct Listing {
    cards: Vec<Card>,
    tags: Vec<String>,
}

/// A search as typed by the shopper.
pub struct SearchQuery<'q> {
    /// The raw query text.
    pub text: &'q str,
}

impl<'a> Renderer<'a> {
    /// The storefront's home page: categories and every product sold.
    pub fn home(
        &self,
        storefront: &'a Storefront,
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let tiles = self
            .site
            .categories
            .iter()
            .map(|c| Tile {
                name: c.name_in(&storefront.language).to_owned(),
                description: c.description_in(&storefront.language).to_owned(),
                href: PagePath::Category(&c.id).url(&storefront.id),
            })
            .collect();
        let Listing { cards, tags } = self.listing(storefront, &loc, |_| true);
        let spec = self.spec("", loc.t("home-title"));
        let page = HomePage {
            chrome: self.chrome(storefront, spec, visitor),
            tiles,
            cards,
        };
        Ok(Page {
            html: render(&page)?,
            tags,
        })
    }

    /// A category listing, or `None` for an unknown category.
    pub fn category(
        &self,
        storefront: &'a Storefront,
        id: &str,
        visitor: Visitor<'a>,
    ) -> Option<Result<Page, RenderError>> {
        let category = self.site.category(id)?;
        let loc = Loc::new(storefront);
        let Listing { cards, mut tags } =
            self.listing(storefront, &loc, |p| p.category == category.id);
        tags.push(Tag::Category(id).to_string());
        let name = category.name_in(&storefront.language).to_owned();
        let path = PagePath::Category(&category.id).relative();
        let spec = self.spec(&path, name.clone());
        let page = CategoryPage {
            chrome: self.chrome(storefront, spec, visitor),
            description: category.description_in(&storefront.language).to_owned(),
            name,
            cards,
        };
        Some(render(&page).map(|html| Page { html, tags }))
    }

    /// A product page, or `None` if the product is unknown, not sold in this market or
    /// recalled in this storefront.
    pub fn product(
        &self,
        storefront: &'a Storefront,
        id: &str,
        visitor: Visitor<'a>,
    ) -> Option<Result<Page, RenderError>> {
        let product = self.site.products.get(id)?;
        if !self.offers(storefront, id) {
            return None;
        }
        let market = self.market(storefront);
        let loc = Loc::new(storefront);
        let price = PriceView::of(id, market, &loc)?;
        let name = product.name_in(&storefront.language);
        let path = PagePath::Product(id).relative();
        let spec = PageSpec {
            offered_by: self.storefronts_selling(id),
            ..self.spec(&path, name.to_owned())
        };
        let category = self.site.category(&product.category);
        let page = ProductPage {
            json_ld: self.product_json_ld(storefront, product, &price),
            chrome: self.chrome(storefront, spec, visitor),
            id: &product.id,
            name,
            description: product.description_in(&storefront.language),
            image: &product.image,
            category_name: category.map_or("", |c| c.name_in(&storefront.language)),
            category_href: PagePath::Category(&product.category).url(&storefront.id),
            price,
            add_action: PagePath::CartAction(CartAction::Add).url(&storefront.id),
        };
        let mut tags = self.site.storefront_tags(storefront);
        tags.push(Tag::Product(id).to_string());
        tags.push(Tag::Category(&product.category).to_string());
        Some(render(&page).map(|html| Page { html, tags }))
    }

    /// Search results: products whose name in the storefront's language contains every word.
    pub fn search(
        &self,
        storefront: &'a Storefront,
        query: SearchQuery<'_>,
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let words: Vec<String> = query
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let Listing { cards, tags } = self.listing(storefront, &loc, |p| {
            let name = p.name_in(&storefront.language).to_lowercase();
            !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
        });
        let summary = if words.is_empty() {
            loc.t("search-prompt")
        } else {
            loc.t_int("search-results", "count", cards.len() as i64)
        };
        let path = format!("search?q={}", encode(query.text));
        let spec = PageSpec {
            search_query: query.text,
            ..self.spec(&path, loc.t("search-title"))
        };
        let page = SearchPage {
            chrome: self.chrome(storefront, spec, visitor),
            summary,
            cards,
        };
        Ok(Page {
            html: render(&page)?,
            tags,
        })
    }

    fn spec<'p>(&self, path: &'p str, title: String) -> PageSpec<'p>
    where
        'a: 'p,
    {
        PageSpec {
            path,
            title,
            offered_by: self.all_storefronts(),
            noindex: false,
            search_query: "",
        }
    }

    /// The products a storefront offers that `keep` selects, as cards, with the tags of a
    /// page listing them (the storefront's, `catalogue` and one per product shown).
    fn listing(
        &self,
        storefront: &Storefront,
        loc: &Loc<'_>,
        keep: impl Fn(&Product) -> bool,
    ) -> Listing {
        let market = self.market(storefront);
        let mut tags = self.site.storefront_tags(storefront);
        tags.push(Tag::Catalogue.to_string());
        let cards = self
            .site
            .products
            .values()
            .filter(|p| keep(p) && self.offers(storefront, &p.id))
            .filter_map(|p| {
                let card = Card::of(p, storefront, market, loc)?;
                tags.push(Tag::Product(&p.id).to_string());
                Some(card)
            })
            .collect();
        Listing { cards, tags }
    }

    fn product_json_ld(
        &self,
        storefront: &Storefront,
        product: &Product,
        price: &PriceView,
    ) -> serde_json::Value {
        let market = self.market(storefront);
        let url = page_url(
            self.base_url,
            &storefront.id,
            &PagePath::Product(&product.id).relative(),
        );
        json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "sku": product.id,
            "name": product.name_in(&storefront.language),
            "description": product.description_in(&storefront.language),
            "image": format!("{}{}", self.base_url, product.image),
            "url": url,
            "offers": {
                "@type": "Offer",
                "url": url,
                "price": market.currency.decimal_string(price.minor),
                "priceCurrency": market.currency.code(),
                "availability": "https://schema.org/InStock",
            },
        })
    }
}

/// Percent-encodes a query value for a URL.
pub fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}
