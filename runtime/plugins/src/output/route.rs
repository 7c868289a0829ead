//! The answers of plugin routes and delivery options, checked and resolved.

use super::{Resolver, check_size, invalid, quoted, valid_id};
use crate::api::RouteOutcome;
use crate::bindings::vitrine::plugin::types as wit;
use crate::error::Failure;
use crate::limits::MAX_DELIVERY_OPTIONS;
use vitrine_ui::DeliveryChoice;

/// A route's answer: a page in the storefront's layout or a redirect inside it.
pub fn route_outcome(
    resolver: &Resolver<'_>,
    response: &wit::RouteResponse,
) -> Result<RouteOutcome, Failure> {
    check_size(response)?;
    Ok(match response {
        wit::RouteResponse::Page(page) => RouteOutcome::Page {
            title: resolver.text(&page.title)?,
            blocks: resolver.ui(&page.ui)?,
        },
        wit::RouteResponse::Redirect(target) => RouteOutcome::Redirect(match target {
            wit::RedirectTarget::PluginRoute(route) => resolver.route_url(route)?,
            wit::RedirectTarget::Product(id) => {
                resolver.target(&wit::LinkTarget::Product(id.clone()))?
            }
            wit::RedirectTarget::Cart => resolver.target(&wit::LinkTarget::Cart)?,
            wit::RedirectTarget::Checkout => resolver.target(&wit::LinkTarget::Checkout)?,
        }),
    })
}

/// Delivery options as checkout's radio buttons, valued `{plugin}:{option id}`.
pub fn delivery_choices(
    resolver: &Resolver<'_>,
    plugin: &str,
    options: &[wit::DeliveryOption],
) -> Result<Vec<DeliveryChoice>, Failure> {
    if options.len() > MAX_DELIVERY_OPTIONS {
        return Err(invalid(format!(
            "more than {MAX_DELIVERY_OPTIONS} delivery options"
        )));
    }
    check_size(options)?;
    options
        .iter()
        .map(|option| {
            if !valid_id(&option.id) {
                return Err(invalid(format!(
                    "invalid delivery option id {}",
                    quoted(&option.id)
                )));
            }
            Ok(DeliveryChoice {
                value: format!("{plugin}:{}", option.id),
                label: resolver.text(&option.label)?,
                detail: option
                    .detail
                    .as_ref()
                    .map(|d| resolver.text(d))
                    .transpose()?,
            })
        })
        .collect()
}
