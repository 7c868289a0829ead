//! How pages leave the server: a rendered page with its validators and caching headers, the
//! redirect after a form post, and the one localised error page every handler answers with
//! (its kind follows from the status). A page whose template failed is answered 500 here,
//! branded when the error page itself renders, logged and counted, and never cached.

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::SET_COOKIE;
use hyper::http::request::Parts;
use vitrine_render::{Page, RenderError, Visitor};
use vitrine_site::{Storefront, paths};

use super::context::{Ctx, Rendered};
use super::intake::Rejection;
use crate::response::{self, Caching, HtmlPage, Resp};
use crate::session::Session;

/// Sends a freshly rendered page, or the branded 500 when it failed to render.
pub fn send(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    rendered: Rendered,
    caching: Caching,
) -> Resp {
    match rendered.page {
        Ok(page) => html(parts, storefront, rendered.status, page, caching),
        Err(error) => render_failure(ctx, parts, storefront, &error),
    }
}

/// A rendered page as a response.
pub fn html(
    parts: &Parts,
    storefront: &Storefront,
    status: StatusCode,
    page: Page,
    caching: Caching,
) -> Resp {
    let Page { html, tags } = page;
    let body = Bytes::from(html);
    let etag = response::etag_of(&body);
    let language = storefront.l10n.locale.tag();
    response::html(
        &parts.headers,
        HtmlPage {
            status,
            body,
            etag: &etag,
            language: &language,
            caching,
            tags: &tags,
        },
    )
}

/// A template failed: logged, counted, answered with a branded 500 that no cache keeps (or a
/// plain one when the error page fails too).
pub fn render_failure(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    error: &RenderError,
) -> Resp {
    tracing::error!(%error, storefront = %storefront.id, "page failed to render");
    ctx.state.metrics().count_render_failure();
    let status = StatusCode::INTERNAL_SERVER_ERROR;
    match error_view(ctx, parts, storefront, status, Visitor::default()) {
        Ok(page) => html(parts, storefront, status, page, Caching::Private),
        Err(_) => response::text(status, "Internal error\n"),
    }
}

/// A 303 after a form post, setting the session cookie when the post started the session.
pub fn see_other(ctx: &Ctx, location: &str, session: Option<&Session>) -> Resp {
    let response = response::redirect(StatusCode::SEE_OTHER, location);
    with_new_session(ctx, response, session)
}

/// A response that sets the session cookie when the request started the session.
pub fn with_new_session(ctx: &Ctx, mut response: Resp, session: Option<&Session>) -> Resp {
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

/// The localised error page for a status, in the storefront's layout.
pub fn error_page(ctx: &Ctx, storefront: &Storefront, parts: &Parts, status: StatusCode) -> Resp {
    let page = error_view(ctx, parts, storefront, status, Visitor::default());
    send(
        ctx,
        parts,
        storefront,
        Rendered { status, page },
        Caching::Private,
    )
}

/// The error page of a rejected form post.
pub fn refused(ctx: &Ctx, storefront: &Storefront, parts: &Parts, rejection: Rejection) -> Resp {
    error_page(ctx, storefront, parts, rejection.status)
}

/// The error page's rendering for a status, with the shopper's view of the header.
pub fn error_view(
    ctx: &Ctx,
    parts: &Parts,
    storefront: &Storefront,
    status: StatusCode,
    visitor: Visitor<'_>,
) -> Result<Page, RenderError> {
    let path = paths::relative(&storefront.id, parts.uri.path()).unwrap_or_default();
    ctx.renderer()
        .error(storefront, path, kind_of(status), visitor)
}

/// Which error messages (`error-{kind}-title`, `error-{kind}-text`) a status shows.
fn kind_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::GONE => "gone",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::INTERNAL_SERVER_ERROR => "unavailable",
        _ => "bad-request",
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{demo_ctx, get};
    use super::*;

    fn broken() -> RenderError {
        RenderError {
            template: "vitrine_render::pages::catalogue::ProductPage",
            reason: "a value failed to format".into(),
        }
    }

    #[tokio::test]
    async fn a_page_that_failed_to_render_answers_a_branded_500_no_one_keeps() {
        let (_data, ctx) = demo_ctx().await;
        let parts = get("/nl-nl/p/canvas-tote");
        let storefront = ctx.snapshot.site.storefront("nl-nl").expect("storefront");
        let rendered = Rendered::ok(Err(broken()));
        let response = send(&ctx, &parts, storefront, rendered, Caching::Public);
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let cache_control = response
            .headers()
            .get("cache-control")
            .expect("cache-control");
        assert_eq!(cache_control, "private, no-store");
        let metrics = ctx.state.metrics().render(0, 0);
        assert!(
            metrics.contains("vitrine_render_failures_total 1"),
            "{metrics}"
        );
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("body")
            .to_bytes();
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("class=\"site-header\""), "branded: {html}");
    }

    #[test]
    fn every_status_has_its_messages() {
        assert_eq!(kind_of(StatusCode::NOT_FOUND), "not-found");
        assert_eq!(kind_of(StatusCode::GONE), "gone");
        assert_eq!(kind_of(StatusCode::PAYLOAD_TOO_LARGE), "too-large");
        assert_eq!(kind_of(StatusCode::INTERNAL_SERVER_ERROR), "unavailable");
        assert_eq!(kind_of(StatusCode::UNPROCESSABLE_ENTITY), "bad-request");
    }
}
