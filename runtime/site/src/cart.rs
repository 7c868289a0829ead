//! A cart priced in a market, computed once from the market and the lines: the cart and
//! checkout pages show it, the order records it and plugins are told of it, all from the
//! same value, so they agree by construction.

use crate::Market;

/// A cart line as stored: which product, how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartLine {
    /// Product id.
    pub product: String,
    /// Quantity, 1–99.
    pub quantity: u32,
}

/// A line with the unit price it is (or was) sold at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedLine {
    /// Product id.
    pub product: String,
    /// Quantity.
    pub quantity: u32,
    /// Unit price in minor units, VAT included where the market shows it so.
    pub unit_price: i64,
}

impl PricedLine {
    /// The line's amount in minor units.
    pub fn total(&self) -> i64 {
        self.unit_price.saturating_mul(i64::from(self.quantity))
    }
}

/// Priced lines, in cart order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PricedCart {
    /// The lines the market sells, at its prices.
    pub lines: Vec<PricedLine>,
}

impl PricedCart {
    /// The total in minor units.
    pub fn total(&self) -> i64 {
        self.lines.iter().map(PricedLine::total).sum()
    }

    /// Whether no line is left.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

impl Market {
    /// Prices cart lines at the market's current prices; products it does not sell are left
    /// out.
    pub fn price(&self, lines: &[CartLine]) -> PricedCart {
        let lines = lines
            .iter()
            .filter_map(|line| {
                Some(PricedLine {
                    product: line.product.clone(),
                    quantity: line.quantity,
                    unit_price: *self.prices.get(&line.product)?,
                })
            })
            .collect();
        PricedCart { lines }
    }
}
