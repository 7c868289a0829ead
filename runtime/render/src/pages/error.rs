//! Localised error pages (404, 410, 4xx form errors, 5xx) inside the normal layout.

use askama::Template;
use vitrine_site::Storefront;

use super::{Page, RenderError, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::loc::Loc;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome<'a>,
    heading: String,
    message: String,
}

impl<'a> Renderer<'a> {
    /// An error page in a storefront's language; `kind` picks the messages
    /// `error-{kind}-title` and `error-{kind}-text` (`not-found`, `gone`, `bad-request`…);
    /// `path` is the requested path after the storefront prefix, for the canonical link.
    pub fn error(
        &self,
        storefront: &'a Storefront,
        path: &str,
        kind: &str,
        visitor: Visitor<'a>,
    ) -> Result<Page, RenderError> {
        let loc = Loc::new(storefront);
        let heading = loc.t(&format!("error-{kind}-title"));
        let spec = PageSpec {
            path,
            title: heading.clone(),
            offered_by: vec![storefront.id.as_str()],
            noindex: true,
            search_query: "",
            canonical: None,
        };
        let page = ErrorPage {
            message: loc.t(&format!("error-{kind}-text")),
            heading,
            chrome: self.chrome(storefront, spec, visitor),
        };
        Ok(Page {
            html: render(&page)?,
            tags: self.site.storefront_tags(storefront),
        })
    }
}
