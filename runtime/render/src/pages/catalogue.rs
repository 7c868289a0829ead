//! Home, category listing, product page and search.

use askama::Template;
use serde_json::json;
use vitrine_site::{CartAction, ListingPage, ListingQuery, PagePath, Product, Storefront, Tag};

use super::listing::ListingView;
use super::{Card, Page, RenderError, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor, page_url};
use crate::loc::Loc;
use crate::price::PriceView;

/// What a product search found, handed to [`Renderer::search`]: the renderer does not
/// search, the caller's search index does.
#[derive(Debug, Default)]
pub struct Found<'s> {
    /// The best matches, best first.
    pub products: Vec<&'s Product>,
    /// How many products matched in all (more than `products` when only the best were
    /// kept).
    pub matched: usize,
}

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
    listing: ListingView,
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
    listing: Option<ListingView>,
}

/// Products listed on a page, and the tags that page carries.
struct Listing {
    cards: Vec<Card>,
    tags: Vec<String>,
}

impl<'a> Renderer<'a> {
    /// The storefront's home page: the categories and a bounded selection of products
    /// (featured ones first).
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
        let products = self.site.home_products(self.recalls, storefront);
        let Listing { cards, tags } = self.cards(storefront, &loc, &products);
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

    /// A page of a category listing, or `None` for an unknown category or a page past the
    /// last one.
    pub fn category(
        &self,
        storefront: &'a Storefront,
        id: &str,
        query: &ListingQuery,
        visitor: Visitor<'a>,
    ) -> Option<Result<Page, RenderError>> {
        let category = self.site.category(id)?;
        let candidates = self.site.category_products(&category.id);
        let found = self
            .site
            .list(self.recalls, storefront, candidates, query)?;
        let loc = Loc::new(storefront);
        let path = PagePath::Category(&category.id);
        let listing = ListingView::new((self.site, storefront, &loc), path, query, &found);
        let Listing { cards, mut tags } = self.listed(storefront, &loc, query, &found);
        tags.push(Tag::Category(id).to_string());
        let name = category.name_in(&storefront.language).to_owned();
        let (first, own) = (path.relative(), query.relative(path));
        let spec = self.listing_spec((&first, &own), name.clone(), query);
        let page = CategoryPage {
            chrome: self.chrome(storefront, spec, visitor),
            description: category.description_in(&storefront.language).to_owned(),
            name,
            cards,
            listing,
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

    /// A page of search results: `found` are the products the search index matched, best
    /// first; the page shows those the storefront offers, filtered and ordered as `query`
    /// asks. `None` for a page past the last one.
    pub fn search(
        &self,
        storefront: &'a Storefront,
        query: &ListingQuery,
        found: Found<'a>,
        visitor: Visitor<'a>,
    ) -> Option<Result<Page, RenderError>> {
        let loc = Loc::new(storefront);
        let searched = !query.text.trim().is_empty();
        let (matched, capped) = (found.matched, found.matched > found.products.len());
        let found = self
            .site
            .list(self.recalls, storefront, found.products, query)?;
        let path = PagePath::Search;
        let listing =
            searched.then(|| ListingView::new((self.site, storefront, &loc), path, query, &found));
        let Listing { cards, tags } = self.listed(storefront, &loc, query, &found);
        let summary = if !searched {
            loc.t("search-prompt")
        } else if capped {
            let shown = ("shown", found.total as i64);
            loc.t_ints("search-results-best", &[shown, ("count", matched as i64)])
        } else {
            loc.t_int("search-results", "count", found.total as i64)
        };
        let first = ListingQuery {
            text: query.text.clone(),
            ..ListingQuery::first(query.kind)
        };
        let (first, own) = (first.relative(path), query.relative(path));
        let spec = PageSpec {
            search_query: &query.text,
            ..self.listing_spec((&first, &own), loc.t("search-title"), query)
        };
        let page = SearchPage {
            chrome: self.chrome(storefront, spec, visitor),
            summary,
            cards,
            listing,
        };
        Some(render(&page).map(|html| Page { html, tags }))
    }

    /// A listing page's spec: `paths` are its plain first page's path (what navigation and
    /// the switcher link to) and its own; the page's own is canonical, and only the plain
    /// first page has language alternates. Re-ordered or filtered pages stay out of search
    /// engines.
    fn listing_spec<'p>(
        &self,
        (first, own): (&'p str, &'p str),
        title: String,
        query: &ListingQuery,
    ) -> PageSpec<'p>
    where
        'a: 'p,
    {
        PageSpec {
            noindex: query.is_refined(),
            canonical: (own != first).then_some(own),
            ..self.spec(first, title)
        }
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
            canonical: None,
        }
    }

    /// A page of a listing as cards, with its tags; a listing ordered or filtered by price
    /// also carries the market's `prices` tag.
    fn listed(
        &self,
        storefront: &Storefront,
        loc: &Loc<'_>,
        query: &ListingQuery,
        found: &ListingPage<'_>,
    ) -> Listing {
        let mut listing = self.cards(storefront, loc, &found.products);
        if query.depends_on_prices() {
            listing
                .tags
                .push(Tag::Prices(&storefront.market).to_string());
        }
        listing
    }

    /// Products as cards, with the tags of a page listing them (the storefront's,
    /// `catalogue` and one per product shown).
    fn cards(&self, storefront: &Storefront, loc: &Loc<'_>, products: &[&Product]) -> Listing {
        let market = self.market(storefront);
        let mut tags = self.site.storefront_tags(storefront);
        tags.push(Tag::Catalogue.to_string());
        let cards = products
            .iter()
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
