//! The storefront URL vocabulary: every path a page links to, a form posts to or a redirect
//! sends to is built here, from one description of the scheme. The server parses the same
//! scheme (`runtime/server/src/routes.rs`), and its tests round-trip every page through it.

/// A change to the cart, posted to `/{m}/cart/{action}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CartAction {
    /// Add units of a product.
    Add,
    /// Set a line's quantity.
    Update,
    /// Remove a line.
    Remove,
}

impl CartAction {
    /// The path segment (`add`).
    pub fn segment(self) -> &'static str {
        match self {
            CartAction::Add => "add",
            CartAction::Update => "update",
            CartAction::Remove => "remove",
        }
    }
}

/// A page of a storefront.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagePath<'a> {
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
    /// `/{m}/x/{plugin}/{route}`: a plugin-owned route.
    Plugin {
        /// Plugin id.
        plugin: &'a str,
        /// Its route, and anything after it.
        route: &'a str,
    },
}

impl PagePath<'_> {
    /// The path inside the storefront, without `/{storefront}/` (`p/linen-shirt`; empty for
    /// the home page): what canonical and alternate links and the switcher keep.
    pub fn relative(&self) -> String {
        let mut out = String::new();
        self.write_relative(&mut out);
        out
    }

    /// The root-relative URL of the page in a storefront (`/nl-be/p/linen-shirt`).
    pub fn url(&self, storefront: &str) -> String {
        let mut out = String::with_capacity(storefront.len() + 40);
        out.push('/');
        out.push_str(storefront);
        out.push('/');
        self.write_relative(&mut out);
        out
    }

    fn write_relative(&self, out: &mut String) {
        let parts: [&str; 4] = match self {
            PagePath::Home => ["", "", "", ""],
            PagePath::Category(id) => ["c/", id, "", ""],
            PagePath::Product(id) => ["p/", id, "", ""],
            PagePath::Search => ["search", "", "", ""],
            PagePath::Cart => ["cart", "", "", ""],
            PagePath::CartAction(action) => ["cart/", action.segment(), "", ""],
            PagePath::Checkout => ["checkout", "", "", ""],
            PagePath::Order(id) => ["orders/", id, "", ""],
            PagePath::Plugin { plugin, route } => ["x/", plugin, "/", route],
        };
        for part in parts {
            out.push_str(part);
        }
    }
}

/// The root-relative URL of a path inside a storefront.
pub fn url(storefront: &str, relative: &str) -> String {
    format!("/{storefront}/{relative}")
}

/// The path inside a storefront of one of its URLs (`/nl-be/p/x` → `p/x`), if it is one.
pub fn relative<'p>(storefront: &str, url: &'p str) -> Option<&'p str> {
    url.strip_prefix('/')?
        .strip_prefix(storefront)?
        .strip_prefix('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_the_storefront_and_the_relative_path() {
        assert_eq!(PagePath::Home.url("nl-be"), "/nl-be/");
        assert_eq!(
            PagePath::Product("linen-shirt").url("nl-be"),
            "/nl-be/p/linen-shirt"
        );
        assert_eq!(
            PagePath::CartAction(CartAction::Remove).url("fr-fr"),
            "/fr-fr/cart/remove"
        );
        let route = PagePath::Plugin {
            plugin: "click-and-collect",
            route: "stores",
        };
        assert_eq!(route.relative(), "x/click-and-collect/stores");
        assert_eq!(
            relative("nl-be", "/nl-be/p/linen-shirt"),
            Some("p/linen-shirt")
        );
        assert_eq!(relative("nl-be", "/nl-bex/p"), None);
        assert_eq!(relative("nl-be", "/nl-be/"), Some(""));
    }
}
