//! What every page shares: `<html lang dir>`, canonical and `hreflang` links, navigation,
//! the market/language switcher and the cart link.

use vitrine_site::{PagePath, Site, Storefront, paths};

use crate::loc::Loc;

/// Who is asking and what the server prepared for them: anonymous pages (no CSRF token,
/// empty cart) are the cacheable ones.
#[derive(Clone, Copy, Debug, Default)]
pub struct Visitor<'a> {
    /// The session's CSRF token, embedded in every form that changes state.
    pub csrf: Option<&'a str>,
    /// Items in the cart, shown in the header.
    pub cart_count: u32,
    /// Plugin output for this page's slots, already validated by the plugin host.
    pub slots: &'a [crate::plugin_ui::SlotOutput],
    /// Delivery options plugins offer at checkout.
    pub delivery: &'a [vitrine_ui::DeliveryChoice],
}

/// An alternate-language link (`<link rel="alternate" hreflang>`).
pub struct Alternate {
    /// BCP 47 tag (`nl-BE`).
    pub hreflang: String,
    /// Absolute URL.
    pub href: String,
}

/// One entry of the market/language switcher.
pub struct SwitchLink {
    /// `België · Nederlands`, in the target storefront's own language.
    pub label: String,
    /// Where it goes: the same page there, or that storefront's home.
    pub href: String,
    /// BCP 47 tag of the target.
    pub hreflang: String,
    /// Whether this is the storefront being viewed.
    pub current: bool,
}

/// A navigation link.
pub struct NavLink {
    /// Visible text.
    pub label: String,
    /// Root-relative URL.
    pub href: String,
    /// Whether it points at the current page.
    pub current: bool,
}

/// The shared frame of a storefront page.
pub struct Chrome<'a> {
    pub loc: Loc<'a>,
    pub lang: String,
    pub dir: &'static str,
    pub market: &'a str,
    pub title: String,
    pub brand: &'a str,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub x_default: String,
    pub stylesheets: Vec<&'a str>,
    pub nav: Vec<NavLink>,
    pub switcher: Vec<SwitchLink>,
    pub home_url: String,
    pub search_url: String,
    pub cart_url: String,
    pub cart_label: String,
    pub search_query: String,
    pub noindex: bool,
    pub csrf: Option<&'a str>,
    pub slots: &'a [crate::plugin_ui::SlotOutput],
}

/// What a page is, for building its chrome.
pub struct PageSpec<'p> {
    /// The path after the storefront prefix (`p/linen-shirt`, empty for home).
    pub path: &'p str,
    /// The page title (the brand name is appended).
    pub title: String,
    /// Storefronts that offer the same page, for `hreflang`; the current one included.
    pub offered_by: Vec<&'p str>,
    /// Pages that should stay out of search engines (cart, checkout, orders).
    pub noindex: bool,
    /// The search box's current value.
    pub search_query: &'p str,
    /// The page's own path when it is not `path` (a listing's page 2, or re-ordered): the
    /// canonical link names it, and such a page has no language alternates (another
    /// storefront's page 2 holds other products). Navigation and the switcher keep `path`.
    pub canonical: Option<&'p str>,
}

impl<'a> Chrome<'a> {
    /// Builds the chrome of a page of `storefront`.
    pub fn new(
        site: &'a Site,
        base_url: &str,
        storefront: &'a Storefront,
        spec: PageSpec<'_>,
        visitor: Visitor<'a>,
    ) -> Self {
        let loc = Loc::new(storefront);
        let locale = &storefront.l10n.locale;
        let cart_label = match visitor.cart_count {
            0 => loc.t("nav-cart"),
            n => loc.t_int("nav-cart-count", "count", i64::from(n)),
        };
        Self {
            lang: locale.tag(),
            dir: locale.direction.as_html(),
            market: &storefront.market,
            title: format!("{} | {}", spec.title, site.name),
            brand: &site.name,
            canonical: page_url(
                base_url,
                &storefront.id,
                spec.canonical.unwrap_or(spec.path),
            ),
            alternates: alternates(site, base_url, &spec),
            x_default: format!("{base_url}/"),
            stylesheets: stylesheets(site),
            nav: nav(site, storefront, &loc, spec.path),
            switcher: switcher(site, storefront, &spec),
            home_url: PagePath::Home.url(&storefront.id),
            search_url: PagePath::Search.url(&storefront.id),
            cart_url: PagePath::Cart.url(&storefront.id),
            cart_label,
            search_query: spec.search_query.to_owned(),
            noindex: spec.noindex,
            csrf: visitor.csrf,
            slots: visitor.slots,
            loc,
        }
    }
}

impl Chrome<'_> {
    /// The HTML of every plugin's output for a slot, each in an element that names the
    /// plugin and the slot; empty when no plugin fills it.
    pub fn slot(&self, name: &str) -> String {
        self.slots
            .iter()
            .filter(|s| s.slot == name)
            .map(|s| {
                format!(
                    "<section class=\"plugin-slot\" data-plugin=\"{}\" data-slot=\"{}\">{}</section>",
                    attr(&s.plugin),
                    attr(&s.slot),
                    s.html
                )
            })
            .collect()
    }
}

/// Escapes an attribute value (plugin ids and slot names are validated ids already).
fn attr(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect()
}

/// The absolute URL of a page of a storefront.
pub fn page_url(base_url: &str, storefront: &str, path: &str) -> String {
    format!("{base_url}/{storefront}/{path}")
}

fn stylesheets(site: &Site) -> Vec<&str> {
    std::iter::once(site.theme.tokens_css_url.as_str())
        .chain(site.theme.stylesheet_urls.iter().map(String::as_str))
        .collect()
}

fn alternates(site: &Site, base_url: &str, spec: &PageSpec<'_>) -> Vec<Alternate> {
    if spec.canonical.is_some() {
        return Vec::new();
    }
    site.storefronts
        .iter()
        .filter(|s| spec.offered_by.contains(&s.id.as_str()))
        .map(|s| Alternate {
            hreflang: s.l10n.locale.tag(),
            href: page_url(base_url, &s.id, spec.path),
        })
        .collect()
}

fn nav(site: &Site, storefront: &Storefront, loc: &Loc<'_>, path: &str) -> Vec<NavLink> {
    site.categories
        .iter()
        .map(|category| {
            let own = PagePath::Category(&category.id).relative();
            NavLink {
                label: category.name_in(loc.language()).to_owned(),
                href: paths::url(&storefront.id, &own),
                current: own == path,
            }
        })
        .collect()
}

fn switcher(site: &Site, current: &Storefront, spec: &PageSpec<'_>) -> Vec<SwitchLink> {
    site.storefronts
        .iter()
        .map(|s| {
            let offered = spec.offered_by.contains(&s.id.as_str());
            let path = if offered { spec.path } else { "" };
            SwitchLink {
                label: s.label.clone(),
                href: paths::url(&s.id, path),
                hreflang: s.l10n.locale.tag(),
                current: s.id == current.id,
            }
        })
        .collect()
}
