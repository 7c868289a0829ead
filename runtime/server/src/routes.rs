//! The URL scheme: `/`, `/{language}-{country}/…`, assets and operational endpoints.

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// `/`: the market chooser.
    Chooser,
    /// `/healthz`: the process is up.
    Health,
    /// `/readyz`: a site is loaded.
    Ready,
    /// `/metrics`: Prometheus counters.
    Metrics,
    /// `/assets/{hashed name}`.
    Asset,
    /// `/{storefront}` without the trailing slash.
    StorefrontRoot(&'a str),
    /// A page of a storefront.
    Storefront(&'a str, PageRoute<'a>),
    /// Nothing here.
    NotFound,
}

/// A page inside a storefront.
#[derive(Debug, PartialEq, Eq)]
pub enum PageRoute<'a> {
    /// `/{m}/`.
    Home,
    /// `/{m}/c/{category}`.
    Category(&'a str),
    /// `/{m}/p/{product}`.
    Product(&'a str),
    /// `/{m}/search`.
    Search,
    /// `/{m}/cart`.
    Cart,
    /// `/{m}/cart/{add|update|remove}`.
    CartAction(CartAction),
    /// `/{m}/checkout`.
    Checkout,
    /// `/{m}/orders/{id}`.
    Order(&'a str),
    /// `/{m}/x/{plugin}/{path}`: a plugin-owned route.
    Plugin(&'a str, &'a str),
    /// Anything else under the storefront.
    Unknown,
}

pub use vitrine_site::CartAction;

/// Maps a path to a route; the storefront id is checked against the site by the caller.
pub fn parse(path: &str) -> Route<'_> {
    match path {
        "/" => return Route::Chooser,
        "/healthz" => return Route::Health,
        "/readyz" => return Route::Ready,
        "/metrics" => return Route::Metrics,
        _ => {}
    }
    if path.starts_with("/assets/") {
        return Route::Asset;
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Route::NotFound;
    };
    match rest.split_once('/') {
        None if looks_like_storefront(rest) => Route::StorefrontRoot(rest),
        Some((storefront, page)) if looks_like_storefront(storefront) => {
            Route::Storefront(storefront, page_route(page))
        }
        _ => Route::NotFound,
    }
}

fn looks_like_storefront(segment: &str) -> bool {
    segment.split_once('-').is_some_and(|(language, country)| {
        (2..=3).contains(&language.len())
            && country.len() == 2
            && language
                .bytes()
                .chain(country.bytes())
                .all(|b| b.is_ascii_lowercase())
    })
}

fn page_route(page: &str) -> PageRoute<'_> {
    if let Some(rest) = page.strip_prefix("x/")
        && let Some((plugin, path)) = rest.split_once('/')
        && !plugin.is_empty()
        && !path.is_empty()
    {
        return PageRoute::Plugin(plugin, path);
    }
    let segments: Vec<&str> = page.split('/').collect();
    match segments.as_slice() {
        [""] => PageRoute::Home,
        ["c", id] if !id.is_empty() => PageRoute::Category(id),
        ["p", id] if !id.is_empty() => PageRoute::Product(id),
        ["search"] => PageRoute::Search,
        ["cart"] => PageRoute::Cart,
        ["cart", "add"] => PageRoute::CartAction(CartAction::Add),
        ["cart", "update"] => PageRoute::CartAction(CartAction::Update),
        ["cart", "remove"] => PageRoute::CartAction(CartAction::Remove),
        ["checkout"] => PageRoute::Checkout,
        ["orders", id] if !id.is_empty() => PageRoute::Order(id),
        _ => PageRoute::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_site::PagePath;

    #[test]
    fn storefront_pages_are_recognised() {
        assert_eq!(
            parse("/nl-be/"),
            Route::Storefront("nl-be", PageRoute::Home)
        );
        assert_eq!(
            parse("/fr-be/p/linen-shirt"),
            Route::Storefront("fr-be", PageRoute::Product("linen-shirt"))
        );
        assert_eq!(
            parse("/de-ch/c/bags"),
            Route::Storefront("de-ch", PageRoute::Category("bags"))
        );
        assert_eq!(
            parse("/en-us/cart/add"),
            Route::Storefront("en-us", PageRoute::CartAction(CartAction::Add))
        );
        assert_eq!(
            parse("/ar-ae/orders/VT-1"),
            Route::Storefront("ar-ae", PageRoute::Order("VT-1"))
        );
        assert_eq!(parse("/nl-nl"), Route::StorefrontRoot("nl-nl"));
        assert_eq!(
            parse("/nl-be/x/click-and-collect/stores"),
            Route::Storefront("nl-be", PageRoute::Plugin("click-and-collect", "stores"))
        );
    }

    /// What the parser makes of each page of the vocabulary the pages link with.
    fn parsed_as<'a>(page: PagePath<'a>) -> PageRoute<'a> {
        match page {
            PagePath::Home => PageRoute::Home,
            PagePath::Category(id) => PageRoute::Category(id),
            PagePath::Product(id) => PageRoute::Product(id),
            PagePath::Search => PageRoute::Search,
            PagePath::Cart => PageRoute::Cart,
            PagePath::CartAction(action) => PageRoute::CartAction(action),
            PagePath::Checkout => PageRoute::Checkout,
            PagePath::Order(id) => PageRoute::Order(id),
            PagePath::Plugin { plugin, route } => PageRoute::Plugin(plugin, route),
        }
    }

    #[test]
    fn every_path_the_pages_build_routes_back_to_its_page() {
        let pages = [
            PagePath::Home,
            PagePath::Category("bags"),
            PagePath::Product("linen-shirt"),
            PagePath::Search,
            PagePath::Cart,
            PagePath::CartAction(CartAction::Add),
            PagePath::CartAction(CartAction::Update),
            PagePath::CartAction(CartAction::Remove),
            PagePath::Checkout,
            PagePath::Order("VT-2026-1"),
            PagePath::Plugin {
                plugin: "click-and-collect",
                route: "select-store",
            },
        ];
        for storefront in ["nl-be", "ar-ae", "fil-ph"] {
            for page in pages {
                let url = page.url(storefront);
                assert_eq!(
                    parse(&url),
                    Route::Storefront(storefront, parsed_as(page)),
                    "{url}"
                );
            }
        }
    }

    #[test]
    fn everything_else_is_not_found() {
        assert_eq!(
            parse("/nl-be/p/"),
            Route::Storefront("nl-be", PageRoute::Unknown)
        );
        assert_eq!(parse("/NL-BE/"), Route::NotFound);
        assert_eq!(parse("/wp-admin.php"), Route::NotFound);
        assert_eq!(parse("//"), Route::NotFound);
    }
}
