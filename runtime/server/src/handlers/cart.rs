//! The cart page and the form posts that change it. A rejected change answers with the cart
//! page, a localised message and a 4xx status; the cart stays as it was.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::header::{HOST, ORIGIN, SET_COOKIE};
use hyper::http::request::Parts;
use vitrine_render::CartLine;
use vitrine_site::{PagePath, Storefront};
use vitrine_store::{MAX_QUANTITY, StoreError};

use super::plugins::{self, PageInfo, PageKind, Shopper};
use super::{Ctx, Rendered, pages};
use crate::forms::{Form, FormError, read_form};
use crate::response::{self, Caching, Resp};
use crate::routes::CartAction;
use crate::session::Session;

/// The Fetch Metadata header browsers send with every request.
const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// A rejected request: status and the message id explaining it.
pub struct Rejection {
    /// 4xx status.
    pub status: StatusCode,
    /// Fluent message id.
    pub message: &'static str,
}

impl Rejection {
    fn new(status: StatusCode, message: &'static str) -> Self {
        Self { status, message }
    }
}

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
    let existing = ctx.session(&parts.headers);
    let outcome = match read(ctx, &parts, body).await {
        Ok(form) => apply(ctx, storefront, action, &parts, existing.clone(), &form).await,
        Err(rejection) => Err(rejection),
    };
    match outcome {
        Ok(session) => see_other(ctx, &PagePath::Cart.url(&storefront.id), Some(&session)),
        Err(rejection) => {
            cart_page(ctx, storefront, &parts, existing.as_ref(), Some(rejection)).await
        }
    }
}

/// A 303 after a form post, setting the session cookie when the post started the session.
pub fn see_other(ctx: &Ctx, location: &str, session: Option<&Session>) -> Resp {
    let mut response = response::redirect(StatusCode::SEE_OTHER, location);
    if let Some(session) = session.filter(|s| s.is_new) {
        let secure = ctx.state.config().public_url.starts_with("https://");
        response::insert(
            response.headers_mut(),
            SET_COOKIE,
            &session.set_cookie(secure),
        );
    }
    response
}

/// Reads a form body, mapping size and format problems to rejections.
pub async fn read(ctx: &Ctx, parts: &Parts, body: Incoming) -> Result<Form, Rejection> {
    read_form(&parts.headers, body, ctx.state.config().max_body_bytes)
        .await
        .map_err(|error| match error {
            FormError::TooLarge => {
                Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "cart-error-too-large")
            }
            FormError::Malformed => Rejection::new(StatusCode::BAD_REQUEST, "cart-error-malformed"),
        })
}

async fn apply(
    ctx: &Ctx,
    storefront: &Storefront,
    action: CartAction,
    parts: &Parts,
    existing: Option<Session>,
    form: &Form,
) -> Result<Session, Rejection> {
    let session = authorise(ctx, parts, existing, form)?;
    let product = product(ctx, storefront, form)?;
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

/// A shopper with a session must send its CSRF token. A shopper without one gets a new
/// session, provided the browser says the form came from this site.
pub fn authorise(
    ctx: &Ctx,
    parts: &Parts,
    existing: Option<Session>,
    form: &Form,
) -> Result<Session, Rejection> {
    let forbidden = || Rejection::new(StatusCode::FORBIDDEN, "cart-error-csrf");
    match existing {
        Some(session) if session.verify_csrf(ctx.state.secret(), form.get("csrf")) => Ok(session),
        Some(_) => Err(forbidden()),
        None if same_origin(ctx, parts) => Session::start(ctx.state.secret()).ok_or_else(forbidden),
        None => Err(forbidden()),
    }
}

/// Whether the browser says the form came from this site: `Sec-Fetch-Site` is not
/// `cross-site`, and `Origin` (when sent) is the public URL or the requested host.
fn same_origin(ctx: &Ctx, parts: &Parts) -> bool {
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    if header(SEC_FETCH_SITE) == Some("cross-site") {
        return false;
    }
    let Some(origin) = header(ORIGIN.as_str()) else {
        return true;
    };
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    origin == ctx.state.config().public_url
        || (origin_host.is_some() && origin_host == header(HOST.as_str()))
}

fn product<'f>(ctx: &Ctx, storefront: &Storefront, form: &'f Form) -> Result<&'f str, Rejection> {
    let id = form
        .get("product")
        .ok_or_else(|| Rejection::new(StatusCode::BAD_REQUEST, "cart-error-malformed"))?;
    if !ctx.site.products.contains_key(id) {
        return Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "cart-error-unknown-product",
        ));
    }
    if !ctx.site.market_of(storefront).sells(id) {
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

/// The session's cart in the storefront's market (empty without a session or on error).
pub async fn lines(ctx: &Ctx, storefront: &Storefront, session: Option<&Session>) -> Vec<CartLine> {
    let Some(session) = session else {
        return Vec::new();
    };
    match ctx.state.db().cart(&session.id, &storefront.market).await {
        Ok(items) => items
            .into_iter()
            .map(|i| CartLine {
                product: i.product,
                quantity: i.quantity,
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, "reading the cart failed");
            Vec::new()
        }
    }
}

async fn cart_page(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    session: Option<&Session>,
    rejection: Option<Rejection>,
) -> Resp {
    let shopper = Shopper::load(ctx, storefront, session).await;
    let page_info = PageInfo::of(PageKind::Cart);
    let (slots, _) = plugins::slots(ctx, storefront, page_info, &shopper).await;
    let visitor = shopper.visitor(&slots, &[]);
    let (status, message) =
        rejection.map_or((StatusCode::OK, None), |r| (r.status, Some(r.message)));
    let page = ctx
        .renderer()
        .cart(storefront, &shopper.lines, message, visitor);
    pages::send(
        parts,
        storefront,
        Rendered { status, page },
        Caching::Private,
    )
}
