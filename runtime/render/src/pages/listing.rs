//! What a shopper uses to move through a listing: the count, the order and filter form (a
//! plain GET form, so it works without JavaScript), the page links and `rel=prev/next`.

use vitrine_site::{ListingPage, ListingQuery, PagePath, Site, Sort, Storefront};

use crate::loc::Loc;

/// How many page numbers show on each side of the current page.
const PAGE_WINDOW: u32 = 2;

/// A listing's controls and where it stands.
pub struct ListingView {
    /// `29 products`.
    pub count: String,
    /// The listing's URL: the form's action.
    pub action: String,
    /// The search text, kept in a hidden field (search only).
    pub text: Option<String>,
    /// The orders on offer.
    pub sorts: Vec<SortOption>,
    /// Whether the stock filter is on.
    pub in_stock: bool,
    /// Whether the market has stores, so the stock filter means something.
    pub offers_stock: bool,
    /// The price bounds as typed (empty without a bound).
    pub min: String,
    /// The upper bound.
    pub max: String,
    /// `Min. price (EUR)`.
    pub min_label: String,
    /// `Max. price (EUR)`.
    pub max_label: String,
    /// Whether the shopper re-ordered or filtered the listing.
    pub refined: bool,
    /// The page links, when there is more than one page.
    pub pager: Option<Pager>,
}

/// One order in the sort menu.
pub struct SortOption {
    /// Its query value.
    pub value: &'static str,
    /// Its label.
    pub label: String,
    /// Whether the listing is in this order.
    pub selected: bool,
}

/// The links between a listing's pages.
pub struct Pager {
    /// `Page 2 of 6`.
    pub status: String,
    /// The previous page's URL.
    pub prev: Option<String>,
    /// The next page's URL.
    pub next: Option<String>,
    /// The first, the last and the pages around this one, with gaps between.
    pub links: Vec<PageLink>,
}

/// A numbered page link, or a gap (`…`) when `href` is `None`.
pub struct PageLink {
    /// The number, in the storefront's digits.
    pub label: String,
    /// `Page 3`, for assistive technology.
    pub aria: String,
    /// Where it goes.
    pub href: Option<String>,
    /// Whether it is the page shown.
    pub current: bool,
}

impl ListingView {
    /// The controls of one page of a listing at `path`.
    pub fn new(
        (site, storefront, loc): (&Site, &Storefront, &Loc<'_>),
        path: PagePath<'_>,
        query: &ListingQuery,
        page: &ListingPage<'_>,
    ) -> Self {
        let market = site.market_of(storefront);
        let currency = market.currency.code();
        let bound = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
        let url = |page: u32| query.at_page(page).url(path, &storefront.id);
        Self {
            count: loc.t_int("listing-count", "count", page.total as i64),
            action: path.url(&storefront.id),
            text: (query.kind == vitrine_site::ListingKind::Search).then(|| query.text.clone()),
            sorts: sort_options(loc, query),
            in_stock: query.in_stock,
            offers_stock: site.stores_in(market).next().is_some(),
            min: bound(query.min_price),
            max: bound(query.max_price),
            min_label: loc.t_text("filter-price-min", "currency", currency),
            max_label: loc.t_text("filter-price-max", "currency", currency),
            refined: query.is_refined(),
            pager: (page.pages > 1).then(|| pager(loc, page, url)),
        }
    }
}

fn sort_options(loc: &Loc<'_>, query: &ListingQuery) -> Vec<SortOption> {
    Sort::choices(query.kind)
        .into_iter()
        .map(|sort| SortOption {
            value: sort.key(),
            label: loc.t(&format!("sort-{}", sort.key())),
            selected: sort == query.sort,
        })
        .collect()
}

fn pager(loc: &Loc<'_>, page: &ListingPage<'_>, url: impl Fn(u32) -> String) -> Pager {
    let (current, last) = (page.page, page.pages);
    let around =
        current.saturating_sub(PAGE_WINDOW).max(1)..=current.saturating_add(PAGE_WINDOW).min(last);
    let mut numbers: Vec<u32> = std::iter::once(1).chain(around).chain([last]).collect();
    numbers.dedup();
    let mut links = Vec::new();
    let mut shown = 0;
    for number in numbers {
        if number > shown + 1 {
            links.push(PageLink {
                label: "…".into(),
                aria: String::new(),
                href: None,
                current: false,
            });
        }
        links.push(PageLink {
            label: loc.t_int("page-link", "page", i64::from(number)),
            aria: loc.t_int("page-number", "page", i64::from(number)),
            href: Some(url(number)),
            current: number == current,
        });
        shown = number;
    }
    Pager {
        status: loc.t_ints(
            "page-status",
            &[("page", i64::from(current)), ("pages", i64::from(last))],
        ),
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < last).then(|| url(current + 1)),
        links,
    }
}
