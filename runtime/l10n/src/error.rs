use thiserror::Error;

/// Errors raised while building localisation resources for a storefront.
#[derive(Debug, Error)]
pub enum L10nError {
    /// The locale identifier is not valid BCP 47.
    #[error("`{0}` is not a valid locale identifier")]
    BadLocale(String),
    /// The currency is not an ISO 4217 code this runtime supports.
    #[error("`{0}` is not a supported ISO 4217 currency code")]
    UnknownCurrency(String),
    /// ICU4X has no data for this locale or currency.
    #[error("no CLDR data for {what}: {reason}")]
    MissingData {
        /// What was being loaded (e.g. "currency EUR in nl-NL").
        what: String,
        /// The ICU4X error, as text.
        reason: String,
    },
}
