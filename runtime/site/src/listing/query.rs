//! A listing's query string (`?sort=price-low&stock=1&min=20&max=80&page=2`): read and
//! written here only, so that page links, form values, canonical URLs and the page cache key
//! always agree. Reading normalises: unknown parameters are dropped, an unknown order falls
//! back to the default, and the canonical string leaves out every default.

use crate::PagePath;

/// The longest search text kept, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;

/// The kind of listing, which decides its default order and whether it has a search text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingKind {
    /// A category page.
    Category,
    /// Search results.
    Search,
}

impl ListingKind {
    /// The order a listing of this kind has unless the shopper picks another.
    pub fn default_sort(self) -> Sort {
        match self {
            ListingKind::Category => Sort::Featured,
            ListingKind::Search => Sort::Relevance,
        }
    }
}

/// How a listing is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Featured products first, then the newest (a category's default).
    Featured,
    /// Best matches first (search's default).
    Relevance,
    /// Lowest price first.
    PriceLow,
    /// Highest price first.
    PriceHigh,
    /// Most recently added first.
    Newest,
}

impl Sort {
    /// The orders a shopper can choose in a kind of listing, its default first.
    pub fn choices(kind: ListingKind) -> [Sort; 4] {
        [
            kind.default_sort(),
            Sort::PriceLow,
            Sort::PriceHigh,
            Sort::Newest,
        ]
    }

    /// The value in the query string (`price-low`), also the suffix of its message id.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Featured => "featured",
            Sort::Relevance => "relevance",
            Sort::PriceLow => "price-low",
            Sort::PriceHigh => "price-high",
            Sort::Newest => "newest",
        }
    }

    fn parse(kind: ListingKind, text: &str) -> Option<Sort> {
        Sort::choices(kind).into_iter().find(|s| s.key() == text)
    }
}

/// A listing as the shopper asked for it, normalised: what its URL says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingQuery {
    /// Category page or search.
    pub kind: ListingKind,
    /// The search text (empty for a category), at most [`MAX_SEARCH_CHARS`] characters.
    pub text: String,
    /// The order.
    pub sort: Sort,
    /// Only products in stock in a store of the storefront's country.
    pub in_stock: bool,
    /// The lowest price shown, in whole units of the market's currency.
    pub min_price: Option<u32>,
    /// The highest price shown, in whole units of the market's currency.
    pub max_price: Option<u32>,
    /// The page, from 1.
    pub page: u32,
}

/// A listing URL's `page` is not a whole number from 1: the page does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoSuchPage;

impl ListingQuery {
    /// Whether the listing is in its default order and unfiltered, so its pages need only
    /// the best candidates, not all of them.
    pub fn is_default_order_unfiltered(&self) -> bool {
        self.sort == self.kind.default_sort()
            && !self.in_stock
            && self.min_price.is_none()
            && self.max_price.is_none()
    }

    /// The first page of a listing in its default order, unfiltered.
    pub fn first(kind: ListingKind) -> Self {
        Self {
            kind,
            text: String::new(),
            sort: kind.default_sort(),
            in_stock: false,
            min_price: None,
            max_price: None,
            page: 1,
        }
    }

