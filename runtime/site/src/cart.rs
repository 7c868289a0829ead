//! A cart priced in a market, computed once from the market and the lines: the cart and
//! checkout pages show it, the order records it and plugins are told of it, all from the
//! same value, so they agree by construction.

use crate::{Market, Recalls, Site, Storefront};

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
    /// The product was recalled in this storefront since it was added: the line is shown
    /// flagged, counts for nothing and stops checkout until it is removed.
    pub recalled: bool,
}

impl PricedLine {
    /// The line's amount in minor units (nothing for a recalled line).
    pub fn total(&self) -> i64 {
        if self.recalled {
            return 0;
        }
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

    /// The lines whose product was recalled: checkout refuses while there is one.
    pub fn recalled(&self) -> impl Iterator<Item = &PricedLine> {
        self.lines.iter().filter(|l| l.recalled)
    }

    /// The lines that can be bought.
    pub fn on_sale(&self) -> impl Iterator<Item = &PricedLine> {
        self.lines.iter().filter(|l| !l.recalled)
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
                    recalled: false,
                })
            })
            .collect();
        PricedCart { lines }
    }
}

impl Site {
    /// Prices a storefront's cart: the market's prices, with the lines a recall covers in
    /// this storefront flagged.
    pub fn price_cart(
        &self,
        recalls: &Recalls,
        storefront: &Storefront,
        lines: &[CartLine],
    ) -> PricedCart {
        let mut cart = self.market_of(storefront).price(lines);
        for line in &mut cart.lines {
            line.recalled = recalls.covers(&line.product, &storefront.id);
        }
        cart
    }
}
