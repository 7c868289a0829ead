//! Checkout (delivery address, order stored) and the order confirmation page. Payment is out
//! of scope and the pages say so.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use vitrine_plugins::PageKind;
use vitrine_render::{CheckoutForm, FieldError, OrderSummary, Visitor};
use vitrine_site::{PagePath, PricedCart, PricedLine, Storefront};
use vitrine_store::{NewOrder, OrderLineRecord};
use vitrine_ui::DeliveryChoice;

use super::context::{Ctx, PageInfo, Rendered, Shopper};
use super::intake::{NewSession, intake};
use super::reply::{error_page, refused, send};
use super::slots::{self, OrderEvent};
use crate::forms::Form;
use crate::response::{self, Caching, Resp};
use crate::session::Session;

const MAX_FIELD_CHARS: usize = 200;

/// `GET /{m}/checkout`.
pub async fn form(ctx: &Ctx, storefront: &Storefront, parts: &Parts) -> Resp {
    let session = ctx.session(&parts.headers);
    render_form(
        ctx,
        storefront,
        parts,
        session.as_ref(),
        &CheckoutForm::default(),
        &[],
        StatusCode::OK,
    )
    .await
}

/// `POST /{m}/checkout`: validates the address, records the order, empties the cart and
/// redirects to the confirmation.
pub async fn place(ctx: &Ctx, storefront: &Storefront, parts: Parts, body: Incoming) -> Resp {
    let (session, form) = match intake(ctx, &parts, body, NewSession::Refused).await {
        Ok(accepted) => accepted,
        Err(rejection) => return refused(ctx, storefront, &parts, rejection),
    };
    let address = address(&form);
    let mut errors = validate(&address);
    let shopper = Shopper::load(ctx, storefront, Some(&session)).await;
    if shopper.lines.is_empty() {
        return response::redirect(StatusCode::SEE_OTHER, &PagePath::Cart.url(&storefront.id));
    }
    // A recalled line stops checkout: the page names it and sends the shopper to the cart.
    let recalled = shopper.cart.recalled().next().is_some();
    let options = slots::delivery(ctx, storefront, &shopper).await;
    let delivery = chosen_delivery(&address.delivery, &options);
    if delivery.is_none() {
        errors.push(FieldError {
            field: "delivery",
            message: "checkout-error-delivery",
        });
    }
    if recalled || !errors.is_empty() {
        let status = match recalled {
            true => StatusCode::CONFLICT,
            false => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let session = Some(&session);
        return render_form(ctx, storefront, &parts, session, &address, &errors, status).await;
    }
    let delivery = delivery.flatten();
    record_consent(ctx, &session, &address).await;
    match record(ctx, storefront, &session, &shopper, address, delivery).await {
        Some(id) => response::redirect(
            StatusCode::SEE_OTHER,
            &PagePath::Order(&id).url(&storefront.id),
        ),
        None => error_page(ctx, storefront, &parts, StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// `GET /{m}/orders/{id}`: only the session that placed the order may see it.
pub async fn order(ctx: &Ctx, storefront: &Storefront, parts: &Parts, id: &str) -> Resp {
    let session = ctx.session(&parts.headers);
    let found = match (&session, ctx.state.db().order(id).await) {
        (Some(session), Ok(Some(record)))
            if record.order.session == session.id && record.order.market == storefront.market =>
        {
            Some(record)
        }
        _ => None,
    };
    let Some(record) = found else {
        return error_page(ctx, storefront, parts, StatusCode::NOT_FOUND);
    };
    let (id, placed_at, order) = (record.id, record.placed_at, record.order);
    let placed = time::OffsetDateTime::from_unix_timestamp(placed_at)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let summary = OrderSummary {
        id,
        placed_on: (placed.year(), u8::from(placed.month()), placed.day()),
        cart: PricedCart {
            lines: order
                .lines
                .into_iter()
                .map(|l| PricedLine {
                    product: l.product,
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    recalled: false,
                })
                .collect(),
        },
        address: CheckoutForm {
            name: order.name,
            email: order.email,
            street: order.street,
            postcode: order.postcode,
            city: order.city,
            delivery: order.delivery.unwrap_or_default(),
            share_postcode: false,
        },
        delivery_label: order.delivery_label,
    };
    let visitor = Visitor {
        csrf: session.as_ref().map(|s| s.csrf.as_str()),
        ..Visitor::default()
    };
    let page = ctx.renderer().order(storefront, &summary, visitor);
    send(ctx, parts, storefront, Rendered::ok(page), Caching::Private)
}

async fn record(
    ctx: &Ctx,
    storefront: &Storefront,
    session: &Session,
    shopper: &Shopper<'_>,
    address: CheckoutForm,
    delivery: Option<&DeliveryChoice>,
) -> Option<String> {
    let market = ctx.snapshot.site.market_of(storefront);
    let lines = shopper
        .cart
        .lines
        .iter()
        .map(|line| OrderLineRecord {
            product: line.product.clone(),
            quantity: line.quantity,
            unit_price: line.unit_price,
        })
        .collect();
    let order = NewOrder {
        session: session.id.clone(),
        market: market.id.clone(),
        storefront: storefront.id.clone(),
        currency: market.currency.code().to_owned(),
        lines,
        name: address.name,
        email: address.email,
        street: address.street,
        postcode: address.postcode,
        city: address.city,
        country: market.country.clone(),
        delivery: delivery.map(|d| d.value.clone()),
        delivery_label: delivery.map(|d| d.label.clone()),
    };
    match ctx.state.db().place_order(&order).await {
        Ok(id) => {
            let event = OrderEvent {
                id: id.clone(),
                cart: shopper.cart.clone(),
                delivery: order.delivery.clone(),
            };
            slots::order_placed(ctx, storefront, shopper, event).await;
            Some(id)
        }
        Err(error) => {
            tracing::error!(%error, "placing an order failed");
            None
        }
    }
}

/// Records or withdraws the shopper's consent to let shop features read their postcode, as
/// the checkbox at checkout says.
async fn record_consent(ctx: &Ctx, session: &Session, address: &CheckoutForm) {
    let db = ctx.state.db();
    let result = if address.share_postcode {
        db.grant_postcode(&session.id, &address.postcode).await
    } else {
        db.withdraw_postcode(&session.id).await
    };
    if let Err(error) = result {
        tracing::error!(%error, "recording a consent failed");
    }
}

fn address(form: &Form) -> CheckoutForm {
    let field = |name: &str| form.get(name).unwrap_or_default().trim().to_owned();
    CheckoutForm {
        name: field("name"),
        email: field("email"),
        street: field("street"),
        postcode: field("postcode"),
        city: field("city"),
        delivery: form.get("delivery").unwrap_or("home").to_owned(),
        share_postcode: form.get("share_postcode") == Some("yes"),
    }
}

/// The delivery the shopper chose: `Some(None)` for home delivery, `Some(Some(option))`
/// for a plugin's option, `None` for anything not on offer.
fn chosen_delivery<'o>(
    value: &str,
    options: &'o [DeliveryChoice],
) -> Option<Option<&'o DeliveryChoice>> {
    if value == "home" {
        return Some(None);
    }
    options.iter().find(|o| o.value == value).map(Some)
}

/// Every field is required, at most 200 characters, without control characters; the email
/// must look like one.
fn validate(form: &CheckoutForm) -> Vec<FieldError> {
    let fields: [(&'static str, &str); 5] = [
        ("name", &form.name),
        ("email", &form.email),
        ("street", &form.street),
        ("postcode", &form.postcode),
        ("city", &form.city),
    ];
    fields
        .into_iter()
        .filter_map(|(field, value)| {
            let message = if value.is_empty() {
                "checkout-error-required"
            } else if value.chars().count() > MAX_FIELD_CHARS || value.chars().any(char::is_control)
            {
                "checkout-error-too-long"
            } else if field == "email" && !looks_like_email(value) {
                "checkout-error-email"
            } else {
                return None;
            };
            Some(FieldError { field, message })
        })
        .collect()
}

fn looks_like_email(value: &str) -> bool {
    value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.contains(' ')
    })
}

async fn render_form(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    session: Option<&Session>,
    form: &CheckoutForm,
    errors: &[FieldError],
    status: StatusCode,
) -> Resp {
    let shopper = Shopper::load(ctx, storefront, session).await;
    let delivery = slots::delivery(ctx, storefront, &shopper).await;
    let page_info = PageInfo::of(PageKind::Checkout);
    let (slots, _) = slots::slots(ctx, storefront, page_info, &shopper).await;
    let visitor = shopper.visitor(&slots, &delivery);
    let page = ctx
        .renderer()
        .checkout(storefront, &shopper.cart, form, errors, visitor);
    send(
        ctx,
        parts,
        storefront,
        Rendered { status, page },
        Caching::Private,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str) -> CheckoutForm {
        CheckoutForm {
            name: "Ana".into(),
            email: email.into(),
            street: "Meir 1".into(),
            postcode: "2000".into(),
            city: "Antwerpen".into(),
            delivery: "home".into(),
            share_postcode: false,
        }
    }

    #[test]
    fn a_complete_address_passes() {
        assert!(validate(&form("ana@example.be")).is_empty());
    }

    #[test]
    fn bad_fields_are_named() {
        let errors = validate(&form("not-an-email"));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field, errors[0].message),
            ("email", "checkout-error-email")
        );
        let mut empty = form("a@b.c");
        empty.city.clear();
        assert_eq!(validate(&empty)[0].message, "checkout-error-required");
    }
}
