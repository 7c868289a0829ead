//! Plugin-owned routes, `GET|POST /{m}/x/{plugin}/{route}`: the plugin answers a page inside
//! the storefront's layout, a redirect inside the storefront, not found or invalid input; a
//! failing plugin answers the branded 503.

use hyper::body::Incoming;
use hyper::http::request::Parts;
use hyper::{Method, StatusCode};
use vitrine_plugins::{CallContext, PageKind, RouteOutcome, RouteRequest};
use vitrine_render::Visitor;
use vitrine_site::{PagePath, Storefront};

use super::context::{Ctx, PageInfo, Rendered, Shopper};
use super::intake::{NewSession, intake};
use super::reply::{error_page, refused, see_other, send, with_new_session};
use super::slots::{call_context, fragment};
use crate::response::{Caching, Resp};
use crate::session::Session;

/// `GET|POST /{m}/x/{plugin}/{path}`.
pub async fn route(
    ctx: &Ctx,
    storefront: &Storefront,
    plugin: &str,
    path: &str,
    parts: Parts,
    body: Incoming,
) -> Resp {
    let route_name = path.split('/').next().unwrap_or_default();
    if !ctx
        .snapshot
        .plugins
        .owns_route(&storefront.id, plugin, route_name)
    {
        return error_page(ctx, storefront, &parts, StatusCode::NOT_FOUND);
    }
    let post = match parts.method {
        Method::GET | Method::HEAD => false,
        Method::POST => true,
        _ => {
            return super::only_get(&parts)
                .unwrap_or_else(|| error_page(ctx, storefront, &parts, StatusCode::NOT_FOUND));
        }
    };
    let (session, form) = match sender(ctx, storefront, &parts, body, post).await {
        Ok(sent) => sent,
        Err(refusal) => return refusal,
    };
    let shopper = Shopper::load(ctx, storefront, session.as_ref()).await;
    let call = call_context(ctx, storefront, PageInfo::of(PageKind::Plugin), &shopper).await;
    let request = route_request(&parts, path, post, form);
    let budget = ctx.budget();
    let asked = Asked {
        plugin,
        path,
        call: &call,
    };
    match ctx
        .snapshot
        .plugins
        .handle_route(plugin, &request, &call, &budget)
        .await
    {
        Ok(outcome) => answer(ctx, storefront, &parts, asked, &shopper, outcome),
        Err(_) => error_page(ctx, storefront, &parts, StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// Who sends the request and, for a post, its form: a post comes through the form intake.
async fn sender(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    body: Incoming,
    post: bool,
) -> Result<(Option<Session>, Vec<(String, String)>), Resp> {
    if !post {
        return Ok((ctx.session(&parts.headers), Vec::new()));
    }
    match intake(ctx, parts, body, NewSession::Allowed).await {
        Ok((session, form)) => Ok((Some(session), form.fields().to_vec())),
        Err(rejection) => Err(refused(ctx, storefront, parts, rejection)),
    }
}

/// The request as the plugin receives it.
fn route_request(
    parts: &Parts,
    path: &str,
    post: bool,
    form: Vec<(String, String)>,
) -> RouteRequest {
    let query = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    RouteRequest {
        post,
        path: path.to_owned(),
        query,
        form,
    }
}

/// Which plugin route a request asked for, and the context it was called with.
struct Asked<'a> {
    plugin: &'a str,
    path: &'a str,
    call: &'a CallContext,
}

fn answer(
    ctx: &Ctx,
    storefront: &Storefront,
    parts: &Parts,
    asked: Asked<'_>,
    shopper: &Shopper<'_>,
    outcome: RouteOutcome,
) -> Resp {
    let Asked { plugin, path, call } = asked;
    let page_path = PagePath::Plugin {
        plugin,
        route: path,
    }
    .relative();
    let (status, title, body, visitor) = match outcome {
        RouteOutcome::Redirect(location) => return see_other(ctx, &location, shopper.session),
        RouteOutcome::NotFound => return error_page(ctx, storefront, parts, StatusCode::NOT_FOUND),
        RouteOutcome::Page { title, blocks } => {
            let Some(body) = fragment(ctx, storefront, plugin, call, &blocks, shopper.csrf())
            else {
                return error_page(ctx, storefront, parts, StatusCode::SERVICE_UNAVAILABLE);
            };
            (StatusCode::OK, title, body, shopper.visitor(&[], &[]))
        }
        RouteOutcome::Invalid(message) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            message,
            String::new(),
            Visitor::default(),
        ),
    };
    let page = ctx
        .renderer()
        .plugin_page(storefront, &page_path, plugin, &title, body, visitor);
    let rendered = Rendered { status, page };
    let response = send(ctx, parts, storefront, rendered, Caching::Private);
    // A post that started the session answers with its cookie, whatever the plugin says.
    with_new_session(ctx, response, shopper.session)
}
