//! What every handler works with: the request's context (shared state and the snapshot it
//! started with), the shopper behind the request (session and cart, read once and priced
//! once), and which page plugins are asked to fill.

use std::sync::{Arc, OnceLock};

use hyper::StatusCode;
use hyper::header::HeaderMap;
use vitrine_plugins::{PageBudget, PageKind};
use vitrine_render::{Page, RenderError, Renderer, SlotOutput, Visitor};
use vitrine_site::{CartLine, PricedCart, Storefront};
use vitrine_ui::DeliveryChoice;

use crate::session::Session;
use crate::{AppState, Snapshot};

/// What every handler needs: the shared state and the snapshot this request uses.
pub struct Ctx {
    /// Shared state.
    pub state: AppState,
    /// The snapshot (site, plugins, recalls), fixed for the whole request; also what tells
    /// whether a page rendered from it may still enter the cache.
    pub snapshot: Arc<Snapshot>,
    /// The time all plugin calls of this request may take together, from the first one.
    budget: OnceLock<PageBudget>,
}

impl Ctx {
    /// A context over the current snapshot.
    pub fn new(state: AppState) -> Self {
        Self {
            snapshot: state.snapshot(),
            state,
            budget: OnceLock::new(),
        }
    }

    /// The plugin budget of this request: one for every plugin call the page makes (slots,
    /// delivery options, a route), started by the first.
    pub fn budget(&self) -> PageBudget {
        *self
            .budget
            .get_or_init(|| PageBudget::new(self.state.config().plugin_page_budget))
    }

    /// A renderer over this request's snapshot.
    pub fn renderer(&self) -> Renderer<'_> {
        Renderer::new(&self.snapshot.site, &self.state.config().public_url)
            .with_recalls(&self.snapshot.recalls)
    }

    /// Whether a storefront offers a product in this snapshot (sold there, not recalled).
    pub fn offers(&self, storefront: &Storefront, product: &str) -> bool {
        self.snapshot
            .site
            .offers(&self.snapshot.recalls, storefront, product)
    }

    /// The request's session, if its cookie is well formed.
    pub fn session(&self, headers: &HeaderMap) -> Option<Session> {
        Session::from_headers(headers, self.state.secret())
    }
}

/// A rendered page (or the failure to render it) and the status it is sent with.
pub struct Rendered {
    /// Status code.
    pub status: StatusCode,
    /// The page.
    pub page: Result<Page, RenderError>,
}

impl Rendered {
    /// A page sent with 200.
    pub fn ok(page: Result<Page, RenderError>) -> Self {
        Self {
            status: StatusCode::OK,
            page,
        }
    }
}

/// Which page plugins are asked to fill.
#[derive(Clone, Copy)]
pub struct PageInfo<'a> {
    /// Page type.
    pub kind: PageKind,
    /// The product of a product page.
    pub product: Option<&'a str>,
    /// The category of a category page.
    pub category: Option<&'a str>,
}

impl PageInfo<'_> {
    /// A page of a kind that is about neither a product nor a category.
    pub fn of(kind: PageKind) -> Self {
        Self {
            kind,
            product: None,
            category: None,
        }
    }
}

/// The shopper behind a request: their session and cart, read once per request, priced once
/// in the storefront's market, and shared by the page and every plugin call.
pub struct Shopper<'s> {
    /// The session, if the shopper has one.
    pub session: Option<&'s Session>,
    /// Their cart in this storefront's market, as stored.
    pub lines: Vec<CartLine>,
    /// The same cart at the market's prices: what pages show, orders record and plugins see.
    pub cart: PricedCart,
}

impl<'s> Shopper<'s> {
    /// Reads the session's cart (an anonymous shopper has none) and prices it.
    pub async fn load(ctx: &Ctx, storefront: &Storefront, session: Option<&'s Session>) -> Self {
        let lines = read_cart(ctx, storefront, session).await;
        let cart = ctx
            .snapshot
            .site
            .price_cart(&ctx.snapshot.recalls, storefront, &lines);
        Self {
            session,
            lines,
            cart,
        }
    }

    /// A shopper without a session (the pages the cache keeps).
    pub fn anonymous() -> Self {
        Self {
            session: None,
            lines: Vec::new(),
            cart: PricedCart::default(),
        }
    }

    /// Units in the cart, for the header.
    pub fn count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    /// The session's CSRF token, for the forms of the page.
    pub fn csrf(&self) -> Option<&'s str> {
        self.session.map(|s| s.csrf.as_str())
    }

    /// The page's view of the shopper.
    pub fn visitor<'v>(
        &'v self,
        slots: &'v [SlotOutput],
        delivery: &'v [DeliveryChoice],
    ) -> Visitor<'v> {
        Visitor {
            csrf: self.csrf(),
            cart_count: self.count(),
            slots,
            delivery,
        }
    }
}

/// The session's cart in the storefront's market (empty without a session or on error).
async fn read_cart(ctx: &Ctx, storefront: &Storefront, session: Option<&Session>) -> Vec<CartLine> {
    let Some(session) = session else {
        return Vec::new();
    };
    match ctx.state.db().cart(&session.id, &storefront.market).await {
        Ok(items) => items
            .into_iter()
            .map(|i| CartLine {
                product: i.product,
                quantity: i.quantity,
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, "reading the cart failed");
            Vec::new()
        }
    }
}