    /// Reads a URL's query string (without `?`). The first value of a parameter counts.
    pub fn parse(kind: ListingKind, query: &str) -> Result<Self, NoSuchPage> {
        let mut listing = Self::first(kind);
        let mut seen = Vec::new();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if seen.contains(&key) {
                continue;
            }
            match key.as_ref() {
                "q" if kind == ListingKind::Search => {
                    listing.text = value.chars().take(MAX_SEARCH_CHARS).collect();
                }
                "sort" => listing.sort = Sort::parse(kind, &value).unwrap_or(listing.sort),
                "stock" => listing.in_stock = value == "1",
                "min" => listing.min_price = whole_units(&value),
                "max" => listing.max_price = whole_units(&value),
                "page" => listing.page = page_number(&value)?,
                _ => {}
            }
            seen.push(key);
        }
        if let (Some(min), Some(max)) = (listing.min_price, listing.max_price)
            && min > max
        {
            (listing.min_price, listing.max_price) = (Some(max), Some(min));
        }
        Ok(listing)
    }

    /// The canonical query string (without `?`; empty when everything is the default).
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if self.kind == ListingKind::Search {
            out.append_pair("q", &self.text);
        }
        if self.sort != self.kind.default_sort() {
            out.append_pair("sort", self.sort.key());
        }
        if self.in_stock {
            out.append_pair("stock", "1");
        }
        for (key, price) in [("min", self.min_price), ("max", self.max_price)] {
            if let Some(price) = price {
                out.append_pair(key, &price.to_string());
            }
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// The root-relative URL of this listing at `path` (`/nl-be/c/bags?page=2`).
    pub fn url(&self, path: PagePath<'_>, storefront: &str) -> String {
        with_query(path.url(storefront), &self.query_string())
    }

    /// The path inside the storefront with the query (`c/bags?page=2`), as canonical and
    /// alternate links take it.
    pub fn relative(&self, path: PagePath<'_>) -> String {
        with_query(path.relative(), &self.query_string())
    }

    /// The same listing at another page.
    pub fn at_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// Whether the shopper re-ordered or filtered the listing: such pages stay out of
    /// search engines and have no language alternates.
    pub fn is_refined(&self) -> bool {
        self.sort != self.kind.default_sort()
            || self.in_stock
            || self.min_price.is_some()
            || self.max_price.is_some()
    }

    /// Whether which products show, or their order, follows from prices.
    pub fn depends_on_prices(&self) -> bool {
        matches!(self.sort, Sort::PriceLow | Sort::PriceHigh)
            || self.min_price.is_some()
            || self.max_price.is_some()
    }
}

fn with_query(mut url: String, query: &str) -> String {
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// A price bound typed into the form: whole units (`49`, `49.90` counts as `49`); anything
/// else (empty, words, negative) means no bound.
fn whole_units(text: &str) -> Option<u32> {
    let text = text.trim();
    let whole = text.split_once(['.', ',']).map_or(text, |(whole, _)| whole);
    whole.parse().ok()
}

fn page_number(text: &str) -> Result<u32, NoSuchPage> {
    match text.parse::<u32>() {
        Ok(page) if page >= 1 => Ok(page),
        _ => Err(NoSuchPage),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(query: &str) -> ListingQuery {
        ListingQuery::parse(ListingKind::Category, query).expect("a page")
    }

    #[test]
    fn the_canonical_query_leaves_out_defaults_and_unknown_parameters() {
        assert_eq!(category("").query_string(), "");
        assert_eq!(category("page=1&utm_source=x&q=ignored").query_string(), "");
        assert_eq!(category("sort=featured").query_string(), "");
        assert_eq!(
            category("page=3&max=80&min=20&stock=1&sort=price-low").query_string(),
            "sort=price-low&stock=1&min=20&max=80&page=3"
        );
    }

    #[test]
    fn reading_the_canonical_query_gives_the_same_listing() {
        let listing = ListingQuery {
            text: "lin shirt & co".into(),
            sort: Sort::Newest,
            in_stock: true,
            min_price: Some(5),
            max_price: None,
            page: 2,
            ..ListingQuery::first(ListingKind::Search)
        };
        let again = ListingQuery::parse(ListingKind::Search, &listing.query_string());
        assert_eq!(again, Ok(listing));
    }

    #[test]
    fn a_page_that_is_not_a_whole_number_from_one_does_not_exist() {
        for page in ["0", "-1", "two", "", "1.5", "99999999999"] {
            assert_eq!(
                ListingQuery::parse(ListingKind::Category, &format!("page={page}")),
                Err(NoSuchPage),
                "{page}"
            );
        }
    }

    #[test]
    fn unknown_orders_and_unreadable_prices_fall_back_to_no_choice() {
        let listing = category("sort=relevance&min=cheap&max=49.90");
        assert_eq!(listing.sort, Sort::Featured, "relevance is search's");
        assert_eq!((listing.min_price, listing.max_price), (None, Some(49)));
        let swapped = category("min=80&max=20");
        assert_eq!((swapped.min_price, swapped.max_price), (Some(20), Some(80)));
    }

    #[test]
    fn search_text_is_kept_and_capped() {
        let long = "a".repeat(150);
        let listing = ListingQuery::parse(ListingKind::Search, &format!("q={long}"));
        assert_eq!(listing.map(|l| l.text.len()), Ok(MAX_SEARCH_CHARS));
    }
}
