//! What callers hand the plugin host and get back: the call's context, the page's budget,
//! route requests and outcomes, and the order events plugins hear of.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vitrine_site::{PricedCart, Recalls};
use vitrine_store::Db;

use vitrine_ui::UiBlock;

pub use crate::bindings::vitrine::plugin::types::PageKind;

/// The shopper's cart, as plugins see it.
#[derive(Clone, Debug)]
pub struct CartInfo {
    /// Opaque id, stable per shopper and market.
    pub id: String,
    /// The cart as its market prices it (the same value the cart page shows).
    pub cart: PricedCart,
}

/// Where a call comes from.
#[derive(Clone)]
pub struct CallContext {
    /// Storefront id.
    pub storefront: String,
    /// Page type.
    pub page: PageKind,
    /// The product of a product page.
    pub product: Option<String>,
    /// The category of a category page.
    pub category: Option<String>,
    /// The shopper's cart, if they have a session.
    pub cart: Option<CartInfo>,
    /// The database, for storage and events.
    pub db: Option<Db>,
    /// The shopper's postcode, only if they consented to share it.
    pub postcode: Option<String>,
    /// The recalls in effect when the request started.
    pub recalls: Arc<Recalls>,
}

/// The time all plugin calls of one page may take together.
#[derive(Clone, Copy, Debug)]
pub struct PageBudget {
    until: Instant,
}

impl PageBudget {
    /// A budget that ends `total` from now.
    pub fn new(total: Duration) -> Self {
        Self {
            until: Instant::now() + total,
        }
    }

    /// Time left at `now`.
    pub(crate) fn remaining(&self, now: Instant) -> Duration {
        self.until.saturating_duration_since(now)
    }

    /// When the budget ends.
    pub(crate) fn until(&self) -> Instant {
        self.until
    }
}

/// A request to a plugin route.
#[derive(Clone, Debug)]
pub struct RouteRequest {
    /// Whether it is a POST.
    pub post: bool,
    /// The route path.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Form fields of a POST (CSRF already checked).
    pub form: Vec<(String, String)>,
}

/// An order that was just placed, as plugins hear of it.
#[derive(Clone, Copy, Debug)]
pub struct PlacedOrder<'a> {
    /// Order id.
    pub id: &'a str,
    /// The lines at the prices charged (the same value the order records).
    pub cart: &'a PricedCart,
    /// The chosen delivery as `{plugin}:{option}`, none for home delivery.
    pub delivery: Option<&'a str>,
}

/// What a plugin route answered.
#[derive(Clone, Debug)]
pub enum RouteOutcome {
    /// A page to render in the storefront layout.
    Page {
        /// Its title.
        title: String,
        /// Its blocks.
        blocks: Vec<UiBlock>,
    },
    /// A redirect to a root-relative storefront URL.
    Redirect(String),
    /// The plugin says there is no such page.
    NotFound,
    /// The shopper's input was wrong: the message to show.
    Invalid(String),
}
