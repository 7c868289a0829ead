use std::sync::Arc;

use crate::{
    Currency, DateFormatter, L10nError, LocaleBundleSet, MessageStats, Messages, MoneyFormatter,
    NumberFormatter, StorefrontLocale,
};

/// Everything a storefront needs to speak its language: messages along its fallback chain
/// and CLDR formatters. Built once per site snapshot, shared by every request.
#[derive(Debug)]
pub struct StorefrontL10n {
    /// The storefront's locale and fallback chain.
    pub locale: StorefrontLocale,
    /// UI messages.
    pub messages: Messages,
    /// Money in the market's currency.
    pub money: MoneyFormatter,
    /// Plain numbers.
    pub numbers: NumberFormatter,
    /// Dates.
    pub dates: DateFormatter,
}

impl StorefrontL10n {
    /// Builds formatters and the message chain; fails only if CLDR lacks data.
    pub fn new(
        locale: StorefrontLocale,
        currency: Currency,
        bundles: &LocaleBundleSet,
        stats: Arc<MessageStats>,
    ) -> Result<Self, L10nError> {
        let money = MoneyFormatter::new(&locale.icu, currency)?;
        let numbers = NumberFormatter::new(&locale.icu)?;
        let dates = DateFormatter::new(&locale.icu)?;
        let messages = bundles.messages(&locale.chain, locale.direction, stats);
        Ok(Self {
            locale,
            messages,
            money,
            numbers,
            dates,
        })
    }
}
