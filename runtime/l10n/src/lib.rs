//! Localisation for every storefront: Fluent UI messages resolved along a fallback chain,
//! and ICU4X (CLDR compiled data) for money, numbers, dates and text direction.
//!
//! Everything here is pure: no I/O, no async runtime. Formatters are built once per site
//! snapshot ([`StorefrontL10n::new`]) and shared across requests.

mod currency;
mod date;
mod error;
mod locale;
mod messages;
mod money;
mod number;
mod storefront;

pub use currency::Currency;
pub use date::DateFormatter;
pub use error::L10nError;
pub use locale::{Direction, StorefrontLocale};
pub use messages::{
    Arg, Expansion, FtlFile, FtlProblem, LocaleBundleSet, MessageStats, Messages, TextTooLong,
    parse_ftl,
};
pub use money::{Money, MoneyFormatter};
pub use number::NumberFormatter;
pub use storefront::StorefrontL10n;
