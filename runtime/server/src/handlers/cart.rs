//! The cart page and the form posts that change it. A rejected change answers with the cart
//! page, a localised message and a 4xx status; the cart stays as it was.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use vitrine_plugins::PageKind;
use vitrine_site::{PagePath, Storefront};
use vitrine_store::{MAX_QUANTITY, StoreError};

use super::context::{Ctx, PageInfo, Rendered, Shopper};
use super::intake::{NewSession, Rejection, intake};
use super::reply::{see_other, send};
use super::slots::slots;
use crate::forms::Form;
use crate::response::{Caching, Resp};
use crate::routes::CartAction;
use crate::session::Session;

/// `GET /{m}/cart`.
pub async fn show(ctx: &Ctx, storefront: &Storefront, parts: &Parts) -> Resp {
    let session = ctx.session(&parts.headers);
    cart_page(ctx, storefront, parts, session.as_ref(), None).await
}

/// `POST /{m}/cart/{add,update,remove}`.
pub async fn change(
    ctx: &Ctx,
    storefront: &Storefront,
    action: CartAction,
    parts: Parts,
    body: Incoming,
) -> Resp {
    let outcome = match intake(ctx, &parts, body, NewSession::Allowed).await {
        Ok((session, form)) => apply(ctx, storefront, action, session, &form).await,
        Err(rejection) => Err(rejection),
    };
    match outcome {
        Ok(session) => see_other(ctx, &PagePath::Cart.url(&storefront.id), Some(&session)),
        Err(rejection) => {
            let existing = ctx.session(&parts.headers);
            cart_page(ctx, storefront, &parts, existing.as_ref(), Some(rejection)).await
        }
    }
}

async fn apply(
    ctx: &Ctx,
    storefront: &Storefront,
    action: CartAction,
    session: Session,
    form: &Form,
) -> Result<Session, Rejection> {
    let product = product(ctx, storefront, form)?;
    // A recalled line can still be removed, never added to or changed.
    if action != CartAction::Remove && ctx.snapshot.recalls.covers(product, &storefront.id) {
        return Err(Rejection::new(StatusCode::GONE, "cart-error-recalled"));
    }
    let market = &storefront.market;
    let db = ctx.state.db();
    let result = match action {
        CartAction::Add => db
            .add_to_cart(&session.id, market, product, quantity(form)?)
            .await
            .map(|()| true),
        CartAction::Update => {
            db.set_quantity(&session.id, market, product, quantity(form)?)
                .await
        }
        CartAction::Remove => db.remove_from_cart(&session.id, market, product).await,
    };
    match result {
        Ok(true) => Ok(session),
        Ok(false) => Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "cart-error-unknown-product",
        )),
        Err(StoreError::CartLimit(_)) => Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "cart-error-quantity",
        )),
        Err(error) => {
            tracing::error!(%error, "cart change failed");
            Err(Rejection::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "error-unavailable-text",
            ))
        }
    }
}

fn product<'f>(ctx: &Ctx, storefront: &Storefront, form: &'f Form) -> Result<&'f str, Rejection> {
    let id = form
        .get("product")
        .ok_or_else(|| Rejection::new(StatusCode::BAD_REQUEST, "cart-error-malformed"))?;
    if !ctx.snapshot.site.products.contains_key(id) {
        return Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "cart-error-unknown-product",
        ));
    }
    if !ctx.snapshot.site.market_of(storefront).sells(id) {
        return Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "cart-error-not-sold",
        ));
    }
    Ok(id)
}

fn quantity(form: &Form) -> Result<u32, Rejection> {
    let invalid = || Rejection::new(StatusCode::UNPROCESSABLE_ENTITY, "cart-error-quantity");
    let quantity: u32 = form
        .get("quantity")
        .and_then(|q| q.trim().parse().ok())
        .ok_or_else(invalid)?;
    (1..=MAX_QUANTITY)
        .contains(&quantity)
        .then_some(quantity)
        .ok_or_else(invalid)
}

async fn cart_page(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    session: Option<&Session>,
    rejection: Option<Rejection>,
) -> Resp {
    let shopper = Shopper::load(ctx, storefront, session).await;
    let (slots, _) = slots(ctx, storefront, PageInfo::of(PageKind::Cart), &shopper).await;
    let visitor = shopper.visitor(&slots, &[]);
    let (status, message) =
        rejection.map_or((StatusCode::OK, None), |r| (r.status, Some(r.message)));
    let page = ctx
        .renderer()
        .cart(storefront, &shopper.cart, message, visitor);
    send(
        ctx,
        parts,
        storefront,
        Rendered { status, page },
        Caching::Private,
    )
}
