//! Form intake, the one way every state-changing post comes in (cart changes, checkout,
//! plugin routes): the body read within its size limit, then the sender authorised. A
//! shopper with a session must send its CSRF token; a shopper without one gets a new
//! session, where the handler allows it, provided the browser says the form came from this
//! site.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::header::{HOST, ORIGIN};
use hyper::http::request::Parts;

use super::context::Ctx;
use crate::forms::{Form, FormError, read_form};
use crate::session::Session;

/// The Fetch Metadata header browsers send with every request.
const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// A rejected request: status and the message id explaining it.
#[derive(Clone, Copy, Debug)]
pub struct Rejection {
    /// 4xx (or 503) status.
    pub status: StatusCode,
    /// Fluent message id.
    pub message: &'static str,
}

impl Rejection {
    /// A rejection with its status and message id.
    pub fn new(status: StatusCode, message: &'static str) -> Self {
        Self { status, message }
    }
}

/// Whether a post may start a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewSession {
    /// A first post from this site starts one (adding to the cart, picking a store).
    Allowed,
    /// Only a shopper who already has one may post (checkout).
    Refused,
}

/// Reads and authorises a form post: the shopper's session (new or existing) and the form.
pub async fn intake(
    ctx: &Ctx,
    parts: &Parts,
    body: Incoming,
    new_session: NewSession,
) -> Result<(Session, Form), Rejection> {
    let existing = ctx.session(&parts.headers);
    let form = read(ctx, parts, body).await?;
    if existing.is_none() && new_session == NewSession::Refused {
        return Err(forbidden());
    }
    let session = authorise(ctx, parts, existing, &form)?;
    Ok((session, form))
}

/// Reads a form body, mapping size and format problems to rejections.
async fn read(ctx: &Ctx, parts: &Parts, body: Incoming) -> Result<Form, Rejection> {
    read_form(&parts.headers, body, ctx.state.config().max_body_bytes)
        .await
        .map_err(|error| match error {
            FormError::TooLarge => {
                Rejection::new(StatusCode::PAYLOAD_TOO_LARGE, "cart-error-too-large")
            }
            FormError::Malformed => Rejection::new(StatusCode::BAD_REQUEST, "cart-error-malformed"),
        })
}

fn forbidden() -> Rejection {
    Rejection::new(StatusCode::FORBIDDEN, "cart-error-csrf")
}

/// A shopper with a session must send its CSRF token. A shopper without one gets a new
/// session, provided the browser says the form came from this site.
fn authorise(
    ctx: &Ctx,
    parts: &Parts,
    existing: Option<Session>,
    form: &Form,
) -> Result<Session, Rejection> {
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
