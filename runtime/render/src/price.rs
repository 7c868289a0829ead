use vitrine_site::{Market, TaxDisplay};

use crate::loc::Loc;

/// A price as shown to a shopper: the amount, any reference price the law requires, and
/// the tax note.
#[derive(Clone, Debug)]
pub struct PriceView {
    /// The formatted price (`€ 59,00`).
    pub now: String,
    /// The amount in minor units (for structured data).
    pub minor: i64,
    /// A reference price line for a reduction (`Lowest price of the last 30 days: € 79,00`).
    pub reference: Option<String>,
    /// `incl. 21% VAT` or `excl. tax`.
    pub tax_note: String,
}

impl PriceView {
    /// Builds the view of a product's price in a market; `None` if it is not sold there.
    pub(crate) fn of(product: &str, market: &Market, loc: &Loc<'_>) -> Option<Self> {
        let minor = *market.prices.get(product)?;
        let reference = market.reductions.get(product).map(|reduction| {
            if market.omnibus {
                let amount = loc.money(reduction.lowest_prior_30_days);
                loc.t_text("price-lowest-30-days", "price", &amount)
            } else {
                let amount = loc.money(reduction.previous_price);
                loc.t_text("price-was", "price", &amount)
            }
        });
        Some(Self {
            now: loc.money(minor),
            minor,
            reference,
            tax_note: tax_note(market, loc),
        })
    }
}

/// The tax note for a market's prices.
pub(crate) fn tax_note(market: &Market, loc: &Loc<'_>) -> String {
    match market.tax {
        TaxDisplay::Inclusive(_) => loc.t("price-incl-vat"),
        TaxDisplay::Exclusive => loc.t("price-excl-tax"),
    }
}
