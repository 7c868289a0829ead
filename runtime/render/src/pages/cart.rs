//! Cart, checkout and order confirmation.

use askama::Template;
use vitrine_site::{CartAction, Market, PagePath, PricedCart, PricedLine, Storefront, TaxDisplay};

use super::{Page, RenderError, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::loc::Loc;

/// A placed order as the confirmation page shows it.
#[derive(Clone, Debug)]
pub struct OrderSummary {
    /// Order id.
    pub id: String,
    /// Date placed (year, month, day).
    pub placed_on: (i32, u8, u8),
    /// Lines at the prices they were sold at.
    pub cart: PricedCart,
    /// Delivery address: name, street, postcode, city.
    pub address: CheckoutForm,
    /// How it is delivered, as shown to the shopper (`Home delivery`, `Collect at …`).
    pub delivery_label: Option<String>,
}

/// The checkout form's values, as typed.
#[derive(Clone, Debug, Default)]
pub struct CheckoutForm {
    /// Full name of the recipient.
    pub name: String,
    /// Email for the order confirmation.
    pub email: String,
    /// Street and house number.
    pub street: String,
    /// Postcode.
    pub postcode: String,
    /// City.
    pub city: String,
    /// Delivery choice: `home` or `{plugin}:{option}`.
    pub delivery: String,
    /// Whether the shopper lets shop features use their postcode.
    pub share_postcode: bool,
}

/// A checkout field that failed validation, and the message id explaining why.
#[derive(Clone, Debug)]
pub struct FieldError {
    /// Field name (`postcode`).
    pub field: &'static str,
    /// Fluent message id (`checkout-error-required`).
    pub message: &'static str,
}

/// A priced line as the templates show it.
pub struct LineView {
    pub product: String,
    pub name: String,
    pub href: String,
    pub unit: String,
    pub quantity: u32,
    pub total: String,
    /// Why the line cannot be bought (its product was recalled), if it cannot.
    pub note: Option<String>,
}

/// Totals and the tax line under a list of lines.
pub struct Totals {
    pub total: String,
    pub tax_line: String,
}

/// One input of the checkout form.
pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub autocomplete: &'static str,
    pub kind: &'static str,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "cart.html")]
struct CartPage<'a> {
    chrome: Chrome<'a>,
    lines: Vec<LineView>,
    totals: Totals,
    error: Option<String>,
    can_check_out: bool,
    update_action: String,
    remove_action: String,
    checkout_url: String,
}

#[derive(Template)]
#[template(path = "checkout.html")]
struct CheckoutPage<'a> {
    chrome: Chrome<'a>,
    lines: Vec<LineView>,
    totals: Totals,
    fields: Vec<FieldView>,
    country: String,
    has_errors: bool,
    recalled: Option<String>,
    action: String,
    delivery: &'a [vitrine_ui::DeliveryChoice],
    selected_delivery: &'a str,
    share_postcode: bool,
}

#[derive(Template)]
#[template(path = "order.html")]
struct OrderPage<'a> {
    chrome: Chrome<'a>,
    id: String,
    placed_on: String,
    lines: Vec<LineView>,
    totals: Totals,
    address: Vec<String>,
    delivery: String,
}

impl<'a> Renderer<'a> {
    /// The cart, priced in its market; `error` is a message id shown above it after a
    /// rejected change.
    pub fn cart(
        &self,
        storefront: &'a Storefront,
        cart: &PricedCart,
        error: Option<&str>,
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let market = self.market(storefront);
        let page = CartPage {
            lines: self.line_views(storefront, &cart.lines, &loc),
            totals: totals(cart, market, &loc),
            error: error.or(recalled_notice(cart)).map(|id| loc.t(id)),
            can_check_out: cart.recalled().next().is_none(),
            update_action: PagePath::CartAction(CartAction::Update).url(&storefront.id),
            remove_action: PagePath::CartAction(CartAction::Remove).url(&storefront.id),
            checkout_url: PagePath::Checkout.url(&storefront.id),
            chrome: self.chrome(
                storefront,
                self.private_spec(&PagePath::Cart.relative(), loc.t("cart-title")),
                visitor,
            ),
        };
        Ok(Page {
            html: render(&page)?,
            tags: Vec::new(),
        })
    }

