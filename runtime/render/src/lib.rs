//! Page rendering: builds each page's view model from a [`Site`] snapshot and renders it
//! through the brand theme's askama templates (compiled into the binary).
//!
//! Pure and synchronous: no I/O, no async runtime, no HTTP types. The server decides status
//! codes and caching; this crate only turns data into HTML.

mod chrome;
mod loc;
mod pages;
mod plugin_ui;
mod price;
mod template;

pub use chrome::Visitor;
pub use pages::{
    CheckoutForm, FieldError, Found, ListingView, OrderSummary, Page, PageLink, Pager, RenderError,
    Renderer, SortOption,
};
pub use plugin_ui::SlotOutput;
pub use price::PriceView;

pub use vitrine_site::Site;