    /// The checkout form with the cart's summary; `errors` mark fields to fix.
    pub fn checkout(
        &self,
        storefront: &'a Storefront,
        cart: &PricedCart,
        form: &CheckoutForm,
        errors: &[FieldError],
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let market = self.market(storefront);
        let page = CheckoutPage {
            lines: self.line_views(storefront, &cart.lines, &loc),
            totals: totals(cart, market, &loc),
            fields: fields(form, errors, &loc),
            country: loc.t(&format!("country-{}", market.country)),
            has_errors: !errors.is_empty(),
            recalled: recalled_notice(cart).map(|id| loc.t(id)),
            action: PagePath::Checkout.url(&storefront.id),
            delivery: visitor.delivery,
            selected_delivery: &form.delivery,
            share_postcode: form.share_postcode,
            chrome: self.chrome(
                storefront,
                self.private_spec(&PagePath::Checkout.relative(), loc.t("checkout-title")),
                visitor,
            ),
        };
        Ok(Page {
            html: render(&page)?,
            tags: Vec::new(),
        })
    }

    /// The confirmation page of a placed order.
    pub fn order(
        &self,
        storefront: &'a Storefront,
        order: &OrderSummary,
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let market = self.market(storefront);
        let (y, m, d) = order.placed_on;
        let address = &order.address;
        let path = PagePath::Order(&order.id).relative();
        let mut spec = self.private_spec(&path, loc.t("order-title"));
        spec.offered_by = vec![storefront.id.as_str()];
        let page = OrderPage {
            id: order.id.clone(),
            placed_on: storefront.l10n.dates.format_ymd(y, m, d),
            lines: self.line_views(storefront, &order.cart.lines, &loc),
            totals: totals(&order.cart, market, &loc),
            address: vec![
                address.name.clone(),
                address.street.clone(),
                format!("{} {}", address.postcode, address.city),
                loc.t(&format!("country-{}", market.country)),
            ],
            delivery: order
                .delivery_label
                .clone()
                .unwrap_or_else(|| loc.t("checkout-delivery-home")),
            chrome: self.chrome(storefront, spec, visitor),
        };
        Ok(Page {
            html: render(&page)?,
            tags: Vec::new(),
        })
    }

    fn private_spec<'p>(&self, path: &'p str, title: String) -> PageSpec<'p>
    where
        'a: 'p,
    {
        PageSpec {
            path,
            title,
            offered_by: self.all_storefronts(),
            noindex: true,
            search_query: "",
            canonical: None,
        }
    }

    fn line_views(
        &self,
        storefront: &Storefront,
        lines: &[PricedLine],
        loc: &Loc<'_>,
    ) -> Vec<LineView> {
        lines
            .iter()
            .filter_map(|line| {
                let product = self.site.products.get(&line.product)?;
                Some(LineView {
                    product: product.id.clone(),
                    name: product.name_in(&storefront.language).to_owned(),
                    href: PagePath::Product(&product.id).url(&storefront.id),
                    unit: loc.money(line.unit_price),
                    quantity: line.quantity,
                    total: loc.money(line.total()),
                    note: line.recalled.then(|| loc.t("cart-line-recalled")),
                })
            })
            .collect()
    }
}

/// The notice a cart with a recalled line shows above its lines.
fn recalled_notice(cart: &PricedCart) -> Option<&'static str> {
    cart.recalled().next().map(|_| "cart-recalled-notice")
}

fn totals(cart: &PricedCart, market: &Market, loc: &Loc<'_>) -> Totals {
    let total = cart.total();
    let tax_line = match market.tax {
        TaxDisplay::Inclusive(rate) => {
            let percent = loc.percent(&rate.percent_string());
            let amount = loc.money(rate.included_in(total));
            loc.t_texts(
                "cart-vat-included",
                &[("rate", &percent), ("amount", &amount)],
            )
        }
        TaxDisplay::Exclusive => loc.t("cart-tax-at-checkout"),
    };
    Totals {
        total: loc.money(total),
        tax_line,
    }
}

fn fields(form: &CheckoutForm, errors: &[FieldError], loc: &Loc<'_>) -> Vec<FieldView> {
    let specs: [(&'static str, &str, &'static str, &'static str); 5] = [
        ("name", &form.name, "name", "text"),
        ("email", &form.email, "email", "email"),
        ("street", &form.street, "street-address", "text"),
        ("postcode", &form.postcode, "postal-code", "text"),
        ("city", &form.city, "address-level2", "text"),
    ];
    specs
        .into_iter()
        .map(|(name, value, autocomplete, kind)| FieldView {
            name,
            label: loc.t(&format!("checkout-field-{name}")),
            value: value.to_owned(),
            autocomplete,
            kind,
            error: errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| loc.t(e.message)),
        })
        .collect()
}
